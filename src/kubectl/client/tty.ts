/**
 * StreamOptions.SetupTTY (kubectl's exec and attach): a terminal is used only with -i, when -t
 * asks for one and kubectl's own input is a terminal. Input from a pipe, a file or a
 * here-document turns -t off, with kubectl's warning unless --quiet.
 */
import type { Invocation } from '../invocation';

export function setupTTY(inv: Invocation, stdin: boolean, tty: boolean, quiet: boolean): boolean {
  if (!stdin || !tty) return false;
  if (!inv.ctx.stdinIsTTY) {
    if (!quiet) inv.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    return false;
  }
  return true;
}
