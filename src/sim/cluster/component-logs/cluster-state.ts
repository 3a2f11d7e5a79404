/**
 * What a starting control-plane process finds that decides which start-up lines it prints: a
 * process of a cluster that already ran (its Nodes registered through it, its objects stored)
 * restarts; one that starts the cluster (what `kubeadm init` starts) creates what a new cluster
 * needs and says so. The objects are read from the store as the process would find them.
 */
import type { Cluster } from '../cluster';
import type { KubeObject } from '../../apiserver/types';

function read(cluster: Cluster, resource: string, namespace?: string, name?: string, group = '', version = 'v1'): { code: number; body: unknown } {
  return cluster.apiServer.request({ verb: name ? 'get' : 'list', group, version, resource, namespace, name, readOnly: true });
}

/** The names of the Nodes registered so far. */
export function registeredNodes(cluster: Cluster): string[] {
  const r = read(cluster, 'nodes');
  if (r.code !== 200) return [];
  return ((r.body as { items?: KubeObject[] }).items ?? []).map((n) => n.metadata?.name ?? '').filter(Boolean);
}

/** Has the cluster run before this process started (a kubelet registered its Node)? */
export function clusterHasRun(cluster: Cluster): boolean {
  return registeredNodes(cluster).length > 0;
}

/** A stored object, if there is one. */
export function storedObject(cluster: Cluster, resource: string, namespace: string | undefined, name: string, group = '', version = 'v1'): KubeObject | undefined {
  const r = read(cluster, resource, namespace, name, group, version);
  return r.code === 200 ? (r.body as KubeObject) : undefined;
}
