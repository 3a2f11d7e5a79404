/**
 * What a node agent reads from the API server as it starts: its own Pod (the node it runs on, its
 * command line), that Node (its address, its podCIDRs, its annotations), the ConfigMap it mounts.
 */
import type { NarrationContext } from './index';
import type { KubeObject } from '../../apiserver/types';
import { storedObject } from './cluster-state';

/** The agent's Pod: where the kubelet runs the container. */
export function agentPod(ctx: NarrationContext): { nodeName?: string; containers?: { name: string; command?: string[]; args?: string[] }[] } {
  return (storedObject(ctx.cluster, 'pods', ctx.container.namespace, ctx.container.podName)?.spec ?? {}) as ReturnType<typeof agentPod>;
}

/** A ConfigMap's data, as the agent reads its mounted files. */
export function configMapData(ctx: NarrationContext, namespace: string, name: string): Record<string, string> | undefined {
  return storedObject(ctx.cluster, 'configmaps', namespace, name)?.data as Record<string, string> | undefined;
}

/** A Node's InternalIP, the address kube-proxy and flanneld take for the node. */
export function internalIP(node: KubeObject | undefined): string | undefined {
  const addresses = (node?.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? [];
  return addresses.find((a) => a.type === 'InternalIP')?.address;
}
