/**
 * The bytes a key-value holds as the real etcd would hand them to etcdctl. The simulated API server
 * keeps object JSON in etcd; the real one writes built-in kinds as Kubernetes protobuf, so a value
 * the API server wrote is shown encoded (the codec and its schema load on first use). A value put
 * by hand with `etcdctl put` is bytes the user chose and stays exactly those.
 */
import type { EtcdStore, KeyValue } from '../../sim/etcd';
import { bytesToText, textToBytes } from '../../shell/commands/lib/byte-text';

/** Per store: the keys etcdctl put wrote, at the revision of that put (a later write by the API server replaces it). */
const handPut = new WeakMap<EtcdStore, Map<string, number>>();

export function markHandPut(store: EtcdStore, key: string, revision: number): void {
  let keys = handPut.get(store);
  if (!keys) handPut.set(store, (keys = new Map()));
  keys.set(key, revision);
}

export function isHandPut(store: EtcdStore, kv: KeyValue): boolean {
  return handPut.get(store)?.get(kv.key) === kv.modRevision;
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
  return kvs.map((kv) => (codec && !isHandPut(store, kv) ? codec.encodeStorageValue(kv.key, kv.value) : undefined) ?? textToBytes(kv.value));
}

/** The values as the stream text etcdctl's simple printer writes (bytes that are no UTF-8 escaped: see byte-text). */
export async function storedTexts(store: EtcdStore, kvs: KeyValue[]): Promise<string[]> {
  return (await storedBytes(store, kvs)).map(bytesToText);
}
