/**
 * Commands that only group subcommands. Most run cobra's DefaultSubCommandRun on stderr (help,
 * exit 1); `rollout` passes stdout, and `certificate` has no Run at all (help on stdout, exit 0).
 */
import { usageError } from '../errors';
import { helpText } from '../help/help';
import type { Invocation } from '../invocation';
import { register } from './registry';

function groupOn(stream: 'out' | 'err', exitCode: number) {
  return (inv: Invocation): number => {
    if (inv.flags.args.length > 0) throw usageError(inv.path, `unknown command "${inv.flags.args.join(' ')}"`);
    inv[stream](helpText(inv.path, inv.ctx.env.HOME ?? inv.ctx.user.home));
    return exitCode;
  };
}

register('rollout', groupOn('out', 1));
register('certificate', groupOn('out', 0));
