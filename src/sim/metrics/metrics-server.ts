/**
 * metrics-server (v0.7): scrapes every kubelet's /metrics/resource each --metric-resolution
 * (15 s) and serves the latest points as metrics.k8s.io/v1beta1 NodeMetrics and PodMetrics,
 * behind the API server's aggregation layer. Scrapes are not ticked: the answer at any instant
 * is the scrape of the last tick of the 15 s grid since the process started. A node needs two
 * scrapes (a CPU rate); a pod one (its container start is the first point), so a pod created
 * after the last tick has no metrics yet. Without --kubelet-insecure-tls every scrape fails on
 * the kubelets' self-signed serving certificates, so nothing is ever stored.
 */
import { goDurationMs } from '../go-parse-duration';
import { errors, fail, ok } from '../apiserver/errors';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../apiserver/selectors';
import { parseQuantity } from '../apiserver/quantity';
import type { ApiRequest, ApiResponse, KubeObject } from '../apiserver/types';
import { normalizeImage } from '../runtime/images';
import { nodeStatsProvider, type NodeStats } from './kubelet-stats';
import { loadClientOf, serviceLoad, type LoadClient, type LoadTarget } from './load';
import { containerUsage, stableHash, type Usage } from './usage';
import { bytesText, nanocoresText } from './quantity';

export { bytesText, nanocoresText };

export const METRICS_SERVER_IMAGE = 'registry.k8s.io/metrics-server/metrics-server';
export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the API server gives the program: reads of the cluster state and the clock. */
export interface MetricsHost {
  now(): number;
  rfc3339(ms: number): string;
  list(resource: 'nodes' | 'pods' | 'services'): KubeObject[];
  /** The kubelet endpoint of a node, if it answers. */
  stats(node: string): NodeStats | undefined;
  /** Identifies the cluster, to keep one scrape per tick instead of one per request. */
  cacheKey?: object;
}

/** metrics-server keeps the points of its last scrape: one snapshot per cluster and tick. */
const scrapes = new WeakMap<object, { startedAt: number; at: number; snapshot: Snapshot }>();

export interface MetricsServerProcess {
  startedAt: number;
  resolutionMs: number;
  insecureTls: boolean;
}

/** The metrics-server container of a pod, its flags and start time (undefined if not running). */
export function metricsServerProcess(pod: KubeObject): MetricsServerProcess | undefined {
  const containers = ((pod.spec as Obj)?.containers ?? []) as Obj[];
  const c = containers.find((x) => normalizeImage(String(x.image ?? '')).repository === METRICS_SERVER_IMAGE);
  if (!c) return undefined;
  const st = (((pod.status as Obj)?.containerStatuses ?? []) as Obj[]).find((s) => s.name === c.name);
  const started = st?.state?.running?.startedAt;
  if (!started) return undefined;
  const args = [...(c.command ?? []), ...(c.args ?? [])].map(String);
  const flag = (name: string) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const insecure = flag('kubelet-insecure-tls');
  const resolution = flag('metric-resolution')?.split('=')[1];
  return {
    startedAt: Date.parse(started),
    resolutionMs: (resolution && goDurationMs(resolution)) || 15_000,
    insecureTls: insecure !== undefined && insecure.split('=')[1] !== 'false',
  };
}

export interface Snapshot {
  at: number;
  nodes: Map<string, Usage>;
  pods: Map<string, { pod: { namespace: string; name: string; labels: Record<string, string> }; containers: { name: string; usage: Usage }[] }>;
}

const Mi = 1024 ** 2;
/** kubelet, containerd, systemd and the page cache the node's working set includes. */
const SYSTEM_OVERHEAD: Usage = { cpuMilli: 38, memoryBytes: 820 * Mi };

function isReady(pod: KubeObject): boolean {
  return (((pod.status as Obj)?.conditions ?? []) as Obj[]).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The ready pods behind a host name as a client in `namespace` resolves it (kube-dns + kube-proxy). */
function resolver(services: KubeObject[], pods: KubeObject[]): (c: LoadClient) => LoadTarget | undefined {
  return (c) => {
    const parts = c.host.split('.');
    const svc = /^\d+\.\d+\.\d+\.\d+$/.test(c.host)
      ? services.find((s) => (s.spec as Obj)?.clusterIP === c.host)
      : services.find((s) => s.metadata?.name === parts[0] && s.metadata?.namespace === (parts[1] ?? c.namespace));
    const selector = (svc?.spec as Obj)?.selector as Record<string, string> | undefined;
    if (!svc || !selector || Object.keys(selector).length === 0) return undefined;
    const ns = svc.metadata?.namespace;
    const backends = pods.filter((p) => p.metadata?.namespace === ns && isReady(p) && Object.entries(selector).every(([k, v]) => p.metadata?.labels?.[k] === v));
    return { pods: backends.map((p) => ({ key: `${ns}/${p.metadata?.name}`, image: String(((p.spec as Obj)?.containers?.[0]?.image) ?? '') })) };
  };
}

/** One scrape of every node at tick time `at` (usage from the model, load from the Services). */
export function scrape(host: MetricsHost, at: number): Snapshot {
  const snapshot: Snapshot = { at, nodes: new Map(), pods: new Map() };
  const nodes = host.list('nodes');
  const all: NodeStats[] = [];
  for (const n of nodes) {
    const s = host.stats(n.metadata!.name!);
    if (s) all.push(s);
  }
  const clients: LoadClient[] = [];
  for (const s of all)
    for (const p of s.pods)
      for (const c of p.containers) {
        const lc = loadClientOf(p.namespace, [...(c.spec.command ?? []), ...(c.spec.args ?? [])].map(String));
        if (lc && c.startedAt <= at) clients.push(lc);
      }
  const load = clients.length ? serviceLoad(clients, resolver(host.list('services'), host.list('pods'))) : new Map<string, number>();
  for (const s of all) {
    const node = nodes.find((n) => n.metadata?.name === s.node);
    const cores = parseQuantity(String((node?.status as Obj)?.capacity?.cpu ?? '2')) || 2;
    const spread = 0.85 + (stableHash(s.node) % 300) / 1000;
    const total: Usage = { cpuMilli: SYSTEM_OVERHEAD.cpuMilli * spread, memoryBytes: SYSTEM_OVERHEAD.memoryBytes * spread };
    for (const p of s.pods) {
      const key = `${p.namespace}/${p.name}`;
      const containers = p.containers.map((c, i) => ({
        name: c.name,
        usage: containerUsage(c.spec, `${p.uid}/${c.name}`, i === 0 ? (load.get(key) ?? 0) : 0, cores),
        startedAt: c.startedAt,
      }));
      for (const c of containers) {
        total.cpuMilli += c.usage.cpuMilli;
        total.memoryBytes += c.usage.memoryBytes;
      }
      if (containers.every((c) => c.startedAt < at)) snapshot.pods.set(key, { pod: { namespace: p.namespace, name: p.name, labels: p.labels }, containers });
    }
    snapshot.nodes.set(s.node, { cpuMilli: Math.min(total.cpuMilli, cores * 1000), memoryBytes: total.memoryBytes });
  }
  return snapshot;
}

/** The instant of the last scrape at or before `now`, and how many came before it. */
export function lastTick(proc: MetricsServerProcess, now: number): { at: number; index: number } | undefined {
  if (now < proc.startedAt) return undefined;
  const index = Math.floor((now - proc.startedAt) / proc.resolutionMs);
  return { at: proc.startedAt + index * proc.resolutionMs, index };
}

/** The working set is counted in whole pages, as cAdvisor reports it. */
const PAGE = 4096;
const cpuText = (u: Usage) => nanocoresText(u.cpuMilli * 1e6);
const memoryText = (u: Usage) => bytesText(Math.round(u.memoryBytes / PAGE) * PAGE);

/** The metrics the process serves now: undefined when it has stored nothing yet. */
export function currentSnapshot(host: MetricsHost, proc: MetricsServerProcess): { snapshot?: Snapshot; nodesReady: boolean } {
  const tick = lastTick(proc, host.now());
  if (!tick || !proc.insecureTls) return { nodesReady: false };
  const cached = host.cacheKey ? scrapes.get(host.cacheKey) : undefined;
  if (cached && cached.at === tick.at && cached.startedAt === proc.startedAt) return { snapshot: cached.snapshot, nodesReady: tick.index >= 1 };
  const snapshot = scrape(host, tick.at);
  if (host.cacheKey) scrapes.set(host.cacheKey, { startedAt: proc.startedAt, at: tick.at, snapshot });
  return { snapshot, nodesReady: tick.index >= 1 };
}

/** Answer one request for metrics.k8s.io/v1beta1 (get/list of nodes and pods). */
export function serveMetrics(host: MetricsHost, proc: MetricsServerProcess, req: ApiRequest): ApiResponse {
  if (req.verb !== 'get' && req.verb !== 'list') return fail(errors.methodNotSupported(`${req.resource}.${METRICS_GROUP}`, req.verb));
  const { snapshot, nodesReady } = currentSnapshot(host, proc);
  const now = host.rfc3339(host.now());
  const window = `${proc.resolutionMs / 1000}s`;
  const stamp = snapshot ? host.rfc3339(snapshot.at) : now;
  const selectorText = req.query?.labelSelector ?? '';
  const selector = selectorText ? parseLabelSelector(selectorText) : undefined;
  if (selector && 'error' in selector) return fail(errors.badRequest(selector.error));
  const fields = req.query?.fieldSelector ? parseFieldSelector(req.query.fieldSelector) : [];
  if ('error' in fields) return fail(errors.badRequest(fields.error));
  const apiVersion = `${METRICS_GROUP}/${METRICS_VERSION}`;
  if (req.resource === 'nodes') {
    const labels = new Map(host.list('nodes').map((n) => [n.metadata!.name!, n.metadata?.labels ?? {}]));
    const items = nodesReady && snapshot
      ? [...snapshot.nodes].filter(([name]) => labels.has(name)).sort(([a], [b]) => a.localeCompare(b)).map(([name, u]) => ({
          metadata: { name, creationTimestamp: now, labels: labels.get(name) },
          timestamp: stamp,
          window,
          usage: { cpu: cpuText(u), memory: memoryText(u) },
        }))
      : [];
    if (req.verb === 'get') {
      const item = items.find((i) => i.metadata.name === req.name);
      return item ? ok({ kind: 'NodeMetrics', apiVersion, ...item }) : fail(errors.notFound(`nodemetrics.${METRICS_GROUP}`, req.name ?? ''));
    }
    const selected = items.filter((i) => !selector || matchesLabels(selector, i.metadata.labels));
    return ok({ kind: 'NodeMetricsList', apiVersion, metadata: {}, items: selected });
  }
  if (req.resource === 'pods') {
    const items = [...(snapshot?.pods.values() ?? [])]
      .filter((p) => !req.namespace || p.pod.namespace === req.namespace)
      .sort((a, b) => a.pod.namespace.localeCompare(b.pod.namespace) || a.pod.name.localeCompare(b.pod.name))
      .map((p) => ({
        metadata: { name: p.pod.name, namespace: p.pod.namespace, creationTimestamp: now, labels: p.pod.labels },
        timestamp: stamp,
        window,
        containers: p.containers.map((c) => ({ name: c.name, usage: { cpu: cpuText(c.usage), memory: memoryText(c.usage) } })),
      }));
    if (req.verb === 'get') {
      const item = items.find((i) => i.metadata.name === req.name);
      return item ? ok({ kind: 'PodMetrics', apiVersion, ...item }) : fail(errors.notFound(`podmetrics.${METRICS_GROUP}`, `${req.namespace}/${req.name}`));
    }
    const selected = items.filter((i) => (!selector || matchesLabels(selector, i.metadata.labels)) && matchesFields(fields, i as KubeObject));
    return ok({ kind: 'PodMetricsList', apiVersion, metadata: {}, items: selected });
  }
  return fail(errors.notServed());
}

/** The resources the group serves, for discovery. */
export const METRICS_RESOURCES = [
  { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
  { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
];

export { nodeStatsProvider };
