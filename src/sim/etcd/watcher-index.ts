/**
 * The store's watchers, found by the keys a write touched instead of asking each of them: the
 * API server keeps one watch per resource (dozens), and every write concerns one or two of them.
 *
 * A prefix ending in '/' (what the API server and `etcdctl watch --prefix /registry/pods/` use)
 * is found through the '/'-ended prefixes of a written key, an exact key by the key itself; any
 * other prefix ('' or '/registry/po') is asked every time. Lists are replaced, never changed in
 * place, so a delivery walking one is not disturbed by watchers added or cancelled meanwhile.
 */
export interface IndexedWatcher {
  /** Order of creation: deliveries go to watchers in this order. */
  readonly id: number;
  readonly key: string;
  readonly prefix: boolean;
}

const NONE: readonly never[] = [];

/** Bound of the directories remembered (a namespace of a resource each: few, but keep it bounded). */
const MAX_DIRS = 10_000;

export class WatcherIndex<W extends IndexedWatcher> {
  private count = 0;
  private readonly dirPrefixes = new Map<string, readonly W[]>();
  private readonly exactKeys = new Map<string, readonly W[]>();
  private others: readonly W[] = NONE;
  /**
   * The '/'-prefix watchers of a key's directory (all but its last segment), remembered: every
   * write asks, and slicing and hashing each '/'-ended prefix of its key every time cost more than
   * the match. Forgotten whenever a watcher comes or goes.
   */
  private readonly byDir = new Map<string, readonly W[]>();

  get size(): number {
    return this.count;
  }

  add(w: W): void {
    const map = this.mapFor(w);
    if (map) map.set(w.key, [...(map.get(w.key) ?? NONE), w]);
    else this.others = [...this.others, w];
    this.byDir.clear();
    this.count++;
  }

  delete(w: W): void {
    const map = this.mapFor(w);
    const list = map ? (map.get(w.key) ?? NONE) : this.others;
    if (!list.includes(w)) return;
    const rest = list.filter((x) => x !== w);
    if (!map) this.others = rest;
    else if (rest.length) map.set(w.key, rest);
    else map.delete(w.key);
    this.byDir.clear();
    this.count--;
  }

  /** The watchers whose key or prefix may match one of `keys`, in order of creation. */
  candidates(keys: readonly string[]): readonly W[] {
    let found: (readonly W[])[] | undefined;
    let only: readonly W[] = NONE;
    const take = (list: readonly W[] | undefined) => {
      if (!list?.length || list === only) return;
      if (!only.length) only = list;
      else (found ??= [only]).push(list);
    };
    take(this.others);
    for (const key of keys) {
      if (this.exactKeys.size) take(this.exactKeys.get(key));
      if (this.dirPrefixes.size) take(this.dirWatchers(key));
    }
    return found ? inCreationOrder(found) : only;
  }

  /** The watchers of every '/'-ended prefix of `key`, in order of creation. */
  private dirWatchers(key: string): readonly W[] {
    const dir = key.slice(0, key.lastIndexOf('/') + 1);
    let list = this.byDir.get(dir);
    if (list === undefined) {
      const lists: (readonly W[])[] = [];
      for (let i = dir.indexOf('/'); i >= 0; i = dir.indexOf('/', i + 1)) {
        const l = this.dirPrefixes.get(dir.slice(0, i + 1));
        if (l?.length) lists.push(l);
      }
      list = lists.length === 0 ? NONE : lists.length === 1 ? lists[0] : inCreationOrder(lists);
      if (this.byDir.size >= MAX_DIRS) this.byDir.clear();
      this.byDir.set(dir, list);
    }
    return list;
  }

  private mapFor(w: W): Map<string, readonly W[]> | undefined {
    if (!w.prefix) return this.exactKeys;
    return w.key.endsWith('/') ? this.dirPrefixes : undefined;
  }
}

/** Several lists (rare: a write of several keys, nested prefixes, an unusual prefix) as one, in order of creation. */
function inCreationOrder<W extends IndexedWatcher>(lists: readonly (readonly W[])[]): readonly W[] {
  const all = new Set<W>();
  for (const list of lists) for (const w of list) all.add(w);
  return [...all].sort((a, b) => a.id - b.id);
}
