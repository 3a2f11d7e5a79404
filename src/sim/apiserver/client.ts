/**
 * A typed convenience client over any ApiTransport, for components (controllers, scheduler,
 * kubelet, graders). It builds the same ApiRequests kubectl would send; nothing bypasses the API.
 */
import type { ApiRequest, ApiResponse, ApiTransport, KubeObject, PatchType, Query, Status, UserInfo, WatchEvent, WatchHandle } from './types';
import { ResourceRegistry, type GVR, type ResourceInfo } from './registry/registry';

export type { GVR };

const sharedRegistry = new ResourceRegistry();

/**
 * Find a built-in resource by kind, plural, singular or short name ('Deployment', 'deploy',
 * 'deployments.apps'). For custom resources, use the server's registry (server.registry.resolve).
 */
export function resourceFor(kindOrPlural: string): ResourceInfo | undefined {
  return sharedRegistry.byKind(kindOrPlural) ?? sharedRegistry.resolve(kindOrPlural);
}

/** The GVR of a built-in kind or resource name; throws on an unknown name (a programming error). */
export function gvr(kindOrPlural: string): GVR {
  const r = resourceFor(kindOrPlural);
  if (!r) throw new Error(`unknown resource ${kindOrPlural}`);
  return { group: r.group, version: r.version, resource: r.resource };
}

export interface ListResult<T = KubeObject> {
  kind: string;
  apiVersion: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  /** The caller never modifies the items (they may be the server's shared, frozen objects). */
  readOnly?: boolean;
}

export class ApiClient {
  constructor(
    readonly transport: ApiTransport,
    readonly user?: UserInfo,
    /** Sent as fieldManager on writes (the real client's user agent, e.g. 'kube-controller-manager'). */
    readonly fieldManager?: string,
  ) {}

  request<T = KubeObject>(req: Omit<ApiRequest, 'user'>): ApiResponse<T> {
    return this.transport.request<T>({ ...req, user: this.user });
  }

  /** `readOnly`: the caller never modifies what it gets (it may be the server's shared, frozen object). */
  get<T = KubeObject>(r: GVR, namespace: string | undefined, name: string, opts: { readOnly?: boolean } = {}): ApiResponse<T> {
    const req: Omit<ApiRequest, 'user'> = { verb: 'get', ...r, namespace, name };
    if (opts.readOnly) req.readOnly = true;
    return this.request<T>(req);
  }

  list<T = KubeObject>(r: GVR, namespace?: string, opts: ListOptions = {}): ApiResponse<ListResult<T>> {
    const req: Omit<ApiRequest, 'user'> = { verb: 'list', ...r, namespace, query: toQuery(opts) };
    if (opts.readOnly) req.readOnly = true;
    return this.request<ListResult<T>>(req);
  }

  /** `readOnly`: the caller never modifies the object it gets back (it may be the server's shared, frozen one). */
  create<T = KubeObject>(r: GVR, namespace: string | undefined, body: KubeObject, query: Query = {}, opts: { readOnly?: boolean } = {}): ApiResponse<T> {
    const req: Omit<ApiRequest, 'user'> = { verb: 'create', ...r, namespace, body, query: this.withManager(query) };
    if (opts.readOnly) req.readOnly = true;
    return this.request<T>(req);
  }

  /** `readOnly`: the caller never modifies the object it gets back (it may be the server's shared, frozen one). */
  update<T = KubeObject>(r: GVR, namespace: string | undefined, body: KubeObject, query: Query = {}, opts: { readOnly?: boolean } = {}): ApiResponse<T> {
    const req: Omit<ApiRequest, 'user'> = { verb: 'update', ...r, namespace, name: body.metadata?.name, body, query: this.withManager(query) };
    if (opts.readOnly) req.readOnly = true;
    return this.request<T>(req);
  }

  updateStatus<T = KubeObject>(r: GVR, namespace: string | undefined, body: KubeObject): ApiResponse<T> {
    return this.request<T>({ verb: 'update', ...r, subresource: 'status', namespace, name: body.metadata?.name, body, query: this.withManager({}) });
  }

  patch<T = KubeObject>(
    r: GVR,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    patchType: PatchType = 'application/strategic-merge-patch+json',
    opts: { subresource?: string; query?: Query } = {},
  ): ApiResponse<T> {
    return this.request<T>({ verb: 'patch', ...r, namespace, name, body: patch, patchType, subresource: opts.subresource, query: this.withManager(opts.query ?? {}) });
  }

  delete<T = KubeObject | Status>(r: GVR, namespace: string | undefined, name: string, query: Query = {}): ApiResponse<T> {
    return this.request<T>({ verb: 'delete', ...r, namespace, name, query });
  }

  /** Create a subresource (pods/binding, pods/eviction). */
  createSubresource<T = unknown>(r: GVR, namespace: string | undefined, name: string, subresource: string, body: unknown): ApiResponse<T> {
    return this.request<T>({ verb: 'create', ...r, namespace, name, subresource, body });
  }

  /** `readOnly`: the callback never modifies the objects it receives (they may be shared and frozen). */
  watch(r: GVR, namespace: string | undefined, opts: ListOptions & { name?: string; readOnly?: boolean }, onEvent: (ev: WatchEvent) => void): WatchHandle | Status {
    const req: ApiRequest = { verb: 'watch', ...r, namespace, name: opts.name, query: toQuery(opts), user: this.user };
    if (opts.readOnly) req.readOnly = true;
    return this.transport.watch(req, onEvent);
  }

  private withManager(q: Query): Query {
    return this.fieldManager && !q.fieldManager ? { ...q, fieldManager: this.fieldManager } : q;
  }
}

function toQuery(o: ListOptions): Query {
  const q: Query = {};
  if (o.labelSelector) q.labelSelector = o.labelSelector;
  if (o.fieldSelector) q.fieldSelector = o.fieldSelector;
  if (o.limit) q.limit = String(o.limit);
  if (o.continue) q.continue = o.continue;
  if (o.resourceVersion !== undefined) q.resourceVersion = o.resourceVersion;
  return q;
}
