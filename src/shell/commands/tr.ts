/** tr: translate, delete (-d), squeeze (-s), complement (-c) character sets with ranges, classes and escapes. */
import type { Program } from '../command';
import { flag, parseArgs } from './lib/args';
import { lq } from './lib/io';

const SPECS = [flag('c', 'complement'), flag('C', undefined, 'c'), flag('d', 'delete'), flag('s', 'squeeze-repeats'), flag('t', 'truncate-set1')];

const CLASS_CHARS: Record<string, string> = {};
function classChars(name: string): string | undefined {
  if (CLASS_CHARS[name] !== undefined) return CLASS_CHARS[name];
  const tests: Record<string, (c: number) => boolean> = {
    alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
    digit: (c) => c >= 48 && c <= 57,
    alnum: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
    upper: (c) => c >= 65 && c <= 90,
    lower: (c) => c >= 97 && c <= 122,
    space: (c) => c === 32 || (c >= 9 && c <= 13),
    blank: (c) => c === 32 || c === 9,
    punct: (c) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126),
    print: (c) => c >= 32 && c <= 126,
    graph: (c) => c >= 33 && c <= 126,
    cntrl: (c) => c < 32 || c === 127,
    xdigit: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
  };
  const t = tests[name];
  if (!t) return undefined;
  let s = '';
  for (let c = 0; c < 128; c++) if (t(c)) s += String.fromCharCode(c);
  CLASS_CHARS[name] = s;
  return s;
}

class SetError extends Error {}

function unescape(s: string, i: number): [string, number] {
  const n = s[i + 1];
  if (n === undefined) return ['\\', i + 1];
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\' };
  if (map[n]) return [map[n], i + 2];
  if (/[0-7]/.test(n)) {
    let j = i + 1;
    let d = '';
    while (j < s.length && d.length < 3 && /[0-7]/.test(s[j])) d += s[j++];
    return [String.fromCharCode(parseInt(d, 8) & 255), j];
  }
  return [n, i + 2];
}

/** No set of characters is longer than this; a longer repeat would only pad what is never read. */
const MAX_REPEAT = 1 << 20;

/** The n of `[c*n]` as GNU tr reads it: decimal, or octal with a leading 0, below SIZE_MAX. */
function repeatCount(text: string): number {
  if (text === '') return 0;
  const invalid = new SetError(`invalid repeat count ${lq(text)} in [c*n] construct`);
  if (text.startsWith('0') && !/^[0-7]+$/.test(text)) throw invalid;
  const n = text.startsWith('0') ? BigInt('0o' + text) : BigInt(text);
  if (n >= 18446744073709551615n) throw invalid;
  return Number(n);
}

/** Expand a SET operand into its list of characters. */
export function expandSet(spec: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < spec.length) {
    if (spec.startsWith('[:', i)) {
      const end = spec.indexOf(':]', i + 2);
      if (end > 0) {
        const name = spec.slice(i + 2, end);
        const chars = classChars(name);
        if (chars === undefined) throw new SetError(`invalid character class ${lq(name)}`);
        out.push(...chars);
        i = end + 2;
        continue;
      }
    }
    if (spec.startsWith('[=', i)) {
      const end = spec.indexOf('=]', i + 2);
      if (end > 0) {
        out.push(spec.slice(i + 2, end));
        i = end + 2;
        continue;
      }
    }
    let ch: string;
    let next: number;
    if (spec[i] === '\\') [ch, next] = unescape(spec, i);
    else [ch, next] = [spec[i], i + 1];
    if (spec[next] === '-' && next + 1 < spec.length) {
      let hi: string;
      let after: number;
      if (spec[next + 1] === '\\') [hi, after] = unescape(spec, next + 1);
      else [hi, after] = [spec[next + 1], next + 2];
      if (hi < ch) throw new SetError(`range-endpoints of '${ch}-${hi}' are in reverse collating sequence order`);
      for (let c = ch.charCodeAt(0); c <= hi.charCodeAt(0); c++) out.push(String.fromCharCode(c));
      i = after;
      continue;
    }
    if (spec[i] === '[' && /^\[(.)\*(\d*)\]/.test(spec.slice(i))) {
      const m = /^\[(.)\*(\d*)\]/.exec(spec.slice(i))!;
      const n = repeatCount(m[2]);
      // Only as many copies as a set can use: `[x*99999999999]` must not be spelled out.
      for (let k = 0; k < Math.min(n || 1, MAX_REPEAT); k++) out.push(m[1]);
      i += m[0].length;
      continue;
    }
    out.push(ch);
    i = next;
  }
  return out;
}

export const tr: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  const del = args.has('d');
  const squeeze = args.has('s');
  const ops = args.operands;
  const usage = (msg: string) => {
    ctx.stderr.write(`tr: ${msg}\nTry 'tr --help' for more information.\n`);
    return 1;
  };
  if (ops.length === 0) return usage('missing operand');
  if (del && !squeeze && ops.length > 1) return usage(`extra operand ${lq(ops[1])}\nOnly one string may be given when deleting without squeezing repeats.`);
  if (!del && !squeeze && ops.length < 2) return usage(`missing operand after ${lq(ops[0])}\nTwo strings must be given when translating.`);
  if (del && squeeze && ops.length < 2) return usage(`missing operand after ${lq(ops[0])}\nTwo strings must be given when both deleting and squeezing repeats.`);
  if (ops.length > 2) return usage(`extra operand ${lq(ops[2])}`);
  let set1: string[];
  let set2: string[];
  for (const op of ops) if (/(^|[^\\])(\\\\)*\\$/.test(op)) ctx.stderr.write('tr: warning: an unescaped backslash at end of string is not portable\n');
  try {
    set1 = expandSet(ops[0]);
    set2 = ops[1] !== undefined ? expandSet(ops[1]) : [];
  } catch (e) {
    ctx.stderr.write(`tr: ${(e as Error).message}\n`);
    return 1;
  }
  const complement = args.has('c');
  const in1 = new Set(set1);
  const member1 = (c: string) => in1.has(c) !== complement;
  const map = new Map<string, string>();
  const translating = !del && ops.length === 2;
  if (translating) {
    if (set2.length === 0) {
      ctx.stderr.write(`tr: when not truncating set1, string2 must be non-empty\n`);
      return 1;
    }
    if (!complement) {
      let s1 = set1;
      if (args.has('t')) s1 = set1.slice(0, set2.length);
      s1.forEach((c, i) => map.set(c, set2[Math.min(i, set2.length - 1)]));
    }
  }
  const squeezeSet = new Set(del || !translating ? (del ? set2 : set1) : set2);
  const squeezeMember = (c: string) => (!del && !translating ? member1(c) : squeezeSet.has(c));
  let last = '';
  // Translate chunk by chunk so a live pipe flows through.
  for (let text = await ctx.stdin.read(); text !== null; text = await ctx.stdin.read()) {
    let out = '';
    for (const c of text) {
      if (del && member1(c)) continue;
      let o = c;
      if (translating) {
        if (complement) {
          if (!in1.has(c)) o = set2[set2.length - 1];
        } else if (map.has(c)) o = map.get(c)!;
      }
      if (squeeze && o === last && squeezeMember(o)) continue;
      out += o;
      last = o;
    }
    ctx.stdout.write(out);
    const full = ctx.stdout.drain?.();
    if (full) await full;
  }
  return 0;
};
