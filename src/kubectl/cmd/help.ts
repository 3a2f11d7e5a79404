/** `kubectl help [command]`: the help of the named command. */
import { findCommand } from '../dispatch';
import { commandHelp } from '../help/help';
import type { Invocation } from '../invocation';
import { register } from './registry';

function help(inv: Invocation): number {
  const { path } = findCommand(inv.flags.args);
  inv.out(commandHelp(path, inv.ctx.env.HOME ?? inv.ctx.user.home));
  return 0;
}

register('help', help);
