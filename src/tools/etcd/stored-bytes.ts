/**
 * The bytes a key-value holds as the real etcd would hand them to etcdctl. The simulated API server
 * keeps object JSON in etcd; the real one writes built-in kinds as Kubernetes protobuf, so a value
 * the API server wrote is shown encoded (the codec and its schema load on first use). A value put
 * by hand with `etcdctl put` is bytes the user chose and reads back as exactly those.
 */
import type { EtcdStore, KeyValue } from '../../sim/etcd';
import { bytesToText, textToBytes } from '../../shell/commands/lib/byte-text';

/**
 * Per store: the keys etcdctl put wrote, at the revision of that put (a later write by the API
 * server replaces it), with the text put when the store keeps another (protobuf put by hand is kept
 * as the JSON the simulated API server reads).
 */
const handPut = new WeakMap<EtcdStore, Map<string, { revision: number; shown?: string }>>();

function handPutOf(store: EtcdStore, kv: KeyValue): { revision: number; shown?: string } | undefined {
  const mark = handPut.get(store)?.get(kv.key);
  return mark?.revision === kv.modRevision ? mark : undefined;
}

/**
 * etcdctl put: writes the value, as the bytes it is — but the object bytes of a kind with protobuf
 * under /registry/ are stored as their JSON, which the simulated API server reads as the real one
 * reads the protobuf. --ignore-value (value undefined) keeps the bytes there were.
 */
export async function putByHand(store: EtcdStore, key: string, value: string | undefined): Promise<void> {
  const previous = store.get(key);
  const kept = value === undefined && previous ? handPutOf(store, previous) : undefined;
  let stored = value ?? previous!.value;
  let shown = value === undefined ? kept?.shown : undefined;
  if (value !== undefined && key.startsWith('/registry/') && value.startsWith('k8s\0')) {
    const { decodeStorageValue } = await import('../../sim/etcd/protobuf/storage-value');
    const json = decodeStorageValue(textToBytes(value));
    if (json !== undefined) [stored, shown] = [json, value];
  }
  const { header } = store.put(key, stored);
  if (value === undefined && !kept) return;
  let keys = handPut.get(store);
  if (!keys) handPut.set(store, (keys = new Map()));
  keys.set(key, { revision: header.revision, shown });
}

/** --hex: every byte as \xNN (addHexPrefix of hex.EncodeToString). */
function hexPrefixed(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}

/** printKV (ctlv3/command/util.go): the key unless --print-value-only, then the value, each on its line. */
export function printKV(hex: boolean, valueOnly: boolean, key: string, value: Uint8Array): string {
  const k = hex ? hexPrefixed(textToBytes(key)) : key;
  const v = hex ? hexPrefixed(value) : bytesToText(value);
  return valueOnly ? `${v}\n` : `${k}\n${v}\n`;
}

/** Each key-value's bytes, in order (a value put by hand: the bytes its text stands for, see byte-text). */
export async function storedBytes(store: EtcdStore, kvs: KeyValue[]): Promise<Uint8Array[]> {
  const codec = kvs.some((kv) => kv.key.startsWith('/registry/')) ? await import('../../sim/etcd/protobuf/storage-value') : undefined;
  return kvs.map((kv) => {
    const mark = handPutOf(store, kv);
    if (mark) return textToBytes(mark.shown ?? kv.value);
    return (codec ? codec.encodeStorageValue(kv.key, kv.value) : undefined) ?? textToBytes(kv.value);
  });
}

/** The values as the stream text etcdctl's simple printer writes (bytes that are no UTF-8 escaped: see byte-text). */
export async function storedTexts(store: EtcdStore, kvs: KeyValue[]): Promise<string[]> {
  return (await storedBytes(store, kvs)).map(bytesToText);
}
