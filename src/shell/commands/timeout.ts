/**
 * timeout (GNU coreutils): run a command and end it when DURATION has passed on the clock
 * (`timeout 5 kubectl logs -f web`). It exits 124 when it had to end the command (or, with
 * --preserve-status, with the command's own status: 143 for TERM), 125 when it cannot start,
 * 127 when the command is not found, and with the command's status otherwise.
 */
import type { Program } from '../command';
import { lq } from './lib/io';
import { parseDuration } from './sleep';
import { shellQuote } from '../exec/interpreter';
import { parseArgs } from './lib/args';
import { searchPath } from '../exec/path-search';

const USAGE_HINT = "Try 'timeout --help' for more information.\n";

export const timeout: Program = async (ctx) => {
  // getopt_long with "+k:s:v": options end at the first operand (the duration).
  const parsed = parseArgs(ctx, [
    { short: 'k', long: 'kill-after', arg: 'required' },
    { short: 's', long: 'signal', arg: 'required' },
    { short: 'v', long: 'verbose' },
    { long: 'preserve-status' },
    { long: 'foreground' },
  ], { stopAtOperand: true, usageStatus: 125 });
  if (typeof parsed === 'number') return parsed;
  const preserve = parsed.has('preserve-status');
  const verbose = parsed.has('verbose');
  const signal = (parsed.last('signal') ?? 'TERM').replace(/^SIG/, '');
  const [duration, ...command] = parsed.operands;
  if (duration === undefined || command.length === 0) {
    // usage(EXIT_CANCELED): only the hint.
    ctx.stderr.write(USAGE_HINT);
    return 125;
  }
  const ms = parseDuration(duration);
  if (ms === null) {
    ctx.stderr.write(`timeout: invalid time interval ${lq(duration)}\n${USAGE_HINT}`);
    return 125;
  }
  // timeout execs its command: a builtin or a missing program cannot be run.
  if (!searchPath(command[0], ctx.env.PATH ?? '', (p) => ctx.fs.stat(p)?.type === 'file')) {
    ctx.stderr.write(`timeout: failed to run command ${lq(command[0])}: No such file or directory\n`);
    return 127;
  }
  const expiry = new AbortController();
  let expired = false;
  const timer = ms > 0 && Number.isFinite(ms) ? ctx.clock.setTimeout(() => {
    expired = true;
    if (verbose) ctx.stderr.write(`timeout: sending signal ${signal} to command ${lq(command[0])}\n`);
    expiry.abort();
  }, ms) : undefined;
  const status = await ctx.spawn!(command.map(shellQuote).join(' '), { signal: AbortSignal.any([ctx.signal, expiry.signal]) });
  if (timer) ctx.clock.clearTimeout(timer);
  if (!expired) return status;
  // The command ended on the signal: 128 + its number.
  return preserve ? 128 + (SIGNAL_NUMBERS[signal] ?? 15) : 124;
};

const SIGNAL_NUMBERS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15 };
