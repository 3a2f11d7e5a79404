/**
 * kube-scheduler: watches unscheduled pods of the `default-scheduler`, runs the filter plugins on
 * every node, scores the feasible ones and binds the pod through `pods/binding`. A pod that fits
 * nowhere gets the real FailedScheduling event and PodScheduled=False condition, waits among
 * the unschedulable pods and is retried when the cluster changes (a node added or updated, a
 * pod deleted or finished) or after 5 minutes; retries back off from 1 s to 10 s.
 */
import type { SimClock, TimerHandle } from '../clock';
import type { SeededRandom } from '../random';
import type { ApiClient } from '../apiserver/client';
import type { KubeObject } from '../apiserver/types';
import { InformerFactory, keyOf, type Informer } from '../controllers/machinery/informer';
import { EventsV1Recorder } from '../controllers/machinery/events-v1';
import { WorkQueue } from '../controllers/machinery/workqueue';
import { spec, status, type Obj } from '../controllers/machinery/objects';
import { FILTERS, isTerminal, nodeScorer, type ClusterView, type FilterFailure } from './plugins';
import { NodeInfo } from './resources';
import { histogram, NOT_HELPFUL, NO_VICTIMS, podPriority, preempt, type Candidate } from './preemption';
import { claimsOfPod, isClaimFullyBound, preFilterVolumes, SELECTED_NODE, writeVolumeBindings, type VolumeListers } from './volume-binding';
import { worthRetrying, type ClusterEvent } from './queueing-hints';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const NODES = { group: '', version: 'v1', resource: 'nodes' };
const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const STORAGECLASSES = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };
const PDBS = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' };
const PVS = { group: '', version: 'v1', resource: 'persistentvolumes' };
export const SCHEDULER_NAME = 'default-scheduler';
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
/** podMaxInUnschedulablePodsDuration, checked by flushUnschedulablePodsLeftover every 30 s. */
const UNSCHEDULABLE_FLUSH_MS = 5 * 60 * 1000;
const FLUSH_PERIOD_MS = 30_000;
/** VolumeBinding's PreBind checks its claims every second. */
const BIND_POLL_MS = 1000;

/** A pod among the unschedulable ones: when it was last tried and which plugins rejected it. */
interface UnschedulablePod {
  since: number;
  rejectedBy: Set<string>;
}

export interface SchedulerOptions {
  client: ApiClient;
  clock: SimClock;
  random: SeededRandom;
  /** The machine it runs on: its events' reportingInstance is default-scheduler-<hostname>. */
  hostname?: string;
}

export class Scheduler {
  private factory!: InformerFactory;
  private pods!: Informer;
  private nodes!: Informer;
  private pvcs!: Informer;
  private classes!: Informer;
  private pdbs!: Informer;
  private pvs!: Informer;
  /**
   * Pods in PreBind, by the node chosen for them: their claims wait for the volume controller to
   * bind the volumes chosen there, or for a provisioner to make them.
   */
  private volumeWait = new Map<string, { node: string; since: number }>();
  private queue!: WorkQueue;
  /** events.k8s.io/v1, as the real scheduler records (a new recorder per process start). */
  private recorder!: EventsV1Recorder;
  private unschedulable = new Map<string, UnschedulablePod>();
  /** Scheduling attempts of pods not yet bound, and the time of the last one (the back-off counts from it). */
  private attempts = new Map<string, { count: number; last: number }>();
  private startedAt = 0;
  /** NodeInfo per node, rebuilt only when a pod of that node (or the node) changed. */
  private infoCache = new Map<string, NodeInfo>();
  private dirtyNodes = new Set<string>();
  private flushTimer?: TimerHandle;
  private running = false;

  constructor(private readonly opts: SchedulerOptions) {}

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = this.opts.clock.now();
    this.recorder = new EventsV1Recorder(this.opts.client, this.opts.clock, SCHEDULER_NAME, this.opts.hostname ?? 'localhost');
    this.factory = new InformerFactory(this.opts.client);
    this.queue = new WorkQueue(this.opts.clock, (key) => this.scheduleOne(key));
    this.pods = this.factory.for(PODS);
    this.pods.addIndex('node', (p) => [String(spec(p).nodeName ?? '')]);
    // Pods waiting for the room their preemption makes: others of lower priority must not take it.
    this.pods.addIndex('nominated', (p) => (!spec(p).nodeName && status(p).nominatedNodeName ? [String(status(p).nominatedNodeName)] : []));
    this.nodes = this.factory.for(NODES);
    this.pvcs = this.factory.for(PVCS);
    this.classes = this.factory.for(STORAGECLASSES);
    this.pdbs = this.factory.for(PDBS);
    this.pvs = this.factory.for(PVS);
    const touch = (p: KubeObject) => {
      const n = spec(p).nodeName;
      if (n) this.dirtyNodes.add(String(n));
    };
    this.pods.addHandlers({
      onAdd: (p) => {
        if (!this.addToNodeInfo(p)) touch(p);
      },
      onUpdate: (a, b) => {
        if (!this.replaceInNodeInfo(a, b)) (touch(a), touch(b));
      },
      onDelete: touch,
    });
    this.pods.addHandlers({
      onAdd: (p) => this.onPod(p),
      onUpdate: (a, b) => {
        this.onPod(b);
        // A pod that left a node or finished frees room: others may fit now.
        if ((spec(a).nodeName && !isTerminal(a) && isTerminal(b)) || (b.metadata?.deletionTimestamp && !a.metadata?.deletionTimestamp)) this.retryUnschedulable({ kind: 'assignedPodRemoved' });
      },
      onDelete: (p) => {
        this.unschedulable.delete(keyOf(p));
        this.attempts.delete(keyOf(p));
        this.volumeWait.delete(keyOf(p));
        if (spec(p).nodeName) this.retryUnschedulable({ kind: 'assignedPodRemoved' });
      },
    });
    const nodesChanged = () => {
      this.sortedNodes = undefined;
    };
    this.nodes.addHandlers({ onAdd: nodesChanged, onUpdate: nodesChanged, onDelete: nodesChanged });
    this.nodes.addHandlers({ onAdd: () => this.retryUnschedulable({ kind: 'nodeAdd' }), onUpdate: (a, b) => this.nodeChanged(a, b) });
    // A claim, volume or class that appears or changes may be what a pod waits for (VolumeBinding's events).
    const storageChanged = () => this.retryUnschedulable({ kind: 'storageChange' });
    this.pvcs.addHandlers({ onAdd: storageChanged, onUpdate: () => (storageChanged(), this.retryVolumeWait()) });
    this.pvs.addHandlers({ onAdd: storageChanged, onUpdate: storageChanged });
    this.classes.addHandlers({ onAdd: storageChanged, onUpdate: storageChanged });
    this.factory.startAll();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.factory.stopAll();
    this.queue.shutdown();
    this.recorder.stop();
    this.opts.clock.clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.unschedulable.clear();
    this.attempts.clear();
    this.volumeWait.clear();
    this.infoCache.clear();
    this.dirtyNodes.clear();
    this.sortedNodes = undefined;
  }

  /**
   * A pod update that changes nothing the scheduler accounts (a kubelet status update: same node,
   * spec, labels, owners, deletion, and not newly finished) swaps the new version into its node's
   * NodeInfo, as the scheduler cache updates a pod, instead of having the node's info rebuilt from
   * all its pods. False when the node's info must be rebuilt.
   */
  private replaceInNodeInfo(a: KubeObject, b: KubeObject): boolean {
    const node = spec(b).nodeName;
    if (node && !spec(a).nodeName) return this.addToNodeInfo(b); // just bound
    if (!node || spec(a).nodeName !== node || a.spec !== b.spec || isTerminal(a) !== isTerminal(b)) return false;
    const ma = a.metadata ?? {};
    const mb = b.metadata ?? {};
    if (ma.labels !== mb.labels || ma.ownerReferences !== mb.ownerReferences || ma.namespace !== mb.namespace || ma.deletionTimestamp !== mb.deletionTimestamp) return false;
    const info = this.infoCache.get(String(node));
    if (!info || this.dirtyNodes.has(String(node)) || isTerminal(b)) return true; // nothing held, or rebuilt anyway
    const i = info.pods.indexOf(a);
    if (i < 0) return false;
    info.pods[i] = b;
    const j = info.podsWithRequiredAntiAffinity.indexOf(a);
    if (j >= 0) info.podsWithRequiredAntiAffinity[j] = b;
    return true;
  }

  /** A pod new on its node (created there, or just bound) is added to the node's NodeInfo as it is. */
  private addToNodeInfo(p: KubeObject): boolean {
    const node = spec(p).nodeName;
    if (!node) return true;
    const info = this.infoCache.get(String(node));
    if (!info || this.dirtyNodes.has(String(node))) return true; // nothing held, or rebuilt anyway
    if (info.pods.includes(p)) return true;
    if (!isTerminal(p)) info.add(p);
    return true;
  }

  private responsible(p: KubeObject): boolean {
    return !spec(p).nodeName && !p.metadata?.deletionTimestamp && !isTerminal(p) && (spec(p).schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME;
  }

  private onPod(p: KubeObject): void {
    if (!this.responsible(p)) return;
    const key = keyOf(p);
    if (this.unschedulable.has(key) || this.volumeWait.has(key)) return; // waits for a cluster change
    this.queue.add(key);
  }

  private nodeChanged(a: KubeObject, b: KubeObject): void {
    // Heartbeats change only times; only changes that can make a pod fit matter.
    const relevant = (n: KubeObject) => JSON.stringify([n.metadata?.labels, spec(n).taints, spec(n).unschedulable, (n.status as Obj | undefined)?.allocatable]);
    if (relevant(a) !== relevant(b)) this.retryUnschedulable({ kind: 'nodeUpdate', old: a, node: b });
  }

  /**
   * Move the unschedulable pods this event may help back to the queue (movePodsToActiveOrBackoffQueue),
   * each after what is left of its back-off: 1 s doubled per attempt, at most 10 s, from its last attempt.
   */
  private retryUnschedulable(event?: ClusterEvent): void {
    if (!this.unschedulable.size) return;
    for (const [key, entry] of this.unschedulable) {
      const pod = this.pods.get(key);
      if (event && pod && !worthRetrying(pod, entry.rejectedBy, event)) continue;
      this.unschedulable.delete(key);
      const tried = this.attempts.get(key) ?? { count: 1, last: this.opts.clock.now() };
      const backoff = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** Math.max(0, tried.count - 1));
      this.queue.addAfter(key, Math.max(0, tried.last + backoff - this.opts.clock.now()));
    }
  }

  private retryVolumeWait(): void {
    for (const key of this.volumeWait.keys()) this.queue.add(key);
  }

  private scheduleOne(key: string): boolean {
    const pod = this.pods.get(key);
    if (!pod || !this.responsible(pod)) return true;
    const waitingOn = this.volumeWait.get(key)?.node ?? this.selectedNode(pod);
    if (waitingOn) return this.finishVolumeBinding(pod, waitingOn);
    const nodes = this.nodeList();
    const infos = this.nodeInfos(nodes);
    const volumes = preFilterVolumes(pod, this.volumeListers());
    if (volumes && 'unschedulable' in volumes)
      return this.unschedulableAs(pod, `0/${nodes.length} nodes are available: ${volumes.unschedulable}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`, ['VolumeBinding']);
    const view: ClusterView = { nodeInfos: infos, volumes };
    if (!nodes.length) return this.unschedulableAs(pod, 'no nodes available to schedule pods', []);
    const failures: FilterFailure[] = [];
    const failureByNode = new Map<string, FilterFailure>();
    const feasible: NodeInfo[] = [];
    for (const info of infos) {
      const failure = this.filter(pod, info, view);
      if (failure) {
        failures.push(failure);
        failureByNode.set(info.node.metadata!.name!, failure);
      } else feasible.push(info);
    }
    if (!feasible.length) {
      const result = preempt(pod, infos, failureByNode, view, this.pdbs.list());
      if ('candidate' in result) {
        this.preemptVictims(pod, result.candidate);
        return this.unschedulableAs(pod, fitErrorText(nodes.length, failures, ''), failures.map((f) => f.plugin), result.candidate.node);
      }
      return this.unschedulableAs(pod, fitErrorText(nodes.length, failures, result.message), failures.map((f) => f.plugin));
    }
    let best: NodeInfo[] = [];
    let bestScore = -Infinity;
    const scoreNode = nodeScorer(pod);
    for (const info of feasible) {
      const s = scoreNode(info);
      if (s > bestScore + 1e-9) {
        bestScore = s;
        best = [info];
      } else if (Math.abs(s - bestScore) <= 1e-9) best.push(info);
    }
    const chosen = best.length === 1 ? best[0] : best[this.opts.random.int(best.length)];
    const nodeName = chosen.node.metadata!.name!;
    if (volumes && writeVolumeBindings(this.opts.client, volumes.forNode(chosen.node), nodeName)) {
      this.volumeWait.set(key, { node: nodeName, since: this.opts.clock.now() });
      return true;
    }
    return this.bindPod(pod, nodeName);
  }

  private bindPod(pod: KubeObject, nodeName: string): boolean {
    const key = keyOf(pod);
    const r = this.opts.client.createSubresource(PODS, pod.metadata!.namespace, pod.metadata!.name!, 'binding', {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: pod.metadata!.name, namespace: pod.metadata!.namespace, uid: pod.metadata!.uid },
      target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
    });
    if (r.code !== 201) return r.code === 404 || r.code === 409;
    this.unschedulable.delete(key);
    this.attempts.delete(key);
    this.volumeWait.delete(key);
    this.recorder.eventf(pod, undefined, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${pod.metadata!.namespace}/${pod.metadata!.name} to ${nodeName}`);
    return true;
  }

  private volumeListers(): VolumeListers {
    return { pvcs: this.pvcs, pvs: this.pvs, classes: this.classes };
  }

  /** A claim of the pod that a provisioner is making a volume for on a node chosen before (a restarted scheduler finds it so). */
  private selectedNode(pod: KubeObject): string | undefined {
    const claim = claimsOfPod(pod, this.pvcs).find((c) => !isClaimFullyBound(c) && c.metadata?.annotations?.[SELECTED_NODE]);
    return claim?.metadata?.annotations?.[SELECTED_NODE];
  }

  /**
   * PreBind's wait (checkBindings, polled every second from PreBind's start): the pod is bound to
   * its node at the first poll that finds all its claims bound.
   */
  private finishVolumeBinding(pod: KubeObject, nodeName: string): boolean {
    const key = keyOf(pod);
    const now = this.opts.clock.now();
    const wait = this.volumeWait.get(key) ?? { node: nodeName, since: now };
    this.volumeWait.set(key, wait);
    if (!claimsOfPod(pod, this.pvcs).every(isClaimFullyBound)) return true;
    const poll = wait.since + Math.max(1, Math.ceil((now - wait.since) / BIND_POLL_MS)) * BIND_POLL_MS;
    if (poll > now) {
      this.queue.addAfter(key, poll - now);
      return true;
    }
    return this.bindPod(pod, nodeName);
  }

  /**
   * The nodes by name, sorted again only when one changes (every pod scheduled walks them; with
   * 200 nodes a sort per pod cost more than the scheduling).
   */
  private sortedNodes?: readonly KubeObject[];

  private nodeList(): readonly KubeObject[] {
    return (this.sortedNodes ??= this.nodes.list().sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name))));
  }

  private nodeInfos(nodes: readonly KubeObject[]): NodeInfo[] {
    const infos: NodeInfo[] = [];
    for (const n of nodes) {
      const name = n.metadata!.name!;
      let info = this.infoCache.get(name);
      if (!info || info.node !== n || this.dirtyNodes.has(name)) {
        info = new NodeInfo(n);
        for (const p of this.pods.byIndex('node', name)) if (!isTerminal(p)) info.add(p);
        this.infoCache.set(name, info);
        this.dirtyNodes.delete(name);
      }
      infos.push(info);
    }
    return infos;
  }

  /**
   * Run the filters on a node as it will be once the pods nominated to it (waiting for room
   * their preemption makes) with a priority at least the pod's are there; then as it is.
   */
  private filter(pod: KubeObject, info: NodeInfo, view: ClusterView): FilterFailure | undefined {
    const nodeName = info.node.metadata!.name!;
    if (this.pods.countByIndex('nominated', nodeName) > 0) {
      const prio = podPriority(pod);
      const nominated = this.pods.byIndex('nominated', nodeName).filter((p) => p.metadata?.uid !== pod.metadata?.uid && podPriority(p) >= prio);
      if (nominated.length) {
        const failure = runFilters(pod, withPods(info, nominated), view);
        if (failure) return failure;
      }
    }
    return runFilters(pod, info, view);
  }

  /** Evict the victims of a preemption: DisruptionTarget condition, Preempted event, delete. */
  private preemptVictims(pod: KubeObject, c: Candidate): void {
    const schedulerName = String(spec(pod).schedulerName ?? SCHEDULER_NAME);
    for (const victim of c.victims) {
      const conditions = ((status(victim).conditions ?? []) as Obj[]).filter((x) => x.type !== 'DisruptionTarget');
      conditions.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: this.opts.clock.rfc3339(), reason: 'PreemptionByScheduler', message: `${schedulerName}: preempting to accommodate a higher priority pod` });
      this.opts.client.patch(PODS, victim.metadata!.namespace, victim.metadata!.name!, { status: { conditions } }, 'application/merge-patch+json', { subresource: 'status' });
      const r = this.opts.client.delete(PODS, victim.metadata!.namespace, victim.metadata!.name!);
      if (r.code < 300) this.recorder.eventf(victim, pod, 'Normal', 'Preempted', 'Preempting', `Preempted by pod ${pod.metadata!.uid} on node ${c.node}`);
    }
    // Lower-priority pods nominated to this node may no longer fit there: they lose the nomination.
    const prio = podPriority(pod);
    for (const other of this.pods.byIndex('nominated', c.node))
      if (other.metadata?.uid !== pod.metadata?.uid && podPriority(other) < prio)
        this.opts.client.patch(PODS, other.metadata!.namespace, other.metadata!.name!, { status: { nominatedNodeName: null } }, 'application/merge-patch+json', { subresource: 'status' });
  }

  private unschedulableAs(pod: KubeObject, message: string, rejectedBy: (string | undefined)[], nominatedNodeName?: string): boolean {
    const key = keyOf(pod);
    const now = this.opts.clock.now();
    // Mark first: the status write below comes back through the watch before this returns.
    this.unschedulable.set(key, { since: now, rejectedBy: new Set(rejectedBy.filter((p): p is string => !!p)) });
    this.attempts.set(key, { count: (this.attempts.get(key)?.count ?? 0) + 1, last: now });
    this.recorder.eventf(pod, undefined, 'Warning', 'FailedScheduling', 'Scheduling', message);
    const conds = ((status(pod).conditions ?? []) as Obj[]).filter((c) => c.type !== 'PodScheduled');
    const prev = ((status(pod).conditions ?? []) as Obj[]).find((c) => c.type === 'PodScheduled');
    const nominationChanged = nominatedNodeName !== undefined && status(pod).nominatedNodeName !== nominatedNodeName;
    if (!prev || prev.message !== message || prev.status !== 'False' || nominationChanged) {
      const cond = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: prev?.status === 'False' ? prev.lastTransitionTime : this.opts.clock.rfc3339(), reason: 'Unschedulable', message };
      const next: Obj = { ...status(pod), conditions: [...conds, cond] };
      if (nominatedNodeName) next.nominatedNodeName = nominatedNodeName;
      this.opts.client.updateStatus(PODS, pod.metadata!.namespace, { ...pod, status: next });
    }
    this.scheduleFlush();
    return true;
  }

  /**
   * flushUnschedulablePodsLeftover: every 30 s from the scheduler's start, pods unschedulable for
   * more than 5 minutes are tried again, whatever happened meanwhile.
   */
  private scheduleFlush(): void {
    if (this.flushTimer) return;
    const due = FLUSH_PERIOD_MS - ((this.opts.clock.now() - this.startedAt) % FLUSH_PERIOD_MS);
    this.flushTimer = this.opts.clock.setTimeout(() => {
      this.flushTimer = undefined;
      const now = this.opts.clock.now();
      const stale = [...this.unschedulable].filter(([, e]) => now - e.since > UNSCHEDULABLE_FLUSH_MS).map(([k]) => k);
      for (const key of stale) {
        this.unschedulable.delete(key);
        this.queue.add(key);
      }
      if (this.unschedulable.size) this.scheduleFlush();
    }, due);
  }
}

/** The first filter plugin that rejects the pod on this node, in the scheduler's order. */
function runFilters(pod: KubeObject, info: NodeInfo, view: ClusterView): FilterFailure | undefined {
  for (const plugin of FILTERS) {
    const failure = plugin.filter(pod, info, view);
    if (failure) return { ...failure, plugin: plugin.name };
  }
  return undefined;
}

function withPods(info: NodeInfo, extra: KubeObject[]): NodeInfo {
  const copy = new NodeInfo(info.node);
  for (const p of [...info.pods, ...extra]) copy.add(p);
  return copy;
}

/**
 * FitError.Error(): "0/3 nodes are available: <sorted histogram>." then, when the preemption
 * post-filter has something to say, " preemption: <its message>".
 */
export function fitErrorText(total: number, failures: FilterFailure[], postFilterMessage: string): string {
  const reasons = histogram(failures.flatMap((f) => f.reasons));
  return `0/${total} nodes are available: ${reasons}.${postFilterMessage ? ` preemption: ${postFilterMessage}` : ''}`;
}

/**
 * The message when preemption finds no victims anywhere: nodes whose failure preemption cannot
 * resolve are "not helpful", the others have no victims.
 */
export function fitErrorMessage(total: number, failures: FilterFailure[]): string {
  const pre = failures.map((f) => (f.unresolvable ? NOT_HELPFUL : NO_VICTIMS));
  return fitErrorText(total, failures, `0/${total} nodes are available: ${histogram(pre)}.`);
}
