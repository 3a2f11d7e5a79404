/**
 * A fixed-size cache that forgets the least recently used entry, as k8s.io/utils/lru does for
 * the event correlator: `get` and `add` both make an entry the most recent one.
 *
 * A Map of nodes on a doubly linked list, oldest first. Not a Map re-inserted on every use and
 * evicted through its first key: the deleted entries stay as holes its iterator walks past, on
 * every event. Not the `lru-cache` package either: it allocates its whole capacity up front
 * (about 90 KB per cache), and every component's recorder has three of these, 4,096 entries
 * each, most of them never filled.
 */
interface Node<V> {
  key: string;
  value: V;
  prev: Node<V> | undefined;
  next: Node<V> | undefined;
}

export class LruCache<V> {
  private readonly nodes = new Map<string, Node<V>>();
  private oldest: Node<V> | undefined;
  private newest: Node<V> | undefined;

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.nodes.size;
  }

  get(key: string): V | undefined {
    const node = this.nodes.get(key);
    if (!node) return undefined;
    this.touch(node);
    return node.value;
  }

  add(key: string, value: V): void {
    const node = this.nodes.get(key);
    if (node) {
      node.value = value;
      this.touch(node);
      return;
    }
    if (this.nodes.size >= this.maxEntries && this.oldest) {
      const gone = this.oldest;
      this.unlink(gone);
      this.nodes.delete(gone.key);
    }
    const fresh: Node<V> = { key, value, prev: undefined, next: undefined };
    this.nodes.set(key, fresh);
    this.append(fresh);
  }

  /** Make a node the most recent one. */
  private touch(node: Node<V>): void {
    if (node === this.newest) return;
    this.unlink(node);
    this.append(node);
  }

  private unlink(node: Node<V>): void {
    if (node.prev) node.prev.next = node.next;
    else this.oldest = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.newest = node.prev;
    node.prev = node.next = undefined;
  }

  private append(node: Node<V>): void {
    node.prev = this.newest;
    if (this.newest) this.newest.next = node;
    else this.oldest = node;
    this.newest = node;
  }
}
