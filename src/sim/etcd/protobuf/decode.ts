/**
 * The way back: a Kubernetes object's protobuf to the JSON encoding/json writes for the Go struct
 * it decodes into — fields in the struct's order, `omitempty` ones left out when empty, pointers
 * only when set, a non-pointer struct always (the zero Time as null), map keys sorted, inline
 * structs merged into their parent. etcdctl put uses it: the API server reads protobuf values put
 * by hand, and the simulated one keeps JSON.
 */
import type { Json } from './encode';
import { META, byteOrder } from './encode';
import type { ProtoField, ProtoSchema } from './schema-types';

type Raw = bigint | Uint8Array;
export type Fields = Map<number, Raw[]>;

class WireError extends Error {}

/** The fields of one message, by number, each with its values in order. */
export function readFields(bytes: Uint8Array): Fields {
  const fields: Fields = new Map();
  let at = 0;
  const varint = (): bigint => {
    let v = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (at >= bytes.length || shift > 63n) throw new WireError('truncated varint');
      const b = bytes[at++];
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
  };
  const take = (n: number): Uint8Array => {
    if (at + n > bytes.length) throw new WireError('truncated field');
    const out = bytes.subarray(at, at + n);
    at += n;
    return out;
  };
  while (at < bytes.length) {
    const tag = varint();
    const number = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    let value: Raw;
    if (wire === 0) value = varint();
    else if (wire === 2) value = take(Number(varint()));
    else if (wire === 1) value = take(8);
    else if (wire === 5) value = take(4);
    else throw new WireError(`wire type ${wire}`);
    const list = fields.get(number);
    if (list) list.push(value);
    else fields.set(number, [value]);
  }
  return fields;
}

const utf8 = new TextDecoder();
const asBytes = (v: Raw | undefined): Uint8Array => (v instanceof Uint8Array ? v : new Uint8Array());
const asInt = (v: Raw | undefined): bigint => (typeof v === 'bigint' ? v : 0n);
const text = (v: Raw | undefined): string => utf8.decode(asBytes(v));

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** RFC 3339 in UTC, as Time (seconds) and MicroTime (six fraction digits) marshal to JSON. */
function rfc3339(seconds: bigint, micros?: number): string {
  const iso = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return micros === undefined ? `${iso}Z` : `${iso}.${String(micros).padStart(6, '0')}Z`;
}

/** Go's time.Duration.String(). */
export function goDurationString(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  let u = ns < 0n ? -ns : ns;
  const fraction = (v: bigint, unit: bigint, digits: number) => {
    const rest = v % unit;
    return rest ? `${v / unit}.${rest.toString().padStart(digits, '0').replace(/0+$/, '')}` : `${v / unit}`;
  };
  if (u < 1000n) return `${sign}${u}ns`;
  if (u < 1_000_000n) return `${sign}${fraction(u, 1000n, 3)}µs`;
  if (u < 1_000_000_000n) return `${sign}${fraction(u, 1_000_000n, 6)}ms`;
  const hours = u / 3_600_000_000_000n;
  u %= 3_600_000_000_000n;
  const minutes = u / 60_000_000_000n;
  u %= 60_000_000_000n;
  const seconds = `${fraction(u, 1_000_000_000n, 9)}s`;
  return `${sign}${hours ? `${hours}h` : ''}${hours || minutes ? `${minutes}m` : ''}${seconds}`;
}

/** Messages that marshal themselves: their JSON from their fields (undefined bytes: the zero value). */
const CUSTOM: Record<string, (f: Fields, present: boolean) => Json> = {
  [`${META}.Time`]: (f, present) => {
    const seconds = asInt(f.get(1)?.[0]);
    return present && f.size ? rfc3339(BigInt.asIntN(64, seconds)) : null;
  },
  [`${META}.MicroTime`]: (f, present) => {
    if (!present || !f.size) return null;
    return rfc3339(BigInt.asIntN(64, asInt(f.get(1)?.[0])), Math.floor(Number(asInt(f.get(2)?.[0])) / 1000));
  },
  [`${META}.Duration`]: (f) => goDurationString(BigInt.asIntN(64, asInt(f.get(1)?.[0]))),
  'k8s.io.apimachinery.pkg.api.resource.Quantity': (f) => text(f.get(1)?.[0]) || '0',
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': (f) => (asInt(f.get(1)?.[0]) === 1n ? text(f.get(3)?.[0]) : Number(BigInt.asIntN(32, asInt(f.get(2)?.[0])))),
  [`${META}.FieldsV1`]: (f) => (f.has(1) ? (JSON.parse(text(f.get(1)![0])) as Json) : null),
  'k8s.io.apimachinery.pkg.runtime.RawExtension': (f) => (f.has(1) ? (JSON.parse(text(f.get(1)![0])) as Json) : null),
};

/** Is the JSON value empty for omitempty (false, 0, "", nil, an empty map or slice)? Structs never are. */
function emptyForOmit(value: Json, isStruct: boolean): boolean {
  if (isStruct) return false;
  return value === null || value === false || value === 0 || value === '' || (Array.isArray(value) && !value.length) || (typeof value === 'object' && !Array.isArray(value) && !Object.keys(value).length);
}

export class ProtoDecoder {
  constructor(private readonly schema: ProtoSchema) {}

  /** The JSON of message `name` from its bytes (throws on bytes that are not that message). */
  message(name: string, bytes: Uint8Array): Json {
    return this.decodeMessage(name, readFields(bytes), true);
  }

  private decodeMessage(name: string, fields: Fields, present: boolean): Json {
    const custom = CUSTOM[name];
    if (custom) return custom(fields, present);
    const spec = this.schema.messages[name];
    if (!spec) throw new WireError(`no message ${name}`);
    if (this.schema.lists.includes(name)) return (fields.get(spec[0][0]) ?? []).map((v) => this.scalar(spec[0][2], v));
    const out: { [key: string]: Json } = {};
    for (const field of [...spec].sort((a, b) => a[4] - b[4])) this.decodeField(out, field, fields.get(field[0]));
    return out;
  }

  private decodeField(out: { [key: string]: Json }, [, json, type, flags]: ProtoField, values: Raw[] | undefined): void {
    const omit = flags.includes('o');
    if (flags.includes('i')) {
      Object.assign(out, this.decodeMessage(type, readFields(asBytes(values?.at(-1))), true));
      return;
    }
    let value: Json;
    if (type.startsWith('map:')) {
      const [, keyType, valueType] = type.split(':');
      const entries: [string, Fields][] = (values ?? []).map((v) => {
        const entry = readFields(asBytes(v));
        return [String(this.scalar(keyType, entry.get(1)?.[0])), entry];
      });
      const map: { [key: string]: Json } = {};
      // encoding/json writes map keys sorted.
      for (const [key, entry] of entries.sort(([a], [b]) => byteOrder(a, b))) {
        // A []byte value not sent is nil: null.
        map[key] = valueType === 'bytes' && !entry.has(2) ? null : this.value(valueType, entry.get(2)?.[0], entry.has(2));
      }
      value = values ? map : null;
    } else if (flags.includes('r')) {
      value = values ? values.map((v) => this.value(type, v, true)) : null;
    } else {
      const present = values !== undefined;
      // A pointer (or a []byte) not sent is nil: null, or nothing with omitempty.
      if (!present && (flags.includes('p') || type === 'bytes')) value = null;
      else value = this.value(type, values?.at(-1), present);
    }
    // omitempty: a pointer is empty only when nil; a struct never is.
    const pointer = flags.includes('p') || (type === 'bytes' && !flags.includes('r'));
    const empty = pointer ? values === undefined : emptyForOmit(value, this.isStruct(type) && !flags.includes('r'));
    if (omit && empty) return;
    out[json] = value;
  }

  /** Non-pointer structs are never empty for omitempty (Time, Quantity… included: encoding/json only looks at the kind). */
  private isStruct(type: string): boolean {
    return !type.startsWith('map:') && !!(this.schema.messages[type] ?? CUSTOM[type]) && !this.schema.lists.includes(type);
  }

  private value(type: string, raw: Raw | undefined, present: boolean): Json {
    if (this.schema.messages[type] || CUSTOM[type]) return this.decodeMessage(type, readFields(asBytes(raw)), present);
    return this.scalar(type, raw);
  }

  private scalar(type: string, raw: Raw | undefined): Json {
    switch (type) {
      case 'string':
        return text(raw);
      case 'bytes':
        return base64(asBytes(raw));
      case 'bool':
        return asInt(raw) !== 0n;
      case 'int32':
        return Number(BigInt.asIntN(32, asInt(raw)));
      case 'int64':
        return Number(BigInt.asIntN(64, asInt(raw)));
      case 'uint32':
      case 'uint64':
        return Number(asInt(raw));
      case 'double':
        return raw instanceof Uint8Array && raw.length === 8 ? new DataView(raw.buffer, raw.byteOffset, 8).getFloat64(0, true) : 0;
      case 'float':
        return raw instanceof Uint8Array && raw.length === 4 ? new DataView(raw.buffer, raw.byteOffset, 4).getFloat32(0, true) : 0;
      default:
        throw new WireError(`no type ${type}`);
    }
  }
}
