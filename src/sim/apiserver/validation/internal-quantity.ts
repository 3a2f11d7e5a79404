/**
 * apimachinery's resource.Quantity as the Go value the API server holds (v0.33.0
 * pkg/api/resource/quantity.go, ParseQuantity): an int64 with a decimal scale when the number
 * fits (the fast path), else an inf.Dec at scale 9; the text kept in the cache field s only when
 * it is already canonical; and the Format its suffix implies. go-cmp prints these fields.
 */
import type { GoType, GoValue } from '../../go-cmp';
import { BOOL, INT64, STRING } from '../../go-cmp/types';

const SUFFIXES: Record<string, { base: 2 | 10; exponent: number; format: string }> = {
  '': { base: 10, exponent: 0, format: 'DecimalSI' },
  n: { base: 10, exponent: -9, format: 'DecimalSI' },
  u: { base: 10, exponent: -6, format: 'DecimalSI' },
  m: { base: 10, exponent: -3, format: 'DecimalSI' },
  k: { base: 10, exponent: 3, format: 'DecimalSI' },
  M: { base: 10, exponent: 6, format: 'DecimalSI' },
  G: { base: 10, exponent: 9, format: 'DecimalSI' },
  T: { base: 10, exponent: 12, format: 'DecimalSI' },
  P: { base: 10, exponent: 15, format: 'DecimalSI' },
  E: { base: 10, exponent: 18, format: 'DecimalSI' },
  Ki: { base: 2, exponent: 10, format: 'BinarySI' },
  Mi: { base: 2, exponent: 20, format: 'BinarySI' },
  Gi: { base: 2, exponent: 30, format: 'BinarySI' },
  Ti: { base: 2, exponent: 40, format: 'BinarySI' },
  Pi: { base: 2, exponent: 50, format: 'BinarySI' },
  Ei: { base: 2, exponent: 60, format: 'BinarySI' },
};

const INT64_MAX = (1n << 63n) - 1n;
const pow10 = (n: number) => 10n ** BigInt(n);

/** A number as an exact fraction, for Equal. */
interface Exact {
  num: bigint;
  den: bigint;
}

interface Parsed {
  value: GoValue;
  exact: Exact;
}

function split(str: string) {
  const m = /^([+-]?)0*(\d*)(?:\.(\d*))?(.*)$/.exec(str)!;
  return { positive: m[1] !== '-', num: m[2] || '0', denom: m[3] ?? '', suffix: m[4] };
}

function suffixOf(suffix: string) {
  if (SUFFIXES[suffix]) return SUFFIXES[suffix];
  const e = /^[eE]([-+]?\d+)$/.exec(suffix);
  return e ? { base: 10 as const, exponent: Number(e[1]), format: 'DecimalExponent' } : undefined;
}

function quantityValue(i: { value: bigint; scale: number } | undefined, dec: { unscaled: bigint; scale: number } | undefined, s: string, format: string): GoValue {
  const mag = dec ? (dec.unscaled < 0n ? -dec.unscaled : dec.unscaled) : 0n;
  const words: GoValue[] = [];
  for (let w = mag; w > 0n; w >>= 64n) words.push(w & ((1n << 64n) - 1n));
  return {
    i: i ? { value: i.value, scale: BigInt(i.scale) } : {},
    d: { Dec: dec ? { unscaled: { neg: dec.unscaled < 0n, abs: words.length ? words : null }, scale: BigInt(dec.scale) } : null },
    s,
    Format: format,
  };
}

/** ParseQuantity; undefined for text it refuses. */
export function parseInternalQuantity(str: string): Parsed | undefined {
  if (!str) return undefined;
  if (str === '0') return { value: quantityValue(undefined, undefined, '0', 'DecimalSI'), exact: { num: 0n, den: 1n } };
  const { positive, num, denom, suffix } = split(str);
  const sx = suffixOf(suffix);
  if (!sx || !/^[+-]?[0-9.]+$/.test(str.slice(0, str.length - suffix.length))) return undefined;
  // The exact value: digits over a power of ten, times the suffix.
  let n = BigInt(num + denom) * (positive ? 1n : -1n);
  let d = pow10(denom.length);
  if (sx.base === 10) {
    if (sx.exponent >= 0) n *= pow10(sx.exponent);
    else d *= pow10(-sx.exponent);
  } else n *= 1n << BigInt(sx.exponent);
  const exact = { num: n, den: d };

  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (sx.format === 'BinarySI') {
    if (sx.exponent >= 0 && denom === '') {
      mantissa = 1n << BigInt(sx.exponent);
      precision = 15 - num.length - Math.trunc(Math.fround((sx.exponent * 3) / 10)) - 1;
    } else precision = -1;
  } else {
    scale = sx.exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = BigInt(num + denom);
      const result = shifted * mantissa;
      if (shifted <= INT64_MAX && result <= INT64_MAX) {
        const digits = num + denom;
        // The text is kept only when it is the canonical form already.
        const canonical = sx.format === 'BinarySI' ? sx.exponent % 10 === 0 && (shifted & 7n) !== 0n : scale % 3 === 0 && !digits.endsWith('000') && digits[0] !== '0';
        const value = quantityValue({ value: positive ? result : -result, scale }, undefined, canonical ? str : '', sx.format);
        return { value, exact };
      }
    }
  }
  // inf.Dec: the value at scale 9, rounded away from zero; binary amounts below 1 become decimal.
  const scaled = exact.num * pow10(9);
  let unscaled = scaled / exact.den;
  if (scaled % exact.den !== 0n) unscaled += scaled > 0n ? 1n : -1n;
  let format = sx.format;
  const abs = exact.num < 0n ? -exact.num : exact.num;
  if (format === 'BinarySI' && abs > 0n && abs < exact.den) format = 'DecimalSI';
  return { value: quantityValue(undefined, { unscaled, scale: 9 }, '', format), exact: { num: unscaled, den: pow10(9) } };
}

/** The exact number a Quantity value holds. */
function exactOf(q: GoValue): Exact {
  const o = q as { i: { value?: bigint; scale?: bigint }; d: { Dec: { unscaled: { neg: boolean; abs: bigint[] | null }; scale: bigint } | null } };
  if (o.d?.Dec) {
    const mag = (o.d.Dec.unscaled.abs ?? []).reduceRight((acc, w) => (acc << 64n) | w, 0n);
    const scale = Number(o.d.Dec.scale);
    const n = o.d.Dec.unscaled.neg ? -mag : mag;
    return scale >= 0 ? { num: n, den: pow10(scale) } : { num: n * pow10(-scale), den: 1n };
  }
  const value = o.i?.value ?? 0n;
  const scale = Number(o.i?.scale ?? 0n);
  return scale >= 0 ? { num: value * pow10(scale), den: 1n } : { num: value, den: pow10(-scale) };
}

/** Quantity.Cmp: how two quantities compare by value. */
export function compareQuantities(a: GoValue, b: GoValue): number {
  const x = exactOf(a);
  const y = exactOf(b);
  const l = x.num * y.den;
  const r = y.num * x.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

const SCALE: GoType = { kind: 'int', name: 'resource.Scale' };
const WORD: GoType = { kind: 'uint', name: 'big.Word' };
const BIG_INT: GoType = {
  kind: 'struct',
  name: 'big.Int',
  fields: [
    { name: 'neg', type: BOOL },
    { name: 'abs', type: { kind: 'slice', name: 'big.nat', elem: WORD } },
  ],
};
const INF_DEC: GoType = {
  kind: 'struct',
  name: 'inf.Dec',
  fields: [
    { name: 'unscaled', type: BIG_INT },
    { name: 'scale', type: { kind: 'int', name: 'inf.Scale' } },
  ],
};

export const QUANTITY: GoType = {
  kind: 'struct',
  name: 'resource.Quantity',
  fields: [
    {
      name: 'i',
      type: {
        kind: 'struct',
        name: 'resource.int64Amount',
        fields: [
          { name: 'value', type: INT64 },
          { name: 'scale', type: SCALE },
        ],
      },
    },
    { name: 'd', type: { kind: 'struct', name: 'resource.infDecAmount', fields: [{ name: 'Dec', type: { kind: 'ptr', name: '', elem: INF_DEC } }] } },
    { name: 's', type: STRING },
    { name: 'Format', type: { kind: 'string', name: 'resource.Format' } },
  ],
  equal: (x, y) => compareQuantities(x, y) === 0,
  // UnmarshalJSON: a string (or a bare number) through ParseQuantity.
  fromJson: (v) => parseInternalQuantity(String(v).trim())?.value ?? {},
};


/** removeInt64Factors / removeBigIntFactors: the value without its factors of `base`, and how many there were. */
function removeFactors(value: bigint, base: bigint): [bigint, number] {
  let times = 0;
  if (value === 0n) return [value, 0];
  while (value % base === 0n) {
    value /= base;
    times++;
  }
  return [value, times];
}

const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * Quantity.String() (the cached text, else CanonicalizeBytes): what the API server writes back for
 * a quantity, and so what it reads from storage. Binary amounts print in the largest power of 1024 that divides
 * them (below 1024, or not whole, they print as decimal); decimal ones with an exponent that is a
 * multiple of three.
 */
export function canonicalQuantity(str: string): string | undefined {
  const parsed = parseInternalQuantity(str.trim());
  if (!parsed) return undefined;
  // String() answers from the cache field when ParseQuantity kept the text.
  const cached = (parsed.value as { s: string }).s;
  if (cached) return cached;
  const { num, den } = parsed.exact;
  if (num === 0n) return '0';
  let format = ((parsed.value as { Format: string }).Format ?? 'DecimalSI') as string;
  if (format === 'BinarySI') {
    const whole = num % den === 0n;
    if ((num > -1024n * den && num < 1024n * den) || !whole) format = 'DecimalSI';
    else {
      const [amount, exponent] = removeFactors(num / den, 1024n);
      if (exponent < BINARY_SUFFIX.length) return `${amount}${BINARY_SUFFIX[exponent]}`;
      return `${amount * 1024n ** BigInt(exponent - 6)}Ei`;
    }
  }
  // Decimal: the value as digits times a power of ten, the power a multiple of three.
  let digits = num;
  let exponent = 0;
  for (let d = den; d > 1n; d /= 10n) exponent--;
  const [amount, times] = removeFactors(digits, 10n);
  digits = amount;
  exponent += times;
  while (((exponent % 3) + 3) % 3 !== 0) {
    digits *= 10n;
    exponent--;
  }
  const suffix = format === 'DecimalSI' ? DECIMAL_SUFFIX[exponent] : undefined;
  if (suffix !== undefined) return `${digits}${suffix}`;
  return exponent === 0 ? `${digits}` : `${digits}e${exponent}`;
}
