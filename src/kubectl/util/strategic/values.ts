/**
 * Unstructured JSON values as Go's encoding/json hands them to strategicpatch: maps, slices and
 * scalars, compared by Go type (reflect.TypeOf) and printed with fmt's %v, which is how the
 * algorithm orders list items and merge keys.
 */
import { goFormatFloat } from '../../../sim/go-float';

/** 2^63: a JSON integer at least this large does not fit an int64 and decodes as float64. */
const INT64_LIMIT = 2 ** 63;

export type JsonMap = { [key: string]: unknown };

export const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON number decodes to int64 when it is integral and fits (k8s.io/apimachinery/pkg/util/json), else float64. */
export function goType(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < INT64_LIMIT ? 'int64' : 'float64';
  return typeof v === 'object' ? 'map' : typeof v;
}

/** reflect.DeepEqual of two decoded JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** fmt's %v of a decoded JSON value. */
export function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (isMap(v)) return `map[${Object.keys(v).sort(byteOrder).map((k) => `${k}:${goV(v[k])}`).join(' ')}]`;
  // %v of a float64 is strconv's shortest 'g': %e form from an exponent of 6 up (1.2345675e+06).
  if (typeof v === 'number' && goType(v) === 'float64') return goFormatFloat(v);
  return String(v);
}

export const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** sort.Sort of scalars by their %v, in place as Go sorts the slice it is given. */
export function sortScalars(s: unknown[]): unknown[] {
  const sorted = s.map((v) => [goV(v), v] as const).sort((a, b) => byteOrder(a[0], b[0]));
  sorted.forEach(([, v], i) => (s[i] = v));
  return s;
}

/** deduplicateScalars: a later duplicate is overwritten by the last item, which reorders the rest. */
export function deduplicateScalars(input: unknown[]): unknown[] {
  const s = input;
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

/** The Go kind of the items of slices: 'map', a scalar kind, or an error for mixed items and lists of lists. */
export function sliceElementType(...slices: unknown[][]): string {
  let prev: string | undefined;
  for (const s of slices) {
    for (const v of s) {
      const t = goType(v);
      if (prev === undefined) {
        prev = t;
        if (prev === 'slice') throw new Error('lists of lists are not supported');
      } else if (prev !== t) {
        throw new Error(`list element types are not identical: [${slices.map(goV).join(' ')}]`);
      }
    }
  }
  if (prev === undefined) throw new Error('no elements in any of the given slices');
  return prev;
}

/** A deep copy with every map's keys in the order json.Marshal writes them (sorted bytewise). */
export function marshalOrder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(marshalOrder);
  if (!isMap(v)) return v;
  const out: JsonMap = {};
  for (const k of Object.keys(v).sort(byteOrder)) if (v[k] !== undefined) out[k] = marshalOrder(v[k]);
  return out;
}

export const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
