/**
 * APIService objects, as the kube-aggregator keeps them: one per served group version, "Local"
 * (served by this server) and always Available. Built-in ones are created at start
 * (automanaged: onstart), those of CustomResourceDefinitions follow the CRDs (automanaged: true).
 * APIServices that name a Service (metrics-server's v1beta1.metrics.k8s.io) are the aggregation
 * layer's: see the second half of this file.
 */
import type { ApiServer } from './server';
import { APISERVICE_PRIORITIES } from './registry/facts';
import { storageKey } from './storage';
import type { KubeObject } from './types';
import { errors as apiErrors, fail as failWith } from './errors';
import { authorize, forbiddenMessage } from './rbac/authorizer';
import type { ApiRequest, ApiResponse, DiscoveryDocument } from './types';
import { METRICS_RESOURCES, METRICS_SERVER_IMAGE, metricsServerProcess, serveMetrics, type MetricsHost } from '../metrics/metrics-server';
import { nodeStatsProvider } from '../metrics/kubelet-stats';
import { normalizeImage } from '../runtime/images';
import { ADMIN_USER } from './context';

const GROUP = 'apiregistration.k8s.io';

function apiService(server: ApiServer, group: string, version: string, automanaged: 'onstart' | 'true'): KubeObject {
  const gv = group ? `${group}/${version}` : version;
  const [groupPriorityMinimum, versionPriority] = APISERVICE_PRIORITIES[gv] ?? [1000, 100];
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: `${version}.${group}`, labels: { 'kube-aggregator.kubernetes.io/automanaged': automanaged } },
    spec: { ...(group ? { group } : {}), version, groupPriorityMinimum, versionPriority },
    status: {
      conditions: [
        { lastTransitionTime: server.clock.rfc3339(), message: 'Local APIServices are always available', reason: 'Local', status: 'True', type: 'Available' },
      ],
    },
  };
}

/** Create the APIServices of the built-in group versions (skipping existing ones). */
export function bootstrapAPIServices(server: ApiServer): void {
  const seen = new Set<string>();
  for (const r of server.registry.all()) {
    if (r.custom || seen.has(`${r.group}/${r.version}`)) continue;
    seen.add(`${r.group}/${r.version}`);
    server.request({ verb: 'create', group: GROUP, version: 'v1', resource: 'apiservices', body: apiService(server, r.group, r.version, 'onstart'), query: { fieldManager: 'kube-apiserver' } });
  }
}

/** Keep the APIServices of custom resource groups in step with the served CRD versions. */
export function syncCustomAPIServices(server: ApiServer): void {
  const info = server.registry.get(GROUP, 'v1', 'apiservices');
  if (!info) return;
  const wanted = new Set(server.registry.all().filter((r) => r.custom).map((r) => `${r.version}.${r.group}`));
  for (const e of server.storage.entries(info.etcdPrefix)) {
    if (e.obj.metadata?.labels?.['kube-aggregator.kubernetes.io/automanaged'] === 'true' && !wanted.has(e.name)) server.storage.delete(e.key, e.modRevision);
  }
  for (const name of wanted) {
    if (server.storage.get(storageKey(info.etcdPrefix, undefined, name))) continue;
    const i = name.indexOf('.');
    const obj = apiService(server, name.slice(i + 1), name.slice(0, i), 'true');
    server.request({ verb: 'create', group: GROUP, version: 'v1', resource: 'apiservices', body: obj, query: { fieldManager: 'kube-apiserver' } });
  }
}

// ------------------------------------------------------------------ aggregation layer

/**
 * The kube-aggregator's side of APIServices that name a Service (spec.service): an availability
 * controller keeps their Available condition (ServiceNotFound, MissingEndpoints, Passed), requests
 * for their group versions are proxied to the program in an endpoint pod while Available (503
 * otherwise), and discovery lists them only while Available. The programs that can answer are
 * known by image (metrics-server).
 */

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface AggregatedProgram {
  resources: { name: string; singularName: string; namespaced: boolean; kind: string; verbs: string[] }[];
  serve(server: ApiServer, pod: KubeObject, req: ApiRequest): ApiResponse | undefined;
}

/** What metrics-server reads of the cluster (also what a node's runtime reports its containers' usage from). */
export function metricsHost(server: ApiServer): MetricsHost {
  const list = (resource: string) => server.storage.entries(server.registry.get('', 'v1', resource)!.etcdPrefix).map((e) => e.obj);
  return {
    now: () => server.clock.now(),
    rfc3339: (ms) => server.clock.rfc3339(ms),
    list: (resource) => list(resource),
    stats: (node) => nodeStatsProvider(server, node)?.(),
    cacheKey: server,
  };
}

/** Programs that serve an aggregated API, by container image repository. */
const PROGRAMS: Record<string, AggregatedProgram> = {
  [METRICS_SERVER_IMAGE]: {
    resources: METRICS_RESOURCES,
    serve(server, pod, req) {
      const proc = metricsServerProcess(pod);
      return proc ? serveMetrics(metricsHost(server), proc, req) : undefined;
    },
  },
};

interface Aggregated {
  name: string;
  group: string;
  version: string;
  service: { namespace: string; name: string; port: number };
  available: boolean;
  obj: KubeObject;
}

const aggregatedCache = new WeakMap<ApiServer, Map<string, Aggregated>>();

function apiServicesInfo(server: ApiServer) {
  return server.registry.get(GROUP, 'v1', 'apiservices');
}

/** The APIServices backed by a Service, by `group/version` (cached until an APIService changes). */
function aggregated(server: ApiServer): Map<string, Aggregated> {
  let m = aggregatedCache.get(server);
  if (m) return m;
  m = new Map();
  const info = apiServicesInfo(server);
  for (const e of info ? server.storage.entries(info.etcdPrefix) : []) {
    const spec = (e.obj.spec ?? {}) as Obj;
    if (!spec.service?.name || e.obj.metadata?.deletionTimestamp) continue;
    const available = ((((e.obj.status as Obj)?.conditions ?? []) as Obj[]).find((c) => c.type === 'Available')?.status) === 'True';
    m.set(`${spec.group ?? ''}/${spec.version}`, {
      name: e.name,
      group: spec.group ?? '',
      version: spec.version,
      service: { namespace: spec.service.namespace ?? 'default', name: spec.service.name, port: Number(spec.service.port ?? 443) },
      available,
      obj: e.obj,
    });
  }
  aggregatedCache.set(server, m);
  return m;
}

function getObj(server: ApiServer, resource: string, namespace: string, name: string): KubeObject | undefined {
  const info = server.registry.get('', 'v1', resource);
  return info ? server.storage.get(storageKey(info.etcdPrefix, namespace, name))?.obj : undefined;
}

/** The pods behind a Service's endpoints that serve the APIService's port (targetPort name). */
function endpointPods(server: ApiServer, a: Aggregated): { portName: string; pods: KubeObject[] } | undefined {
  const svc = getObj(server, 'services', a.service.namespace, a.service.name);
  if (!svc) return undefined;
  const port = (((svc.spec as Obj)?.ports ?? []) as Obj[]).find((p) => Number(p.port) === a.service.port);
  const portName = String(port?.name ?? '');
  const ep = getObj(server, 'endpoints', a.service.namespace, a.service.name);
  const pods: KubeObject[] = [];
  for (const subset of ((ep as Obj)?.subsets ?? []) as Obj[]) {
    if (!((subset.ports ?? []) as Obj[]).some((p) => String(p.name ?? '') === portName)) continue;
    for (const addr of (subset.addresses ?? []) as Obj[]) {
      const ref = addr.targetRef;
      const pod = ref?.kind === 'Pod' ? getObj(server, 'pods', ref.namespace ?? a.service.namespace, ref.name) : undefined;
      if (pod) pods.push(pod);
    }
  }
  return { portName, pods };
}

function programOf(pod: KubeObject): AggregatedProgram | undefined {
  for (const c of ((pod.spec as Obj)?.containers ?? []) as Obj[]) {
    const p = PROGRAMS[normalizeImage(String(c.image ?? '')).repository];
    if (p) return p;
  }
  return undefined;
}

/** The Available condition the availability controller computes for one APIService. */
function availability(server: ApiServer, a: Aggregated): { status: string; reason: string; message: string } {
  const where = `service/${a.service.name} in "${a.service.namespace}"`;
  const ep = endpointPods(server, a);
  if (!ep) return { status: 'False', reason: 'ServiceNotFound', message: `${where} is not present` };
  if (ep.pods.length === 0) return { status: 'False', reason: 'MissingEndpoints', message: `endpoints for ${where} have no addresses with port name "${ep.portName}"` };
  if (!ep.pods.some((p) => programOf(p)))
    return { status: 'False', reason: 'FailedDiscoveryCheck', message: `failing or missing response from https://${(ep.pods[0].status as Obj)?.podIP}:${a.service.port}/apis/${a.group}/${a.version}: bad status from https://${(ep.pods[0].status as Obj)?.podIP}:${a.service.port}/apis/${a.group}/${a.version}: 404` };
  return { status: 'True', reason: 'Passed', message: 'all checks passed' };
}

/** Recompute every aggregated APIService's Available condition, writing only changes. */
export function refreshAvailability(server: ApiServer): void {
  for (const a of aggregated(server).values()) {
    const want = availability(server, a);
    const conditions = (((a.obj.status as Obj)?.conditions ?? []) as Obj[]).filter((c) => c.type !== 'Available');
    const cur = (((a.obj.status as Obj)?.conditions ?? []) as Obj[]).find((c) => c.type === 'Available');
    if (cur && cur.status === want.status && cur.reason === want.reason && cur.message === want.message) continue;
    const lastTransitionTime = cur && cur.status === want.status ? cur.lastTransitionTime : server.clock.rfc3339();
    const body = { ...a.obj, status: { ...((a.obj.status as Obj) ?? {}), conditions: [...conditions, { lastTransitionTime, message: want.message, reason: want.reason, status: want.status, type: 'Available' }] } };
    server.request({ verb: 'update', group: GROUP, version: 'v1', resource: 'apiservices', name: a.name, subresource: 'status', body, query: { fieldManager: 'kube-apiserver' } });
  }
}

const pendingRefresh = new WeakSet<ApiServer>();

/**
 * A write happened: APIService changes drop the cache; Services, Endpoints and Pods (the
 * availability controller's informers) schedule one availability pass.
 */
export function noteAggregationWrite(server: ApiServer, group: string, resource: string): void {
  if (group === GROUP && resource === 'apiservices') aggregatedCache.delete(server);
  else if (group !== '' || !['services', 'endpoints', 'pods'].includes(resource)) return;
  if (pendingRefresh.has(server) || aggregated(server).size === 0) return;
  pendingRefresh.add(server);
  server.clock.defer(() => {
    pendingRefresh.delete(server);
    refreshAvailability(server);
  });
}

/** Proxy a request for an aggregated group version; undefined when the group is served locally. */
export function proxyAggregated(server: ApiServer, req: ApiRequest): ApiResponse | undefined {
  if (!req.group || !req.group.includes('.')) return undefined;
  const a = aggregated(server).get(`${req.group}/${req.version}`);
  if (!a) return undefined;
  const user = req.user ?? ADMIN_USER;
  const attrs = { verb: req.verb, group: req.group, resource: req.resource, subresource: req.subresource ?? '', namespace: req.namespace ?? '', name: req.name ?? '' };
  if (server.authorization && !authorize(server, user, attrs).allowed)
    return failWith(apiErrors.forbidden(`${req.resource}.${req.group}`, req.name ?? '', forbiddenMessage(user, attrs)));
  const unavailable = failWith(apiErrors.serviceUnavailable('the server is currently unable to handle the request'));
  if (!a.available) return unavailable;
  for (const pod of endpointPods(server, a)?.pods ?? []) {
    const resp = programOf(pod)?.serve(server, pod, req);
    if (resp) return resp;
  }
  return unavailable;
}

/** Discovery with the aggregated group versions that are Available. */
export function withAggregatedDiscovery(server: ApiServer, doc: DiscoveryDocument): DiscoveryDocument {
  const extra = [...aggregated(server).values()].filter((a) => a.available);
  if (extra.length === 0) return doc;
  const groups = [...doc.groups];
  const resourceLists = [...doc.resourceLists];
  for (const a of extra) {
    const gv = { groupVersion: `${a.group}/${a.version}`, version: a.version };
    const g = groups.find((x) => x.name === a.group);
    if (g) groups[groups.indexOf(g)] = { ...g, versions: [...g.versions, gv] };
    else groups.push({ name: a.group, versions: [gv], preferredVersion: gv });
    const program = endpointPods(server, a)?.pods.map(programOf).find(Boolean);
    resourceLists.push({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv.groupVersion, resources: (program?.resources ?? []).map((r) => ({ ...r, verbs: [...r.verbs] })) });
  }
  return { groups, resourceLists };
}
