/**
 * What a node's kubelet measures at an instant (cAdvisor and the CRI behind its Summary API and
 * /metrics/resource): the node's total and each running container's CPU and memory. The same model
 * and the same Services' load as metrics-server's scrape, so that a kubelet asked at the instant of
 * a scrape reports exactly what `kubectl top` shows.
 */
import type { ApiServer } from '../apiserver/server';
import { metricsHost } from '../apiserver/apiservices';
import { scrape } from './metrics-server';
import { containerUsage, type ContainerLike, type Usage } from './usage';

export interface NodeUsageSample {
  node: Usage;
  /** A running container's usage; a container started at this very instant is not in the scrape: the model's own figure. */
  container(namespace: string, pod: string, uid: string, spec: ContainerLike): Usage;
}

/** The kubelet's measurements of `node` at `now`; undefined while its stats endpoint is not registered. */
export function kubeletUsage(server: ApiServer, node: string, now: number, cores: number): NodeUsageSample | undefined {
  const snapshot = scrape(metricsHost(server), now);
  const total = snapshot.nodes.get(node);
  if (!total) return undefined;
  return {
    node: total,
    container: (namespace, pod, uid, spec) =>
      snapshot.pods.get(`${namespace}/${pod}`)?.containers.find((c) => c.name === spec.name)?.usage ?? containerUsage(spec, `${uid}/${spec.name}`, 0, cores),
  };
}
