/**
 * The Deployment controller: owns ReplicaSets named `<deployment>-<pod-template-hash>`, one per
 * template revision. RollingUpdate scales the new ReplicaSet up within maxSurge and old ones down
 * within maxUnavailable; Recreate scales old ones to zero and waits for their pods to go before
 * creating the new one. Revisions live in `deployment.kubernetes.io/revision`; a template equal
 * to an older ReplicaSet's (what `kubectl rollout undo` writes) reuses that ReplicaSet with a new
 * revision. Paused deployments only scale. Status carries the real Available/Progressing
 * conditions and the progress deadline.
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, type Informer } from './machinery/informer';
import { computeHash } from './machinery/hash';
import { controllerOf, deepClone, isPodActive, ownerRef, scaledValue, spec, status, type Obj, sameCanonical } from './machinery/objects';
import { REPLICASETS, podsInformer } from './replicaset';

export const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };
const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const HASH_LABEL = 'pod-template-hash';
/** Annotations of the Deployment that are not copied to its ReplicaSets. */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION, REVISION_HISTORY, DESIRED, MAX_REPLICAS, 'deprecated.deployment.rollback.to']);

const revisionOf = (rs: KubeObject) => Number(rs.metadata?.annotations?.[REVISION] ?? 0) || 0;
const replicasOf = (rs: KubeObject) => Number(spec(rs).replicas ?? 0);

/** Template equality ignoring the pod-template-hash label (EqualIgnoreHash). */
function templatesEqual(rsTemplate: Obj, dTemplate: Obj): boolean {
  const a = deepClone(rsTemplate ?? {});
  if (a.metadata?.labels) {
    delete a.metadata.labels[HASH_LABEL];
    if (!Object.keys(a.metadata.labels).length) delete a.metadata.labels;
  }
  return sameCanonical(a, dTemplate ?? {});
}

interface Strategy {
  type: 'RollingUpdate' | 'Recreate';
  maxSurge: number;
  maxUnavailable: number;
}

function strategyOf(d: KubeObject): Strategy {
  const s = (spec(d).strategy ?? {}) as Obj;
  const replicas = Number(spec(d).replicas ?? 1);
  if (s.type === 'Recreate') return { type: 'Recreate', maxSurge: 0, maxUnavailable: replicas };
  const ru = (s.rollingUpdate ?? {}) as Obj;
  let maxSurge = scaledValue(ru.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = scaledValue(ru.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1; // ResolveFenceposts
  maxSurge = Math.max(0, maxSurge);
  return { type: 'RollingUpdate', maxSurge, maxUnavailable };
}

export class DeploymentController extends Controller {
  readonly name = 'deployment';
  private deployments!: Informer;
  private rss!: Informer;
  private pods!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override eventSource(): string {
    return 'deployment-controller';
  }

  setup(): void {
    this.deployments = this.ctx.factory.for(DEPLOYMENTS);
    this.rss = this.ctx.factory.for(REPLICASETS);
    this.rss.addIndex('owner', (o) => {
      const c = controllerOf(o);
      return c ? [c.uid] : [];
    });
    this.pods = podsInformer(this.ctx);
    this.deployments.addHandlers({ onAdd: (o) => this.enqueue(o), onUpdate: (_a, b) => this.enqueue(b), onDelete: (o) => this.enqueue(o) });
    const onRs = (rs: KubeObject) => {
      const c = controllerOf(rs);
      if (c?.kind === 'Deployment') this.queue.add(`${rs.metadata?.namespace}/${c.name}`);
    };
    this.rss.addHandlers({ onAdd: onRs, onUpdate: (_a, b) => onRs(b), onDelete: onRs });
    // Recreate waits for old pods to disappear: a pod deletion may unblock it.
    this.pods.addHandlers({
      onDelete: (p) => {
        const c = controllerOf(p);
        if (c?.kind !== 'ReplicaSet') return;
        const rs = this.rss.getByName(p.metadata?.namespace, c.name);
        const dc = rs && controllerOf(rs);
        if (dc?.kind === 'Deployment') this.queue.add(`${p.metadata?.namespace}/${dc.name}`);
      },
    });
  }

  sync(key: string): boolean {
    const d = this.deployments.get(key);
    if (!d) return true;
    const all = this.rss.byIndex('owner', d.metadata!.uid!).sort((a, b) => String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)));
    if (d.metadata?.deletionTimestamp) {
      this.syncStatus(d, all, this.findNew(d, all));
      return true;
    }
    if (spec(d).paused) return this.syncPaused(d, all);
    const strategy = strategyOf(d);
    let newRS = this.findNew(d, all);
    const olds = () => this.rss.byIndex('owner', d.metadata!.uid!).filter((rs) => rs.metadata?.uid !== newRS?.metadata?.uid);
    if (strategy.type === 'Recreate') {
      const activeOld = olds().filter((rs) => replicasOf(rs) > 0);
      for (const rs of activeOld) this.scaleRS(d, rs, 0);
      if (activeOld.length) return this.finish(d, newRS);
      const oldPodsRunning = olds().some((rs) => this.pods.byIndex('owner', rs.metadata!.uid!).some((p) => isPodActive(p) || p.metadata?.deletionTimestamp));
      if (oldPodsRunning) return this.finish(d, newRS);
      newRS = this.ensureNew(d, newRS, olds(), replicasOf(d) ?? 0);
      if (!newRS) return false;
      if (replicasOf(newRS) !== this.desired(d)) this.scaleRS(d, newRS, this.desired(d));
    } else {
      newRS = this.ensureNew(d, newRS, olds(), this.newReplicas(d, all, undefined, strategy));
      if (!newRS) return false;
      this.reconcileNew(d, newRS, olds(), strategy);
      newRS = this.rss.get(keyOf(newRS)) ?? newRS;
      this.reconcileOld(d, newRS, olds(), strategy);
    }
    this.cleanup(d, olds());
    return this.finish(d, this.rss.get(keyOf(newRS)) ?? newRS);
  }

  private desired(d: KubeObject): number {
    return spec(d).replicas === undefined ? 1 : Number(spec(d).replicas);
  }

  private finish(d: KubeObject, newRS: KubeObject | undefined): boolean {
    const all = this.rss.byIndex('owner', d.metadata!.uid!);
    this.syncStatus(d, all, newRS);
    return true;
  }

  private findNew(d: KubeObject, all: KubeObject[]): KubeObject | undefined {
    return all.find((rs) => templatesEqual(spec(rs).template as Obj, spec(d).template as Obj));
  }

  /** NewRSNewReplicas for a rolling update. */
  private newReplicas(d: KubeObject, all: KubeObject[], newRS: KubeObject | undefined, s: Strategy): number {
    const want = this.desired(d);
    const current = all.reduce((n, rs) => n + replicasOf(rs), 0);
    const maxTotal = want + s.maxSurge;
    const have = newRS ? replicasOf(newRS) : 0;
    if (current >= maxTotal) return have;
    return have + Math.max(0, Math.min(maxTotal - current, want - have));
  }

  private ensureNew(d: KubeObject, existing: KubeObject | undefined, olds: KubeObject[], initialReplicas: number): KubeObject | undefined {
    const maxOld = olds.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    const s = strategyOf(d);
    const annotations = (): Record<string, string> => {
      const a: Record<string, string> = {};
      for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (!SKIP_ANNOTATIONS.has(k)) a[k] = v;
      a[DESIRED] = String(this.desired(d));
      a[MAX_REPLICAS] = String(this.desired(d) + (s.type === 'RollingUpdate' ? s.maxSurge : 0));
      return a;
    };
    if (existing) {
      const rev = revisionOf(existing);
      if (rev <= maxOld) {
        // A rollback (or a template restored by hand): the old ReplicaSet becomes the newest revision.
        const history = [existing.metadata?.annotations?.[REVISION_HISTORY], rev ? String(rev) : undefined].filter(Boolean).join(',');
        const next = deepClone(existing);
        next.metadata!.annotations = { ...(next.metadata!.annotations ?? {}), [REVISION]: String(maxOld + 1) };
        if (history) next.metadata!.annotations[REVISION_HISTORY] = history;
        const r = this.client.update(REPLICASETS, next.metadata!.namespace, next);
        if (r.code !== 200) return undefined;
        existing = r.body as KubeObject;
      }
      this.setDeploymentRevision(d, revisionOf(existing));
      return existing;
    }
    const template = deepClone((spec(d).template ?? {}) as Obj);
    const hash = computeHash(template, status(d).collisionCount);
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
    const selector = deepClone((spec(d).selector ?? {}) as Obj);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
    const name = `${d.metadata!.name}-${hash}`;
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata!.namespace,
        labels: template.metadata.labels,
        annotations: { ...annotations(), [REVISION]: String(maxOld + 1) },
        ownerReferences: [ownerRef(d, 'apps/v1', 'Deployment')],
      },
      spec: { replicas: initialReplicas, minReadySeconds: spec(d).minReadySeconds ?? 0, selector, template },
    };
    const r = this.client.create(REPLICASETS, d.metadata!.namespace, rs);
    if (r.code === 409) {
      // A ReplicaSet of that name with another template: a hash collision; bump collisionCount.
      const count = Number(status(d).collisionCount ?? 0) + 1;
      this.client.updateStatus(DEPLOYMENTS, d.metadata!.namespace, { ...d, status: { ...status(d), collisionCount: count } });
      return undefined;
    }
    if (r.code !== 201) {
      this.recorder.event(d, 'Warning', 'FailedCreate', (r.body as { message?: string }).message ?? '');
      return undefined;
    }
    const created = r.body as KubeObject;
    if (initialReplicas > 0) this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${initialReplicas}`);
    this.setDeploymentRevision(d, maxOld + 1);
    this.setProgressing(d, 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`);
    return created;
  }

  private setDeploymentRevision(d: KubeObject, rev: number): void {
    const fresh = this.deployments.get(keyOf(d)) ?? d;
    if (fresh.metadata?.annotations?.[REVISION] === String(rev)) return;
    this.client.patch(DEPLOYMENTS, d.metadata!.namespace, d.metadata!.name!, { metadata: { annotations: { [REVISION]: String(rev) } } }, 'application/merge-patch+json');
  }

  private reconcileNew(d: KubeObject, newRS: KubeObject, olds: KubeObject[], s: Strategy): void {
    const want = this.desired(d);
    const have = replicasOf(newRS);
    if (have === want) return;
    if (have > want) return void this.scaleRS(d, newRS, want);
    const n = this.newReplicas(d, [newRS, ...olds], newRS, s);
    if (n !== have) this.scaleRS(d, newRS, n);
  }

  private reconcileOld(d: KubeObject, newRS: KubeObject, olds: KubeObject[], s: Strategy): void {
    const oldCount = olds.reduce((n, rs) => n + replicasOf(rs), 0);
    if (!oldCount) return;
    const want = this.desired(d);
    const all = [newRS, ...olds];
    const allCount = all.reduce((n, rs) => n + replicasOf(rs), 0);
    const minAvailable = want - s.maxUnavailable;
    const newUnavailable = replicasOf(newRS) - Number(status(newRS).availableReplicas ?? 0);
    let maxScaledDown = allCount - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    // First remove old pods that are not available anyway.
    let cleaned = 0;
    for (const rs of olds) {
      if (cleaned >= maxScaledDown) break;
      const unhealthy = replicasOf(rs) - Number(status(rs).availableReplicas ?? 0);
      const n = Math.min(maxScaledDown - cleaned, unhealthy);
      if (n > 0) {
        this.scaleRS(d, rs, replicasOf(rs) - n);
        cleaned += n;
      }
    }
    maxScaledDown -= cleaned;
    const fresh = olds.map((rs) => this.rss.get(keyOf(rs)) ?? rs);
    const available = [newRS, ...fresh].reduce((n, rs) => n + Number(status(rs).availableReplicas ?? 0), 0);
    if (available <= minAvailable) return;
    let total = Math.min(available - minAvailable, maxScaledDown);
    for (const rs of fresh) {
      if (total <= 0) break;
      const n = Math.min(replicasOf(rs), total);
      if (n > 0) {
        this.scaleRS(d, rs, replicasOf(rs) - n);
        total -= n;
      }
    }
  }

  private scaleRS(d: KubeObject, rs: KubeObject, to: number): void {
    const from = replicasOf(rs);
    const s = strategyOf(d);
    const next = deepClone(this.rss.get(keyOf(rs)) ?? rs);
    next.spec = { ...spec(next), replicas: to };
    next.metadata!.annotations = {
      ...(next.metadata!.annotations ?? {}),
      [DESIRED]: String(this.desired(d)),
      [MAX_REPLICAS]: String(this.desired(d) + (s.type === 'RollingUpdate' ? s.maxSurge : 0)),
    };
    const r = this.client.update(REPLICASETS, next.metadata!.namespace, next);
    if (r.code === 200 && from !== to)
      this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata!.name} from ${from} to ${to}`);
  }

  private cleanup(d: KubeObject, olds: KubeObject[]): void {
    const limit = spec(d).revisionHistoryLimit === undefined ? 10 : Number(spec(d).revisionHistoryLimit);
    const idle = olds.filter((rs) => replicasOf(rs) === 0 && !Number(status(rs).replicas ?? 0) && !rs.metadata?.deletionTimestamp).sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) this.client.delete(REPLICASETS, rs.metadata!.namespace, rs.metadata!.name!);
  }

  private syncPaused(d: KubeObject, all: KubeObject[]): boolean {
    const newRS = this.findNew(d, all);
    // Scaling still applies to a paused deployment: the newest active ReplicaSet takes the change.
    const active = all.filter((rs) => replicasOf(rs) > 0);
    if (active.length === 1 && replicasOf(active[0]) !== this.desired(d)) this.scaleRS(d, active[0], this.desired(d));
    else if (!active.length && newRS && this.desired(d) > 0) this.scaleRS(d, newRS, this.desired(d));
    this.setProgressing(d, 'Unknown', 'DeploymentPaused', 'Deployment is paused');
    return this.finish(d, newRS);
  }

  // ------------------------------------------------------------------ status

  private setProgressing(d: KubeObject, st: string, reason: string, message: string): void {
    const fresh = this.deployments.get(keyOf(d)) ?? d;
    const conds = [...((status(fresh).conditions ?? []) as Obj[])];
    const cur = conds.find((c) => c.type === 'Progressing');
    if (cur && cur.status === st && cur.reason === reason) return;
    const now = this.clock.rfc3339();
    const next = { type: 'Progressing', status: st, lastUpdateTime: now, lastTransitionTime: cur && cur.status === st ? cur.lastTransitionTime : now, reason, message };
    const rest = conds.filter((c) => c.type !== 'Progressing');
    this.client.updateStatus(DEPLOYMENTS, d.metadata!.namespace, { ...fresh, status: { ...status(fresh), conditions: [...rest, next] } });
  }

  private syncStatus(d0: KubeObject, all: KubeObject[], newRS: KubeObject | undefined): void {
    const d = this.deployments.get(keyOf(d0)) ?? d0;
    const want = this.desired(d);
    const s = strategyOf(d);
    const sum = (f: (rs: KubeObject) => number) => all.reduce((n, rs) => n + f(rs), 0);
    const replicas = sum((rs) => Number(status(rs).replicas ?? 0));
    const available = sum((rs) => Number(status(rs).availableReplicas ?? 0));
    const ready = sum((rs) => Number(status(rs).readyReplicas ?? 0));
    const updated = newRS ? Number(status(newRS).replicas ?? 0) : 0;
    const unavailable = Math.max(0, sum(replicasOf) - available);
    const prev = status(d);
    const next: Obj = { observedGeneration: d.metadata?.generation };
    if (replicas) next.replicas = replicas;
    if (updated) next.updatedReplicas = updated;
    if (ready) next.readyReplicas = ready;
    if (available) next.availableReplicas = available;
    if (unavailable) next.unavailableReplicas = unavailable;
    if (prev.collisionCount !== undefined) next.collisionCount = prev.collisionCount;
    const now = this.clock.rfc3339();
    const conds = [...((prev.conditions ?? []) as Obj[])];
    const set = (type: string, st: string, reason: string, message: string, keepUpdateTime = true) => {
      const i = conds.findIndex((c) => c.type === type);
      const cur = conds[i];
      if (cur && cur.status === st && cur.reason === reason && keepUpdateTime) return;
      const c = { type, status: st, lastUpdateTime: now, lastTransitionTime: cur && cur.status === st ? cur.lastTransitionTime : now, reason, message };
      if (i >= 0) conds.splice(i, 1);
      conds.push(c);
    };
    const availableCond = available >= want - s.maxUnavailable;
    if (availableCond) set('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.');
    else set('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.');
    const deadline = spec(d).progressDeadlineSeconds === undefined ? 600 : Number(spec(d).progressDeadlineSeconds);
    const progressing = conds.find((c) => c.type === 'Progressing');
    const paused = !!spec(d).paused;
    if (!paused && newRS && !d.metadata?.deletionTimestamp) {
      const complete = updated === want && replicas === want && available === want;
      const rsName = newRS.metadata!.name;
      if (progressing?.reason === 'DeploymentPaused') set('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed');
      if (complete) {
        if (conds.find((c) => c.type === 'Progressing')?.reason !== 'NewReplicaSetAvailable')
          set('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, false);
      } else {
        const made =
          updated > Number(prev.updatedReplicas ?? 0) ||
          ready > Number(prev.readyReplicas ?? 0) ||
          available > Number(prev.availableReplicas ?? 0) ||
          replicas - updated < Number(prev.replicas ?? 0) - Number(prev.updatedReplicas ?? 0);
        const cur = conds.find((c) => c.type === 'Progressing');
        if (made || !cur || cur.reason === 'DeploymentResumed') {
          const msg = `ReplicaSet "${rsName}" is progressing.`;
          if (!(cur?.reason === 'NewReplicaSetCreated' && !made)) set('Progressing', 'True', 'ReplicaSetUpdated', msg, false);
        }
        const c = conds.find((x) => x.type === 'Progressing');
        if (c && c.status === 'True' && deadline < 2147483647) {
          const dueAt = Date.parse(String(c.lastUpdateTime)) + deadline * 1000;
          if (this.clock.now() >= dueAt) set('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`);
          else this.queue.addAfter(keyOf(d), dueAt - this.clock.now() + 1000);
        }
      }
    }
    if (conds.length) next.conditions = conds;
    if (sameCanonical(next, prev)) return;
    this.client.updateStatus(DEPLOYMENTS, d.metadata!.namespace, { ...d, status: next });
  }
}
