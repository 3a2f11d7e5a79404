/**
 * Events live for --event-ttl (1h): the real API server attaches an etcd lease of that TTL to
 * every event write, so an event goes an hour after its last write (an update, the count of a
 * repeated event going up, renews it). Here the server's periodic housekeeping deletes them.
 *
 * The last write of each event key is followed as etcd commits it, oldest first, so a sweep
 * looks only at the events that are due instead of parsing the timestamps of every event
 * (a 10,000-pod cluster keeps some 50,000).
 */
import type { EtcdStore, WatchResponse } from '../etcd';
import type { ObjectStorage } from './storage';
import type { KubeObject } from './types';

/** kube-apiserver --event-ttl default. */
export const EVENT_TTL_MS = 60 * 60 * 1000;

export class EventExpiry {
  /** Event key → time of its last write since the server started, in write order. */
  private lastWrite = new Map<string, number>();
  /** Whether the events stored before the server started have been dated (at the first sweep). */
  private seeded = false;

  constructor(
    etcd: EtcdStore,
    private readonly storage: ObjectStorage,
    /** The events' etcd prefix ('/registry/events'). */
    private readonly prefix: string,
    private readonly now: () => number,
  ) {
    etcd.addCommitListener((resp) => this.noteCommit(resp));
  }

  /** Delete the events whose last write is an hour old or more. */
  sweep(): void {
    const prefix = this.prefix;
    if (!this.seeded) {
      this.lastWrite = this.seed(prefix);
      this.seeded = true;
    }
    const lastWrite = this.lastWrite;
    const now = this.now();
    for (const [key, at] of lastWrite) {
      if (now - at < EVENT_TTL_MS) break;
      lastWrite.delete(key);
      const entry = this.storage.get(key);
      if (entry) this.storage.delete(key, entry.modRevision);
    }
  }

  private noteCommit(resp: WatchResponse): void {
    const lastWrite = this.lastWrite;
    const prefix = this.prefix;
    for (const e of resp.events) {
      const key = e.kv.key;
      if (!key.startsWith(prefix) || key.charCodeAt(prefix.length) !== 47 /* / */) continue;
      // Re-inserted at the end: the map stays in order of last writes.
      lastWrite.delete(key);
      if (e.type === 'PUT') lastWrite.set(key, this.now());
    }
  }

  /**
   * The writes followed so far, with the events stored before the server started (a world
   * restored) dated by their own fields — the best a store without leases can tell — merged in
   * order of time. Done at the first sweep, not at start: restoring a world decodes no event.
   */
  private seed(prefix: string): Map<string, number> {
    const now = this.now();
    const older: { key: string; at: number }[] = [];
    for (const e of this.storage.entries(prefix)) {
      if (this.lastWrite.has(e.key)) continue;
      const o = e.obj as KubeObject & { lastTimestamp?: string; eventTime?: string; series?: { lastObservedTime?: string } };
      const at = Date.parse(o.series?.lastObservedTime ?? o.lastTimestamp ?? o.eventTime ?? o.metadata?.creationTimestamp ?? '');
      older.push({ key: e.key, at: Number.isFinite(at) ? at : now });
    }
    older.sort((a, b) => a.at - b.at);
    const merged = new Map<string, number>();
    let i = 0;
    for (const [key, at] of this.lastWrite) {
      while (i < older.length && older[i].at <= at) merged.set(older[i].key, older[i++].at);
      merged.set(key, at);
    }
    for (; i < older.length; i++) merged.set(older[i].key, older[i].at);
    return merged;
  }
}
