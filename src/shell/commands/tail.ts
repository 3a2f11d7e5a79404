/**
 * tail: last lines/bytes (-n N, -n +N, -c N), headers, and -f/-F: keeps polling the files once a
 * simulated second, printing what was appended, until Ctrl-C (status 130).
 */
import type { CommandContext, Program } from '../command';
import { flag, optArg, parseArgs, withArg } from './lib/args';
import { lq, quoteName, readForReading, warn } from './lib/io';
import { bytesToText, textToBytes } from './lib/byte-text';
import { parseCount } from './head';
import { TimeSlice } from '../exec/time-slice';

const SPECS = [
  // Hidden options of tail.c for its tests; nothing to change here.
  flag(undefined, '-presume-input-pipe'),
  flag(undefined, '-disable-inotify'),
  withArg('n', 'lines'),
  withArg('c', 'bytes'),
  optArg(undefined, 'follow', 'f'),
  flag('f', undefined, 'f'),
  flag('F', undefined, 'F'),
  flag(undefined, 'retry'),
  flag('q', 'quiet'),
  flag(undefined, 'silent', 'q'),
  flag('v', 'verbose'),
  withArg('s', 'sleep-interval'),
  withArg(undefined, 'pid'),
  flag('z', 'zero-terminated'),
];

function lastLines(text: string, n: number, fromStart: boolean, sep: string): string {
  const starts: number[] = [0];
  for (let i = text.indexOf(sep); i >= 0 && i < text.length - 1; i = text.indexOf(sep, i + 1)) starts.push(i + 1);
  if (text === '') return '';
  if (fromStart) {
    const idx = Math.max(1, n) - 1;
    return idx >= starts.length ? '' : text.slice(starts[idx]);
  }
  if (n === 0) return '';
  return n >= starts.length ? text : text.slice(starts[starts.length - n]);
}

function lastBytes(text: string, n: number, fromStart: boolean): string {
  const bytes = textToBytes(text);
  const slice = fromStart ? bytes.slice(Math.max(1, n) - 1) : n === 0 ? bytes.slice(bytes.length) : bytes.slice(-n);
  return bytesToText(slice);
}

/** Standard input, kept to its last n lines (bytes) as it arrives; undefined when interrupted. */
async function readTail(ctx: CommandContext, mode: 'lines' | 'bytes', n: number, sep: string): Promise<string | undefined> {
  const slice = new TimeSlice(ctx.signal, { checkEvery: 16 });
  let text = '';
  for (let chunk = await ctx.stdin.read(); chunk !== null; chunk = await ctx.stdin.read()) {
    text += chunk;
    // Trim now and then, not at every chunk: a line may span chunks, and trimming costs a scan.
    if (text.length > KEEP_AT_MOST + n) text = mode === 'lines' ? lastLines(text, n, false, sep) : text.slice(-n);
    const turn = slice.step();
    if (turn && (await turn)) return undefined;
  }
  return text;
}

/** tail -n +N on standard input: skip N-1 lines, copy the rest at the reader's pace; true when interrupted. */
async function copyFromLine(ctx: CommandContext, n: number, sep: string): Promise<boolean> {
  const slice = new TimeSlice(ctx.signal, { checkEvery: 16 });
  let skip = Math.max(1, n) - 1;
  for (let chunk = await ctx.stdin.read(); chunk !== null; chunk = await ctx.stdin.read()) {
    let start = 0;
    while (skip > 0 && start < chunk.length) {
      const i = chunk.indexOf(sep, start);
      if (i < 0) {
        start = chunk.length;
        break;
      }
      start = i + 1;
      skip--;
    }
    if (start < chunk.length) ctx.stdout.write(start ? chunk.slice(start) : chunk);
    const full = ctx.stdout.drain?.();
    if (full) await full;
    const turn = slice.step();
    if (turn && (await turn)) return true;
  }
  return false;
}

/** How much of standard input tail holds beyond what it must keep. */
const KEEP_AT_MOST = 1 << 20;

export const tail: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS, { digitsKey: 'n' });
  if (typeof args === 'number') return args;
  let mode: 'lines' | 'bytes' = 'lines';
  let spec = '10';
  for (const o of args.order) {
    if (o.key === 'n') [mode, spec] = ['lines', o.value];
    if (o.key === 'c') [mode, spec] = ['bytes', o.value];
  }
  const count = parseCount(spec);
  if (!count) {
    warn(ctx, `invalid number of ${mode}: ${lq(spec)}`);
    return 1;
  }
  const follow = args.has('f') || args.has('F');
  const retry = args.has('F') || args.has('retry');
  const sep = args.has('z') ? '\0' : '\n';
  const files = args.operands.length ? args.operands : ['-'];
  let header = files.length > 1;
  for (const o of args.order) if (o.key === 'q') header = false;
  else if (o.key === 'v') header = true;
  let status = 0;
  let lastShown: string | null = null;
  const showHeader = (f: string) => {
    if (header && lastShown !== f) ctx.stdout.write(`${lastShown === null ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    lastShown = f;
  };
  const seen = new Map<string, string | null>();
  for (const f of files) {
    if (f === '-' && mode === 'lines' && count.sign === '+') {
      // From line N on, passed through as it arrives.
      showHeader(f);
      if (await copyFromLine(ctx, count.n, sep)) return 130;
      seen.set(f, '');
      continue;
    }
    // Standard input may be endless or huge (`seq 100000000 | tail -1`): keep only what can be the tail.
    const text = f === '-' && count.sign !== '+' ? await readTail(ctx, mode, count.n, sep) : await readForReading(ctx, f);
    if (text === undefined) return 130;
    seen.set(f, text);
    if (text === null) {
      status = 1;
      continue;
    }
    showHeader(f);
    ctx.stdout.write(mode === 'bytes' ? lastBytes(text, count.n, count.sign === '+') : lastLines(text, count.n, count.sign === '+', sep));
  }
  const followable = files.filter((f) => f !== '-');
  if (!follow || followable.length === 0) return status;
  if (!retry && followable.every((f) => seen.get(f) === null)) {
    warn(ctx, 'no files remaining');
    return 1;
  }
  const interval = Number(args.last('s') ?? '1') * 1000 || 1000;
  return followFiles(ctx, followable, seen, interval, retry, showHeader);
};

async function followFiles(
  ctx: CommandContext,
  files: string[],
  seen: Map<string, string | null>,
  intervalMs: number,
  retry: boolean,
  showHeader: (f: string) => void,
): Promise<number> {
  while (!ctx.signal.aborted) {
    await ctx.clock.sleep(intervalMs, ctx.signal);
    if (ctx.signal.aborted) break;
    for (const f of files) {
      const before = seen.get(f) ?? null;
      let now: string | null;
      try {
        now = ctx.fs.readFile(f);
      } catch {
        now = null;
      }
      if (now === null) {
        if (before !== null && retry) warn(ctx, `${quoteName(f)} has become inaccessible: No such file or directory`);
        seen.set(f, null);
        continue;
      }
      if (before === null) {
        if (retry && seen.has(f)) warn(ctx, `${quoteName(f)} has appeared;  following new file`);
        showHeader(f);
        ctx.stdout.write(now);
      } else if (now.length < before.length || !now.startsWith(before)) {
        warn(ctx, `${f}: file truncated`);
        showHeader(f);
        ctx.stdout.write(now);
      } else if (now.length > before.length) {
        showHeader(f);
        ctx.stdout.write(now.slice(before.length));
      }
      seen.set(f, now);
    }
  }
  return 130;
}
