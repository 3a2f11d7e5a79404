/**
 * C printf-style formatting shared by printf(1) and awk: %d %i %o %u %x %X %c %s %e %E %f %F %g %G %%
 * with flags (- + space # 0), width, precision and `*`.
 */

export interface FormatArg {
  num(): number;
  str(): string;
}

/** %g as C prints it: precision P significant digits, trailing zeros removed unless #. */
export function formatG(x: number, precision: number, alt = false, upper = false): string {
  if (!Number.isFinite(x)) return formatNonFinite(x, upper);
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return alt ? (0).toFixed(p - 1) : Object.is(x, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(x)));
  let e = exp;
  // Rounding may bump the exponent (9.9999995 -> 10.0000).
  const probe = Math.abs(x).toExponential(p - 1);
  e = Number(probe.slice(probe.indexOf('e') + 1));
  let s: string;
  if (e < -4 || e >= p) {
    s = x.toExponential(p - 1);
    let [mant, ex] = s.split('e');
    if (!alt && mant.includes('.')) mant = mant.replace(/\.?0+$/, '');
    const en = Number(ex);
    s = `${mant}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  } else {
    s = x.toFixed(Math.max(0, p - 1 - e));
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return upper ? s.toUpperCase() : s;
}

function formatNonFinite(x: number, upper: boolean): string {
  const s = Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  return upper ? s.toUpperCase() : s;
}

export function formatE(x: number, precision: number, upper = false): string {
  if (!Number.isFinite(x)) return formatNonFinite(x, upper);
  const s = x.toExponential(precision);
  const [mant, ex] = s.split('e');
  const en = Number(ex);
  const out = `${mant}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  return upper ? out.toUpperCase() : out;
}

function toFixedBig(x: number, precision: number): string {
  if (!Number.isFinite(x)) return formatNonFinite(x, false);
  if (Math.abs(x) < 1e21) return x.toFixed(precision);
  const int = BigInt(Math.round(x)).toString();
  return precision > 0 ? `${int}.${'0'.repeat(precision)}` : int;
}

function pad(body: string, sign: string, width: number, left: boolean, zero: boolean): string {
  const len = sign.length + body.length;
  if (len >= width) return sign + body;
  if (left) return sign + body + ' '.repeat(width - len);
  if (zero) return sign + '0'.repeat(width - len) + body;
  return ' '.repeat(width - len) + sign + body;
}

export interface FormatResult {
  text: string;
  /** Number of arguments consumed. */
  used: number;
  /** A conversion had no argument left. */
  missing: boolean;
  /** Length of the output produced before the first conversion without an argument. */
  missingAt?: number;
}

/**
 * Format once through `fmt`. Missing arguments read as empty/zero (printf(1)) and are reported
 * (awk errors on them). Unknown conversions are copied literally.
 */
export function formatString(fmt: string, args: FormatArg[], options: { escapes?: (s: string, i: number) => [string, number] } = {}): FormatResult {
  let out = '';
  let ai = 0;
  let missing = false;
  let missingAt: number | undefined;
  const next = (): FormatArg => {
    if (ai < args.length) return args[ai++];
    if (!missing) missingAt = out.length;
    missing = true;
    return { num: () => 0, str: () => '' };
  };
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '\\' && options.escapes) {
      const [s, ni] = options.escapes(fmt, i);
      out += s;
      i = ni - 1;
      continue;
    }
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|L|q|j|z|t)?([a-zA-Z%])/.exec(fmt.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length - 1;
    const flags = m[1];
    let width = m[2] === '*' ? Math.trunc(next().num()) : m[2] ? Number(m[2]) : 0;
    let left = flags.includes('-');
    if (width < 0) {
      left = true;
      width = -width;
    }
    let precision: number | undefined = m[3] === undefined ? undefined : m[3] === '*' ? Math.trunc(next().num()) : Number(m[3] || '0');
    if (precision !== undefined && precision < 0) precision = undefined;
    const conv = m[5];
    const plus = flags.includes('+');
    const space = flags.includes(' ');
    const alt = flags.includes('#');
    const zero = flags.includes('0') && !left;
    const signOf = (neg: boolean) => (neg ? '-' : plus ? '+' : space ? ' ' : '');
    switch (conv) {
      case '%':
        out += '%';
        break;
      case 'd':
      case 'i': {
        const v = next().num();
        const n = Number.isFinite(v) ? Math.trunc(v) : v;
        let body = Number.isFinite(n) ? BigInt(Math.abs(n)).toString() : Math.abs(n) === Infinity ? 'inf' : 'nan';
        if (precision !== undefined) body = body.padStart(precision, '0');
        if (precision === 0 && n === 0) body = '';
        out += pad(body, signOf(n < 0), width, left, zero && precision === undefined);
        break;
      }
      case 'o':
      case 'u':
      case 'x':
      case 'X': {
        let n = Math.trunc(next().num());
        if (n < 0) n = Number(BigInt.asUintN(64, BigInt(n)));
        let body = conv === 'o' ? n.toString(8) : conv === 'u' ? String(n) : n.toString(16);
        if (conv === 'X') body = body.toUpperCase();
        if (precision !== undefined) body = body.padStart(precision, '0');
        let prefix = '';
        if (alt && n !== 0 && (conv === 'x' || conv === 'X')) prefix = conv === 'x' ? '0x' : '0X';
        if (alt && conv === 'o' && !body.startsWith('0')) body = '0' + body;
        out += pad(body, prefix, width, left, zero && precision === undefined);
        break;
      }
      case 'c': {
        const a = next();
        const s = a.str();
        const isNumber = (a as { isNumber?: boolean }).isNumber;
        const v = isNumber === true || (isNumber === undefined && /^-?\d+(\.\d+)?$/.test(s)) ? String.fromCharCode(a.num()) : s === '' ? '\0' : s.slice(0, 1);
        out += pad(v, '', width, left, false);
        break;
      }
      case 's': {
        let s = next().str();
        if (precision !== undefined) s = s.slice(0, precision);
        out += pad(s, '', width, left, false);
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        const v = next().num();
        const p = precision ?? 6;
        const neg = v < 0 || Object.is(v, -0);
        const a = Math.abs(v);
        let body: string;
        if (conv === 'e' || conv === 'E') body = formatE(a, p, conv === 'E');
        else if (conv === 'f' || conv === 'F') body = toFixedBig(a, p);
        else body = formatG(a, p, alt, conv === 'G');
        if (alt && p === 0 && (conv === 'f' || conv === 'F') && !body.includes('.')) body += '.';
        out += pad(body, signOf(neg && !Number.isNaN(v)), width, left, zero && Number.isFinite(v));
        break;
      }
      default:
        out += m[0];
    }
  }
  return { text: out, used: ai, missing, missingAt };
}
