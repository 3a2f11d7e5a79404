/**
 * cmp (GNU diffutils 3.8): compare two files byte by byte. Silent with exit 0 when they are the
 * same; `A B differ: byte N, line M` (exit 1) at the first difference; `cmp: EOF on A after byte
 * N, line M` (stderr, exit 1) when one is a prefix of the other; trouble (a missing file, a
 * directory, a bad option) exits 2. `-` (or a missing second operand) is standard input.
 * -l lists every differing byte (offset, then both bytes in octal), -b adds the bytes themselves,
 * -s says nothing, -i/--ignore-initial and the third and fourth operands skip leading bytes, -n
 * compares at most so many bytes.
 */
import type { CommandContext, Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText } from './lib/io';
import { textToBytes } from './lib/byte-text';

const SPECS = [
  flag('b', 'print-bytes'),
  // cmp.c's old name of -b: an option of its own in the table (getopt lists it beside --print-bytes).
  flag(undefined, 'print-chars', 'print-chars'),
  flag('l', 'verbose'),
  flag('s', 'quiet'),
  flag(undefined, 'silent', 's'),
  withArg('i', 'ignore-initial'),
  withArg('n', 'bytes'),
  flag('v', 'version'),
];

const TRY = "cmp: Try 'cmp --help' for more information.\n";

/** The bytes of an operand, or the error line (without the `cmp: ` prefix). */
async function load(ctx: CommandContext, name: string): Promise<{ bytes: Uint8Array; regular: boolean } | string> {
  if (name === '-') return { bytes: textToBytes(await ctx.stdin.readAll()), regular: false };
  try {
    if (ctx.fs.stat(name)?.type === 'dir') return `${name}: Is a directory`;
    return { bytes: textToBytes(ctx.fs.readFile(name)), regular: true };
  } catch (e) {
    return `${name}: ${errorText(e)}`;
  }
}

/** A skip value: a number with an optional multiplier suffix (kB, K, MB, M, …), as cmp accepts. */
function parseSkip(text: string): number | undefined {
  const m = /^(\d+)(kB|K|KiB|MB|M|MiB|GB|G|GiB)?$/.exec(text);
  if (!m) return undefined;
  const scale: Record<string, number> = { kB: 1000, K: 1024, KiB: 1024, MB: 1e6, M: 1024 ** 2, MiB: 1024 ** 2, GB: 1e9, G: 1024 ** 3, GiB: 1024 ** 3 };
  return Number(m[1]) * (m[2] ? scale[m[2]] : 1);
}

/** A byte as cmp -b shows it: printable as is, controls as ^X, high bytes as M-x (cat -v notation). */
function shown(byte: number): string {
  let out = '';
  let c = byte;
  if (c >= 128) {
    out += 'M-';
    c -= 128;
  }
  if (c < 32) return `${out}^${String.fromCharCode(c + 64)}`;
  if (c === 127) return `${out}^?`;
  return out + String.fromCharCode(c);
}

const octal = (byte: number) => byte.toString(8).padStart(3, ' ');

export const cmp: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS, { usageStatus: 2, tryLine: TRY.trimEnd() });
  if (typeof args === 'number') return args;
  if (args.has('v')) {
    ctx.stdout.write('cmp (GNU diffutils) 3.8\nCopyright (C) 2021 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nWritten by Torbjorn Granlund and David MacKenzie.\n');
    return 0;
  }
  const ops = args.operands;
  if (ops.length === 0) {
    ctx.stderr.write(`cmp: missing operand after 'cmp'\n${TRY}`);
    return 2;
  }
  if (ops.length > 4) {
    ctx.stderr.write(`cmp: extra operand '${ops[4]}'\n${TRY}`);
    return 2;
  }
  // -i SKIP or -i SKIP1:SKIP2, then the third and fourth operands (which win).
  const skips = [0, 0];
  for (const value of args.all('i')) {
    const parts = value.split(':');
    const a = parseSkip(parts[0]);
    const b = parts.length > 1 ? parseSkip(parts[1]) : a;
    if (a === undefined || b === undefined || parts.length > 2) {
      ctx.stderr.write(`cmp: invalid --ignore-initial value '${value}'\n${TRY}`);
      return 2;
    }
    skips[0] = a;
    skips[1] = b;
  }
  for (let k = 2; k < ops.length; k++) {
    const v = parseSkip(ops[k]);
    if (v === undefined) {
      ctx.stderr.write(`cmp: invalid --ignore-initial value '${ops[k]}'\n${TRY}`);
      return 2;
    }
    skips[k - 2] = v;
  }
  let limit = Infinity;
  const n = args.last('n');
  if (n !== undefined) {
    const v = parseSkip(n);
    if (v === undefined) {
      ctx.stderr.write(`cmp: invalid --bytes value '${n}'\n${TRY}`);
      return 2;
    }
    limit = v;
  }
  const names = [ops[0], ops[1] ?? '-'];
  const loaded = [await load(ctx, names[0]), await load(ctx, names[1])];
  for (const l of loaded) {
    if (typeof l === 'string') {
      ctx.stderr.write(`cmp: ${l}\n`);
      return 2;
    }
  }
  const [a, b] = loaded as { bytes: Uint8Array; regular: boolean }[];
  const sa = a.bytes.subarray(Math.min(skips[0], a.bytes.length));
  const sb = b.bytes.subarray(Math.min(skips[1], b.bytes.length));
  const silent = args.has('s');
  const all = args.has('l');
  const withBytes = args.has('b') || args.has('print-chars');
  const end = Math.min(sa.length, sb.length, limit);

  // -l numbers are as wide as the largest offset the regular files allow (non-files: any).
  let maxOffset = limit === Infinity ? Number.MAX_SAFE_INTEGER : limit;
  if (a.regular) maxOffset = Math.min(maxOffset, sa.length);
  if (b.regular) maxOffset = Math.min(maxOffset, sb.length);
  const width = String(maxOffset).length;

  let differs = false;
  let line = 1;
  let out = '';
  for (let i = 0; i < end; i++) {
    const x = sa[i];
    const y = sb[i];
    if (x !== y) {
      differs = true;
      if (silent) break;
      if (!all) {
        const tail = withBytes ? ` is ${octal(x)} ${shown(x)} ${octal(y)} ${shown(y)}` : '';
        ctx.stdout.write(`${names[0]} ${names[1]} differ: byte ${i + 1}, line ${line}${tail}\n`);
        return 1;
      }
      out += withBytes ? `${String(i + 1).padStart(width)} ${octal(x)} ${shown(x).padEnd(4)} ${octal(y)} ${shown(y)}\n` : `${String(i + 1).padStart(width)} ${octal(x)} ${octal(y)}\n`;
    }
    if (x === 10) line++;
  }
  ctx.stdout.write(out);
  // One ran out before the limit: EOF on the shorter one.
  if (sa.length !== sb.length && end < limit) {
    const shorter = sa.length < sb.length ? 0 : 1;
    if (!silent) {
      const at = shorter === 0 ? sa.length : sb.length;
      // The line of the last byte read: a newline ending the shorter file does not start another.
      if (at > 0 && sa[at - 1] === 10) line--;
      const where = at === 0 ? 'which is empty' : all ? `after byte ${at}` : `after byte ${at}, line ${line}`;
      ctx.stderr.write(`cmp: EOF on ${names[shorter]} ${where}\n`);
    }
    return 1;
  }
  return differs ? 1 : 0;
};
