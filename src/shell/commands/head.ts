/** head: first lines (-n N, -n -N) or bytes (-c N, -c -N) of each file, with ==> name <== headers. */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { lq, readForReading, warn } from './lib/io';

const SPECS = [withArg('n', 'lines'), withArg('c', 'bytes'), flag('q', 'quiet'), flag(undefined, 'silent', 'q'), flag('v', 'verbose'), flag('z', 'zero-terminated')];

const SUFFIX: Record<string, number> = { '': 1, b: 512, K: 1024, k: 1024, KB: 1000, M: 1024 ** 2, MB: 1e6, G: 1024 ** 3, GB: 1e9 };

/** Parse a head/tail count like "5", "-5", "+5", "2K". Returns null when invalid. */
export function parseCount(v: string): { n: number; sign: '' | '-' | '+' } | null {
  const m = /^([+-]?)(\d+)([a-zA-Z]*)$/.exec(v.trim());
  if (!m || SUFFIX[m[3]] === undefined) return null;
  return { n: Number(m[2]) * SUFFIX[m[3]], sign: m[1] as '' | '-' | '+' };
}

export const head: Program = async (ctx) => {
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
  const sep = args.has('z') ? '\0' : '\n';
  const files = args.operands.length ? args.operands : ['-'];
  let header = files.length > 1;
  for (const o of args.order) if (o.key === 'q') header = false;
  else if (o.key === 'v') header = true;
  let status = 0;
  let first = true;
  for (const f of files) {
    // From a pipe, stop reading once enough has arrived (`yes | head -3` must end).
    const text = f === '-' && count.sign !== '-' ? await readPrefix(ctx, mode, count.n, sep) : await readForReading(ctx, f);
    if (text === null) {
      status = 1;
      continue;
    }
    if (header) ctx.stdout.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    first = false;
    ctx.stdout.write(mode === 'bytes' ? takeBytes(text, count.n, count.sign === '-') : takeLines(text, count.n, count.sign === '-', sep));
  }
  return status;
};

/** Read standard input only until N lines (or bytes) are in. */
async function readPrefix(ctx: Parameters<typeof head>[0], mode: 'lines' | 'bytes', n: number, sep: string): Promise<string> {
  let text = '';
  let seen = 0;
  for (;;) {
    if (mode === 'lines' ? seen >= n : text.length >= n) return text;
    const chunk = await ctx.stdin.read();
    if (chunk === null) return text;
    text += chunk;
    if (mode === 'lines') for (let i = chunk.indexOf(sep); i >= 0; i = chunk.indexOf(sep, i + 1)) seen++;
  }
}

function takeLines(text: string, n: number, allBut: boolean, sep: string): string {
  const ends: number[] = [];
  for (let i = text.indexOf(sep); i >= 0; i = text.indexOf(sep, i + 1)) ends.push(i + 1);
  if (text.length && !text.endsWith(sep)) ends.push(text.length);
  if (allBut) {
    const keep = ends.length - n;
    return keep <= 0 ? '' : text.slice(0, ends[keep - 1]);
  }
  if (n === 0) return '';
  return n >= ends.length ? text : text.slice(0, ends[n - 1]);
}

function takeBytes(text: string, n: number, allBut: boolean): string {
  const bytes = new TextEncoder().encode(text);
  const slice = allBut ? bytes.slice(0, Math.max(0, bytes.length - n)) : bytes.slice(0, n);
  return new TextDecoder().decode(slice);
}
