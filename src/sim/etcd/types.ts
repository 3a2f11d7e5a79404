/**
 * The data model of the simulated etcd (v3 semantics): one global revision for the whole store,
 * and per key the revision that created it, the revision that last modified it, and a version
 * counter (1 on create, +1 on each put, reset when the key is deleted).
 */

export interface KeyValue {
  key: string;
  /** The stored bytes as text. The API server stores object JSON (real etcd holds protobuf). */
  value: string;
  createRevision: number;
  modRevision: number;
  version: number;
}

/**
 * A value written as a function that gives its text when first read. The API server's storage
 * writes objects this way: the text of most versions is never read (the watch cache serves the
 * decoded object), so it is made only when someone reads the key-value's bytes (etcdctl, a
 * snapshot, a value compare) — and then it is exactly what an eager write would have stored.
 */
export type LazyText = () => string;

export type EventType = 'PUT' | 'DELETE';

export interface StoreEvent {
  type: EventType;
  /** For PUT the new key-value; for DELETE the key with modRevision = the deleting revision and empty value. */
  kv: KeyValue;
  /** The previous key-value (absent for a create). */
  prevKv?: KeyValue;
}

export interface RangeOptions {
  /** Treat key as a prefix (etcdctl get --prefix). */
  prefix?: boolean;
  /** At most this many keys (0 or absent: no limit). */
  limit?: number;
  /** Return keys with empty values (etcdctl get --keys-only). */
  keysOnly?: boolean;
  /** Only count (etcdctl get --count-only). */
  countOnly?: boolean;
  /** Start at this key (inclusive) within the prefix: continues a limited range. */
  fromKey?: string;
  /** Read the keys as they were at this revision (etcdctl get --rev); 0 or absent: now. */
  revision?: number;
}

export interface RangeResult {
  header: { revision: number };
  kvs: KeyValue[];
  /** True when the limit cut the result short. */
  more: boolean;
  /** How many keys matched in total, regardless of limit. */
  count: number;
}

export interface PutResult {
  header: { revision: number };
  prevKv?: KeyValue;
}

export interface DeleteResult {
  header: { revision: number };
  deleted: number;
  prevKvs: KeyValue[];
}

export type CompareTarget = 'version' | 'createRevision' | 'modRevision' | 'value';
export type CompareResult = '=' | '!=' | '<' | '>';

export interface Compare {
  key: string;
  target: CompareTarget;
  result: CompareResult;
  /** A number for version/revisions (0 means "the key does not exist"), a string for value. */
  value: number | string;
}

export type TxnOp =
  | { op: 'put'; key: string; value: string | LazyText }
  | { op: 'delete'; key: string; prefix?: boolean }
  | { op: 'range'; key: string; options?: RangeOptions };

export type TxnOpResult = PutResult | DeleteResult | RangeResult;

export interface TxnRequest {
  compare: Compare[];
  success: TxnOp[];
  failure?: TxnOp[];
}

export interface TxnResult {
  header: { revision: number };
  succeeded: boolean;
  responses: TxnOpResult[];
}

export interface WatchOptions {
  prefix?: boolean;
  /** Deliver every event with revision >= startRevision first (0 or absent: only new events). */
  startRevision?: number;
  /** Include prevKv in events (etcdctl watch --prev-kv). */
  prevKv?: boolean;
}

export interface WatchResponse {
  /** All events share the revision of the write that produced them. */
  revision: number;
  events: StoreEvent[];
}

export interface EtcdWatch {
  readonly id: number;
  cancel(): void;
}

/** What `etcdutl snapshot status -w table` prints: HASH, REVISION, TOTAL KEYS, TOTAL SIZE, VERSION. */
export interface SnapshotStatus {
  hash: number;
  revision: number;
  totalKeys: number;
  totalSize: number;
  version: string;
}

/** etcd error texts, as etcdctl prints them after "Error: ". */
export const ETCD_ERRORS = {
  compacted: 'etcdserver: mvcc: required revision has been compacted',
  futureRevision: 'etcdserver: mvcc: required revision is a future revision',
  snapshotInvalid: 'snapshot file integrity check failed',
  emptyKey: 'etcdserver: key is not provided',
} as const;

export class EtcdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EtcdError';
  }
}
