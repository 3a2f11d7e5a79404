/**
 * `tmux` (3.2a, as on Ubuntu 22.04): a terminal multiplexer on the simulated terminal. Sessions,
 * windows and panes live in a server per machine and user (model.ts) while the page lives; each
 * pane is a login shell with its own line editor drawing into its own VT screen (pane.ts,
 * screen.ts); a client draws the current window with borders and the status line (client.ts,
 * compose.ts) and reads the prefix key (keys.ts); commands.ts is tmux's command table.
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
