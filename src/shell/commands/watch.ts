/**
 * watch (procps): re-run a command every -n seconds on the simulated clock. On a terminal it takes
 * the screen (alternate buffer) with the `Every 2.0s: CMD    host: DATE` header; Ctrl-C ends it.
 */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { StringInput, StringOutput } from './lib/streams';
import { strftime } from './lib/time';
import { shellQuote } from './xargs';

export const watch: Program = async (ctx) => {
  const args = parseArgs(ctx, [withArg('n', 'interval'), flag('t', 'no-title'), flag('d', 'differences'), flag('x', 'exec'), flag('e', 'errexit'), flag('g', 'chgexit'), flag('b', 'beep'), flag('c', 'color')], { stopAtOperand: true });
  if (typeof args === 'number') return args;
  if (!args.operands.length) {
    ctx.stderr.write(`\nUsage:\n watch [options] command\n\nOptions:\n  -b, --beep             beep if command has a non-zero exit\n  -c, --color            interpret ANSI color and style sequences\n  -d, --differences[=<permanent>]\n                         highlight changes between updates\n  -e, --errexit          exit if command has a non-zero exit\n  -g, --chgexit          exit when output from command changes\n  -n, --interval <secs>  seconds to wait between updates\n  -p, --precise          attempt run command in precise intervals\n  -t, --no-title         turn off header\n  -w, --no-wrap          turn off line wrapping\n  -x, --exec             pass command to exec instead of "sh -c"\n\n -h, --help     display this help and exit\n -v, --version  output version information and exit\n\nFor more details see watch(1).\n`);
    return 1;
  }
  const raw = args.last('n') ?? '2';
  let secs = Number(raw.replace(',', '.'));
  if (!Number.isFinite(secs)) {
    ctx.stderr.write(`watch: failed to parse argument: '${raw}'\n`);
    return 1;
  }
  secs = Math.max(0.1, secs);
  const line = args.has('x') ? args.operands.map(shellQuote).join(' ') : args.operands.join(' ');
  const tty = ctx.tty;
  const write = (s: string) => (tty ? tty.write(s) : ctx.stdout.write(s));
  if (tty) write('\x1b[?1049h');
  let previous: string | null = null;
  try {
    while (!ctx.signal.aborted) {
      const out = new StringOutput();
      const status = ctx.spawn ? await ctx.spawn(line, { stdin: new StringInput(''), stdout: out, stderr: out }) : 127;
      const columns = tty?.columns ?? ctx.columns;
      let screen = '';
      if (!args.has('t')) {
        const left = `Every ${secs.toFixed(1)}s: ${line}`;
        const right = `${ctx.host}: ${strftime('%a %b %e %H:%M:%S %Y', ctx.clock.now())}`;
        const gap = Math.max(1, columns - left.length - right.length);
        screen += left.length + right.length + 1 > columns ? `${left.slice(0, Math.max(0, columns - right.length - 1))} ${right}` : left + ' '.repeat(gap) + right;
        screen += '\n\n';
      }
      screen += out.text;
      write(`\x1b[H\x1b[2J${screen.replace(/\n/g, '\r\n')}`);
      if (args.has('e') && status !== 0) break;
      if (args.has('g') && previous !== null && previous !== out.text) break;
      previous = out.text;
      await ctx.clock.sleep(secs * 1000, ctx.signal);
    }
  } finally {
    if (tty) write('\x1b[?1049l');
  }
  return 0;
};
