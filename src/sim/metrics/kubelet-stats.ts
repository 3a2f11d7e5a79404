/**
 * The kubelet's resource metrics endpoint (/metrics/resource on port 10250), as metrics-server
 * scrapes it: the running containers of the node's pods with their start times. A kubelet
 * registers its endpoint while it runs and is connected; a node without one refuses the scrape.
 */
import type { KubeObject } from '../apiserver/types';
import type { ContainerLike } from './usage';

export interface ContainerStats {
  name: string;
  spec: ContainerLike;
  startedAt: number;
}

export interface PodStats {
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  containers: ContainerStats[];
}

export interface NodeStats {
  node: string;
  pods: PodStats[];
}

export type NodeStatsProvider = () => NodeStats;

const providers = new WeakMap<object, Map<string, NodeStatsProvider>>();

/** Register a node's endpoint with the API server it reports to; returns the unregistration. */
export function registerNodeStatsProvider(server: object, node: string, provider: NodeStatsProvider): () => void {
  let m = providers.get(server);
  if (!m) providers.set(server, (m = new Map()));
  m.set(node, provider);
  return () => {
    if (m!.get(node) === provider) m!.delete(node);
  };
}

export function nodeStatsProvider(server: object, node: string): NodeStatsProvider | undefined {
  return providers.get(server)?.get(node);
}

/** What a kubelet's pod workers look like from here (structural, to keep the layers apart). */
export interface WorkerLike {
  pod: KubeObject;
  done?: boolean;
  containers: { name: string; spec: unknown; init: boolean; phase: string; startedAt?: number }[];
}

/** A node's stats from its kubelet's pod workers: running app containers only. */
export function statsFromWorkers(node: string, workers: WorkerLike[]): NodeStats {
  const pods: PodStats[] = [];
  for (const w of workers) {
    if (w.done) continue;
    const containers = w.containers
      .filter((c) => !c.init && c.phase === 'running' && c.startedAt !== undefined)
      .map((c) => ({ name: c.name, spec: c.spec as ContainerLike, startedAt: c.startedAt! }));
    if (containers.length === 0) continue;
    const m = w.pod.metadata ?? {};
    pods.push({ namespace: m.namespace ?? 'default', name: m.name ?? '', uid: m.uid ?? '', labels: { ...(m.labels ?? {}) }, containers });
  }
  return { node, pods };
}
