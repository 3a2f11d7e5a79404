/**
 * The architecture view's feed, in the worker: while the view is open, the API server's trace is
 * turned into diagram steps and sent in batches (with the nodes' readiness); while it is closed,
 * nothing subscribes, so tracing costs nothing.
 */
import type { ApiTransport, TraceEvent } from '../../sim/apiserver/types';
import type { World } from '../../sim/world';
import { clusterOf } from '../../sim/cluster/attach';
import { stepsFromTrace, type DiagramStep } from '../../viz/steps';

export interface VizBatch {
  steps: DiagramStep[];
  nodes: { name: string; ready: boolean }[];
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
  private buffer: TraceEvent[] = [];
  private lastNodes = '';

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
    this.timer = this.timers.setInterval(() => this.flush(), VIZ_FLUSH_MS);
    this.lastNodes = '';
    this.flush();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer !== undefined) this.timers.clearInterval(this.timer);
    this.timer = undefined;
    this.buffer = [];
  }

  /** Send what happened since the last batch; nodes only when their state changed. */
  flush(): void {
    const cluster = clusterOf(this.world);
    const apiUp = cluster?.apiReachable() ?? false;
    const nodes = apiUp && cluster ? nodeStates(cluster.apiServer) : [];
    const nodesKey = JSON.stringify(nodes);
    const events = this.buffer;
    this.buffer = [];
    const steps = stepsFromTrace(events);
    if (!steps.length && nodesKey === this.lastNodes) return;
    this.lastNodes = nodesKey;
    this.send({ steps, nodes, apiUp });
  }
}

function nodeStates(api: ApiTransport): { name: string; ready: boolean }[] {
  const r = api.request({ verb: 'list', group: '', version: 'v1', resource: 'nodes' });
  if (r.code !== 200) return [];
  const items = (r.body as { items?: { metadata?: { name?: string }; status?: { conditions?: { type: string; status: string }[] } }[] }).items ?? [];
  return items.map((n) => ({ name: n.metadata?.name ?? '', ready: n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false }));
}
