/**
 * The simulated etcd. Public API:
 *   new EtcdStore()                     revision starts at 1
 *   store.get(key) / range(key, {prefix, limit, keysOnly, countOnly, fromKey})
 *   store.put(key, value) / delete(key, {prefix}) / txn({compare, success, failure})
 *   store.watch(key, {prefix, startRevision, prevKv}, cb) → {cancel()}; synchronous, in order, once
 *   store.compact(rev); store.revision; store.compactRevision
 *   store.toJSON() / EtcdStore.fromJSON(json); store.snapshot() → Uint8Array;
 *   EtcdStore.restore(bytes); EtcdStore.snapshotStatus(bytes)
 * Errors are EtcdError with etcd's texts (ETCD_ERRORS).
 */
export * from './types';
export { EtcdStore, ETCD_STORAGE_VERSION, type EtcdStoreJSON } from './store';
export { crc32 } from './crc32';
