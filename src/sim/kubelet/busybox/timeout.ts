/**
 * busybox timeout (coreutils/timeout.c at 1_36_1), which is not GNU's: `timeout [-s SIG]
 * [-k KILL_SECS] SECS PROG ARGS`. A grandchild watches and signals the process, which has exec'd
 * PROG: there is no 124, the caller sees PROG end on the signal (128 + its number: 143 for TERM,
 * 137 for KILL). The watcher counts whole seconds (an int taken from the duration, at least one
 * tick of sleep1), and a PROG that cannot be exec'd dies with "can't execute", status 127.
 */
import type { Program } from '../../../shell/command';
import { shellQuote } from '../../../shell/exec/interpreter';
import { searchPath } from '../../../shell/exec/path-search';
import { showUsage } from './usage';
import { signalNumber } from './signals';
import { getopt } from './getopt';

const SUFFIXES: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/**
 * parse_duration_str (libbb/duration.c, FLOAT_DURATION on): a number with an optional fraction and
 * one suffix of s, m, h, d. undefined: xatoul_sfx's "invalid number"; null: strtod left something
 * (bb_show_usage).
 */
export function busyboxDuration(text: string): number | null | undefined {
  if (text.includes('.')) {
    const number = /^[0-9.]*/.exec(text)![0];
    if (!/^(\d+\.?\d*|\.\d+)$/.test(number)) return null;
    const factor = SUFFIXES[text.slice(number.length)];
    return factor === undefined ? undefined : Number(number) * factor;
  }
  const m = /^(\d+)([smhd]?)$/.exec(text);
  return m ? Number(m[1]) * SUFFIXES[m[2]] : undefined;
}

/** Signals whose default action does not end a process: it runs on until -k's KILL, if any. */
const NOT_ENDING = new Set([17, 18, 19, 20, 21, 22, 23, 28]);

export const busyboxTimeout: Program = async (ctx) => {
  // getopt32 "+s:k:": options end at the first operand (the wrapper has refused other letters).
  const { seen, operands } = getopt(ctx.argv.slice(1), '', 'sk', false);
  const sig = seen.get('s')?.at(-1) ?? 'TERM';
  const kill = seen.get('k')?.at(-1);
  const signo = signalNumber(sig);
  if (signo < 0) {
    ctx.stderr.write(`timeout: unknown signal '${sig}'\n`);
    return 1;
  }
  const seconds = (text: string): number | undefined => {
    const d = busyboxDuration(text);
    if (d === null) {
      showUsage('timeout', ctx.stderr);
      return undefined;
    }
    if (d === undefined) ctx.stderr.write(`timeout: invalid number '${text}'\n`);
    return d;
  };
  const killAfter = kill === undefined ? 0 : seconds(kill);
  if (killAfter === undefined) return 1;
  const [duration, ...command] = operands;
  if (duration === undefined) {
    showUsage('timeout', ctx.stderr);
    return 1;
  }
  const secs = seconds(duration);
  if (secs === undefined) return 1;
  if (command.length === 0) {
    showUsage('timeout', ctx.stderr);
    return 1;
  }
  if (!searchPath(command[0], ctx.env.PATH ?? '', (p) => ctx.fs.stat(p)?.type === 'file')) {
    ctx.stderr.write(`timeout: can't execute '${command[0]}': No such file or directory\n`);
    return 127;
  }
  const expiry = new AbortController();
  let ending: number | undefined;
  // timeout_wait: sleep1, then --timeout <= 0 ends the wait: a duration under two seconds is one tick.
  const ticks = (s: number) => Math.max(1, Math.trunc(s)) * 1000;
  const timers: unknown[] = [];
  const send = (n: number) => {
    if (n === 9 || !NOT_ENDING.has(n)) {
      ending = n;
      expiry.abort();
    }
  };
  timers.push(ctx.clock.setTimeout(() => {
    send(signo);
    if (ending === undefined && Math.trunc(killAfter) > 0) timers.push(ctx.clock.setTimeout(() => send(9), ticks(killAfter)));
  }, ticks(secs)));
  const status = await ctx.spawn!(command.map(shellQuote).join(' '), { signal: AbortSignal.any([ctx.signal, expiry.signal]) });
  for (const t of timers) ctx.clock.clearTimeout(t as Parameters<typeof ctx.clock.clearTimeout>[0]);
  return ending === undefined ? status : 128 + ending;
};
