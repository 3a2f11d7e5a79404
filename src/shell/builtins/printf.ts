/**
 * The printf format engine of bash's builtin: %s %b %q %c %d %i %o %u %x %X %e %E %f %F %g %G %a
 * with flags, width and precision (also `*`), the format reused until arguments run out.
 */
import { echoEscapes } from './basic';
import { shellQuote } from '../exec/interpreter';

export interface PrintfResult {
  text: string;
  errors: string[];
}

function formatEscapes(s: string): { text: string; stop: boolean } {
  // The format string knows \" \' \? and octal without a leading 0, unlike echo.
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1];
    if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 8) & 0xff);
      i += m.length;
      continue;
    }
    if (n === '"' || n === "'" || n === '?') {
      out += n;
      i++;
      continue;
    }
    if (n === 'c') {
      // \c only stops output in %b arguments; in the format it is kept as written.
      out += '\\c';
      i++;
      continue;
    }
    const r = echoEscapes(s.slice(i, i + 2 + (n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0)));
    // echoEscapes consumed the escape; find how much
    const consumed = n === 'x' ? 2 + (/^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2))?.[0].length ?? 0) : n === 'u' || n === 'U' ? 2 + (new RegExp(`^[0-9a-fA-F]{1,${n === 'u' ? 4 : 8}}`).exec(s.slice(i + 2))?.[0].length ?? 0) : 2;
    out += consumed === 2 && (n === 'x' || n === 'u' || n === 'U') ? '\\' + n : echoEscapes(s.slice(i, i + consumed)).text;
    void r;
    i += consumed - 1;
  }
  return { text: out, stop: false };
}

function parseNumber(arg: string, errors: string[]): { value: bigint; float: number } {
  const a = arg.trim();
  if (a === '') return { value: 0n, float: 0 };
  if (/^['"]/.test(a)) {
    const cp = a.codePointAt(1) ?? 0;
    return { value: BigInt(cp), float: cp };
  }
  let m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(a);
  if (m) {
    const body = m[2];
    let v: bigint;
    if (/^0[xX]/.test(body)) v = BigInt(body);
    else if (body.length > 1 && body[0] === '0') v = BigInt('0o' + body.slice(1));
    else v = BigInt(body);
    if (m[1] === '-') v = -v;
    return { value: v, float: Number(v) };
  }
  m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.exec(a);
  if (m) {
    const f = Number(a);
    errors.push(`${arg}: invalid number`);
    return { value: BigInt(Math.trunc(f)), float: f };
  }
  const lead = /^[-+]?\d+/.exec(a);
  errors.push(`${arg}: invalid number`);
  return { value: lead ? BigInt(lead[0]) : 0n, float: lead ? Number(lead[0]) : 0 };
}

function parseFloatArg(arg: string, errors: string[]): number {
  const a = arg.trim();
  if (a === '') return 0;
  if (/^['"]/.test(a)) return a.codePointAt(1) ?? 0;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(a) || /^[-+]?0[xX][0-9a-fA-F]+$/.test(a)) return Number(a);
  if (/^[-+]?(inf|infinity|nan)$/i.test(a)) return Number(a.replace(/inf(inity)?/i, 'Infinity'));
  errors.push(`${arg}: invalid number`);
  const lead = /^[-+]?\d+(\.\d*)?/.exec(a);
  return lead ? Number(lead[0]) : 0;
}

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s + ' '.repeat(width - s.length);
  if (zero) {
    const sign = /^[-+ ]/.test(s) ? s[0] : '';
    const rest = sign ? s.slice(1) : s;
    const prefix = /^0[xX]/.test(rest) ? rest.slice(0, 2) : '';
    return sign + prefix + '0'.repeat(width - s.length) + rest.slice(prefix.length);
  }
  return ' '.repeat(width - s.length) + s;
}

function expFormat(v: number, prec: number, upper: boolean): string {
  let s = v.toExponential(prec);
  s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

function gFormat(v: number, prec: number, alt: boolean, upper: boolean): string {
  if (!isFinite(v)) return String(v);
  const p = prec === 0 ? 1 : prec;
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  let s: string;
  if (exp < -4 || exp >= p) {
    s = v.toExponential(p - 1);
    if (!alt) s = s.replace(/\.?0+e/, 'e');
    s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  } else {
    s = v.toFixed(Math.max(0, p - 1 - exp));
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return upper ? s.toUpperCase() : s;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** strftime in UTC for %(…)T. */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const map: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()),
    y: () => p2(d.getUTCFullYear() % 100),
    m: () => p2(d.getUTCMonth() + 1),
    d: () => p2(d.getUTCDate()),
    e: () => String(d.getUTCDate()).padStart(2, ' '),
    H: () => p2(d.getUTCHours()),
    I: () => p2(d.getUTCHours() % 12 || 12),
    M: () => p2(d.getUTCMinutes()),
    S: () => p2(d.getUTCSeconds()),
    p: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
    a: () => DAYS[d.getUTCDay()].slice(0, 3),
    A: () => DAYS[d.getUTCDay()],
    b: () => MONTHS[d.getUTCMonth()].slice(0, 3),
    h: () => MONTHS[d.getUTCMonth()].slice(0, 3),
    B: () => MONTHS[d.getUTCMonth()],
    j: () => String(Math.floor((ms - start) / 86_400_000) + 1).padStart(3, '0'),
    s: () => String(Math.floor(ms / 1000)),
    u: () => String(d.getUTCDay() || 7),
    w: () => String(d.getUTCDay()),
    Z: () => 'UTC',
    z: () => '+0000',
    n: () => '\n',
    t: () => '\t',
    '%': () => '%',
  };
  map.F = () => `${map.Y()}-${map.m()}-${map.d()}`;
  map.T = () => `${map.H()}:${map.M()}:${map.S()}`;
  map.D = () => `${map.m()}/${map.d()}/${map.y()}`;
  map.R = () => `${map.H()}:${map.M()}`;
  map.c = () => `${map.a()} ${map.b()} ${map.e()} ${map.T()} ${map.Y()}`;
  return fmt.replace(/%([A-Za-z%])/g, (m, c: string) => (map[c] ? map[c]() : m));
}

export function formatPrintf(format: string, args: string[], clock?: { now(): number; start: number }): PrintfResult {
  const errors: string[] = [];
  let out = '';
  let ai = 0;
  const next = () => (ai < args.length ? args[ai++] : undefined);
  for (let round = 0; ; round++) {
    const startAi = ai;
    let consumed = false;
    let i = 0;
    while (i < format.length) {
      const c = format[i];
      if (c === '\\') {
        // find the escape extent by decoding progressively
        let j = i + 1;
        const n = format[j];
        if (n === undefined) {
          out += '\\';
          i++;
          continue;
        }
        if (/[0-7]/.test(n)) j += /^[0-7]{1,3}/.exec(format.slice(j))![0].length;
        else if (n === 'x') j += 1 + (/^[0-9a-fA-F]{1,2}/.exec(format.slice(j + 1))?.[0].length ?? 0);
        else if (n === 'u') j += 1 + (/^[0-9a-fA-F]{1,4}/.exec(format.slice(j + 1))?.[0].length ?? 0);
        else if (n === 'U') j += 1 + (/^[0-9a-fA-F]{1,8}/.exec(format.slice(j + 1))?.[0].length ?? 0);
        else j += 1;
        const r = formatEscapes(format.slice(i, j));
        out += r.text;
        if (r.stop) return { text: out, errors };
        i = j;
        continue;
      }
      if (c !== '%') {
        out += c;
        i++;
        continue;
      }
      if (format[i + 1] === '%') {
        out += '%';
        i += 2;
        continue;
      }
      const tm = /^%([-]?)(\d*)\(([^)]*)\)T/.exec(format.slice(i));
      if (tm) {
        i += tm[0].length;
        const arg = next();
        const n = arg === undefined || arg === '' ? -1 : Number(arg);
        const now = clock?.now() ?? 0;
        const ms = n === -1 ? now : n === -2 ? clock?.start ?? now : n * 1000;
        out += pad(strftime(tm[3], ms), Number(tm[2] || 0), tm[1] === '-', false);
        consumed = true;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|L|j|z|t)?([a-zA-Z])?/.exec(format.slice(i));
      if (!m || !m[5]) {
        errors.push(`\`${format.slice(i + 1, i + 2) || '%'}': missing format character`.replace('`%\'', '`%\''));
        return { text: out, errors: errors.length ? [`${format.slice(i)}: invalid format character`] : errors };
      }
      i += m[0].length;
      const flags = m[1];
      let width = 0;
      if (m[2] === '*') {
        consumed = true;
        width = Number(parseNumber(next() ?? '0', errors).value);
      } else if (m[2]) width = Number(m[2]);
      let prec: number | undefined;
      if (m[3] !== undefined) {
        if (m[3] === '*') {
          consumed = true;
          prec = Number(parseNumber(next() ?? '0', errors).value);
        } else prec = Number(m[3] || '0');
      }
      let left = flags.includes('-');
      if (width < 0) {
        left = true;
        width = -width;
      }
      const zero = flags.includes('0') && !left;
      const conv = m[5];
      const arg = next();
      if (arg !== undefined) consumed = true;
      switch (conv) {
        case 's':
        case 'b':
        case 'q': {
          let s = arg ?? '';
          if (conv === 'b') {
            const r = echoEscapes(s);
            s = r.text;
            if (r.stop) {
              out += pad(prec !== undefined ? s.slice(0, prec) : s, width, left, false);
              return { text: out, errors };
            }
          }
          if (conv === 'q') s = arg === undefined ? "''" : bashQ(s);
          if (prec !== undefined) s = s.slice(0, prec);
          out += pad(s, width, left, false);
          break;
        }
        case 'c':
          out += pad((arg ?? '').slice(0, 1), width, left, false);
          break;
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
          let v = arg === undefined ? 0n : parseNumber(arg, errors).value;
          let s: string;
          if (conv === 'd' || conv === 'i') {
            s = (v < 0n ? -v : v).toString();
          } else {
            if (v < 0n) v = (1n << 64n) + v;
            s = conv === 'o' ? v.toString(8) : conv === 'u' ? v.toString() : v.toString(16);
            if (conv === 'X') s = s.toUpperCase();
          }
          if (prec !== undefined) s = s.padStart(prec, '0');
          if (flags.includes('#') && v !== 0n) {
            if (conv === 'o' && !s.startsWith('0')) s = '0' + s;
            if (conv === 'x') s = '0x' + s;
            if (conv === 'X') s = '0X' + s;
          }
          if (conv === 'd' || conv === 'i') {
            if (v < 0n) s = '-' + s;
            else if (flags.includes('+')) s = '+' + s;
            else if (flags.includes(' ')) s = ' ' + s;
          }
          out += pad(s, width, left, zero && prec === undefined);
          break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
        case 'a':
        case 'A': {
          const v = arg === undefined ? 0 : parseFloatArg(arg, errors);
          const p = prec ?? 6;
          let s: string;
          if (!isFinite(v)) s = isNaN(v) ? 'nan' : v < 0 ? '-inf' : 'inf';
          else if (conv === 'f' || conv === 'F') s = v.toFixed(p);
          else if (conv === 'e' || conv === 'E') s = expFormat(v, p, conv === 'E');
          else if (conv === 'g' || conv === 'G') s = gFormat(v, p, flags.includes('#'), conv === 'G');
          else s = v.toString(16);
          if (v >= 0 && !s.startsWith('-')) {
            if (flags.includes('+')) s = '+' + s;
            else if (flags.includes(' ')) s = ' ' + s;
          }
          out += pad(s, width, left, zero);
          break;
        }
        default:
          errors.push(`%${conv}: invalid format character`);
          return { text: out, errors };
      }
    }
    if (ai >= args.length || !consumed || ai === startAi) break;
  }
  return { text: out, errors };
}

/** printf %q: bash's backslash quoting. */
function bashQ(s: string): string {
  if (s === '') return "''";
  if (/[\x00-\x1f\x7f]/.test(s)) {
    return "$'" + s.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/[\x00-\x1f\x7f]/g, (c) => '\\' + c.charCodeAt(0).toString(8).padStart(3, '0')) + "'";
  }
  void shellQuote;
  return s.replace(/[^A-Za-z0-9_@%+=:,./-]/g, (c) => (c === '~' ? c : '\\' + c)).replace(/^~/, '\\~');
}
