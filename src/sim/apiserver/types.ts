/**
 * The contract of the simulated API server: what every client (kubectl, controllers, scheduler,
 * kubelet, graders, the architecture view) sends and receives. It mirrors the Kubernetes REST API
 * so that a request here reads like the HTTP request a real client would send.
 *
 * Calls are synchronous (the store is in memory); consequences (controllers reacting, pods
 * starting) happen later on the simulated clock, through watches.
 */

/** Any Kubernetes object as JSON: apiVersion, kind, metadata, spec, status… */
export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
};

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** metav1.Status: every error (and a successful delete of some kinds) is one of these. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string; // NotFound, AlreadyExists, Conflict, Invalid, Forbidden, BadRequest, TooManyRequests, …
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
    retryAfterSeconds?: number;
  };
  code: number;
}

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export type PatchType =
  | 'application/json-patch+json'
  | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json'
  | 'application/apply-patch+yaml';

/** Who is asking: from the client certificate or token in the kubeconfig, or a component. */
export interface UserInfo {
  username: string;
  groups: string[];
  uid?: string;
}

/** The query string of the real request, as strings (labelSelector, fieldSelector, limit, continue,
 *  resourceVersion, dryRun=All, fieldManager, force, propagationPolicy, gracePeriodSeconds, …). */
export type Query = Record<string, string | undefined>;

export interface ApiRequest {
  verb: Verb;
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural, lower-case: 'pods', 'deployments', 'customresourcedefinitions'. */
  resource: string;
  /** 'status', 'scale', 'binding', 'eviction', 'log', 'exec', 'ephemeralcontainers'… */
  subresource?: string;
  namespace?: string;
  name?: string;
  /**
   * For a proxy subresource: the path after `proxy/` (`nodes/cka02/proxy/stats/summary` → 'stats/summary',
   * a trailing slash kept), as NodeProxyOptions.path carries it.
   */
  path?: string;
  body?: unknown;
  patchType?: PatchType;
  query?: Query;
  /** Defaults to the cluster admin when absent (components and tests). */
  user?: UserInfo;
  /**
   * The caller only reads what comes back (prints it, keeps it unchanged in a cache): the server
   * may then answer a get or a list with its own cached objects instead of private copies. Objects
   * received this way must never be modified (copy before changing). Absent: every object is a fresh copy.
   */
  readOnly?: boolean;
}

export interface ApiResponse<T = unknown> {
  /** HTTP status code: 200, 201, 202, 400, 403, 404, 409, 422, 429, 500, 503… */
  code: number;
  /** The object, a list, or a Status on failure. */
  body: T | Status;
  /** Warning headers of the response (kubectl prints each as "Warning: …" on stderr). */
  warnings?: string[];
  /**
   * Set when the body is the bytes of another server passed through as they are (a kubelet's answer
   * through nodes/proxy): the body is then a string, served with this Content-Type.
   */
  contentType?: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

export interface WatchHandle {
  stop(): void;
}

/**
 * What the architecture view and the Events recorder observe: every request handled, every write
 * to etcd, every watch delivery. Emitted synchronously as things happen, in order.
 */
export type TraceEvent =
  | { type: 'request'; seq: number; at: number; request: Omit<ApiRequest, 'body'>; code: number }
  | { type: 'write'; seq: number; at: number; key: string; revision: number; op: 'put' | 'delete' }
  | { type: 'deliver'; seq: number; at: number; watcher: string; event: WatchEventType; key: string; revision: number };

/** One resource of a group/version, as /apis/GROUP/VERSION lists it (and `kubectl api-resources` prints it). */
export interface APIResource {
  name: string; // 'deployments', or 'deployments/scale' for a subresource
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  group?: string;
  version?: string;
}

export interface APIResourceList {
  kind: 'APIResourceList';
  apiVersion: 'v1';
  groupVersion: string; // 'v1', 'apps/v1'
  resources: APIResource[];
}

export interface APIGroup {
  name: string; // '' for core
  versions: { groupVersion: string; version: string }[];
  preferredVersion: { groupVersion: string; version: string };
}

/** What a client learns from /api and /apis: the groups and every group/version's resources. */
export interface DiscoveryDocument {
  groups: APIGroup[];
  resourceLists: APIResourceList[];
}

/**
 * The connection a client holds to a running API server (what a kubeconfig's server URL reaches).
 * kubectl, controllers, the scheduler and kubelets all talk through this; nobody reads the store.
 */
export interface ApiTransport {
  request<T = unknown>(req: ApiRequest): ApiResponse<T>;
  /** A live watch; the Status when it cannot start (e.g. 410 Gone for a compacted resourceVersion). */
  watch(req: ApiRequest, onEvent: (ev: WatchEvent) => void): WatchHandle | Status;
  discovery(): DiscoveryDocument;
  /** GET by URL path (`kubectl get --raw`, `kubectl version`): resource paths, discovery (/api, /apis…) and /version, /healthz, /livez, /readyz[?verbose]. */
  raw?(path: string, user?: UserInfo): ApiResponse<unknown>;
}

/** What /version answers (`kubectl version` prints gitVersion as "Server Version"). */
export interface VersionInfo {
  major: string;
  minor: string;
  emulationMajor?: string;
  emulationMinor?: string;
  minCompatibilityMajor?: string;
  minCompatibilityMinor?: string;
  gitVersion: string;
  gitCommit?: string;
  gitTreeState?: string;
  buildDate?: string;
  goVersion?: string;
  compiler?: string;
  platform?: string;
}
