/**
 * od (GNU coreutils 9): the input in blocks of -w bytes (16), one line per output type of -t (or
 * the traditional -a -b -c -d -i -l -o -s -x; octal 2-byte words when none), each led by its
 * offset in the -A radix. Every type's fields are padded so the lines of a block share one width
 * (od.c: width_per_block, the pad spread over the fields); `z` adds the >ASCII< trailer. Repeated
 * blocks collapse to `*` unless -v; -j skips, -N limits; the last line is the end offset.
 * Floating-point types are not simulated.
 */
import type { CommandContext, Program } from '../command';
import { flag, optArg, parseArgs, withArg } from './lib/args';
import { textToBytes } from './lib/byte-text';
import { dumpBlocks } from './lib/dump-blocks';
import { errorText } from './lib/io';

interface OutputType {
  size: number;
  /** Characters of the widest value (od.c's field_width, without the separating space). */
  width: number;
  render(block: Uint8Array, at: number): string;
  trailer: boolean;
  /** Spaces shared out over the fields so every type's line is as wide as the widest. */
  pad?: number;
}

const ASCII_NAMES = ['nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'nl', 'vt', 'ff', 'cr', 'so', 'si', 'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fs', 'gs', 'rs', 'us', 'sp'];
const C_ESCAPES: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

/** Little-endian unsigned value of `size` bytes at `at`. */
function unsigned(block: Uint8Array, at: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(block[at + i]);
  return v;
}

const INT_WIDTH: Record<string, Record<number, number>> = {
  d: { 1: 4, 2: 6, 4: 11, 8: 20 },
  u: { 1: 3, 2: 5, 4: 10, 8: 20 },
  o: { 1: 3, 2: 6, 4: 11, 8: 22 },
  x: { 1: 2, 2: 4, 4: 8, 8: 16 },
};
const SIZE_LETTER: Record<string, number> = { C: 1, S: 2, I: 4, L: 8 };

function integerType(kind: string, size: number, trailer: boolean): OutputType {
  const width = INT_WIDTH[kind][size];
  const render = (block: Uint8Array, at: number) => {
    const v = unsigned(block, at, size);
    if (kind === 'd') return BigInt.asIntN(size * 8, v).toString();
    if (kind === 'u') return v.toString();
    return v.toString(kind === 'o' ? 8 : 16).padStart(width, '0');
  };
  return { size, width, render, trailer };
}

const charType = (named: boolean, trailer: boolean): OutputType => ({
  size: 1,
  width: 3,
  trailer,
  render: (block, at) => {
    const b = block[at];
    if (named) return (b & 0x7f) === 0x7f ? 'del' : (ASCII_NAMES[b & 0x7f] ?? String.fromCharCode(b & 0x7f));
    if (C_ESCAPES[b] !== undefined) return C_ESCAPES[b];
    return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : b.toString(8).padStart(3, '0');
  },
});

/** The types of one -t argument (several may be run together: `-t x1z`, `-t cx2`); a string for its error. */
function parseTypes(spec: string): OutputType[] | string {
  const types: OutputType[] = [];
  let rest = spec;
  while (rest) {
    const m = /^(?:([ac])|([doux])(\d+|[CSIL])?)(z?)/.exec(rest);
    if (!m) return `invalid character '${rest[0]}' in type string ‘${spec}’`;
    const trailer = m[4] === 'z';
    if (m[1]) types.push(charType(m[1] === 'a', trailer));
    else {
      const size = m[3] === undefined ? 4 : (SIZE_LETTER[m[3]] ?? Number(m[3]));
      if (!INT_WIDTH[m[2]][size]) return `invalid type string ‘${spec}’;\nthis system doesn't provide a ${size}-byte integral type`;
      types.push(integerType(m[2], size, trailer));
    }
    rest = rest.slice(m[0].length);
  }
  return types;
}

const TRADITIONAL: Record<string, string> = { a: 'a', b: 'o1', c: 'c', d: 'u2', i: 'dI', l: 'dL', o: 'o2', s: 'd2', x: 'x2' };
const RADIX: Record<string, { base: number; width: number }> = { o: { base: 8, width: 7 }, d: { base: 10, width: 7 }, x: { base: 16, width: 6 }, n: { base: 0, width: 0 } };

const SPECS = [
  withArg('A', 'address-radix'),
  withArg('j', 'skip-bytes'),
  withArg('N', 'read-bytes'),
  withArg('t', 'format'),
  flag('v', 'output-duplicates'),
  optArg('w', 'width'),
  ...Object.keys(TRADITIONAL).map((k) => flag(k)),
];

/** A byte count of -j, -N, -w: decimal, 0x hex or 0 octal, with an optional multiplier suffix. */
function parseCount(text: string): number | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)(b|k|m|KB|K|MB|M|GB|G|KiB|MiB|GiB)?$/.exec(text);
  if (!m) return undefined;
  const scale: Record<string, number> = { b: 512, k: 1024, K: 1024, KiB: 1024, KB: 1000, m: 1024 ** 2, M: 1024 ** 2, MiB: 1024 ** 2, MB: 1e6, G: 1024 ** 3, GiB: 1024 ** 3, GB: 1e9 };
  const n = /^0[0-7]+$/.test(m[1]) ? parseInt(m[1], 8) : Number(m[1]);
  return n * (m[2] ? scale[m[2]] : 1);
}

async function readInputs(ctx: CommandContext, files: string[]): Promise<{ bytes: Uint8Array; failed: boolean; opened: boolean }> {
  if (!files.length) files = ['-'];
  const parts: Uint8Array[] = [];
  let failed = false;
  for (const f of files) {
    try {
      if (f === '-') parts.push(textToBytes(await ctx.stdin.readAll()));
      else if (ctx.fs.stat(f)?.type === 'dir') {
        // Opened, but its read fails: reported, and it still counts as input (the end offset prints).
        parts.push(new Uint8Array());
        throw new Error('Is a directory');
      } else parts.push(textToBytes(ctx.fs.readFile(f)));
    } catch (e) {
      ctx.stderr.write(`od: ${f}: ${errorText(e)}\n`);
      failed = true;
    }
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, failed, opened: parts.length > 0 };
}

/** One type's line of a block: its fields (the pad spread as od.c's print functions do), then the trailer. */
function typeLine(type: OutputType, block: Uint8Array, length: number, perBlock: number): string {
  const fields = perBlock / type.size;
  const shown = Math.ceil(length / type.size);
  const pad = type.pad ?? 0;
  let out = '';
  let remaining = pad;
  for (let i = fields; i > fields - shown; i--) {
    const next = Math.floor((pad * (i - 1)) / fields);
    out += type.render(block, (fields - i) * type.size).padStart(remaining - next + type.width);
    remaining = next;
  }
  if (type.trailer) {
    const fieldWidth = type.width + Math.floor(pad / fields);
    let text = '';
    for (let i = 0; i < length; i++) text += block[i] >= 0x20 && block[i] < 0x7f ? String.fromCharCode(block[i]) : '.';
    out += `${' '.repeat((fields - shown) * fieldWidth)}  >${text}<`;
  }
  return out;
}

export const od: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  const types: OutputType[] = [];
  for (const o of args.order) {
    const spec = o.key === 't' ? o.value : TRADITIONAL[o.key];
    if (spec === undefined) continue;
    const parsed = parseTypes(spec);
    if (typeof parsed === 'string') {
      ctx.stderr.write(`od: ${parsed}\n`);
      return 1;
    }
    types.push(...parsed);
  }
  if (!types.length) types.push(...(parseTypes('o2') as OutputType[]));
  const radixName = args.last('A') ?? 'o';
  const radix = RADIX[radixName];
  if (!radix) {
    ctx.stderr.write(`od: invalid output address radix '${radixName}'; it must be one character from [doxn]\n`);
    return 1;
  }
  const counts: Record<string, number | undefined> = {};
  for (const key of ['j', 'N', 'w']) {
    const text = args.last(key);
    if (text === undefined || (key === 'w' && text === '')) continue;
    counts[key] = parseCount(text);
    if (counts[key] === undefined) {
      ctx.stderr.write(`od: invalid ${key === 'w' ? 'width' : key === 'j' ? 'skip' : 'length'} argument '${text}'\n`);
      return 1;
    }
  }
  const perBlock = counts.w ?? (args.has('w') ? 32 : 16);
  // od.c: every type's line as wide as the widest (its fields and a space each).
  const lineWidth = Math.max(...types.map((t) => (t.width + 1) * (perBlock / t.size)));
  for (const t of types) t.pad = lineWidth - t.width * (perBlock / t.size);

  const input = await readInputs(ctx, args.operands);
  // No input opened at all: not even the end offset.
  if (!input.opened) return 1;
  const skip = counts.j ?? 0;
  if (skip > input.bytes.length) {
    ctx.stderr.write('od: cannot skip past end of combined input\n');
    return 1;
  }
  const end = counts.N === undefined ? input.bytes.length : Math.min(input.bytes.length, skip + counts.N);
  const address = (n: number) => (radix.base ? n.toString(radix.base).padStart(radix.width, '0') : '');
  let out = dumpBlocks({
    bytes: input.bytes,
    start: skip,
    end,
    blockSize: perBlock,
    padding: 8,
    verbose: args.has('v'),
    lines: (at, block, length) =>
      types.map((t, i) => `${i ? ' '.repeat(radix.width) : address(at)}${typeLine(t, block, length, perBlock)}\n`).join(''),
  });
  if (radix.base) out += `${address(end)}\n`;
  ctx.stdout.write(out);
  return input.failed ? 1 : 0;
};
