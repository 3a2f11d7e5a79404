/**
 * A Kubernetes object's JSON to its protobuf encoding, driven by the schema read from the real
 * generated.proto files, with the rules of gogo-protobuf's generated Marshal for k8s.io/api:
 * fields in field-number order; a non-pointer field always written (zero value when the JSON
 * omits it: "", 0, false, an empty message), a pointer field only when set; repeated fields one
 * entry per element; maps as entries {1: key, 2: value} sorted by key (byte order); inline JSON
 * fields (json:",inline") read from the enclosing object. A few apimachinery types marshal
 * themselves (time_proto.go, micro_time_proto.go, quantity_proto.go, intstr, duration, FieldsV1,
 * RawExtension): their JSON is a string, number or raw JSON, handled below.
 */
import { parseGoDuration } from '../../go-parse-duration';
import type { ProtoField, ProtoSchema } from './schema-types';
import { ProtoWriter, WIRE, utf8Bytes } from './wire';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';

/** Messages whose JSON is not an object of their fields: their bytes from their JSON value. */
const CUSTOM: Record<string, (w: ProtoWriter, value: Json) => void> = {
  [`${META}.Time`]: (w, v) => timestamp(w, v, false),
  [`${META}.MicroTime`]: (w, v) => timestamp(w, v, true),
  [`${META}.Duration`]: (w, v) => {
    w.tag(1, WIRE.varint);
    w.varint(goDuration(String(v ?? '0s')));
  },
  // Quantity writes its canonical string (m.String()): the stored JSON already holds that form.
  'k8s.io.apimachinery.pkg.api.resource.Quantity': (w, v) => w.bytes(1, utf8Bytes(v === null ? '0' : String(v))),
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': (w, v) => {
    const isString = typeof v === 'string';
    w.tag(1, WIRE.varint);
    w.varint(isString ? 1 : 0);
    w.tag(2, WIRE.varint);
    w.varint(isString ? 0 : integer(v));
    w.bytes(3, utf8Bytes(isString ? v : ''));
  },
  // Raw JSON kept as bytes (Go keeps the bytes it decoded; compact JSON is what the API server wrote).
  [`${META}.FieldsV1`]: (w, v) => v !== null && w.bytes(1, utf8Bytes(JSON.stringify(v))),
  'k8s.io.apimachinery.pkg.runtime.RawExtension': (w, v) => v !== null && w.bytes(1, utf8Bytes(JSON.stringify(v))),
};

/** A JSON number as the int64 Go decoded (anything else: 0, as a field Go could not have decoded). */
function integer(value: Json | undefined): bigint {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n;
}

/** Time: {seconds, nanos}; the zero time (or null) marshals to nothing. Time drops nanoseconds, MicroTime keeps microseconds. */
function timestamp(w: ProtoWriter, value: Json, micro: boolean): void {
  if (typeof value !== 'string' || !value) return;
  const m = /^(.*?)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(value);
  if (!m) return;
  const seconds = Math.floor(Date.parse(`${m[1]}${m[3]}`) / 1000);
  if (!Number.isFinite(seconds) || seconds === ZERO_TIME_SECONDS) return;
  const nanos = micro && m[2] ? Number(m[2].slice(0, 6).padEnd(6, '0')) * 1000 : 0;
  w.tag(1, WIRE.varint);
  w.varint(BigInt(seconds));
  w.tag(2, WIRE.varint);
  w.varint(nanos);
}

/** Go's zero time.Time (0001-01-01T00:00:00Z) in Unix seconds. */
const ZERO_TIME_SECONDS = -62135596800;

/** Duration's JSON is time.Duration's text; its protobuf the nanoseconds. */
function goDuration(text: string): bigint {
  const d = parseGoDuration(text);
  return 'ms' in d ? BigInt(Math.round(d.ms * 1e6)) : 0n;
}

/** A []byte's JSON (standard base64); text Go could not have decoded gives no bytes. */
function base64Bytes(text: string): Uint8Array {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array();
  }
}

/** Byte-order comparison of map keys (gogo's sortkeys.Strings sorts Go strings, i.e. UTF-8 bytes). */
export function byteOrder(a: string, b: string): number {
  const x = utf8Bytes(a);
  const y = utf8Bytes(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

export class ProtoEncoder {
  constructor(private readonly schema: ProtoSchema) {}

  /** The message `name` encoded from its JSON object. */
  message(name: string, value: Json): Uint8Array {
    const w = new ProtoWriter();
    this.writeMessage(w, name, value);
    return w.finish();
  }

  private writeMessage(w: ProtoWriter, name: string, value: Json): void {
    const custom = CUSTOM[name];
    if (custom) return custom(w, value);
    const fields = this.schema.messages[name];
    if (!fields) throw new Error(`protobuf: no message ${name}`);
    // A list type (ExtraValue, …): a message of one repeated field whose JSON is the list itself.
    if (Array.isArray(value) && this.schema.lists.includes(name)) value = { [fields[0][1]]: value };
    const obj: JsonObject = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
    for (const field of fields) this.writeField(w, field, obj);
  }

  private writeField(w: ProtoWriter, [number, json, type, flags]: ProtoField, obj: JsonObject): void {
    if (flags.includes('i')) return this.writeValue(w, number, type, obj);
    const value = obj[json];
    if (type.startsWith('map:')) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
      const [, keyType, valueType] = type.split(':');
      for (const key of Object.keys(value).sort(byteOrder)) {
        const entry = new ProtoWriter();
        this.writeValue(entry, 1, keyType, key);
        if (value[key] !== null || valueType !== 'bytes') this.writeValue(entry, 2, valueType, value[key]);
        w.bytes(number, entry.finish());
      }
      return;
    }
    if (flags.includes('r')) {
      if (Array.isArray(value)) for (const item of value) this.writeValue(w, number, type, item);
      return;
    }
    // bytes are a slice: written when non-nil, like a pointer.
    if ((flags.includes('p') || type === 'bytes') && (value === undefined || value === null)) return;
    this.writeValue(w, number, type, value ?? null);
  }

  private writeValue(w: ProtoWriter, number: number, type: string, value: Json | undefined): void {
    switch (type) {
      case 'string':
        return w.bytes(number, utf8Bytes(typeof value === 'string' ? value : ''));
      case 'bytes':
        return w.bytes(number, typeof value === 'string' ? base64Bytes(value) : new Uint8Array());
      case 'bool':
        w.tag(number, WIRE.varint);
        return w.varint(value === true ? 1 : 0);
      case 'int32':
      case 'int64':
      case 'uint32':
      case 'uint64':
        w.tag(number, WIRE.varint);
        return w.varint(integer(value));
      case 'double':
        return w.double(number, Number(value ?? 0));
      case 'float':
        return w.float(number, Number(value ?? 0));
      default: {
        const inner = new ProtoWriter();
        this.writeMessage(inner, type, value ?? null);
        w.bytes(number, inner.finish());
      }
    }
  }
}
