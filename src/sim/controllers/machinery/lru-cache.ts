/**
 * A fixed-size cache that forgets the least recently used entry, as k8s.io/utils/lru does for
 * the event correlator: `get` and `add` both make an entry the most recent one.
 *
 * Backed by the `lru-cache` package (a linked list over typed arrays): a Map re-inserted on every
 * use, evicting through its first key, leaves holes that its iterator walks past, and the
 * correlator's three caches are used for every event recorded.
 */
import { LRUCache } from 'lru-cache';

export class LruCache<V extends object | number | string | boolean> {
  private readonly entries: LRUCache<string, V>;

  constructor(readonly maxEntries: number) {
    this.entries = new LRUCache<string, V>({ max: maxEntries });
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  add(key: string, value: V): void {
    this.entries.set(key, value);
  }
}
