/**
 * The ReplicaSet controller: keeps `spec.replicas` active pods that it owns (ownerReferences
 * controller=true), creating them from the template with generateName `<rs>-` in slow-start
 * batches (1, 2, 4, … at most 500 a sync), deleting the least valuable first, adopting matching
 * orphans and reporting replicas/ready/available counts in status.
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, splitKey, type Informer } from './machinery/informer';
import { canonical, controllerOf, isPodActive, isPodAvailable, isPodReady, ownerRef, selectorMatches, spec, status, type Obj } from './machinery/objects';

export const PODS = { group: '', version: 'v1', resource: 'pods' };
export const REPLICASETS = { group: 'apps', version: 'v1', resource: 'replicasets' };
const BURST_REPLICAS = 500;

/** Pods by namespace: the index every owner-based controller uses. */
export function podsInformer(ctx: ControllerContext): Informer {
  const inf = ctx.factory.for(PODS);
  if (!(inf as unknown as { nsIndexed?: boolean }).nsIndexed) {
    inf.addIndex('namespace', (o) => [o.metadata?.namespace ?? '']);
    inf.addIndex('owner', (o) => {
      const c = controllerOf(o);
      return c ? [c.uid] : [];
    });
    inf.addIndex('node', (o) => [String(spec(o).nodeName ?? '')]);
    (inf as unknown as { nsIndexed?: boolean }).nsIndexed = true;
  }
  return inf;
}

/**
 * Make a pod from a template, owned by `owner`. The pod shares the template's parts (labels,
 * annotations, spec): it is only sent to the API server, which copies what it decodes, and no
 * caller changes those parts in place.
 */
export function podFromTemplate(template: Obj, owner: KubeObject, apiVersion: string, kind: string, generateName: string): KubeObject {
  const t = template ?? {};
  const meta = (t.metadata ?? {}) as Obj;
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName,
      namespace: owner.metadata?.namespace,
      labels: meta.labels,
      annotations: meta.annotations,
      ownerReferences: [ownerRef(owner, apiVersion, kind)],
    },
    spec: t.spec,
  };
  if (!meta.labels) delete pod.metadata!.labels;
  if (!meta.annotations) delete pod.metadata!.annotations;
  return pod;
}

/** Ranking for scale-down: earlier = deleted first (controller.ActivePods ordering, simplified). */
export function deletionRank(a: KubeObject, b: KubeObject): number {
  const assigned = (p: KubeObject) => (spec(p).nodeName ? 1 : 0);
  const phaseRank = (p: KubeObject) => ({ Pending: 0, Unknown: 1, Running: 2 })[String(status(p).phase)] ?? 0;
  const ready = (p: KubeObject) => (isPodReady(p) ? 1 : 0);
  const restarts = (p: KubeObject) => ((status(p).containerStatuses ?? []) as Obj[]).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  return (
    assigned(a) - assigned(b) ||
    phaseRank(a) - phaseRank(b) ||
    ready(a) - ready(b) ||
    restarts(b) - restarts(a) ||
    String(b.metadata?.creationTimestamp).localeCompare(String(a.metadata?.creationTimestamp)) ||
    String(a.metadata?.name).localeCompare(String(b.metadata?.name))
  );
}

export class ReplicaSetController extends Controller {
  readonly name = 'replicaset';
  private rss!: Informer;
  private pods!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  setup(): void {
    this.rss = this.ctx.factory.for(REPLICASETS);
    this.rss.addIndex('namespace', (o) => [o.metadata?.namespace ?? '']);
    this.pods = podsInformer(this.ctx);
    this.rss.addHandlers({ onAdd: (o) => this.enqueue(o), onUpdate: (_a, b) => this.enqueue(b), onDelete: (o) => this.enqueue(o) });
    const onPod = (p: KubeObject) => {
      const c = controllerOf(p);
      if (c?.kind === 'ReplicaSet') this.queue.add(`${p.metadata?.namespace}/${c.name}`);
      else if (!c && isPodActive(p)) for (const rs of this.rss.byIndex('namespace', p.metadata?.namespace ?? '')) if (selectorMatches(spec(rs).selector, p.metadata?.labels)) this.enqueue(rs);
    };
    this.pods.addHandlers({ onAdd: onPod, onUpdate: (_a, b) => onPod(b), onDelete: onPod });
  }

  protected override eventSource(): string {
    return 'replicaset-controller';
  }

  sync(key: string): boolean {
    const rs = this.rss.get(key);
    if (!rs) return true;
    const { namespace } = splitKey(key);
    const uid = rs.metadata!.uid!;
    const owned = this.pods.byIndex('owner', uid);
    const active = owned.filter(isPodActive);
    if (!rs.metadata?.deletionTimestamp) this.adoptOrphans(rs, active);
    const want = Number(spec(rs).replicas ?? 1);
    let ok = true;
    if (!rs.metadata?.deletionTimestamp) {
      const diff = active.length - want;
      if (diff < 0) ok = this.createPods(rs, Math.min(-diff, BURST_REPLICAS));
      else if (diff > 0) this.deletePods(rs, active, Math.min(diff, BURST_REPLICAS));
    }
    const fresh = this.rss.get(key);
    if (fresh) this.updateStatus(fresh, namespace!);
    return ok;
  }

  private adoptOrphans(rs: KubeObject, active: KubeObject[]): void {
    const sel = spec(rs).selector;
    for (const p of this.pods.byIndex('namespace', rs.metadata?.namespace ?? '')) {
      if (controllerOf(p) || !isPodActive(p) || !selectorMatches(sel, p.metadata?.labels)) continue;
      const refs = [...(p.metadata?.ownerReferences ?? []), ownerRef(rs, 'apps/v1', 'ReplicaSet')];
      const r = this.client.patch(PODS, p.metadata?.namespace, p.metadata!.name!, { metadata: { ownerReferences: refs, uid: p.metadata?.uid } }, 'application/strategic-merge-patch+json');
      if (r.code === 200) active.push(r.body as KubeObject);
    }
  }

  private createPods(rs: KubeObject, count: number): boolean {
    const template = spec(rs).template as Obj;
    let remaining = count;
    let batch = 1;
    while (remaining > 0) {
      const n = Math.min(batch, remaining);
      for (let i = 0; i < n; i++) {
        const pod = podFromTemplate(template, rs, 'apps/v1', 'ReplicaSet', `${rs.metadata!.name}-`);
        // Only the name the server generated is read from the answer.
        const r = this.client.create(PODS, rs.metadata!.namespace, pod, {}, { readOnly: true });
        if (r.code !== 201) {
          const msg = (r.body as { message?: string }).message ?? '';
          this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${msg}`);
          return false;
        }
        this.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${(r.body as KubeObject).metadata!.name}`);
      }
      remaining -= n;
      batch *= 2;
    }
    return true;
  }

  private deletePods(rs: KubeObject, active: KubeObject[], count: number): void {
    const victims = [...active].sort(deletionRank).slice(0, count);
    for (const p of victims) {
      const r = this.client.delete(PODS, p.metadata!.namespace, p.metadata!.name!);
      if (r.code === 200 || r.code === 202) this.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata!.name}`);
    }
  }

  private updateStatus(rs: KubeObject, _namespace: string): void {
    const active = this.pods.byIndex('owner', rs.metadata!.uid!).filter(isPodActive);
    const minReady = Number(spec(rs).minReadySeconds ?? 0);
    const now = this.clock.now();
    const labels = ((spec(rs).template as Obj)?.metadata?.labels ?? {}) as Record<string, string>;
    const ready = active.filter(isPodReady);
    const available = ready.filter((p) => isPodAvailable(p, minReady, now));
    const next: Obj = {
      ...status(rs),
      replicas: active.length,
      fullyLabeledReplicas: active.filter((p) => Object.entries(labels).every(([k, v]) => p.metadata?.labels?.[k] === v)).length,
      readyReplicas: ready.length,
      availableReplicas: available.length,
      observedGeneration: rs.metadata?.generation,
    };
    if (!next.readyReplicas) delete next.readyReplicas;
    if (!next.availableReplicas) delete next.availableReplicas;
    if (!next.fullyLabeledReplicas) delete next.fullyLabeledReplicas;
    if (canonical(next) !== canonical(status(rs))) {
      this.client.updateStatus(REPLICASETS, rs.metadata!.namespace, { ...rs, status: next });
    }
    if (minReady && ready.length > available.length) this.queue.addAfter(keyOf(rs), minReady * 1000);
  }
}
