/**
 * `kubectl options`: the global flags, as its usage template prints them (templates.UseOptionsTemplates
 * in pkg/util/templates). Arguments are ignored; its help template is empty, so `--help` prints nothing.
 */
import { helpText } from '../help/help';
import type { Invocation } from '../invocation';
import { register } from './registry';

function options(inv: Invocation): number {
  inv.out(helpText('options', inv.ctx.env.HOME ?? inv.ctx.user.home));
  return 0;
}

register('options', options);
