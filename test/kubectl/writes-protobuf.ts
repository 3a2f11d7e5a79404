/**
 * What kube-apiserver reads from a protobuf body: kubectl 1.33's generated clients (the `create`
 * generators, `create token`, …) send built-in objects as application/vnd.kubernetes.protobuf,
 * the "k8s\0" envelope around a runtime.Unknown whose raw bytes are the object's message. The
 * messages' field numbers come from k8s.io/api's and k8s.io/apimachinery's generated.proto at
 * v0.33.0, read from their git mirrors when the recorder runs (never copied here), and the
 * swagger says which zero values a client meant (required fields): Go's marshaller writes every
 * non-pointer field, the JSON a client sends omits the empty ones.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { SWAGGER } from './writes-openapi';

const API_MIRROR = '/work/.mirror/kubernetes+api/repo';
const MACHINERY_MIRROR = '/work/.mirror/kubernetes+apimachinery/repo';
const TAG = 'v0.33.0';
const MAGIC = 'k8s\u0000';
/** Go's zero time.Time as Unix seconds: a creationTimestamp nobody set. */
const ZERO_TIME_SECONDS = -62135596800;

interface Field {
  name: string;
  type: string;
  repeated: boolean;
  map?: { key: string; value: string };
}
type Message = Map<number, Field>;

/** Every message of the generated.proto files, by full name (k8s.io.api.apps.v1.Deployment). */
function loadMessages(): Map<string, Message> {
  const messages = new Map<string, Message>();
  const load = (repo: string, filter: (path: string) => boolean) => {
    const paths = execFileSync('git', ['-C', repo, 'ls-tree', '-r', '--name-only', TAG], { encoding: 'utf8' }).split('\n').filter(filter);
    for (const path of paths) parseProto(execFileSync('git', ['-C', repo, 'show', `${TAG}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 26 }), messages);
  };
  load(API_MIRROR, (p) => p.endsWith('/generated.proto'));
  load(MACHINERY_MIRROR, (p) => p.endsWith('generated.proto') && !p.includes('/testing/') && !p.startsWith('pkg/apis/testapigroup'));
  return messages;
}

function parseProto(text: string, into: Map<string, Message>): void {
  const pkg = /^package ([\w.]+);/m.exec(text)?.[1] ?? '';
  const body = text.replace(/\/\/.*$/gm, '');
  for (const m of body.matchAll(/^message (\w+) \{([^}]*)\}/gm)) {
    const fields: Message = new Map();
    for (const f of m[2].matchAll(/(optional|repeated) ([\w.]+) (\w+) = (\d+);/g)) {
      fields.set(Number(f[4]), { name: f[3], type: qualify(f[2], pkg), repeated: f[1] === 'repeated' });
    }
    for (const f of m[2].matchAll(/map<(\w+), ([\w.]+)> (\w+) = (\d+);/g)) {
      fields.set(Number(f[4]), { name: f[3], type: 'map', repeated: false, map: { key: f[1], value: qualify(f[2], pkg) } });
    }
    into.set(`${pkg}.${m[1]}`, fields);
  }
}

const SCALARS = new Set(['string', 'bytes', 'bool', 'int32', 'int64', 'double', 'float', 'uint32', 'uint64']);
const qualify = (type: string, pkg: string) => (SCALARS.has(type) ? type : type.startsWith('.') ? type.slice(1) : `${pkg}.${type}`);

interface JsonFields {
  /** Fields the definition lists as required. */
  required: Set<string>;
  /** Every field of its JSON form (a message field not among them is a Go struct embedded inline). */
  properties: Set<string>;
}

/** What the swagger says of each definition's JSON fields, by proto message name. */
function loadJsonFields(): Map<string, JsonFields> {
  const swagger = JSON.parse(readFileSync(SWAGGER, 'utf8')) as {
    definitions: Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
  };
  const fields = new Map<string, JsonFields>();
  for (const [name, def] of Object.entries(swagger.definitions)) {
    fields.set(name.replace(/^io\.k8s\./, 'k8s.io.'), { required: new Set(def.required ?? []), properties: new Set(Object.keys(def.properties ?? {})) });
  }
  return fields;
}

// ------------------------------------------------------------------ the wire format

interface WireField {
  no: number;
  wire: number;
  value: bigint | Uint8Array;
}

function readVarint(buf: Uint8Array, pos: { at: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const b = buf[pos.at++];
    result |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) return result;
    shift += 7n;
  }
}

function readFields(buf: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  const pos = { at: 0 };
  while (pos.at < buf.length) {
    const tag = Number(readVarint(buf, pos));
    const no = tag >> 3;
    const wire = tag & 7;
    if (wire === 0) fields.push({ no, wire, value: readVarint(buf, pos) });
    else if (wire === 2) {
      const len = Number(readVarint(buf, pos));
      fields.push({ no, wire, value: buf.subarray(pos.at, pos.at + len) });
      pos.at += len;
    } else if (wire === 1) {
      fields.push({ no, wire, value: buf.subarray(pos.at, pos.at + 8) });
      pos.at += 8;
    } else if (wire === 5) {
      fields.push({ no, wire, value: buf.subarray(pos.at, pos.at + 4) });
      pos.at += 4;
    } else throw new Error(`protobuf wire type ${wire} not handled`);
  }
  return fields;
}

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const signed64 = (v: bigint) => Number(BigInt.asIntN(64, v));
const signed32 = (v: bigint) => Number(BigInt.asIntN(32, v));

// ------------------------------------------------------------------ messages as JSON

export class ProtobufDecoder {
  private readonly messages = loadMessages();
  private readonly jsonFields = loadJsonFields();

  static isProtobuf(body: Buffer): boolean {
    return body.subarray(0, 4).toString('latin1') === MAGIC;
  }

  /** The object of an enveloped body, as the JSON a client would have sent for it. */
  decodeEnvelope(body: Buffer): Record<string, unknown> {
    const unknown = this.decode(new Uint8Array(body.subarray(4)), 'k8s.io.apimachinery.pkg.runtime.Unknown', true) as {
      typeMeta?: { apiVersion?: string; kind?: string };
    };
    const fields = readFields(new Uint8Array(body.subarray(4)));
    const raw = fields.find((f) => f.no === 2)?.value as Uint8Array;
    const { apiVersion = '', kind = '' } = unknown.typeMeta ?? {};
    const obj = this.decode(raw, this.messageOf(apiVersion, kind)) as Record<string, unknown>;
    return { kind, apiVersion, ...obj };
  }

  private messageOf(apiVersion: string, kind: string): string {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const candidates = [`k8s.io.api.${group ? group.split('.')[0] : 'core'}.${version}.${kind}`, `k8s.io.apimachinery.pkg.apis.meta.v1.${kind}`];
    const found = candidates.find((c) => this.messages.has(c));
    if (!found) throw new Error(`no protobuf message for ${apiVersion} ${kind}`);
    return found;
  }

  private decode(buf: Uint8Array, type: string, keepZero = false): unknown {
    const special = this.special(buf, type);
    if (special !== undefined) return special.value;
    const schema = this.messages.get(type);
    if (!schema) throw new Error(`unknown protobuf message ${type}`);
    const json = this.jsonFields.get(type);
    const required = json?.required ?? new Set<string>();
    const out: Record<string, unknown> = {};
    for (const f of readFields(buf)) {
      const field = schema.get(f.no);
      if (!field) continue;
      if (field.map) {
        const entry = readFields(f.value as Uint8Array);
        const key = entry.find((e) => e.no === 1);
        const value = entry.find((e) => e.no === 2);
        const map = (out[field.name] ??= {}) as Record<string, unknown>;
        map[key ? text(key.value as Uint8Array) : ''] = value ? this.value(value, field.map.value) : this.zero(field.map.value);
        continue;
      }
      const values = f.wire === 2 && field.repeated && !['string', 'bytes'].includes(field.type) && SCALARS.has(field.type) ? this.packed(f.value as Uint8Array, field.type) : [this.value(f, field.type)];
      if (field.repeated) {
        ((out[field.name] ??= []) as unknown[]).push(...values);
        continue;
      }
      const value = values[0];
      if (value === undefined) continue;
      // Go writes every non-pointer field; a zero value a client would have omitted is dropped.
      if (!keepZero && (value === '' || value === 0 || value === false) && !required.has(field.name)) continue;
      // An embedded struct (IngressRule's IngressRuleValue, Volume's VolumeSource) is inline in JSON.
      if (json && json.properties.size && !json.properties.has(field.name) && value && typeof value === 'object') Object.assign(out, value);
      else out[field.name] = value;
    }
    return out;
  }

  private packed(buf: Uint8Array, type: string): unknown[] {
    const values: unknown[] = [];
    const pos = { at: 0 };
    while (pos.at < buf.length) values.push(this.scalar(readVarint(buf, pos), type));
    return values;
  }

  private value(f: WireField, type: string): unknown {
    if (type === 'string') return text(f.value as Uint8Array);
    if (type === 'bytes') return Buffer.from(f.value as Uint8Array).toString('base64');
    if (type === 'double') return Buffer.from(f.value as Uint8Array).readDoubleLE(0);
    if (type === 'float') return Buffer.from(f.value as Uint8Array).readFloatLE(0);
    if (SCALARS.has(type)) return this.scalar(f.value as bigint, type);
    return this.decode(f.value as Uint8Array, type);
  }

  private scalar(v: bigint, type: string): unknown {
    if (type === 'bool') return v !== 0n;
    if (type === 'int32') return signed32(v);
    return signed64(v);
  }

  private zero(type: string): unknown {
    return type === 'string' || type === 'bytes' ? '' : SCALARS.has(type) ? 0 : {};
  }

  /** The types whose JSON is not an object of their fields. */
  private special(buf: Uint8Array, type: string): { value: unknown } | undefined {
    const fields = () => new Map(readFields(buf).map((f) => [f.no, f.value]));
    switch (type) {
      case 'k8s.io.apimachinery.pkg.apis.meta.v1.Time':
      case 'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': {
        const seconds = signed64((fields().get(1) as bigint | undefined) ?? 0n);
        if (seconds === ZERO_TIME_SECONDS) return { value: undefined };
        return { value: new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
      }
      case 'k8s.io.apimachinery.pkg.api.resource.Quantity':
        return { value: text((fields().get(1) as Uint8Array | undefined) ?? new Uint8Array()) };
      case 'k8s.io.apimachinery.pkg.util.intstr.IntOrString': {
        const f = fields();
        return { value: f.get(1) === 1n ? text((f.get(3) as Uint8Array | undefined) ?? new Uint8Array()) : signed32((f.get(2) as bigint | undefined) ?? 0n) };
      }
      case 'k8s.io.apimachinery.pkg.runtime.RawExtension':
      case 'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': {
        const raw = fields().get(1) as Uint8Array | undefined;
        return { value: raw?.length ? JSON.parse(text(raw)) : {} };
      }
      default:
        return undefined;
    }
  }
}
