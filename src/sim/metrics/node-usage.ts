/**
 * What a node's running containers use at an instant, as one figure for every tool that shows it
 * (crictl stats, top and ps on the node): metrics-server's scrape where it covers the container
 * (so that Services' load is in it and `kubectl top` agrees), else the model's own figure.
 */
import type { Cluster } from '../cluster/cluster';
import type { ContainerRuntime } from '../runtime/containerd';
import { metricsHost } from '../apiserver/apiservices';
import { scrape } from './metrics-server';
import { containerUsage, type ContainerLike, type Usage } from './usage';

/** The Pod spec of each container the node's kubelet runs, by runtime id. */
export function containerSpecs(cluster: Cluster | undefined, node: string): Map<string, ContainerLike> {
  const specs = new Map<string, ContainerLike>();
  for (const w of cluster?.kubelets.get(node)?.podWorkers ?? []) for (const cs of w.containers) if (cs.containerId) specs.set(cs.containerId, cs.spec as ContainerLike);
  return specs;
}

/** Usage of the running containers of the node's runtime at `now`, by runtime id. */
export function runningContainerUsage(cluster: Cluster | undefined, node: string, runtime: ContainerRuntime, now: number, cores: number): Map<string, Usage> {
  const out = new Map<string, Usage>();
  const snapshot = cluster ? scrape(metricsHost(cluster.apiServer), now) : undefined;
  const specs = containerSpecs(cluster, node);
  for (const c of runtime.containers.values()) {
    if (c.state !== 'CONTAINER_RUNNING') continue;
    const scraped = snapshot?.pods.get(`${c.namespace}/${c.podName}`)?.containers.find((x) => x.name === c.name)?.usage;
    out.set(c.id, scraped ?? containerUsage(specs.get(c.id) ?? { image: c.image }, `${c.podUid}/${c.name}`, 0, cores));
  }
  return out;
}
