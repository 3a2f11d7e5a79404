/** wc: lines, words, characters, bytes, max line length; column widths as GNU computes them. */
import type { CommandContext, Program } from '../command';
import { TimeSlice } from '../exec/time-slice';
import { flag, parseArgs, withArg } from './lib/args';
import { byteLength, errorText, warn } from './lib/io';
import { FsError } from '../command';

const SPECS = [flag('l', 'lines'), flag('w', 'words'), flag('c', 'bytes'), flag('m', 'chars'), flag('L', 'max-line-length'), withArg(undefined, 'files0-from')];

/** The names --files0-from=F lists, NUL-terminated (F '-' is standard input); a message when F cannot be read. */
async function namesFrom(ctx: CommandContext, from: string): Promise<string[] | string> {
  let text: string;
  try {
    text = from === '-' ? await ctx.stdin.readAll() : ctx.fs.readFile(from);
  } catch (e) {
    return `cannot open '${from}' for reading: ${errorText(e)}`;
  }
  const names = text.split('\0');
  if (names[names.length - 1] === '') names.pop();
  return names;
}

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

/** Which counts are asked for: lines and bytes are cheap; words, characters and widths walk every character. */
type Wanted = { l: boolean; w: boolean; m: boolean; c: boolean; L: boolean };

/** Counts text that arrives in chunks (a pipe), carrying words and line widths across chunk ends. */
class Counter {
  private readonly counts: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  private inWord = false;
  private col = 0;
  constructor(private readonly perChar: boolean) {}

  add(text: string): void {
    const c = this.counts;
    c.bytes += byteLength(text);
    if (!this.perChar) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) c.lines++;
      return;
    }
    for (const ch of text) {
      c.chars++;
      if (ch === '\n') {
        c.lines++;
        c.maxLine = Math.max(c.maxLine, this.col);
        this.col = 0;
      } else if (ch === '\t') this.col += 8 - (this.col % 8);
      else this.col++;
      if (/\s/.test(ch)) this.inWord = false;
      else if (!this.inWord) {
        this.inWord = true;
        c.words++;
      }
    }
  }

  result(): Counts {
    return { ...this.counts, maxLine: Math.max(this.counts.maxLine, this.col) };
  }
}

export function countText(text: string, perChar = true): Counts {
  const counter = new Counter(perChar);
  counter.add(text);
  return counter.result();
}

/** Standard input counted chunk by chunk, never held whole (`yes | head -n 100000000 | wc -l`). */
async function countStdin(ctx: CommandContext, want: Wanted): Promise<Counts | null> {
  const counter = new Counter(want.w || want.m || want.L);
  const slice = new TimeSlice(ctx.signal, { checkEvery: 16 });
  for (let chunk = await ctx.stdin.read(); chunk !== null; chunk = await ctx.stdin.read()) {
    counter.add(chunk);
    const turn = slice.step();
    if (turn && (await turn)) return null;
  }
  return counter.result();
}

export const wc: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  let want: Wanted = { l: args.has('l'), w: args.has('w'), m: args.has('m'), c: args.has('c'), L: args.has('L') };
  if (!Object.values(want).some(Boolean)) want = { l: true, w: true, m: false, c: true, L: false };
  const from = args.last('files0-from');
  if (from !== undefined && args.operands.length) {
    ctx.stderr.write(`wc: extra operand '${args.operands[0]}'\nfile operands cannot be combined with --files0-from\nTry 'wc --help' for more information.\n`);
    return 1;
  }
  const listed = from === undefined ? undefined : await namesFrom(ctx, from);
  if (typeof listed === 'string') {
    warn(ctx, listed);
    return 1;
  }
  const files = listed ?? (args.operands.length ? args.operands : ['-']);
  const results: { name: string; counts: Counts | null; regular: boolean; size: number }[] = [];
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      const counts = await countStdin(ctx, want);
      if (!counts) return 130;
      results.push({ name: args.operands.length || listed ? '-' : '', counts, regular: false, size: 0 });
      continue;
    }
    try {
      const st = ctx.fs.stat(f);
      if (st?.type === 'dir') {
        warn(ctx, `${f}: read: Is a directory`);
        results.push({ name: f, counts: countText(''), regular: false, size: 0 });
        status = 1;
        continue;
      }
      if (!st) throw new FsError('ENOENT', f);
      results.push({ name: f, counts: countText(ctx.fs.readFile(f), want.w || want.m || want.L), regular: st.type === 'file', size: st.size });
    } catch (e) {
      warn(ctx, `${f}: ${errorText(e)}`);
      results.push({ name: f, counts: null, regular: false, size: 0 });
      status = 1;
    }
  }
  const selected = Object.values(want).filter(Boolean).length;
  let width = 1;
  if (!(selected === 1 && files.length === 1) && results[0]?.counts) {
    let min = 1;
    let total = 0;
    for (const r of results) {
      if (!r.counts) continue;
      if (r.regular) total += r.size;
      else min = 7;
    }
    width = Math.max(String(total).length, min);
  }
  const line = (c: Counts, name: string) => {
    const cols: number[] = [];
    if (want.l) cols.push(c.lines);
    if (want.w) cols.push(c.words);
    if (want.m) cols.push(c.chars);
    if (want.c) cols.push(c.bytes);
    if (want.L) cols.push(c.maxLine);
    return cols.map((n) => String(n).padStart(width)).join(' ') + (name ? ` ${name}` : '') + '\n';
  };
  const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  let out = '';
  for (const r of results) {
    if (!r.counts) continue;
    out += line(r.counts, r.name);
    total.lines += r.counts.lines;
    total.words += r.counts.words;
    total.chars += r.counts.chars;
    total.bytes += r.counts.bytes;
    total.maxLine = Math.max(total.maxLine, r.counts.maxLine);
  }
  if (files.length > 1) out += line(total, 'total');
  ctx.stdout.write(out);
  return status;
};
