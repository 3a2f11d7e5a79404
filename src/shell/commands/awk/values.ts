/**
 * awk values: numbers, strings, and "strnums" (input that looks numeric compares as a number).
 * Uninitialised values are the empty strnum, equal to both "" and 0.
 */
import { formatG, formatString } from '../lib/format';

const NUMERIC = /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)[ \t\n\r\f\v]*$/;

export class StrNum {
  readonly num: number | null;
  constructor(readonly s: string) {
    this.num = looksNumeric(s) ? Number(s.trim()) : null;
  }
}

export type Value = number | string | StrNum;
export type AwkArray = Map<string, Value>;

export const UNINIT = new StrNum('');
(UNINIT as { num: number | null }).num = 0;


export function looksNumeric(s: string): boolean {
  return NUMERIC.test(s);
}

/** The leading numeric prefix of a string, as strtod reads it (0 when none). */
export function strToNum(s: string): number {
  const hex = /^[ \t\n\r\f\v]*([-+]?)0[xX]([0-9a-fA-F]+)/.exec(s);
  if (hex) return (hex[1] === '-' ? -1 : 1) * parseInt(hex[2], 16);
  const m = /^[ \t\n\r\f\v]*([-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|inf(?:inity)?|nan))/i.exec(s);
  if (!m) return 0;
  const t = m[1].toLowerCase();
  if (t.includes('inf')) return t.startsWith('-') ? -Infinity : Infinity;
  if (t.includes('nan')) return NaN;
  return Number(m[1]);
}

export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return strToNum(v);
  return v.num ?? strToNum(v.s);
}

/** Number to string: integers print as %d, others with the given format (CONVFMT or OFMT). */
export function numToStr(n: number, fmt: string): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 53) return String(n);
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (fmt === '%.6g') return formatG(n, 6);
  return formatString(fmt, [{ num: () => n, str: () => String(n) }]).text;
}

export function toStr(v: Value, convfmt: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numToStr(v, convfmt);
  return v.s;
}

export function toBool(v: Value): boolean {
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  if (v === UNINIT) return false;
  return v.num !== null ? v.num !== 0 : v.s !== '';
}

function isNumeric(v: Value): boolean {
  return typeof v === 'number' || (v instanceof StrNum && v.num !== null);
}

export function compare(a: Value, b: Value, convfmt: string): number {
  if (isNumeric(a) && isNumeric(b)) {
    const x = toNum(a);
    const y = toNum(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : 1;
  }
  const x = toStr(a, convfmt);
  const y = toStr(b, convfmt);
  return x < y ? -1 : x > y ? 1 : 0;
}
