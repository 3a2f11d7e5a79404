/**
 * busybox watch (procps/watch.c at 1_36_1), not procps': `watch [-n SEC] [-t] PROG ARGS` joins
 * its operands into one command and, until it is stopped, clears the screen (ESC[H ESC[J), prints
 * the header "Every N.Ns: CMD" padded to the terminal's width with the time (YYYY-MM-DD HH:MM:SS)
 * at its right end and a blank line, runs the command through system() with its output straight
 * to watch's own, then sleeps the period. Without a terminal the width is 80 (get_terminal_width).
 */
import type { Program } from '../../../shell/command';
import { strftime } from '../../../shell/commands/lib/time';
import { busyboxDuration } from './timeout';
import { showUsage } from './usage';
import { getopt } from './getopt';

export const busyboxWatch: Program = async (ctx) => {
  // getopt32 "^+dtn:" "\0" "-1": options end at the first operand; at least one operand.
  const { seen, operands } = getopt(ctx.argv.slice(1), 'dt', 'n', false);
  const period = seen.get('n')?.at(-1) ?? '2';
  const title = !seen.has('t');
  const command = operands.join(' ');
  if (!command) {
    showUsage('watch', ctx.stderr);
    return 1;
  }
  const seconds = busyboxDuration(period);
  if (seconds === null) {
    showUsage('watch', ctx.stderr);
    return 1;
  }
  if (seconds === undefined) {
    ctx.stderr.write(`watch: invalid number '${period}'\n`);
    return 1;
  }
  const width = ctx.tty?.columns ?? 80;
  while (!ctx.signal.aborted) {
    let screen = '\x1b[H\x1b[J';
    if (title) {
      const header = `Every ${seconds.toFixed(1)}s: ${command}`.padEnd(width).slice(0, width);
      // strftime writes its 19 characters and the NUL at width - 20: the header ends a column early.
      screen += width > 20 ? `${header.slice(0, width - 20)}${strftime('%Y-%m-%d %H:%M:%S', ctx.clock.now())}` : header;
      screen += '\n\n';
    }
    ctx.stdout.write(screen);
    await ctx.spawn?.(command);
    await ctx.clock.sleep(seconds * 1000, ctx.signal);
  }
  return 130;
};
