/**
 * The containers running on a node, recognised by image repository and container name: the daemons
 * whose state the network layer shows (kube-proxy's and flanneld's rules, the connections they and
 * the control plane keep open, the ports the node's own servers answer on).
 */
import type { Cluster } from '../cluster/cluster';
import { normalizeImage } from '../runtime/images';

export type ContainerMatch = (repo: string, name: string) => boolean;

export const isKubeProxy: ContainerMatch = (repo) => repo.endsWith('/kube-proxy');
export const isFlanneld: ContainerMatch = (repo, name) => repo.includes('flannel') && name === 'kube-flannel';
export const named = (container: string): ContainerMatch => (_repo, name) => name === container;

/** The running containers of a host that match, with their Pod's address. */
export function runningOn(cluster: Cluster, host: string, match: ContainerMatch): { id: string; name: string; podIp?: string }[] {
  const rt = cluster.runtimes.get(host);
  const out: { id: string; name: string; podIp?: string }[] = [];
  for (const c of rt?.containers.values() ?? []) {
    if (c.state !== 'CONTAINER_RUNNING' || !match(normalizeImage(c.imageRef || c.image).repository, c.name)) continue;
    out.push({ id: c.id, name: c.name, podIp: rt?.sandboxes.get(c.sandboxId)?.ip });
  }
  return out;
}
