/**
 * The simulated kube-apiserver: resolves a request to a resource, authorizes it, and hands it to
 * the handler of its verb (or subresource); watches stream etcd events through selectors.
 * Everything is synchronous; nothing throws out of request()/watch().
 */
import type { SimClock } from '../clock';
import type { SeededRandom } from '../random';
import { EtcdStore, EtcdError, ETCD_ERRORS, type EtcdStoreJSON, type KeyValue, type StoreEvent } from '../etcd';
import { SharedEventDecoder } from './watch-decode';
import { errors, fail, StatusError } from './errors';
import { ADMIN_USER, type Handler, type RequestContext } from './context';
import { ResourceRegistry, type ResourceInfo } from './registry/registry';
import { ObjectStorage, clone, decode } from './storage';
import { TraceBus } from './trace';
import { EventExpiry } from './event-ttl';
import { VERB_HANDLERS, SUBRESOURCE_HANDLERS, VIRTUAL_CREATE } from './handlers';
import { matches, parseFilters, withTypeMeta } from './handlers/read';
import type { FieldRequirement } from './selectors';
import { allocateServiceAddresses } from './defaults/service';
import { serviceClusterIPRange } from './service-cidr';
import { authorize, forbiddenMessage } from './rbac/authorizer';
import { crdResources } from './crd';
import { noteAggregationWrite, proxyAggregated, syncCustomAPIServices, withAggregatedDiscovery } from './apiservices';
import { refreshQuotaStatus } from './admission/quota';
import { componentStatusHandlers, type ComponentHealth } from './handlers/componentstatuses';
import { nonResource, versionInfo } from './nonresource';
import { routeRawPath } from './rawpath';
import type {
  ApiRequest,
  ApiResponse,
  ApiTransport,
  DiscoveryDocument,
  KubeObject,
  Status,
  UserInfo,
  VersionInfo,
  WatchEvent,
  WatchHandle,
} from './types';


/** Bound of the key classification memo (one entry per resource, or resource and namespace). */
const MAX_CLASSIFIED_DIRS = 10_000;

export interface ApiServerOptions {
  clock: SimClock;
  random: SeededRandom;
  /** An existing etcd (e.g. restored from a snapshot); a new empty one otherwise. */
  store?: EtcdStore;
  /** Create the objects a starting kube-apiserver creates (namespaces, the kubernetes Service, priority classes). Default true. */
  bootstrap?: boolean;
  /** Enforce RBAC (default true; the admin user and system:masters always pass). */
  authorization?: boolean;
  /** How often the server compacts etcd (the real --etcd-compaction-interval is 5m); 0 disables. */
  compactionIntervalMs?: number;
  /** The server's version (/version gitVersion), e.g. 'v1.33.1'; or a full VersionInfo. */
  version?: string | VersionInfo;
}

/** What a kubelet registers to answer `kubectl logs`. */
export type PodLogProvider = (pod: KubeObject, container: string, query: Record<string, string | undefined>) => string | Status;
/** What a kubelet registers to run `kubectl exec` (returns the output, or a Status on failure). */
export type PodExecProvider = (
  pod: KubeObject,
  container: string,
  command: string[],
  /** attach: the container's own process (its shell) instead of a new one running `command`. */
  io: { stdin?: string; tty?: boolean; attach?: boolean },
) => { stdout: string; stderr: string; exitCode: number } | Status;

/** What a kubelet's HTTPS server on port 10250 answers: its status code, Content-Type and body bytes. */
export interface KubeletHttpResponse {
  code: number;
  contentType: string;
  body: string;
}

/** What a kubelet registers to answer GETs of its own endpoints, which nodes/proxy forwards (path without its leading slash). */
export type KubeletHttpProvider = (path: string, query: Record<string, string | undefined>) => KubeletHttpResponse;

export interface ApiServerJSON {
  etcd: EtcdStoreJSON;
  /** The server's version (gitVersion), so a restored world keeps answering the same /version. */
  version?: string;
}

export class ApiServer implements ApiTransport {
  readonly registry = new ResourceRegistry();
  readonly etcd: EtcdStore;
  readonly storage: ObjectStorage;
  /** Deletes events an hour after their last write (--event-ttl). */
  private readonly eventExpiry: EventExpiry;
  readonly trace: TraceBus;
  readonly clock: SimClock;
  readonly random: SeededRandom;
  authorization: boolean;
  /** Health of the control-plane components for componentstatuses (set by the cluster). */
  componentHealth?: () => ComponentHealth[];
  /** Per node name: the kubelet's log and exec endpoints (registerPodLogProvider / registerPodExecProvider). */
  readonly logProviders = new Map<string, PodLogProvider>();
  readonly execProviders = new Map<string, PodExecProvider>();
  /** Per node name: the kubelet's HTTP server as nodes/proxy reaches it (registerKubeletHttpProvider). */
  readonly kubeletHttpProviders = new Map<string, KubeletHttpProvider>();
  private prefixMap = new Map<string, boolean>();
  private compaction?: { intervalMs: number; lastRevision: number };
  private nextWatcherId = 1;
  /** Watch events decoded once for all the watchers that only read them (the watch cache's objects when it has them). */
  private readonly sharedDecoder = new SharedEventDecoder((kv) => this.storage.decodedAt(kv));
  /** What /version answers: the running kube-apiserver's release (setVersion when its image changes). */
  versionInfo: VersionInfo;

  constructor(options: ApiServerOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.etcd = options.store ?? new EtcdStore();
    this.authorization = options.authorization ?? true;
    this.versionInfo = typeof options.version === 'object' ? options.version : versionInfo(options.version ?? 'v1.33.1');
    this.trace = new TraceBus(() => this.clock.now());
    this.rebuildPrefixes();
    this.storage = new ObjectStorage(this.etcd, (key) => this.classify(key));
    this.eventExpiry = new EventExpiry(this.etcd, this.storage, this.registry.get('', 'v1', 'events')!.etcdPrefix, () => this.clock.now());
    this.syncCustomResources();
    this.etcd.onCommit = (resp) => {
      if (!this.trace.active) return;
      for (const e of resp.events) this.trace.emit({ type: 'write', key: e.kv.key, revision: resp.revision, op: e.type === 'PUT' ? 'put' : 'delete' });
    };
    const interval = options.compactionIntervalMs ?? 5 * 60 * 1000;
    if (interval > 0) this.scheduleCompaction(interval);
  }

  /** The release the server runs from now on (a static pod started from another image: an upgrade). */
  setVersion(gitVersion: string): void {
    if (gitVersion !== this.versionInfo.gitVersion) this.versionInfo = versionInfo(gitVersion);
  }

  // ------------------------------------------------------------------ transport

  request<T = unknown>(req: ApiRequest): ApiResponse<T> {
    let resp: ApiResponse;
    try {
      resp = this.dispatch(req);
    } catch (e) {
      resp = e instanceof StatusError ? fail(e.status) : fail(errors.internal(e instanceof Error ? e.message : String(e)));
    }
    if (this.trace.active) {
      const { body: _b, readOnly: _r, ...request } = req;
      this.trace.emit({ type: 'request', request, code: resp.code });
    }
    return resp as ApiResponse<T>;
  }

  watch(req: ApiRequest, onEvent: (ev: WatchEvent) => void): WatchHandle | Status {
    try {
      return this.startWatch(req, onEvent);
    } catch (e) {
      return e instanceof StatusError ? e.status : errors.internal(e instanceof Error ? e.message : String(e));
    }
  }

  discovery(): DiscoveryDocument {
    return withAggregatedDiscovery(this, this.registry.discovery());
  }

  raw(path: string, user?: UserInfo): ApiResponse<unknown> {
    const who = user ?? ADMIN_USER;
    const target = routeRawPath(path, () => this.discovery());
    if (target.kind === 'request' && target.request.verb !== 'watch') return this.request({ ...target.request, user: who });
    if (target.kind === 'discovery') return { code: 200, body: target.body };
    const allowed = (p: string) =>
      !this.authorization || authorize(this, who, { verb: 'get', group: '', resource: '', subresource: '', namespace: '', name: '', path: p }).allowed;
    return nonResource(path, this.versionInfo, allowed, who);
  }

  // ------------------------------------------------------------------ kubelet hooks

  registerPodLogProvider(nodeName: string, provider: PodLogProvider): () => void {
    this.logProviders.set(nodeName, provider);
    return () => this.logProviders.delete(nodeName);
  }

  registerPodExecProvider(nodeName: string, provider: PodExecProvider): () => void {
    this.execProviders.set(nodeName, provider);
    return () => this.execProviders.delete(nodeName);
  }

  registerKubeletHttpProvider(nodeName: string, provider: KubeletHttpProvider): () => void {
    this.kubeletHttpProviders.set(nodeName, provider);
    return () => this.kubeletHttpProviders.delete(nodeName);
  }

  // ------------------------------------------------------------------ persistence

  toJSON(): ApiServerJSON {
    return { etcd: this.etcd.toJSON(), version: this.versionInfo.gitVersion };
  }

  static fromJSON(data: ApiServerJSON, options: Omit<ApiServerOptions, 'store' | 'bootstrap'>): ApiServer {
    return new ApiServer({ ...options, version: options.version ?? data.version, store: EtcdStore.fromJSON(data.etcd), bootstrap: false });
  }

  // ------------------------------------------------------------------ internals used by handlers

  context(req: ApiRequest, info: ResourceInfo): RequestContext {
    return {
      server: this,
      req,
      info,
      user: req.user ?? ADMIN_USER,
      query: req.query ?? {},
      namespace: info.namespaced ? (req.namespace ?? '') : '',
      warnings: [],
    };
  }

  /** Last step before a create/update is written: allocations that must not happen on dry runs. */
  beforeStore(ctx: RequestContext, obj: KubeObject, old: KubeObject | undefined): Status | undefined {
    if (ctx.info.group === '' && ctx.info.resource === 'services') {
      // On create everything is allocated; on update what the new type needs (node ports when a
      // ClusterIP service becomes NodePort, a cluster IP when an ExternalName one stops being one).
      const self = `${obj.metadata?.namespace}/${obj.metadata?.name}`;
      const existing = this.storage.entries(ctx.info.etcdPrefix).filter((e) => `${e.namespace}/${e.name}` !== self || !old).map((e) => e.obj);
      const cause = allocateServiceAddresses(obj, existing, (n) => this.random.int(n), serviceClusterIPRange(this));
      if (cause) return errors.invalid('Service', '', obj.metadata?.name ?? '', [cause]);
    }
    return undefined;
  }

  afterStore(ctx: RequestContext, obj: KubeObject, old: KubeObject | undefined): void {
    noteAggregationWrite(this, ctx.info.group, ctx.info.resource);
    if (ctx.info.group === 'apiextensions.k8s.io' && ctx.info.resource === 'customresourcedefinitions') this.syncCustomResources();
    const quotaChanged = ctx.info.group === '' && ctx.info.resource === 'resourcequotas' && ctx.req.subresource !== 'status';
    if (ctx.info.namespaced && (quotaChanged || !old || obj.metadata?.deletionTimestamp)) this.refreshQuotas(ctx);
  }

  afterDelete(ctx: RequestContext, _obj: KubeObject): void {
    noteAggregationWrite(this, ctx.info.group, ctx.info.resource);
    if (ctx.info.group === 'apiextensions.k8s.io' && ctx.info.resource === 'customresourcedefinitions') this.syncCustomResources();
    if (ctx.info.namespaced) this.refreshQuotas(ctx);
  }

  private refreshQuotas(ctx: RequestContext): void {
    const quotas = this.registry.get('', 'v1', 'resourcequotas')!;
    if (this.storage.count(quotas.etcdPrefix, ctx.namespace) === 0) return;
    refreshQuotaStatus(ctx, ctx.namespace);
  }

  /** Refuse deletions the real server refuses (system namespaces). */
  beforeDelete(ctx: RequestContext, obj: KubeObject): Status | undefined {
    if (ctx.info.group === '' && ctx.info.resource === 'namespaces') {
      const name = obj.metadata?.name ?? '';
      if (['default', 'kube-system', 'kube-public'].includes(name))
        return errors.forbidden('namespaces', name, `namespaces "${name}" is forbidden: this namespace may not be deleted`);
    }
    return undefined;
  }

  // ------------------------------------------------------------------ dispatch

  private resolve(req: ApiRequest): ResourceInfo {
    const info = this.registry.get(req.group ?? '', req.version, req.resource);
    if (!info) throw new StatusError(errors.notServed());
    return info;
  }

  private dispatch(req: ApiRequest): ApiResponse {
    const proxied = proxyAggregated(this, req);
    if (proxied) return proxied;
    const info = this.resolve(req);
    const ctx = this.context(req, info);
    const needsName = req.verb !== 'list' && req.verb !== 'create' && req.verb !== 'deletecollection' && req.verb !== 'watch';
    if (needsName && !req.name) return fail(errors.notServed());
    if (req.subresource && !req.name) return fail(errors.notServed());
    if (info.namespaced && !ctx.namespace && req.verb === 'create') {
      const ns = (req.body as KubeObject | undefined)?.metadata?.namespace;
      ctx.namespace = typeof ns === 'string' && ns ? ns : 'default';
    }
    if (info.namespaced && !ctx.namespace && needsName) return fail(errors.notServed());

    let handler: Handler | undefined;
    if (req.subresource) {
      const sub = info.subresources.find((s) => s.name === req.subresource);
      if (!sub) return fail(errors.notServed());
      const verb = req.verb === 'patch' ? 'patch' : req.verb;
      if (!sub.verbs.includes(verb)) return fail(errors.methodNotSupported(`${info.resource}/${sub.name}`, verb));
      handler = SUBRESOURCE_HANDLERS[req.subresource]?.[req.verb];
      if (!handler) return fail(errors.notServed());
    } else {
      if (!info.verbs.includes(req.verb)) return fail(errors.methodNotSupported(info.resource, req.verb));
      handler =
        (req.verb === 'create' ? VIRTUAL_CREATE[`${info.group}/${info.resource}`] : undefined) ??
        (info.group === '' && info.resource === 'componentstatuses' ? componentStatusHandlers[req.verb as 'get' | 'list'] : undefined) ??
        VERB_HANDLERS[req.verb];
      if (!handler) return fail(errors.notServed());
    }
    const denied = this.checkAccess(ctx, req.verb);
    if (denied) return fail(denied);
    const deprecation = this.deprecationOf(info);
    if (deprecation) ctx.warnings.unshift(deprecation);
    const resp = handler(ctx);
    return ctx.warnings.length ? { ...resp, warnings: [...(resp.warnings ?? []), ...ctx.warnings] } : resp;
  }

  /** The deprecation warning the real server attaches to every request on a deprecated API. */
  private deprecationOf(info: ResourceInfo): string | undefined {
    if (info.group !== '') return undefined;
    if (info.resource === 'componentstatuses') return 'v1 ComponentStatus is deprecated in v1.19+';
    if (info.resource === 'endpoints' && Number(this.versionInfo.minor) >= 33) return 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice';
    return undefined;
  }

  private checkAccess(ctx: RequestContext, verb: string): Status | undefined {
    if (!this.authorization) return undefined;
    const attrs = {
      verb,
      group: ctx.info.group,
      resource: ctx.info.resource,
      subresource: ctx.req.subresource ?? '',
      namespace: ctx.info.namespaced ? ctx.namespace : '',
      name: ctx.req.name ?? '',
    };
    const decision = authorize(this, ctx.user, attrs);
    if (decision.allowed) return undefined;
    return errors.forbidden(
      ctx.info.group ? `${ctx.info.resource}.${ctx.info.group}` : ctx.info.resource,
      ctx.req.name ?? '',
      forbiddenMessage(ctx.user, attrs, decision.reason),
    );
  }

  // ------------------------------------------------------------------ watch

  private startWatch(req: ApiRequest, onEvent: (ev: WatchEvent) => void): WatchHandle | Status {
    const info = this.resolve(req);
    const ctx = this.context(req, info);
    const denied = this.checkAccess(ctx, 'watch');
    if (denied) return denied;
    if (!info.verbs.includes('watch')) return errors.methodNotSupported(info.resource, 'watch');
    const f = parseFilters(ctx);
    if ('error' in f) return errors.badRequest(f.error);
    if (req.name) f.fields.push({ field: 'metadata.name', op: '=', value: req.name });
    const prefix = info.namespaced && ctx.namespace ? `${info.etcdPrefix}/${ctx.namespace}/` : `${info.etcdPrefix}/`;
    const watcherName = `${ctx.user.username} ${info.resource}`;
    const watcherId = `w${this.nextWatcherId++}`;
    const rvText = ctx.query.resourceVersion;
    let startRevision: number;
    const deliver = (type: WatchEvent['type'], obj: KubeObject, key: string, revision: number) => {
      if (this.trace.active) this.trace.emit({ type: 'deliver', watcher: `${watcherId} ${watcherName}`, event: type, key, revision });
      try {
        onEvent({ type, object: withTypeMeta(ctx, obj) });
      } catch {
        // a failing client callback must not break the server
      }
    };
    const readOnly = req.readOnly === true;
    if (!rvText || rvText === '0') {
      // "Get State and Start at Most Recent": synthetic ADDED for what exists now, then changes.
      const entries = (info.namespaced && ctx.namespace ? this.storage.entries(info.etcdPrefix, ctx.namespace) : this.storage.entries(info.etcdPrefix))
        .filter((e) => matches(f, e.obj))
        .sort((a, b) => (a.key < b.key ? -1 : 1));
      for (const e of entries) deliver('ADDED', readOnly ? e.obj : clone(e), e.key, e.modRevision);
      startRevision = this.etcd.revision + 1;
    } else {
      const rv = Number(rvText);
      if (!Number.isInteger(rv) || rv < 0) return errors.badRequest(`invalid resource version: ${rvText}`);
      startRevision = rv + 1;
      if (rv < this.etcd.compactRevision) return errors.gone(`too old resource version: ${rv} (${this.etcd.compactRevision})`);
    }
    const filtered = f.labels.length > 0 || f.fields.length > 0;
    // One object by name (a kubelet's own Node, `--field-selector metadata.name=x`): the registry
    // watches its key alone (Store.Watch with MatchesSingle), not every object of the resource.
    const single = singleName(f.fields, !info.namespaced || !!ctx.namespace);
    try {
      const w = this.etcd.watch(single === undefined ? prefix : `${prefix}${single}`, { prefix: single === undefined, startRevision, prevKv: true }, (resp) => {
        for (const e of resp.events) this.translate(e, resp.revision, filtered ? f : undefined, deliver, readOnly);
      });
      return { stop: () => w.cancel() };
    } catch (e) {
      if (e instanceof EtcdError && e.message === ETCD_ERRORS.compacted)
        return errors.gone(`too old resource version: ${startRevision - 1} (${this.etcd.compactRevision})`);
      throw e;
    }
  }

  /**
   * One etcd event as this watcher sees it. Selectors are matched on the event's shared decoding;
   * a read-only watcher receives that shared (frozen) object, any other a private copy.
   */
  private translate(
    e: StoreEvent,
    revision: number,
    f: Parameters<typeof matches>[0] | undefined,
    deliver: (type: WatchEvent['type'], obj: KubeObject, key: string, revision: number) => void,
    readOnly: boolean,
  ): void {
    const key = e.kv.key;
    // A private copy is parsed from the text (made if need be): JSON.parse builds an object faster
    // than a walk copying the shared one.
    const own = (kv: KeyValue, rv: number, shared: KubeObject) => (readOnly ? shared : decode(kv.value, rv)!);
    if (e.type === 'DELETE') {
      const prev = e.prevKv ? this.sharedDecoder.get(e.prevKv, revision) : undefined;
      if (prev && (!f || matches(f, prev))) deliver('DELETED', own(e.prevKv!, revision, prev), key, revision);
      return;
    }
    if (!f) {
      const obj = this.sharedDecoder.get(e.kv, e.kv.modRevision);
      if (obj) deliver(e.prevKv ? 'MODIFIED' : 'ADDED', own(e.kv, e.kv.modRevision, obj), key, revision);
      return;
    }
    const obj = this.sharedDecoder.get(e.kv, e.kv.modRevision);
    if (!obj) return;
    const now = matches(f, obj);
    const prev = e.prevKv ? this.sharedDecoder.get(e.prevKv, e.prevKv.modRevision) : undefined;
    const before = prev ? matches(f, prev) : false;
    if (now && before) deliver('MODIFIED', own(e.kv, e.kv.modRevision, obj), key, revision);
    else if (now) deliver('ADDED', own(e.kv, e.kv.modRevision, obj), key, revision);
    else if (before) deliver('DELETED', own(e.kv, e.kv.modRevision, obj), key, revision);
  }

  // ------------------------------------------------------------------ custom resources, keys, compaction

  /** Serve the resources of every established CustomResourceDefinition in the store. */
  syncCustomResources(): void {
    const crdInfo = this.registry.get('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!;
    const wanted = new Map<string, ResourceInfo>();
    for (const e of this.storage?.entries(crdInfo.etcdPrefix) ?? []) {
      if (e.obj.metadata?.deletionTimestamp) continue;
      for (const r of crdResources(e.obj)) wanted.set(`${r.group}/${r.version}/${r.resource}`, r);
    }
    const current = this.registry.all().filter((r) => r.custom);
    let changed = false;
    for (const r of current) {
      if (!wanted.has(`${r.group}/${r.version}/${r.resource}`)) {
        this.registry.remove(r.group, r.version, r.resource);
        changed = true;
      }
    }
    for (const [k, r] of wanted) {
      const existing = current.find((c) => `${c.group}/${c.version}/${c.resource}` === k);
      if (!existing || JSON.stringify(existing) !== JSON.stringify(r)) {
        this.registry.add(r);
        changed = true;
      }
    }
    if (changed) {
      this.rebuildPrefixes();
      this.storage?.reindex();
      if (this.storage) syncCustomAPIServices(this);
    }
  }

  private rebuildPrefixes(): void {
    this.prefixMap.clear();
    this.classified.clear();
    for (const r of this.registry.all()) this.prefixMap.set(r.etcdPrefix, r.namespaced);
  }

  /**
   * Classifications by a key's directory (all but its last segment): what classifyUncached finds
   * depends on nothing else, and each write and cache lookup asks, while directories are few
   * (a resource, or a resource in a namespace) even where keys are all new (events).
   */
  private classified = new Map<string, { prefix: string; namespaced: boolean } | undefined>();

  /** Which resource prefix a key belongs to: the longest registered prefix that the key extends. */
  private classify(key: string): { prefix: string; namespaced: boolean } | undefined {
    const dir = key.slice(0, Math.max(0, key.lastIndexOf('/')));
    let c = this.classified.get(dir);
    if (c === undefined && !this.classified.has(dir)) {
      if (this.classified.size >= MAX_CLASSIFIED_DIRS) this.classified.clear();
      this.classified.set(dir, (c = this.classifyUncached(key)));
    }
    return c;
  }

  private classifyUncached(key: string): { prefix: string; namespaced: boolean } | undefined {
    let i = key.lastIndexOf('/');
    while (i > 0) {
      const p = key.slice(0, i);
      const ns = this.prefixMap.get(p);
      if (ns !== undefined) {
        // a namespaced key has exactly namespace/name after its prefix; a cluster-scoped key only a name
        const rest = key.slice(i + 1);
        const slashes = rest.split('/').length - 1;
        if ((ns && slashes === 1) || (!ns && slashes === 0)) return { prefix: p, namespaced: ns };
      }
      i = key.lastIndexOf('/', i - 1);
    }
    return undefined;
  }

  private scheduleCompaction(intervalMs: number): void {
    this.compaction = { intervalMs, lastRevision: this.etcd.revision };
    const tick = () => {
      this.eventExpiry.sweep();
      const target = this.compaction!.lastRevision;
      if (target > this.etcd.compactRevision) {
        try {
          this.etcd.compact(target);
        } catch {
          // already compacted further by someone (etcdctl compact): nothing to do
        }
      }
      this.compaction!.lastRevision = this.etcd.revision;
      this.clock.setTimeout(tick, intervalMs);
    };
    this.clock.setTimeout(tick, intervalMs);
  }

  /** The caller of requests with no user: the cluster admin. */
  static readonly adminUser: UserInfo = ADMIN_USER;
}

/** The name a field selector pins (metadata.name=x), when the watch's key can be that object's alone. */
function singleName(fields: readonly FieldRequirement[], keyKnown: boolean): string | undefined {
  if (!keyKnown) return undefined;
  const name = fields.find((r) => r.field === 'metadata.name' && r.op === '=')?.value;
  return name && !name.includes('/') ? name : undefined;
}
