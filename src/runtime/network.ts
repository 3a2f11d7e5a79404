/**
 * How a client on a machine reaches the API server named in a kubeconfig (who its credentials say
 * it is: identify.ts). The cluster attachment (src/sim/cluster) decides whether anything listens at that address
 * (the kube-apiserver static pod may be down); without a cluster nothing listens anywhere.
 */
import type { ApiTransport } from '../sim/apiserver/types';
import type { World } from '../sim/world';
import { connectAttached } from './attached-worlds';

/** What the cluster attachment offers to clients on the machines. */
export interface ClusterEndpoint {
  /** The API server at serverUrl as seen from the machine `fromHost` (any address when not said), or null (connection refused). */
  connect(serverUrl?: string, fromHost?: string): ApiTransport | null;
}

export function clusterOf(world: World): ClusterEndpoint | undefined {
  const part = world.attachments.get('cluster') as Partial<ClusterEndpoint> | undefined;
  return part && typeof part.connect === 'function' ? (part as ClusterEndpoint) : undefined;
}

export function connectToServer(world: World, serverUrl: string, fromHost: string): ApiTransport | null {
  // The world's own cluster first, then clusters the machine's tools started beside it (minikube).
  return clusterOf(world)?.connect(serverUrl, fromHost) ?? connectAttached(world, serverUrl);
}
