/**
 * sort (GNU, C.UTF-8 collation = code point order): -k keys with per-key flags, -t, -n -h -g -V
 * -f -b -d -r -u -s -c -o -z. Ties fall back to comparing whole lines unless -s or -u.
 */
import { argmatch } from './lib/argmatch';
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText, lq, splitLines, warn } from './lib/io';
import { FsError } from '../command';

const SPECS = [
  flag('b', 'ignore-leading-blanks'),
  flag('d', 'dictionary-order'),
  flag('f', 'ignore-case'),
  flag('g', 'general-numeric-sort'),
  flag('h', 'human-numeric-sort'),
  flag('i', 'ignore-nonprinting'),
  flag('M', 'month-sort'),
  flag('n', 'numeric-sort'),
  flag('R', 'random-sort'),
  flag('r', 'reverse'),
  flag('V', 'version-sort'),
  withArg('k', 'key'),
  withArg('t', 'field-separator'),
  withArg('o', 'output'),
  flag('s', 'stable'),
  flag('u', 'unique'),
  flag('c', 'check'),
  flag('C', undefined, 'C'),
  flag('m', 'merge'),
  flag('z', 'zero-terminated'),
  withArg('S', 'buffer-size'),
  withArg('T', 'temporary-directory'),
  withArg(undefined, 'parallel'),
  // -y is Solaris's, accepted and ignored (sort.c); see yOperands.
  withArg('y', undefined, 'y'),
  withArg(undefined, 'sort'),
];

interface KeyFlags {
  b: boolean;
  d: boolean;
  f: boolean;
  g: boolean;
  h: boolean;
  i: boolean;
  M: boolean;
  n: boolean;
  r: boolean;
  V: boolean;
}

interface Key {
  f1: number;
  c1: number;
  f2: number;
  c2: number;
  flags: KeyFlags;
  startBlanks: boolean;
  endBlanks: boolean;
}

class KeyError extends Error {}

const FLAG_LETTERS = 'bdfghiMnrV';
const emptyFlags = (): KeyFlags => ({ b: false, d: false, f: false, g: false, h: false, i: false, M: false, n: false, r: false, V: false });

function parseKey(spec: string, global: KeyFlags): Key {
  const m = /^(\d*)(?:\.(\d*))?([a-zA-Z]*)(?:,(\d*)(?:\.(\d*))?([a-zA-Z]*))?$/.exec(spec);
  if (!m || m[1] === '') throw new KeyError(`invalid number at field start: invalid count at start of ${lq(spec)}`);
  const f1 = Number(m[1]);
  if (f1 === 0) throw new KeyError(`field number is zero: invalid field specification ${lq(spec)}`);
  if (m[2] !== undefined && Number(m[2]) === 0) throw new KeyError(`character offset is zero: invalid field specification ${lq(spec)}`);
  const flags = emptyFlags();
  const opts = (m[3] ?? '') + (m[6] ?? '');
  for (const c of opts) {
    if (!FLAG_LETTERS.includes(c)) throw new KeyError(`stray character in field spec: invalid field specification ${lq(spec)}`);
    flags[c as keyof KeyFlags] = true;
  }
  const hasOwn = opts.replace(/b/g, '').length > 0 || opts.includes('b');
  const eff = hasOwn ? flags : { ...global };
  return {
    f1,
    c1: m[2] ? Number(m[2]) : 1,
    f2: m[4] !== undefined && m[4] !== '' ? Number(m[4]) : Infinity,
    c2: m[5] ? Number(m[5]) : 0,
    flags: eff,
    startBlanks: hasOwn ? (m[3] ?? '').includes('b') : global.b,
    endBlanks: hasOwn ? (m[6] ?? '').includes('b') : global.b,
  };
}

/** Start offsets of fields (1-based index → [start, end)). */
function fieldBounds(line: string, sep: string | undefined): [number, number][] {
  const out: [number, number][] = [];
  if (sep !== undefined) {
    let start = 0;
    for (let i = 0; i <= line.length; i++) {
      if (i === line.length || line[i] === sep) {
        out.push([start, i]);
        start = i + 1;
      }
    }
    return out;
  }
  let i = 0;
  while (i < line.length) {
    const start = i;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
    out.push([start, i]);
  }
  return out;
}

function skipBlanks(line: string, i: number, end: number): number {
  while (i < end && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

function extractKey(line: string, key: Key, sep: string | undefined): string {
  const fields = fieldBounds(line, sep);
  let start: number;
  if (key.f1 > fields.length) start = line.length;
  else {
    const [fs, fe] = fields[key.f1 - 1];
    let s = key.startBlanks ? skipBlanks(line, fs, fe) : fs;
    s = Math.min(s + key.c1 - 1, fe);
    start = s;
  }
  let end: number;
  if (key.f2 === Infinity || key.f2 > fields.length) end = line.length;
  else {
    const [fs, fe] = fields[key.f2 - 1];
    if (key.c2 === 0) end = fe;
    else {
      const s = key.endBlanks ? skipBlanks(line, fs, fe) : fs;
      end = Math.min(s + key.c2, fe);
    }
  }
  return end <= start ? '' : line.slice(start, end);
}

function numericValue(s: string): number {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return 0;
  const v = Number(`${m[2] || '0'}.${m[3] ?? ''}`.replace(/\.$/, ''));
  return m[1] ? -v : v;
}

const HUMAN = 'KMGTPEZYRQ';
function humanValue(s: string): [number, number] {
  const m = /^[ \t]*(-?)(\d*(?:\.\d*)?)([kKMGTPEZYRQ]?)/.exec(s);
  if (!m || m[2] === '') return [0, 0];
  const mag = m[3] ? HUMAN.indexOf(m[3].toUpperCase()) + 1 : 0;
  const v = Number(m[2]) || 0;
  const sign = m[1] ? -1 : 1;
  return [v === 0 ? 0 : sign * (mag + 1), sign * v];
}

function generalValue(s: string): number {
  const hex = /^\s*([-+]?)0[xX]([0-9a-fA-F]+)/.exec(s);
  if (hex) return (hex[1] === '-' ? -1 : 1) * parseInt(hex[2], 16);
  const v = parseFloat(s.trim());
  return Number.isNaN(v) ? -Infinity : v;
}

/** GNU filevercmp-like comparison for -V. */
export function versionCompare(a: string, b: string): number {
  const split = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const pa = split(a);
  const pb = split(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else if (x !== y) {
      const order = (c: string) => (c === '~' ? -1 : /[a-zA-Z]/.test(c) ? c.charCodeAt(0) : c.charCodeAt(0) + 256);
      for (let j = 0; j < Math.max(x.length, y.length); j++) {
        if (x[j] === undefined) return dx ? 1 : -1;
        if (y[j] === undefined) return dy ? -1 : 1;
        const d = order(x[j]) - order(y[j]);
        if (d) return d < 0 ? -1 : 1;
      }
    }
  }
  return 0;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function cmpStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBy(a: string, b: string, f: KeyFlags): number {
  if (f.n) return Math.sign(numericValue(a) - numericValue(b));
  if (f.h) {
    const [ma, va] = humanValue(a);
    const [mb, vb] = humanValue(b);
    return Math.sign(ma - mb) || Math.sign(va - vb);
  }
  if (f.g) {
    const x = generalValue(a);
    const y = generalValue(b);
    return x === y ? 0 : x < y ? -1 : 1;
  }
  if (f.M) {
    const m = (s: string) => MONTHS.indexOf(s.trim().slice(0, 3).toUpperCase());
    return Math.sign(m(a) - m(b));
  }
  if (f.V) return versionCompare(a, b);
  let x = a;
  let y = b;
  if (f.d) {
    x = x.replace(/[^ \t0-9A-Za-z]/g, '');
    y = y.replace(/[^ \t0-9A-Za-z]/g, '');
  }
  if (f.i) {
    x = x.replace(/[^\x20-\x7e]/g, '');
    y = y.replace(/[^\x20-\x7e]/g, '');
  }
  if (f.f) {
    x = x.toUpperCase();
    y = y.toUpperCase();
  }
  return cmpStrings(x, y);
}

const SORT_WORDS = [['general-numeric', 'g'], ['human-numeric', 'h'], ['month', 'M'], ['numeric', 'n'], ['random', 'R'], ['version', 'V']] as const;

/** `-y WORD` as separate words: sort.c gives WORD back as an operand unless it is all digits. */
function yOperands(argv: readonly string[]): string[] {
  const back: string[] = [];
  for (let i = 1; i + 1 < argv.length && argv[i] !== '--'; i++) if (argv[i] === '-y' && !/^\d*$/.test(argv[i + 1])) back.push(argv[++i]);
  return back;
}

export const sort: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS, { usageStatus: 2 });
  if (typeof args === 'number') return args;
  const global = emptyFlags();
  for (const c of FLAG_LETTERS) if (args.has(c)) global[c as keyof KeyFlags] = true;
  // --sort=WORD is the letter of that ordering (sort.c sort_args).
  for (const word of args.all('sort')) {
    const matched = argmatch(word, SORT_WORDS, '--sort');
    if (typeof matched === 'string') {
      ctx.stderr.write(`sort: ${matched}Try 'sort --help' for more information.\n`);
      return 1;
    }
    global[matched.value as keyof KeyFlags] = true;
  }
  const seps = args.all('t');
  let sep: string | undefined;
  if (seps.length) {
    sep = seps[seps.length - 1];
    if (sep === '\\0') sep = '\0';
    else if (sep.length !== 1) {
      warn(ctx, `multi-character tab ${lq(sep)}`);
      return 2;
    }
  }
  let keys: Key[];
  try {
    keys = args.all('k').map((k) => parseKey(k, global));
  } catch (e) {
    warn(ctx, (e as Error).message);
    return 2;
  }
  const rs = args.has('z') ? '\0' : '\n';
  let text = '';
  const perFile: string[][] = [];
  const operands = [...yOperands(ctx.argv), ...args.operands];
  const files = operands.length ? operands : ['-'];
  for (const f of files) {
    if (f === '-') {
      const t = await ctx.stdin.readAll();
      text += t;
      perFile.push(splitLines(t, rs).lines);
    } else {
      try {
        const st = ctx.fs.stat(f);
        if (!st) throw new FsError('ENOENT', f);
        if (st.type === 'dir') throw new FsError('EISDIR', f);
        const t = ctx.fs.readFile(f);
        text += t.length && !t.endsWith(rs) ? t + rs : t;
        perFile.push(splitLines(t, rs).lines);
        continue;
      } catch (e) {
        warn(ctx, `${e instanceof FsError && e.code === 'EISDIR' ? 'read failed' : 'cannot read'}: ${f}: ${errorText(e)}`);
        return 2;
      }
    }
  }
  const lines = splitLines(text, rs).lines;
  const stable = args.has('s');
  const unique = args.has('u');
  const reverse = global.r;
  const compare = (a: string, b: string): number => {
    if (keys.length) {
      for (const k of keys) {
        const c = compareBy(extractKey(a, k, sep), extractKey(b, k, sep), k.flags);
        if (c) return k.flags.r ? -c : c;
      }
    } else {
      const ka = global.b ? a.replace(/^[ \t]+/, '') : a;
      const kb = global.b ? b.replace(/^[ \t]+/, '') : b;
      const c = compareBy(ka, kb, global);
      if (c) return reverse ? -c : c;
    }
    if (stable || unique) return 0;
    const c = cmpStrings(a, b);
    return reverse ? -c : c;
  };
  if (args.has('c') || args.has('C')) {
    for (let i = 1; i < lines.length; i++) {
      const c = compare(lines[i - 1], lines[i]);
      if (c > 0 || (unique && c === 0)) {
        if (args.has('c')) ctx.stderr.write(`sort: ${files[0]}:${i + 1}: disorder: ${lines[i]}\n`);
        return 1;
      }
    }
    return 0;
  }
  let sorted: string[];
  if (args.has('m')) {
    // -m merges inputs that are already sorted: take the smallest head each time, never re-sort.
    sorted = [];
    const heads = perFile.map(() => 0);
    for (;;) {
      let best = -1;
      for (let k = 0; k < perFile.length; k++) {
        if (heads[k] >= perFile[k].length) continue;
        if (best < 0 || compare(perFile[k][heads[k]], perFile[best][heads[best]]) < 0) best = k;
      }
      if (best < 0) break;
      sorted.push(perFile[best][heads[best]++]);
    }
  } else sorted = lines.map((l, i) => ({ l, i })).sort((x, y) => compare(x.l, y.l) || x.i - y.i).map((x) => x.l);
  let out = sorted;
  if (unique) {
    out = [];
    for (const l of sorted) if (!out.length || compare(out[out.length - 1], l) !== 0) out.push(l);
  }
  const result = out.map((l) => l + rs).join('');
  const target = args.last('o');
  if (target !== undefined) {
    try {
      ctx.fs.writeFile(target, result);
    } catch (e) {
      warn(ctx, `open failed: ${target}: ${errorText(e)}`);
      return 2;
    }
    return 0;
  }
  ctx.stdout.write(result);
  return 0;
};
