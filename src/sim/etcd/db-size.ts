/**
 * The size of etcd's database file (bbolt), as `etcdctl endpoint status` (DB SIZE) and etcd's own
 * compaction and defragmentation lines report it. In use: the store's data with the history it
 * keeps, measured as its snapshot is; the file: the largest that ever was — bbolt keeps the pages
 * a compaction frees and reuses them, it gives them back only when defragmented.
 */
import type { EtcdStore } from './store';

export interface DbSizes {
  /** The file's size in bytes. */
  size: number;
  /** The bytes holding data. */
  inUse: number;
}

const fileSizes = new WeakMap<EtcdStore, number>();

/** The sizes now (measuring grows the file to what it holds). */
export function dbSizes(store: EtcdStore): DbSizes {
  const inUse = store.snapshot().length;
  const size = Math.max(inUse, fileSizes.get(store) ?? 0);
  fileSizes.set(store, size);
  return { size, inUse };
}

/** `etcdctl defrag`: the file shrinks to its data. The sizes before and after. */
export function defragment(store: EtcdStore): { before: DbSizes; after: DbSizes } {
  const before = dbSizes(store);
  fileSizes.set(store, before.inUse);
  return { before, after: { size: before.inUse, inUse: before.inUse } };
}
