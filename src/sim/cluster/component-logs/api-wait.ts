/**
 * When the API server that a control-plane client (kube-controller-manager, kube-scheduler) talks
 * to starts answering: its container's start plus the time its own narration takes to open the
 * secure port. kubeadm starts the four static pods together, so a client that starts with its API
 * server finds it closed first and retries, as a real one logs.
 */
import type { NarrationContext } from './index';
import { servingFails } from '../control-plane-processes';
import { kubeconfigServer } from '../../kubelet/unreachable-journal';
import { clusterHasRun } from './cluster-state';

/** How long kube-apiserver takes to open its secure port: a first start waits for its etcd to elect itself. */
export function apiServerServingOffsetMs(firstStart: boolean): number {
  return firstStart ? 2499 : 1299;
}

/** The moment (ms since the epoch) the API server on this machine serves, or undefined if it will not. */
export function apiServingAt(ctx: NarrationContext): number | undefined {
  const runtime = ctx.cluster.runtimes.get(ctx.host);
  if (!runtime) return undefined;
  const offset = apiServerServingOffsetMs(!clusterHasRun(ctx.cluster));
  const api = [...runtime.containers.values()].find((c) => c.name === 'kube-apiserver' && c.namespace === 'kube-system' && c.state === 'CONTAINER_RUNNING');
  if (api) return servingFails(runtime, 'kube-apiserver') ? undefined : (api.startedAt ?? ctx.startedAt) + offset;
  // Started by the same sync of the kubelet, a moment later.
  return ctx.machine.rootFs.stat('/etc/kubernetes/manifests/kube-apiserver.yaml') ? ctx.startedAt + offset : undefined;
}

/** The API server URL of a component's kubeconfig, and the address Go dials for it. */
export function apiEndpoint(ctx: NarrationContext, kubeconfig: string | undefined): { server: string; address: string } {
  const server = (kubeconfig && kubeconfigServer(ctx.machine.rootFs, kubeconfig)) || `https://${ctx.machine.ip}:6443`;
  const address = server.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return { server, address };
}

/** The Lease's duration (leader-elect-lease-duration) and a retry's jitter, as kubeadm leaves them. */
const LEASE_DURATION_MS = 15_000;
const RETRY_JITTER_MS = 1_200;

/**
 * When this component may take its Lease: its previous instance on this machine (stopped by the
 * kubelet, which neither kube-controller-manager nor kube-scheduler releases the Lease on) held it
 * until the lease duration passed after it stopped renewing. A first instance takes it at once.
 */
export function leaseFreeAt(ctx: NarrationContext): number | undefined {
  const runtime = ctx.cluster.runtimes.get(ctx.host);
  let last: number | undefined;
  for (const c of runtime?.containers.values() ?? []) {
    if (c.id === ctx.container.id || c.name !== ctx.container.name || c.namespace !== ctx.container.namespace || c.finishedAt === undefined) continue;
    last = Math.max(last ?? 0, c.finishedAt);
  }
  return last === undefined ? undefined : last + LEASE_DURATION_MS + RETRY_JITTER_MS;
}
