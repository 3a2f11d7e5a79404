/**
 * The DaemonSet controller: one pod per eligible node (node selector/affinity match, taints
 * tolerated — with the tolerations the controller adds to every daemon pod), pinned to its node
 * by a required node affinity on metadata.name and placed by the scheduler. Template changes roll
 * out node by node within maxUnavailable, tracked by ControllerRevisions and the
 * controller-revision-hash label.
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, type Informer } from './machinery/informer';
import { computeHash } from './machinery/hash';
import { ensureRevision } from './machinery/revisions';
import { restorePatch } from '../go-typed';
import { canonical, controllerOf, deepClone, isPodActive, isPodAvailable, isPodReady, ownerRef, scaledValue, spec, status, type Obj } from './machinery/objects';
import { PODS, podFromTemplate, podsInformer } from './replicaset';
import { nodeMatchesPod, tolerates } from '../scheduler/plugins';

export const DAEMONSETS = { group: 'apps', version: 'v1', resource: 'daemonsets' };
const NODES = { group: '', version: 'v1', resource: 'nodes' };
const REVISIONS = { group: 'apps', version: 'v1', resource: 'controllerrevisions' };
const HASH_LABEL = 'controller-revision-hash';

const DAEMON_TOLERATIONS: Obj[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

export class DaemonSetController extends Controller {
  readonly name = 'daemonset';
  private dss!: Informer;
  private nodes!: Informer;
  private pods!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override eventSource(): string {
    return 'daemonset-controller';
  }

  setup(): void {
    this.dss = this.ctx.factory.for(DAEMONSETS);
    this.nodes = this.ctx.factory.for(NODES);
    this.pods = podsInformer(this.ctx);
    this.dss.addHandlers({ onAdd: (o) => this.enqueue(o), onUpdate: (_a, b) => this.enqueue(b), onDelete: (o) => this.enqueue(o) });
    const all = () => this.dss.list().forEach((d) => this.enqueue(d));
    const relevant = (n: KubeObject) => canonical([n.metadata?.labels, spec(n).taints, spec(n).unschedulable]);
    this.nodes.addHandlers({ onAdd: all, onUpdate: (a, b) => relevant(a) !== relevant(b) && all(), onDelete: all });
    const onPod = (p: KubeObject) => {
      const c = controllerOf(p);
      if (c?.kind === 'DaemonSet') this.queue.add(`${p.metadata?.namespace}/${c.name}`);
    };
    this.pods.addHandlers({ onAdd: onPod, onUpdate: (_a, b) => onPod(b), onDelete: onPod });
  }

  /** The pod a DaemonSet wants on a node: its template plus the daemon tolerations and node pin. */
  private podFor(ds: KubeObject, node: string, hash: string): KubeObject {
    const template = deepClone((spec(ds).template ?? {}) as Obj);
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash, 'pod-template-generation': String(ds.metadata?.generation ?? 1) } };
    const s = (template.spec ??= {});
    const tolerations = [...((s.tolerations ?? []) as Obj[])];
    const extra = [...DAEMON_TOLERATIONS];
    if (s.hostNetwork) extra.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
    for (const t of extra) if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect)) tolerations.push(t);
    s.tolerations = tolerations;
    s.affinity = {
      ...(s.affinity ?? {}),
      nodeAffinity: { ...(s.affinity?.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } },
    };
    return podFromTemplate(template, ds, 'apps/v1', 'DaemonSet', `${ds.metadata!.name}-`);
  }

  private eligible(ds: KubeObject, node: KubeObject): boolean {
    const probe = this.podFor(ds, node.metadata!.name!, 'x');
    if (!nodeMatchesPod(probe, node)) return false;
    const tol = (spec(probe).tolerations ?? []) as Obj[];
    return ((spec(node).taints ?? []) as Obj[]).every((t) => t.effect === 'PreferNoSchedule' || tolerates(tol, t));
  }

  sync(key: string): boolean {
    const ds = this.dss.get(key);
    if (!ds || ds.metadata?.deletionTimestamp) return true;
    const hash = computeHash(spec(ds).template);
    this.ensureRevision(ds, hash);
    const owned = this.pods.byIndex('owner', ds.metadata!.uid!);
    const byNode = new Map<string, KubeObject[]>();
    for (const p of owned) {
      if (!isPodActive(p)) continue;
      const n = podNode(p);
      byNode.set(n, [...(byNode.get(n) ?? []), p]);
    }
    const nodes = this.nodes.list();
    const want = new Set(nodes.filter((n) => this.eligible(ds, n)).map((n) => n.metadata!.name!));
    let ok = true;
    // Create where missing, delete where not wanted or duplicated, delete failed ones.
    for (const p of owned) if (status(p).phase === 'Failed' && !p.metadata?.deletionTimestamp) this.deletePod(ds, p);
    for (const n of want) {
      const pods = byNode.get(n) ?? [];
      if (!pods.length) {
        const r = this.client.create(PODS, ds.metadata!.namespace, this.podFor(ds, n, hash));
        if (r.code !== 201) {
          this.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${(r.body as { message?: string }).message ?? ''}`);
          ok = false;
        } else this.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${(r.body as KubeObject).metadata!.name}`);
      } else for (const extra of pods.slice(1)) this.deletePod(ds, extra);
    }
    for (const [n, pods] of byNode) if (!want.has(n) && n) for (const p of pods) this.deletePod(ds, p);
    this.rollingUpdate(ds, hash, want, byNode);
    this.updateStatus(ds, hash, want);
    return ok;
  }

  private rollingUpdate(ds: KubeObject, hash: string, want: Set<string>, byNode: Map<string, KubeObject[]>): void {
    const strategy = (spec(ds).updateStrategy ?? {}) as Obj;
    if (strategy.type === 'OnDelete') return;
    const maxUnavailable = Math.max(1, scaledValue(strategy.rollingUpdate?.maxUnavailable ?? 1, want.size, true));
    const minReady = Number(spec(ds).minReadySeconds ?? 0);
    const now = this.clock.now();
    let unavailable = 0;
    const old: KubeObject[] = [];
    for (const n of want) {
      const p = (byNode.get(n) ?? [])[0];
      if (!p || !isPodAvailable(p, minReady, now)) unavailable++;
      if (p && p.metadata?.labels?.[HASH_LABEL] !== hash) old.push(p);
    }
    // Old pods that are not available go first; then healthy ones while the budget allows.
    old.sort((a, b) => Number(isPodAvailable(a, minReady, now)) - Number(isPodAvailable(b, minReady, now)));
    for (const p of old) {
      if (!isPodAvailable(p, minReady, now)) {
        this.deletePod(ds, p);
        continue;
      }
      if (unavailable >= maxUnavailable) break;
      this.deletePod(ds, p);
      unavailable++;
    }
  }

  private deletePod(ds: KubeObject, p: KubeObject): void {
    if (p.metadata?.deletionTimestamp) return;
    const r = this.client.delete(PODS, p.metadata!.namespace, p.metadata!.name!);
    if (r.code === 200) this.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata!.name}`);
  }

  private ensureRevision(ds: KubeObject, hash: string): void {
    const tpl = spec(ds).template as Obj | undefined;
    ensureRevision(this.client, {
      owner: ds,
      name: `${ds.metadata!.name}-${hash}`,
      labels: { ...(tpl?.metadata?.labels ?? {}), [HASH_LABEL]: hash },
      data: restorePatch(ds, 'apps.v1.DaemonSet'),
      ownerReference: ownerRef(ds, 'apps/v1', 'DaemonSet'),
    });
  }

  private updateStatus(ds0: KubeObject, hash: string, want: Set<string>): void {
    const ds = this.dss.get(keyOf(ds0)) ?? ds0;
    const pods = this.pods.byIndex('owner', ds.metadata!.uid!).filter(isPodActive);
    const minReady = Number(spec(ds).minReadySeconds ?? 0);
    const now = this.clock.now();
    const scheduled = pods.filter((p) => want.has(podNode(p)));
    const next: Obj = {
      currentNumberScheduled: new Set(scheduled.map(podNode)).size,
      desiredNumberScheduled: want.size,
      numberMisscheduled: pods.filter((p) => spec(p).nodeName && !want.has(podNode(p))).length,
      numberReady: scheduled.filter(isPodReady).length,
      observedGeneration: ds.metadata?.generation,
      updatedNumberScheduled: scheduled.filter((p) => p.metadata?.labels?.[HASH_LABEL] === hash).length,
      numberAvailable: scheduled.filter((p) => isPodAvailable(p, minReady, now)).length,
    };
    next.numberUnavailable = Math.max(0, want.size - next.numberAvailable);
    for (const k of ['numberAvailable', 'numberUnavailable', 'updatedNumberScheduled']) if (!next[k]) delete next[k];
    if (canonical(next) !== canonical(status(ds))) this.client.updateStatus(DAEMONSETS, ds.metadata!.namespace, { ...ds, status: next });
  }
}

/** The node a daemon pod is for: its binding, or the node its affinity pins it to. */
function podNode(p: KubeObject): string {
  if (spec(p).nodeName) return String(spec(p).nodeName);
  const terms = (spec(p).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) as Obj[];
  for (const t of terms) for (const f of (t.matchFields ?? []) as Obj[]) if (f.key === 'metadata.name' && f.values?.length) return String(f.values[0]);
  return '';
}
