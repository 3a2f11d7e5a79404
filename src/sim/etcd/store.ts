/**
 * The simulated etcd: an in-memory MVCC key-value store with etcd v3 semantics.
 *
 * - One global revision. Every write (put, delete that removes something, txn with writes)
 *   bumps it by one; all changes of a txn share that revision.
 * - Watches are delivered SYNCHRONOUSLY as writes happen, through a single delivery queue:
 *   a watcher that writes from its callback enqueues the new event, which is delivered after the
 *   current one has reached every watcher. Each watcher therefore sees every event exactly once
 *   and in revision order. A watch started at a past revision first replays the retained history.
 * - History (the event log) is kept from the compaction revision on; watching an older revision
 *   fails with `etcdserver: mvcc: required revision has been compacted`.
 * - The whole store serialises (toJSON/fromJSON) and snapshots to bytes (snapshot()/restore()).
 */
import { crc32 } from './crc32';
import { WatcherIndex } from './watcher-index';
import {
  ETCD_ERRORS,
  EtcdError,
  type Compare,
  type DeleteResult,
  type EtcdWatch,
  type KeyValue,
  type LazyText,
  type PutResult,
  type RangeOptions,
  type RangeResult,
  type StoreEvent,
  type TxnOp,
  type TxnOpResult,
  type TxnRequest,
  type TxnResult,
  type WatchOptions,
  type WatchResponse,
} from './types';

interface Watcher {
  id: number;
  key: string;
  prefix: boolean;
  prevKv: boolean;
  /** The lowest revision this watcher has not yet seen. */
  nextRevision: number;
  cancelled: boolean;
  onResponse: (resp: WatchResponse) => void;
}

export interface EtcdStoreJSON {
  revision: number;
  compactRevision: number;
  kvs: KeyValue[];
  history: WatchResponse[];
}

/** etcd's storage version as `etcdutl snapshot status` reports it. */
export const ETCD_STORAGE_VERSION = '3.5.0';
const SNAPSHOT_MAGIC = 'SIMETCD1';

export class EtcdStore {
  private kvs = new Map<string, KeyValue>();
  private sortedKeys: string[] | null = null;
  private rev = 1; // etcd starts at revision 1 on an empty store
  private compactRev = 0;
  private history: WatchResponse[] = [];
  private watchers = new WatcherIndex<Watcher>();
  private nextWatchId = 1;
  private pending: WatchResponse[] = [];
  private delivering = false;

  /** Called after every committed write (before watch delivery): the trace hook of the API server. */
  onCommit?: (resp: WatchResponse) => void;
  private commitListeners: ((resp: WatchResponse) => void)[] = [];
  private compactListeners: ((revision: number, previous: number) => void)[] = [];

  /**
   * Listen to every commit synchronously, before any watch delivery, even for writes made from
   * inside a watch callback (a cache that must never lag behind the store uses this).
   */
  addCommitListener(fn: (resp: WatchResponse) => void): () => void {
    this.commitListeners.push(fn);
    return () => {
      this.commitListeners = this.commitListeners.filter((f) => f !== fn);
    };
  }

  get revision(): number {
    return this.rev;
  }

  get compactRevision(): number {
    return this.compactRev;
  }

  get size(): number {
    return this.kvs.size;
  }

  // ---------------------------------------------------------------- reads

  get(key: string): KeyValue | undefined {
    const kv = this.kvs.get(key);
    return kv ? plainKv(kv) : undefined;
  }

  range(key: string, options: RangeOptions = {}): RangeResult {
    const at = options.revision ?? 0;
    if (at > 0 && at !== this.rev) return this.rangeAt(key, options, at);
    let keys: string[];
    if (options.prefix) {
      keys = this.keysWithPrefix(key);
      if (options.fromKey !== undefined) keys = keys.filter((k) => k >= options.fromKey!);
    } else {
      keys = this.kvs.has(key) ? [key] : [];
    }
    return this.pick(this.kvs, keys, options);
  }

  /** The range result of `keys` (sorted) of a key-value map: counted, limited, values left out for --keys-only. */
  private pick(kvs: ReadonlyMap<string, KeyValue>, keys: string[], options: RangeOptions): RangeResult {
    const count = keys.length;
    const header = { revision: this.rev };
    if (options.countOnly) return { header, kvs: [], more: false, count };
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    const picked = keys.slice(0, Math.min(limit, keys.length));
    const out = picked.map((k) => {
      const kv = kvs.get(k)!;
      return options.keysOnly ? plainKv(kv, '') : plainKv(kv);
    });
    return { header, kvs: out, more: picked.length < count, count };
  }

  /**
   * A read at an earlier revision (etcd's MVCC range with a revision): the key-values as they were
   * then, each write since undone from the history. The header still carries the current revision.
   * Below the compaction revision the history is gone (ErrCompacted); past the current one, ErrFutureRev.
   */
  private rangeAt(key: string, options: RangeOptions, revision: number): RangeResult {
    if (revision > this.rev) throw new EtcdError(ETCD_ERRORS.futureRevision);
    if (revision < this.compactRev) throw new EtcdError(ETCD_ERRORS.compacted);
    const inRange = (k: string) => (options.prefix ? k.startsWith(key) && (options.fromKey === undefined || k >= options.fromKey) : k === key);
    const then = new Map<string, KeyValue>();
    for (const [k, kv] of this.kvs) if (inRange(k)) then.set(k, kv);
    for (let i = this.history.length - 1; i >= 0 && this.history[i].revision > revision; i--) {
      const events = this.history[i].events;
      for (let j = events.length - 1; j >= 0; j--) {
        const e = events[j];
        if (!inRange(e.kv.key)) continue;
        if (e.prevKv) then.set(e.kv.key, e.prevKv);
        else then.delete(e.kv.key);
      }
    }
    return this.pick(then, [...then.keys()].sort(), options);
  }

  // ---------------------------------------------------------------- writes

  put(key: string, value: string): PutResult {
    if (!key) throw new EtcdError(ETCD_ERRORS.emptyKey);
    const revision = this.rev + 1;
    const event = this.applyPut(key, value, revision);
    this.commit(revision, [event]);
    return { header: { revision }, prevKv: event.prevKv };
  }

  delete(key: string, options: { prefix?: boolean } = {}): DeleteResult {
    const revision = this.rev + 1;
    const events = this.applyDelete(key, !!options.prefix, revision);
    if (events.length) this.commit(revision, events);
    return { header: { revision: this.rev }, deleted: events.length, prevKvs: events.map((e) => e.prevKv!) };
  }

  /** An atomic transaction: if every compare holds run `success`, else `failure`; writes share one revision. */
  txn(req: TxnRequest): TxnResult {
    const succeeded = req.compare.every((c) => this.evaluate(c));
    const ops = succeeded ? req.success : (req.failure ?? []);
    const revision = this.rev + 1;
    const events: StoreEvent[] = [];
    const responses: TxnOpResult[] = ops.map((op) => this.applyOp(op, revision, events));
    if (events.length) this.commit(revision, events);
    return { header: { revision: this.rev }, succeeded, responses };
  }

  // ---------------------------------------------------------------- watch

  /**
   * Watch a key or prefix. Events with revision >= startRevision that are still in history are
   * replayed at once (synchronously), then every new write is delivered as it commits.
   * Throws EtcdError(compacted) when startRevision is older than the compaction revision.
   */
  watch(key: string, options: WatchOptions, onResponse: (resp: WatchResponse) => void): EtcdWatch {
    const start = options.startRevision ?? 0;
    if (start > 0 && start < this.compactRev) throw new EtcdError(ETCD_ERRORS.compacted);
    const w: Watcher = {
      id: this.nextWatchId++,
      key,
      prefix: !!options.prefix,
      prevKv: !!options.prevKv,
      nextRevision: start > 0 ? start : this.rev + 1,
      cancelled: false,
      onResponse,
    };
    this.watchers.add(w);
    if (start > 0 && start <= this.rev) {
      for (let i = this.historyIndexFrom(start); i < this.history.length && !w.cancelled; i++) {
        this.deliverTo(w, this.history[i]);
      }
      w.nextRevision = Math.max(w.nextRevision, this.rev + 1);
    }
    return {
      id: w.id,
      cancel: () => {
        w.cancelled = true;
        this.watchers.delete(w);
      },
    };
  }

  get watcherCount(): number {
    return this.watchers.size;
  }

  // ---------------------------------------------------------------- compaction

  /**
   * Listen to every compaction, told before the history goes (what etcd logs of a compaction
   * measures what it drops): the revision compacted to and the previous compaction revision.
   */
  addCompactListener(fn: (revision: number, previous: number) => void): () => void {
    this.compactListeners.push(fn);
    return () => {
      this.compactListeners = this.compactListeners.filter((f) => f !== fn);
    };
  }

  /**
   * Drop history older than `revision` (etcdctl compact REV). `unobserved`: the simulation trims
   * history it made itself (a scenario's bootstrap), which no member of the cluster did: listeners
   * are not told.
   */
  compact(revision: number, options: { unobserved?: boolean } = {}): void {
    if (revision <= this.compactRev) throw new EtcdError(ETCD_ERRORS.compacted);
    if (revision > this.rev) throw new EtcdError(ETCD_ERRORS.futureRevision);
    if (!options.unobserved) for (const fn of this.compactListeners) fn(revision, this.compactRev);
    this.compactRev = revision;
    this.history = this.history.slice(this.historyIndexFrom(revision));
  }

  /** The revisions of the retained history, oldest first (for tests and the architecture view). */
  historyRevisions(): number[] {
    return this.history.map((h) => h.revision);
  }

  // ---------------------------------------------------------------- persistence

  toJSON(): EtcdStoreJSON {
    return {
      revision: this.rev,
      compactRevision: this.compactRev,
      kvs: this.sortedKeyList().map((k) => plainKv(this.kvs.get(k)!)),
      history: this.history.map(plainResponse),
    };
  }

  static fromJSON(data: EtcdStoreJSON): EtcdStore {
    const s = new EtcdStore();
    s.rev = data.revision;
    s.compactRev = data.compactRevision;
    for (const kv of data.kvs) s.kvs.set(kv.key, plainKv(kv));
    s.history = data.history.map((h) => ({ revision: h.revision, events: h.events.map((e) => ({ ...e })) }));
    return s;
  }

  /** `etcdctl snapshot save`: the whole store as bytes (magic, JSON, CRC-32 trailer). */
  snapshot(): Uint8Array {
    const body = new TextEncoder().encode(SNAPSHOT_MAGIC + JSON.stringify(this.toJSON()));
    const out = new Uint8Array(body.length + 4);
    out.set(body, 0);
    new DataView(out.buffer).setUint32(body.length, crc32(body));
    return out;
  }

  /** `etcdutl snapshot restore`: a new store from snapshot bytes; throws EtcdError when damaged. */
  static restore(bytes: Uint8Array): EtcdStore {
    return EtcdStore.fromJSON(parseSnapshot(bytes));
  }

  /** `etcdutl snapshot status`. */
  static snapshotStatus(bytes: Uint8Array): { hash: number; revision: number; totalKeys: number; totalSize: number; version: string } {
    const data = parseSnapshot(bytes);
    return {
      hash: crc32(bytes.subarray(0, bytes.length - 4)),
      revision: data.revision,
      totalKeys: data.kvs.length,
      totalSize: bytes.length,
      version: ETCD_STORAGE_VERSION,
    };
  }

  // ---------------------------------------------------------------- internals

  private applyOp(op: TxnOp, revision: number, events: StoreEvent[]): TxnOpResult {
    switch (op.op) {
      case 'put': {
        const ev = this.applyPut(op.key, op.value, revision);
        events.push(ev);
        return { header: { revision }, prevKv: ev.prevKv };
      }
      case 'delete': {
        const evs = this.applyDelete(op.key, !!op.prefix, revision);
        events.push(...evs);
        return { header: { revision }, deleted: evs.length, prevKvs: evs.map((e) => e.prevKv!) };
      }
      case 'range':
        return this.range(op.key, op.options);
    }
  }

  private applyPut(key: string, value: string | LazyText, revision: number): StoreEvent {
    const prev = this.kvs.get(key);
    const createRevision = prev ? prev.createRevision : revision;
    const version = prev ? prev.version + 1 : 1;
    const kv: KeyValue = typeof value === 'string' ? { key, value, createRevision, modRevision: revision, version } : new LazyKeyValue(key, value, createRevision, revision, version);
    if (!prev) this.sortedKeys = null;
    this.kvs.set(key, kv);
    return prev ? { type: 'PUT', kv, prevKv: prev } : { type: 'PUT', kv };
  }

  private applyDelete(key: string, prefix: boolean, revision: number): StoreEvent[] {
    const keys = prefix ? this.keysWithPrefix(key) : this.kvs.has(key) ? [key] : [];
    const events: StoreEvent[] = [];
    for (const k of keys) {
      const prev = this.kvs.get(k)!;
      this.kvs.delete(k);
      events.push({ type: 'DELETE', kv: { key: k, value: '', createRevision: 0, modRevision: revision, version: 0 }, prevKv: prev });
    }
    if (keys.length) this.sortedKeys = null;
    return events;
  }

  private evaluate(c: Compare): boolean {
    const kv = this.kvs.get(c.key);
    let actual: number | string;
    switch (c.target) {
      case 'version':
        actual = kv?.version ?? 0;
        break;
      case 'createRevision':
        actual = kv?.createRevision ?? 0;
        break;
      case 'modRevision':
        actual = kv?.modRevision ?? 0;
        break;
      case 'value':
        if (!kv) return false; // etcd: a value compare against a missing key is false
        actual = kv.value;
        break;
    }
    const expected = c.value;
    switch (c.result) {
      case '=':
        return actual === expected;
      case '!=':
        return actual !== expected;
      case '<':
        return actual < expected;
      case '>':
        return actual > expected;
    }
  }

  private commit(revision: number, events: StoreEvent[]): void {
    this.rev = revision;
    const resp: WatchResponse = { revision, events };
    this.history.push(resp);
    for (const fn of this.commitListeners) fn(resp);
    this.onCommit?.(resp);
    this.pending.push(resp);
    if (this.delivering) return;
    this.delivering = true;
    try {
      while (this.pending.length) {
        const next = this.pending.shift()!;
        // Only the watchers of the keys written; a watcher added meanwhile starts after this revision
        // (or got it replayed from history), and a cancelled one is marked, so both skip it in deliverTo.
        const keys = next.events.length === 1 ? [next.events[0].kv.key] : next.events.map((e) => e.kv.key);
        const watchers = this.watchers.candidates(keys);
        for (let i = 0; i < watchers.length; i++) this.deliverTo(watchers[i], next);
      }
    } finally {
      this.delivering = false;
    }
  }

  private deliverTo(w: Watcher, resp: WatchResponse): void {
    if (w.cancelled || resp.revision < w.nextRevision) return;
    w.nextRevision = resp.revision + 1;
    // Most watchers see none of a write's keys: count before making any array.
    let matching = 0;
    for (const e of resp.events) if (w.prefix ? e.kv.key.startsWith(w.key) : e.kv.key === w.key) matching++;
    if (!matching) return;
    const events = matching === resp.events.length ? resp.events : resp.events.filter((e) => (w.prefix ? e.kv.key.startsWith(w.key) : e.kv.key === w.key));
    const out = w.prevKv ? events : events.map((e) => ({ type: e.type, kv: e.kv }));
    try {
      w.onResponse({ revision: resp.revision, events: out });
    } catch {
      // A failing watcher must not break the store or other watchers (etcd isolates watch streams).
    }
  }

  /** Index of the first history entry with revision >= rev (binary search; history is sorted). */
  private historyIndexFrom(rev: number): number {
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid].revision < rev) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private sortedKeyList(): string[] {
    if (!this.sortedKeys) this.sortedKeys = [...this.kvs.keys()].sort();
    return this.sortedKeys;
  }

  private keysWithPrefix(prefix: string): string[] {
    const keys = this.sortedKeyList();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < keys.length && keys[i].startsWith(prefix); i++) out.push(keys[i]);
    return out;
  }
}

/**
 * A key-value whose text is made on first read (from the function it was written with). Its
 * `value` is a getter on the class, so the store hands out plain copies (plainKv) wherever a
 * key-value leaves it as data: get, range, toJSON. Watchers receive it as it is.
 */
class LazyKeyValue implements KeyValue {
  private text?: string;

  constructor(
    readonly key: string,
    private make: LazyText | undefined,
    readonly createRevision: number,
    readonly modRevision: number,
    readonly version: number,
  ) {}

  get value(): string {
    if (this.text === undefined) {
      this.text = this.make!();
      this.make = undefined;
    }
    return this.text;
  }

  toJSON(): KeyValue {
    return plainKv(this);
  }
}

/** A key-value as plain data (the text made if it was not yet). */
function plainKv(kv: KeyValue, value = kv.value): KeyValue {
  return { key: kv.key, value, createRevision: kv.createRevision, modRevision: kv.modRevision, version: kv.version };
}

/** A history entry as plain data. */
function plainResponse(resp: WatchResponse): WatchResponse {
  return { revision: resp.revision, events: resp.events.map((e) => (e.prevKv ? { type: e.type, kv: plainKv(e.kv), prevKv: plainKv(e.prevKv) } : { type: e.type, kv: plainKv(e.kv) })) };
}

function parseSnapshot(bytes: Uint8Array): EtcdStoreJSON {
  if (bytes.length < SNAPSHOT_MAGIC.length + 4) throw new EtcdError(ETCD_ERRORS.snapshotInvalid);
  const body = bytes.subarray(0, bytes.length - 4);
  const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 4);
  if (crc32(body) !== stored) throw new EtcdError(ETCD_ERRORS.snapshotInvalid);
  const text = new TextDecoder().decode(body);
  if (!text.startsWith(SNAPSHOT_MAGIC)) throw new EtcdError(ETCD_ERRORS.snapshotInvalid);
  try {
    return JSON.parse(text.slice(SNAPSHOT_MAGIC.length)) as EtcdStoreJSON;
  } catch {
    throw new EtcdError(ETCD_ERRORS.snapshotInvalid);
  }
}
