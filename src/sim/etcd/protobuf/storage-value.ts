/**
 * What the real kube-apiserver writes to etcd for an object (its default
 * --storage-media-type=application/vnd.kubernetes.protobuf): the 4-byte magic "k8s\0" and a
 * runtime.Unknown {typeMeta {apiVersion, kind}, raw (the object's protobuf), contentEncoding "",
 * contentType ""} (apimachinery runtime/serializer/protobuf/protobuf.go). Only kinds of k8s.io/api
 * have a protobuf encoding: custom resources, and the apiextensions (CRDs) and apiregistration
 * (APIServices) objects the API server stores through a JSON LegacyCodec, stay JSON.
 *
 * The simulated API server keeps JSON text in etcd; etcdctl shows these bytes when it reads.
 */
import schemaJson from './schema.json';
import { ProtoDecoder, readFields } from './decode';
import { ProtoEncoder } from './encode';
import type { ProtoSchema } from './schema-types';
import { ProtoWriter, utf8Bytes } from './wire';

const schema = schemaJson as unknown as ProtoSchema;
const encoder = new ProtoEncoder(schema);
const decoder = new ProtoDecoder(schema);
const utf8 = new TextDecoder();
const asBytes = (v: unknown): Uint8Array => (v instanceof Uint8Array ? v : new Uint8Array());

/** protobuf.go: protoEncodingPrefix. */
export const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** The proto message of a kind, when it has one (undefined: the API server stores it as JSON). */
export function protoMessageOf(apiVersion: unknown, kind: unknown): string | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const pkg = schema.groups[apiVersion];
  const name = pkg && `${pkg}.${kind}`;
  return name && schema.messages[name] ? name : undefined;
}

/** The object as the envelope protobuf.go's Serializer.Encode writes it. */
export function encodeObject(obj: { apiVersion: string; kind: string }, message: string): Uint8Array {
  const typeMeta = new ProtoWriter();
  typeMeta.bytes(1, utf8Bytes(obj.apiVersion));
  typeMeta.bytes(2, utf8Bytes(obj.kind));
  const unknown = new ProtoWriter();
  unknown.raw(PROTOBUF_MAGIC);
  unknown.bytes(1, typeMeta.finish());
  unknown.bytes(2, encoder.message(message, obj as never));
  unknown.bytes(3, []);
  unknown.bytes(4, []);
  return unknown.finish();
}

/**
 * The bytes the real API server would have stored for the JSON text under `key`, or undefined
 * when it stores that text as it is (not an object key, not JSON, or a kind without protobuf).
 */
export function encodeStorageValue(key: string, jsonText: string): Uint8Array | undefined {
  if (!key.startsWith('/registry/') || !jsonText.startsWith('{')) return undefined;
  let obj: { apiVersion?: unknown; kind?: unknown };
  try {
    obj = JSON.parse(jsonText) as typeof obj;
  } catch {
    return undefined;
  }
  const message = protoMessageOf(obj.apiVersion, obj.kind);
  return message ? encodeObject(obj as { apiVersion: string; kind: string }, message) : undefined;
}

/**
 * The object JSON (encoding/json's, TypeMeta first) of a value in the envelope above, or undefined
 * when the bytes are not one (no magic, a kind without protobuf, bytes that do not decode).
 */
export function decodeStorageValue(bytes: Uint8Array): string | undefined {
  if (bytes.length < 4 || PROTOBUF_MAGIC.some((b, i) => bytes[i] !== b)) return undefined;
  try {
    // runtime.Unknown: typeMeta (1) {apiVersion (1), kind (2)}, raw (2).
    const envelope = readFields(bytes.subarray(4));
    const typeMeta = readFields(asBytes(envelope.get(1)?.[0]));
    const [apiVersion, kind] = [typeMeta.get(1)?.[0], typeMeta.get(2)?.[0]].map((v) => utf8.decode(asBytes(v)));
    const message = protoMessageOf(apiVersion, kind);
    if (!message || !envelope.has(2)) return undefined;
    return JSON.stringify({ kind, apiVersion, ...(decoder.message(message, asBytes(envelope.get(2)![0])) as object) });
  } catch {
    return undefined;
  }
}
