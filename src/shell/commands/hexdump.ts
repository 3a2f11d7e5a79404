/**
 * hexdump (util-linux 2.38): the input as 16-byte lines in the formats the options choose, in the
 * order given (-C canonical hex+ASCII, -b -c -d -o -x, none: two-byte hex words), each line led by
 * its offset. Repeated identical lines collapse to `*` unless -v; the last line is the end offset
 * (none for empty input).
 * -s skips bytes of the input, -n reads at most so many. Files are read in turn as one stream; a
 * missing one is reported and skipped. The bytes are those the text stands for (see byte-text).
 */
import type { CommandContext, Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { textToBytes } from './lib/byte-text';
import { dumpBlocks } from './lib/dump-blocks';
import { errorText } from './lib/io';

const BLOCK = 16;

/** One display format: its offset width and how a block (up to 16 bytes, zero-padded units) prints. */
interface Format {
  addressWidth: number;
  line(block: Uint8Array, length: number): string;
}

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
const oct = (n: number, w: number) => n.toString(8).padStart(w, '0');

/** `count` units of `size` bytes, each as `render` gives it (blank of the same width past the data). */
function units(size: 1 | 2, render: (v: number) => string, width: number): (block: Uint8Array, length: number) => string {
  return (block, length) => {
    let out = '';
    for (let i = 0; i < BLOCK; i += size) {
      if (i >= length) out += ' '.repeat(width);
      else out += render(size === 1 ? block[i] : block[i] | ((i + 1 < length ? block[i + 1] : 0) << 8));
    }
    return out;
  };
}

/** %_c: the C escapes, printable ASCII, a UTF-8 character followed by `**` for its other bytes, else octal. */
const C_ESCAPES: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

function charColumns(block: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < BLOCK; i++) {
    if (i >= length) {
      out += '    ';
      continue;
    }
    const b = block[i];
    const seq = b >= 0xc2 && b <= 0xf4 ? utf8Sequence(block.subarray(i, length)) : 0;
    if (seq) {
      out += `${new TextDecoder().decode(block.subarray(i, i + seq)).padStart(3)} `;
      for (let k = 1; k < seq; k++) out += '  ** ';
      i += seq - 1;
    } else if (C_ESCAPES[b] !== undefined) out += ` ${C_ESCAPES[b]} `;
    else if (b >= 0x20 && b < 0x7f) out += `  ${String.fromCharCode(b)} `;
    else out += `${oct(b, 3)} `;
  }
  return out;
}

/** The length of the complete UTF-8 character at the start (0: none). */
function utf8Sequence(bytes: Uint8Array): number {
  const n = bytes[0] >= 0xf0 ? 4 : bytes[0] >= 0xe0 ? 3 : 2;
  if (bytes.length < n) return 0;
  for (let k = 1; k < n; k++) if ((bytes[k] & 0xc0) !== 0x80) return 0;
  return n;
}

/** The formats of 7-digit offsets: each unit ends in a space, but not the line (hexdump drops the last one). */
const short = (body: (block: Uint8Array, length: number) => string): Format => ({
  addressWidth: 7,
  line: (block, length) => ` ${body(block, length).slice(0, -1)}`,
});

const FORMATS: Record<string, Format> = {
  C: {
    addressWidth: 8,
    line: (block, length) => {
      const column = (i: number) => (i < length ? `${hex(block[i], 2)} ` : '   ');
      let out = '  ';
      for (let i = 0; i < BLOCK; i++) out += (i === 8 ? ' ' : '') + column(i);
      let text = '';
      for (let i = 0; i < length; i++) text += block[i] >= 0x20 && block[i] < 0x7f ? String.fromCharCode(block[i]) : '.';
      return `${out} |${text}|`;
    },
  },
  b: short(units(1, (v) => `${oct(v, 3)} `, 4)),
  c: short(charColumns),
  d: short(units(2, (v) => `  ${String(v).padStart(5, '0')} `, 8)),
  o: short(units(2, (v) => ` ${oct(v, 6)} `, 8)),
  x: short(units(2, (v) => `   ${hex(v, 4)} `, 8)),
  default: short(units(2, (v) => `${hex(v, 4)} `, 5)),
};

const SPECS = [
  flag('C', 'canonical'),
  flag('b', 'one-byte-octal'),
  flag('c', 'one-byte-char'),
  flag('d', 'two-bytes-decimal'),
  flag('o', 'two-bytes-octal'),
  flag('x', 'two-bytes-hex'),
  withArg('n', 'length'),
  withArg('s', 'skip'),
  flag('v', 'no-squeezing'),
  flag('V', 'version'),
];

const SIZE_SUFFIX: Record<string, number> = { '': 1, K: 1024, KiB: 1024, KB: 1000, M: 1024 ** 2, MiB: 1024 ** 2, MB: 1e6, G: 1024 ** 3, GiB: 1024 ** 3, GB: 1e9 };

/** strtosize: decimal, 0x hex or 0 octal, with an optional K/M/G suffix (iB binary, B decimal). */
function parseSize(text: string): number | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)(K|KiB|KB|M|MiB|MB|G|GiB|GB)?$/.exec(text);
  if (!m) return undefined;
  return Number(m[1].startsWith('0') && m[1].length > 1 && !/^0[xX]/.test(m[1]) ? parseInt(m[1], 8) : Number(m[1])) * SIZE_SUFFIX[m[2] ?? ''];
}

/** The input stream: the named files one after the other (stdin when none). Null when every file failed. */
async function readAll(ctx: CommandContext, files: string[]): Promise<{ bytes: Uint8Array; failed: boolean } | null> {
  if (!files.length) return { bytes: textToBytes(await ctx.stdin.readAll()), failed: false };
  const parts: Uint8Array[] = [];
  let failed = false;
  for (const f of files) {
    try {
      // A directory opens (fopen) but does not read: reported, yet not a failed input.
      if (ctx.fs.stat(f)?.type === 'dir') {
        ctx.stderr.write(`hexdump: ${f}: Is a directory\n`);
        continue;
      }
      parts.push(textToBytes(ctx.fs.readFile(f)));
    } catch (e) {
      ctx.stderr.write(`hexdump: ${f}: ${errorText(e)}\n`);
      failed = true;
    }
  }
  if (!parts.length && failed) {
    ctx.stderr.write('hexdump: all input file arguments failed\n');
    return null;
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, failed };
}

export const hexdump: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  if (args.has('V')) {
    ctx.stdout.write('hexdump from util-linux 2.38.1\n');
    return 0;
  }
  const sizes: Record<string, string> = { n: 'length', s: 'offset' };
  const limits: Record<string, number | undefined> = {};
  for (const key of ['n', 's']) {
    const text = args.last(key);
    if (text === undefined) continue;
    limits[key] = parseSize(text);
    if (limits[key] === undefined) {
      ctx.stderr.write(`hexdump: failed to parse ${sizes[key]}: '${text}': Invalid argument\n`);
      return 1;
    }
  }
  const formats = args.order.map((o) => FORMATS[o.key]).filter((f): f is Format => f !== undefined);
  if (!formats.length) formats.push(FORMATS.default);
  const skip = limits.s ?? 0;
  if (skip && !args.operands.length) {
    ctx.stderr.write('hexdump: stdin: Illegal seek\n');
    return 1;
  }
  const input = await readAll(ctx, args.operands);
  if (!input) return 1;
  const start = Math.min(skip, input.bytes.length);
  const end = limits.n === undefined ? input.bytes.length : Math.min(input.bytes.length, start + limits.n);
  let out = dumpBlocks({
    bytes: input.bytes,
    start,
    end,
    blockSize: BLOCK,
    verbose: args.has('v'),
    lines: (at, block, length) => formats.map((f) => `${hex(at, f.addressWidth)}${f.line(block, length)}\n`).join(''),
  });
  // The end offset, unless nothing was read or skipped (display.c: no address, no line).
  if (end) out += `${hex(end, formats[formats.length - 1].addressWidth)}\n`;
  ctx.stdout.write(out);
  return input.failed ? 1 : 0;
};
