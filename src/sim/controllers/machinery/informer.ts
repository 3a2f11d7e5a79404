/**
 * A shared informer: list + watch of one resource through the API, an indexed cache of the
 * objects, and handlers that are told of every add/update/delete (client-go's SharedIndexInformer).
 *
 * The cache is the component's only view of the world: controllers read it instead of calling
 * the API server on every reconcile. A watch that fails with 410 Gone (compacted history) relists.
 */
import type { ApiClient, GVR } from '../../apiserver/client';
import type { KubeObject, Status, WatchEvent, WatchHandle } from '../../apiserver/types';

export interface InformerHandlers {
  onAdd?(obj: KubeObject): void;
  onUpdate?(oldObj: KubeObject, newObj: KubeObject): void;
  onDelete?(obj: KubeObject): void;
}

export type IndexFunc = (obj: KubeObject) => string[];

/** `namespace/name` or `name`: the key every work queue and cache uses. */
export function keyOf(obj: KubeObject): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : String(m.name);
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export class Informer {
  private cache = new Map<string, KubeObject>();
  private handlers: InformerHandlers[] = [];
  /** Index functions with their index (a list: walked for every object change). */
  private indexers: { fn: IndexFunc; index: Map<string, Set<string>> }[] = [];
  private indices = new Map<string, Map<string, Set<string>>>();
  private watchHandle?: WatchHandle;
  private started = false;
  private synced = false;

  constructor(
    private readonly client: ApiClient,
    readonly resource: GVR,
    private readonly options: { namespace?: string; labelSelector?: string; fieldSelector?: string } = {},
  ) {}

  addHandlers(h: InformerHandlers): void {
    this.handlers.push(h);
    if (this.synced) for (const obj of this.cache.values()) h.onAdd?.(obj);
  }

  /** Register an index (e.g. pods by node); must be called before start(). */
  addIndex(name: string, fn: IndexFunc): void {
    const replaced = this.indices.get(name);
    const index = new Map<string, Set<string>>();
    this.indices.set(name, index);
    this.indexers = [...this.indexers.filter((x) => x.index !== replaced), { fn, index }];
  }

  start(): boolean {
    if (this.started) return true;
    this.started = true;
    return this.listAndWatch();
  }

  stop(): void {
    this.started = false;
    this.synced = false;
    this.watchHandle?.stop();
    this.watchHandle = undefined;
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  get(key: string): KubeObject | undefined {
    return this.cache.get(key);
  }

  getByName(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  list(): KubeObject[] {
    return [...this.cache.values()];
  }

  get size(): number {
    return this.cache.size;
  }

  /** How many objects an index value has (no array made: asked for every node of every pod scheduled). */
  countByIndex(index: string, value: string): number {
    return this.indices.get(index)?.get(value)?.size ?? 0;
  }

  byIndex(index: string, value: string): KubeObject[] {
    const keys = this.indices.get(index)?.get(value);
    if (!keys) return [];
    const out: KubeObject[] = [];
    for (const k of keys) {
      const o = this.cache.get(k);
      if (o) out.push(o);
    }
    return out;
  }

  private listAndWatch(): boolean {
    const { namespace, labelSelector, fieldSelector } = this.options;
    // The cache is read-only (as client-go's): the list may hand over the server's own objects.
    const resp = this.client.list(this.resource, namespace, { labelSelector, fieldSelector, readOnly: true });
    if (resp.code !== 200) return false;
    const list = resp.body as { items: KubeObject[]; metadata: { resourceVersion: string } };
    const fresh = new Map<string, KubeObject>();
    for (const item of list.items) fresh.set(keyOf(item), item);
    // Reconcile the cache with the fresh list (a relist after a broken watch).
    for (const [k, old] of [...this.cache]) if (!fresh.has(k)) this.remove(k, old);
    for (const [k, obj] of fresh) this.upsert(k, obj);
    this.synced = true;
    // The cache is read-only (as client-go's): events may carry the server's shared, frozen objects.
    const w = this.client.watch(this.resource, namespace, { labelSelector, fieldSelector, resourceVersion: list.metadata.resourceVersion, readOnly: true }, (ev) =>
      this.onEvent(ev),
    );
    if (isStatus(w)) {
      if (w.code === 410 && this.started) return this.listAndWatch();
      return false;
    }
    this.watchHandle = w;
    return true;
  }

  private onEvent(ev: WatchEvent): void {
    if (!this.started) return;
    const key = keyOf(ev.object);
    if (ev.type === 'DELETED') this.remove(key, this.cache.get(key) ?? ev.object);
    else if (ev.type === 'ADDED' || ev.type === 'MODIFIED') this.upsert(key, ev.object);
  }

  private upsert(key: string, obj: KubeObject): void {
    const old = this.cache.get(key);
    if (old && old.metadata?.resourceVersion === obj.metadata?.resourceVersion) return;
    this.cache.set(key, obj);
    this.reindex(key, old, obj);
    for (const h of this.handlers) {
      if (old) h.onUpdate?.(old, obj);
      else h.onAdd?.(obj);
    }
  }

  private remove(key: string, obj: KubeObject): void {
    if (!this.cache.has(key)) return;
    this.cache.delete(key);
    this.reindex(key, obj, undefined);
    for (const h of this.handlers) h.onDelete?.(obj);
  }

  private reindex(key: string, old: KubeObject | undefined, obj: KubeObject | undefined): void {
    for (let i = 0; i < this.indexers.length; i++) {
      const { fn, index: idx } = this.indexers[i];
      const before = old ? fn(old) : NO_VALUES;
      const after = obj ? fn(obj) : NO_VALUES;
      // Most updates keep an object's index values (a status update keeps namespace, owner, node).
      if (sameValues(before, after)) continue;
      for (const v of before) idx.get(v)?.delete(key);
      for (const v of after) {
        let s = idx.get(v);
        if (!s) idx.set(v, (s = new Set()));
        s.add(key);
      }
    }
  }
}

function isStatus(v: unknown): v is Status {
  return !!v && typeof v === 'object' && (v as Status).kind === 'Status';
}

/** One informer per resource (and options), shared by every controller of a process. */
export class InformerFactory {
  private informers = new Map<string, Informer>();
  constructor(readonly client: ApiClient) {}

  for(resource: GVR, options: { namespace?: string; labelSelector?: string; fieldSelector?: string } = {}): Informer {
    const id = `${resource.group}/${resource.version}/${resource.resource}?${options.namespace ?? ''}&${options.labelSelector ?? ''}&${options.fieldSelector ?? ''}`;
    let inf = this.informers.get(id);
    if (!inf) this.informers.set(id, (inf = new Informer(this.client, resource, options)));
    return inf;
  }

  startAll(): void {
    for (const inf of this.informers.values()) inf.start();
  }

  stopAll(): void {
    for (const inf of this.informers.values()) inf.stop();
  }
}

const NO_VALUES: readonly string[] = [];

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
