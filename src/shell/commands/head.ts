/** head: first lines (-n N, -n -N) or bytes (-c N, -c -N) of each file, with ==> name <== headers. */
import type { CommandContext, InputStream, Program } from '../command';
import { endlessDevice } from '../exec/devices';
import { TimeSlice } from '../exec/time-slice';
import { flag, parseArgs, withArg } from './lib/args';
import { byteLength, lq, readForReading, warn } from './lib/io';
import { bytesToText, textToBytes } from './lib/byte-text';

const SPECS = [withArg('n', 'lines'), withArg('c', 'bytes'), flag('q', 'quiet'), flag(undefined, 'silent', 'q'), flag('v', 'verbose'), flag('z', 'zero-terminated'), flag(undefined, '-presume-input-pipe')];

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
    const writeHeader = () => {
      if (header) ctx.stdout.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
      first = false;
    };
    const stream = f === '-' ? ctx.stdin : endlessDevice(ctx.fs, f);
    if (stream && count.sign !== '-') {
      // From a pipe, pass the first lines (bytes) on as they arrive and stop reading once enough
      // went through: `yes | head -3` ends, `yes | head -n 100000000 | wc -l` holds one chunk at a time.
      writeHeader();
      if (await copyPrefix(ctx, stream, mode, count.n, sep)) return 130;
      continue;
    }
    const text = await readForReading(ctx, f);
    if (text === null) {
      status = 1;
      continue;
    }
    writeHeader();
    ctx.stdout.write(mode === 'bytes' ? takeBytes(text, count.n, count.sign === '-') : takeLines(text, count.n, count.sign === '-', sep));
  }
  return status;
};

/** Copy standard input to standard output up to N lines (or bytes); true when interrupted. */
async function copyPrefix(ctx: CommandContext, input: InputStream, mode: 'lines' | 'bytes', n: number, sep: string): Promise<boolean> {
  const slice = new TimeSlice(ctx.signal, { checkEvery: 16 });
  let left = n;
  while (left > 0) {
    const chunk = await input.read();
    if (chunk === null) return false;
    let part = chunk;
    if (mode === 'lines') {
      let end = -1;
      for (let i = chunk.indexOf(sep); i >= 0 && left > 0; i = chunk.indexOf(sep, i + 1)) {
        left--;
        end = i;
      }
      if (left === 0) part = chunk.slice(0, end + 1);
    } else {
      const size = byteLength(chunk);
      if (size > left) part = takeBytes(chunk, left, false);
      left = Math.max(0, left - size);
    }
    ctx.stdout.write(part);
    const full = ctx.stdout.drain?.();
    if (full) await full;
    const turn = slice.step();
    if (turn && (await turn)) return true;
  }
  return false;
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

/** The first n bytes (all but the last n): a character cut in two leaves its bytes as bytes (byte-text). */
function takeBytes(text: string, n: number, allBut: boolean): string {
  const bytes = textToBytes(text);
  const slice = allBut ? bytes.slice(0, Math.max(0, bytes.length - n)) : bytes.slice(0, n);
  return bytesToText(slice);
}
