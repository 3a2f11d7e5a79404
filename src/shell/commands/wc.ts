/** wc: lines, words, characters, bytes, max line length; column widths as GNU computes them. */
import type { Program } from '../command';
import { flag, parseArgs } from './lib/args';
import { byteLength, errorText, warn } from './lib/io';
import { FsError } from '../command';

const SPECS = [flag('l', 'lines'), flag('w', 'words'), flag('c', 'bytes'), flag('m', 'chars'), flag('L', 'max-line-length')];

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

export function countText(text: string): Counts {
  let lines = 0;
  let words = 0;
  let inWord = false;
  let maxLine = 0;
  let col = 0;
  for (const ch of text) {
    if (ch === '\n') {
      lines++;
      maxLine = Math.max(maxLine, col);
      col = 0;
    } else if (ch === '\t') col += 8 - (col % 8);
    else col++;
    if (/\s/.test(ch)) inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  maxLine = Math.max(maxLine, col);
  return { lines, words, chars: [...text].length, bytes: byteLength(text), maxLine };
}

export const wc: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  let want = { l: args.has('l'), w: args.has('w'), m: args.has('m'), c: args.has('c'), L: args.has('L') };
  if (!Object.values(want).some(Boolean)) want = { l: true, w: true, m: false, c: true, L: false };
  const files = args.operands.length ? args.operands : ['-'];
  const results: { name: string; counts: Counts | null; regular: boolean; size: number }[] = [];
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      results.push({ name: args.operands.length ? '-' : '', counts: countText(await ctx.stdin.readAll()), regular: false, size: 0 });
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
      results.push({ name: f, counts: countText(ctx.fs.readFile(f)), regular: st.type === 'file', size: st.size });
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
