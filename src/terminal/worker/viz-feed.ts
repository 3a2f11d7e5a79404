/**
 * The architecture view's feed, in the worker: while the view is open, the API server's trace and
 * each node's runtime calls are turned into diagram steps and sent in batches (with the nodes'
 * readiness and how many pods each runs); while it is closed, nothing subscribes, so tracing costs
 * nothing. It also answers the detail panel: the object behind a step, read from etcd at that revision.
 */
import type { ApiTransport, TraceEvent } from '../../sim/apiserver/types';
import type { World } from '../../sim/world';
import type { ContainerRuntime } from '../../sim/runtime/containerd';
import { clusterOf } from '../../sim/cluster/attach';
import { stepsFromTrace, type DiagramStep } from '../../viz/steps';
import { runtimeStepOf } from '../../viz/runtime-steps';
import { objectAtRevision, type DetailQuery, type ObjectDetail } from '../../viz/detail';

export interface VizNodeState {
  name: string;
  ready: boolean;
  /** Pod sandboxes ready on the node's runtime (its pods, static ones included). */
  pods?: number;
}

export interface VizBatch {
  steps: DiagramStep[];
  nodes: VizNodeState[];
  apiUp: boolean;
}

export interface IntervalTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const VIZ_FLUSH_MS = 200;

export class VizFeed {
  private unsubscribe?: () => void;
  private timer?: unknown;
  private buffer: (TraceEvent | DiagramStep)[] = [];
  private lastNodes = '';
  /** Runtimes this feed observes (nodes that join later are picked up at the next flush). */
  private observed = new Map<string, ContainerRuntime>();
  private runtimeSeq = 0;

  constructor(
    private readonly world: World,
    private readonly send: (batch: VizBatch) => void,
    private readonly timers: IntervalTimers,
  ) {}

  get open(): boolean {
    return this.unsubscribe !== undefined;
  }

  start(): void {
    if (this.open) return;
    const cluster = clusterOf(this.world);
    if (!cluster) return;
    this.unsubscribe = cluster.apiServer.trace.subscribe((e) => this.buffer.push(e));
    this.observeRuntimes();
    this.timer = this.timers.setInterval(() => this.flush(), VIZ_FLUSH_MS);
    this.lastNodes = '';
    this.flush();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const runtime of this.observed.values()) runtime.trace = undefined;
    this.observed.clear();
    if (this.timer !== undefined) this.timers.clearInterval(this.timer);
    this.timer = undefined;
    this.buffer = [];
  }

  /** The object behind a step, as etcd held it at that revision (answered even while the view is closed). */
  detail(query: DetailQuery): ObjectDetail {
    const cluster = clusterOf(this.world);
    if (!cluster) return { key: query.key, revision: query.revision, error: 'no cluster in this world' };
    return objectAtRevision(cluster.apiServer.etcd, query);
  }

  private observeRuntimes(): void {
    const cluster = clusterOf(this.world);
    if (!cluster) return;
    for (const [node, runtime] of cluster.runtimes) {
      if (this.observed.get(node) === runtime) continue;
      this.observed.set(node, runtime);
      runtime.trace = (e) => this.buffer.push(runtimeStepOf(e, node, ++this.runtimeSeq, this.world.clock.now()));
    }
  }

  /** Send what happened since the last batch; nodes only when their state changed. */
  flush(): void {
    if (!this.open) return;
    const cluster = clusterOf(this.world);
    this.observeRuntimes();
    const apiUp = cluster?.apiReachable() ?? false;
    const nodes = apiUp && cluster ? nodeStates(cluster.apiServer, cluster.runtimes) : [];
    const nodesKey = JSON.stringify(nodes);
    const events = this.buffer;
    this.buffer = [];
    const steps = stepsFromTrace(events);
    if (!steps.length && nodesKey === this.lastNodes) return;
    this.lastNodes = nodesKey;
    this.send({ steps, nodes, apiUp });
  }
}

function nodeStates(api: ApiTransport, runtimes: ReadonlyMap<string, ContainerRuntime>): VizNodeState[] {
  const r = api.request({ verb: 'list', group: '', version: 'v1', resource: 'nodes' });
  if (r.code !== 200) return [];
  const items = (r.body as { items?: { metadata?: { name?: string }; status?: { conditions?: { type: string; status: string }[] } }[] }).items ?? [];
  return items.map((n) => {
    const name = n.metadata?.name ?? '';
    const state: VizNodeState = { name, ready: n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false };
    const runtime = runtimes.get(name);
    if (runtime) state.pods = readySandboxes(runtime);
    return state;
  });
}

function readySandboxes(runtime: ContainerRuntime): number {
  let n = 0;
  for (const sb of runtime.sandboxes.values()) if (sb.state === 'SANDBOX_READY') n++;
  return n;
}
