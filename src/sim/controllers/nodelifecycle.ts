/**
 * The node-lifecycle controller. It watches Nodes and their Leases (kube-node-lease):
 * - a node whose kubelet stops renewing for node-monitor-grace-period (50 s since v1.32; 60 s
 *   for a node that never posted status) gets every condition set to Unknown ("Kubelet stopped
 *   posting node status."), its pods marked not Ready, and a NodeNotReady event;
 * - taints follow the Ready condition: False → node.kubernetes.io/not-ready, Unknown →
 *   node.kubernetes.io/unreachable, each as NoSchedule and NoExecute; Ready True removes them;
 * - a cordoned node (spec.unschedulable) gets node.kubernetes.io/unschedulable:NoSchedule, with the
 *   time it was added, as doNoScheduleTaintingPass does; uncordoned, it loses it.
 * No polling: one timer per node, at the instant its heartbeat would expire.
 */
import type { TimerHandle } from '../clock';
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import type { Informer } from './machinery/informer';
import { spec, status, type Obj, sameCanonical } from './machinery/objects';
import { PODS, podsInformer } from './replicaset';

const NODES = { group: '', version: 'v1', resource: 'nodes' };
const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
export const NODE_MONITOR_GRACE_MS = 50_000;
export const NODE_STARTUP_GRACE_MS = 60_000;
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export class NodeLifecycleController extends Controller {
  readonly name = 'node-lifecycle';
  private nodes!: Informer;
  private leases!: Informer;
  private pods!: Informer;
  /** When this controller last saw the node's heartbeat change (its own clock, as the real one). */
  private observed = new Map<string, { heartbeat: string; lease: string; at: number }>();
  private timers = new Map<string, TimerHandle>();

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override eventSource(): string {
    return 'node-controller';
  }

  setup(): void {
    this.nodes = this.ctx.factory.for(NODES);
    this.leases = this.ctx.factory.for(LEASES, { namespace: 'kube-node-lease' });
    this.pods = podsInformer(this.ctx);
    this.nodes.addHandlers({ onAdd: (n) => this.enqueue(n), onUpdate: (_a, b) => this.enqueue(b), onDelete: (n) => this.forget(n.metadata!.name!) });
    this.leases.addHandlers({ onAdd: (l) => this.leaseRenewed(l), onUpdate: (_a, l) => this.leaseRenewed(l) });
  }

  /**
   * A renewed lease is a heartbeat: noted at once, and the node looked at again when its grace
   * timer falls due (the real controller looks at every node each node-monitor-period, not at each
   * renewal). A node without a pending timer (new, or past its grace) is looked at now.
   */
  private leaseRenewed(lease: KubeObject): void {
    const name = lease.metadata!.name!;
    const seen = this.observed.get(name);
    if (!seen || !this.timers.has(name)) {
      this.queue.add(name);
      return;
    }
    const renew = String((lease.spec as Obj | undefined)?.renewTime ?? '');
    if (seen.lease !== renew) {
      seen.lease = renew;
      seen.at = this.clock.now();
    }
  }

  override stop(): void {
    super.stop();
    for (const t of this.timers.values()) this.clock.clearTimeout(t);
    this.timers.clear();
  }

  private forget(name: string): void {
    this.observed.delete(name);
    this.clock.clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  sync(name: string): boolean {
    const node = this.nodes.get(name);
    if (!node) return true;
    const now = this.clock.now();
    const ready = readyCondition(node);
    const lease = this.leases.getByName('kube-node-lease', name);
    const heartbeat = String(ready?.lastHeartbeatTime ?? '');
    const renew = String((lease?.spec as Obj | undefined)?.renewTime ?? '');
    let seen = this.observed.get(name);
    if (!seen) {
      seen = { heartbeat, lease: renew, at: now };
      this.observed.set(name, seen);
      if (!node.metadata?.annotations?.['node.alpha.kubernetes.io/registered'] && Date.parse(String(node.metadata?.creationTimestamp)) >= now - 60_000)
        this.recorder.event({ ...node, kind: 'Node', apiVersion: 'v1' }, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
    } else if (seen.heartbeat !== heartbeat || seen.lease !== renew) {
      seen.heartbeat = heartbeat;
      seen.lease = renew;
      seen.at = now;
    }
    const grace = ready ? NODE_MONITOR_GRACE_MS : NODE_STARTUP_GRACE_MS;
    const expired = now - seen.at >= grace;
    let current = node;
    if (expired && ready?.status !== 'Unknown') current = this.markUnknown(node) ?? node;
    this.reconcileTaints(current);
    this.clock.clearTimeout(this.timers.get(name));
    if (!expired) this.timers.set(name, this.clock.setTimeout(() => (this.timers.delete(name), this.queue.add(name)), seen.at + grace - now));
    else this.timers.delete(name);
    return true;
  }

  private markUnknown(node: KubeObject): KubeObject | undefined {
    const now = this.clock.rfc3339();
    const types = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'];
    const conds = [...((status(node).conditions ?? []) as Obj[])];
    for (const type of types) {
      const i = conds.findIndex((c) => c.type === type);
      const c: Obj = i >= 0 ? { ...conds[i] } : { type, lastHeartbeatTime: now };
      if (c.status === 'Unknown') continue;
      c.status = 'Unknown';
      c.reason = 'NodeStatusUnknown';
      c.message = 'Kubelet stopped posting node status.';
      c.lastTransitionTime = now;
      if (i >= 0) conds[i] = c;
      else {
        c.reason = 'NodeStatusNeverUpdated';
        c.message = 'Kubelet never posted node status.';
        conds.push(c);
      }
    }
    const r = this.client.updateStatus(NODES, undefined, { ...node, status: { ...status(node), conditions: conds } });
    if (r.code !== 200) return undefined;
    this.recorder.event(node, 'Normal', 'NodeNotReady', `Node ${node.metadata!.name} status is now: NodeNotReady`);
    // MarkPodsNotReady: the pods on the node are no longer Ready (endpoints drop them).
    for (const p of this.pods.byIndex('node', node.metadata!.name!)) {
      const pc = ((status(p).conditions ?? []) as Obj[]).map((c) => (c.type === 'Ready' && c.status !== 'False' ? { ...c, status: 'False', lastTransitionTime: now } : c));
      if (!sameCanonical(pc, status(p).conditions ?? [])) this.client.updateStatus(PODS, p.metadata!.namespace, { ...p, status: { ...status(p), conditions: pc } });
    }
    return r.body as KubeObject;
  }

  private reconcileTaints(node: KubeObject): void {
    const ready = readyCondition(node)?.status;
    const taints = ((spec(node).taints ?? []) as Obj[]).filter((t) => t.key !== NOT_READY && t.key !== UNREACHABLE && !(t.key === UNSCHEDULABLE && t.effect === 'NoSchedule'));
    const old = (spec(node).taints ?? []) as Obj[];
    const keep = (key: string, effect: string) => old.find((t) => t.key === key && t.effect === effect);
    const add = (key: string) => {
      taints.push(keep(key, 'NoSchedule') ?? { key, effect: 'NoSchedule' });
      taints.push(keep(key, 'NoExecute') ?? { key, effect: 'NoExecute', timeAdded: this.clock.rfc3339() });
    };
    if (ready === 'False' || ready === undefined) add(NOT_READY);
    else if (ready === 'Unknown') add(UNREACHABLE);
    if (spec(node).unschedulable) taints.push(keep(UNSCHEDULABLE, 'NoSchedule') ?? { key: UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: this.clock.rfc3339() });
    if (sameCanonical(taints, old)) return;
    const next = { ...node, spec: { ...spec(node), taints: taints.length ? taints : undefined } };
    if (!taints.length) delete (next.spec as Obj).taints;
    this.client.update(NODES, undefined, next);
  }
}

function readyCondition(node: KubeObject): Obj | undefined {
  return ((status(node).conditions ?? []) as Obj[]).find((c) => c.type === 'Ready');
}
