/**
 * What the cluster's own daemons print when they start and run normally: the control plane's
 * static pods (etcd, kube-apiserver, kube-controller-manager, kube-scheduler) and the node agents
 * run as Pods (kube-proxy, flanneld). A learner reads these with `kubectl logs -n kube-system …`
 * or `crictl logs`, the first step of most troubleshooting; a real cluster never shows them empty.
 *
 * A narrator returns the process's lines with their offsets from its start; they are written into
 * the runtime's record of the container at once, and readers show only those whose time has come
 * (container-logs.ts filters by time), so nothing ticks. A process that fails instead
 * (control-plane-processes.ts) logs its failure and no narration, or, when it fails only once it
 * runs (etcd's client TLS files, read when it starts serving), its narration up to the failure.
 */
import type { Cluster } from '../cluster';
import type { Machine } from '../../machine/machine';
import type { Container, ContainerRuntime } from '../../runtime/containerd';
import type { ProcessLine } from '../control-plane-processes';
import { CONTROL_PLANE_NARRATORS } from './control-plane';
import { NODE_AGENT_NARRATORS } from './node-agents';

/** What a narrator knows: the cluster, the machine the container runs on, the container. */
export interface NarrationContext {
  cluster: Cluster;
  host: string;
  machine: Machine;
  container: Container;
  /** When the process started (ms since the epoch, simulated). */
  startedAt: number;
}

export interface Narrator {
  /** Does this narrator speak for the container (by image repository and container name)? */
  matches(repo: string, c: Container): boolean;
  /** The lines the process prints, offsets from its start, stream stderr unless told (klog and zap write to stderr). */
  lines(ctx: NarrationContext): (ProcessLine & { stream?: 'stdout' | 'stderr' })[];
}

const NARRATORS: readonly Narrator[] = [...CONTROL_PLANE_NARRATORS, ...NODE_AGENT_NARRATORS];

/** The start-up narration of a container that just started running (none when no narrator knows it). */
export function startLines(ctx: NarrationContext, repo: string): (ProcessLine & { stream?: 'stdout' | 'stderr' })[] {
  return NARRATORS.find((n) => n.matches(repo, ctx.container))?.lines(ctx) ?? [];
}

/** Write the start-up narration of a container that just started running, if a narrator knows it. */
export function narrateStart(ctx: NarrationContext, runtime: ContainerRuntime, repo: string): void {
  for (const l of startLines(ctx, repo)) runtime.log(ctx.container.id, ctx.startedAt + l.offsetMs, l.line, l.stream ?? 'stderr');
}
