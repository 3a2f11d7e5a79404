/**
 * `tmux` (3.2a, as on Ubuntu 22.04): a terminal multiplexer on the simulated terminal.
 *
 * - model.ts: the server of one user on one machine (socket /tmp/tmux-UID/default) with its
 *   sessions, windows and paste buffers; it lives while the page lives, attached or not.
 * - pane.ts: a pane is a login shell (a shell Session of its own, opened through
 *   ctx.openSession so it reaches the same hosts) with the terminal's own line editor, drawing
 *   into screen.ts: an @xterm/headless emulator per pane — the page terminal's parser, so vim,
 *   nano, less or `watch` in a pane behave as full screen, with scrollback for copy mode.
 * - layout.ts: the layout tree (splits, closes, resizes as tmux sizes them); compose.ts draws a
 *   window with its borders and the status line; client.ts is an attached client (prefix key,
 *   prompts, messages); keys.ts the prefix table; copy-mode.ts copy and view modes;
 *   display-panes.ts prefix q.
 * - commands.ts: tmux's command table (new, attach, ls, kill-session, split-window, send-keys,
 *   capture-pane…), with targets.ts, formats.ts and key-names.ts.
 */
import type { Program } from '../../shell/command';
import { runCommand, VERSION } from './commands';
import { loadEmulator } from './screen';

const USAGE = 'usage: tmux [-2CDlNuvV] [-c shell-command] [-f file] [-L socket-name]\n            [-S socket-path] [-T features] [command [flags]]\n';

/** tmux's own options before the command: the ones that take a value, and the flags. */
const VALUE_OPTIONS = new Set(['c', 'f', 'L', 'S', 'T']);
const FLAG_OPTIONS = new Set(['2', 'C', 'D', 'l', 'N', 'u', 'v', 'V']);

export const tmux: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j++) {
      const o = a[j];
      if (o === 'V') {
        ctx.stdout.write(`tmux ${VERSION}\n`);
        return 0;
      }
      if (VALUE_OPTIONS.has(o)) {
        if (j + 1 === a.length) i++;
        if (i >= argv.length) {
          ctx.stderr.write(`tmux: option requires an argument -- ${o}\n${USAGE}`);
          return 1;
        }
        break;
      }
      if (!FLAG_OPTIONS.has(o)) {
        ctx.stderr.write(`tmux: unknown option -- ${o}\n${USAGE}`);
        return 1;
      }
    }
  }
  const command = argv.slice(i);
  if (!command.length) command.push('new-session');
  await loadEmulator();
  return runCommand(
    {
      ctx,
      machine: ctx.machine as object,
      uid: ctx.user.uid,
      out: (t) => ctx.stdout.write(t),
      err: (t) => ctx.stderr.write(t),
    },
    command,
  );
};
