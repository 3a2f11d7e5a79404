/**
 * The disruption controller (pkg/controller/disruption): keeps every PodDisruptionBudget's status
 * in step with the pods its selector matches.
 *
 *   - expectedPods: the scale of the pods' controllers (a Deployment's replicas for pods of its
 *     ReplicaSets, a StatefulSet's, a bare ReplicaSet's, a ReplicationController's) when the budget
 *     is a maxUnavailable or a percentage minAvailable; the number of matching pods for an integer
 *     minAvailable.
 *   - desiredHealthy: minAvailable (scaled, rounded up), or expectedPods − maxUnavailable (≥ 0).
 *   - currentHealthy: matching pods that are Ready, not being deleted and not just evicted
 *     (status.disruptedPods, which the eviction subresource fills and which expires after 2 min).
 *   - disruptionsAllowed: currentHealthy − desiredHealthy, never below 0, and 0 with no expected pods.
 *   - the DisruptionAllowed condition (SufficientPods / InsufficientPods, SyncFailed when the scale
 *     cannot be computed), and the events NoPods, UnmanagedPods, CalculateExpectedPodCountFailed.
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, splitKey, type Informer } from './machinery/informer';
import { controllerOf, isPodReady, sameJsonText, spec, status, type Obj } from './machinery/objects';
import { podsInformer } from './replicaset';
import { labelSelectorFromObject, matchesLabels } from '../apiserver/selectors';
import { disruptionAllowedCondition, setCondition } from '../apiserver/subresources/pdb-status';

export const PDBS = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' };
const REPLICASETS = { group: 'apps', version: 'v1', resource: 'replicasets' };
const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };
const STATEFULSETS = { group: 'apps', version: 'v1', resource: 'statefulsets' };
const RCS = { group: '', version: 'v1', resource: 'replicationcontrollers' };

/** How long a pod named in disruptedPods is expected to disappear (DeletionTimeout). */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

export class SyncError extends Error {}

/** intstr.GetScaledValueFromIntOrPercent(v, total, roundUp=true), with its error texts. */
export function scaledIntOrPercent(v: unknown, total: number): number {
  if (typeof v === 'number') return v;
  const text = String(v);
  if (!text.endsWith('%')) throw new SyncError('invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = text.slice(0, -1);
  if (!/^-?\d+$/.test(digits)) throw new SyncError(`invalid value for IntOrString: invalid value "${text}": strconv.Atoi: parsing "${digits}": invalid syntax`);
  return Math.ceil((Number(digits) * total) / 100);
}

/** A label selector as `metav1.LabelSelector`'s Go String() prints it in the UnmanagedPods event. */
function selectorText(sel: Obj | undefined): string {
  if (!sel) return '&LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}';
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels[k]},`)
    .join('');
  const exprs = ((sel.matchExpressions ?? []) as Obj[])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${((e.values ?? []) as string[]).join(' ')}],}`)
    .join(',');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

export interface BudgetNumbers {
  expectedPods: number;
  desiredHealthy: number;
  currentHealthy: number;
  disruptionsAllowed: number;
  disruptedPods: Record<string, string>;
  /** Earliest time (ms) a disruptedPods entry expires: the budget must be looked at again then. */
  recheckAt?: number;
  unmanaged: string[];
  notDeleted: KubeObject[];
}

export class DisruptionController extends Controller {
  readonly name = 'disruption';
  private pdbs!: Informer;
  private pods!: Informer;
  private rss!: Informer;
  private deployments!: Informer;
  private statefulsets!: Informer;
  private rcs!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override eventSource(): string {
    return 'controllermanager';
  }

  setup(): void {
    this.pdbs = this.ctx.factory.for(PDBS);
    this.pdbs.addIndex('namespace', (o) => [o.metadata?.namespace ?? '']);
    this.pods = podsInformer(this.ctx);
    this.rss = this.ctx.factory.for(REPLICASETS);
    this.deployments = this.ctx.factory.for(DEPLOYMENTS);
    this.statefulsets = this.ctx.factory.for(STATEFULSETS);
    this.rcs = this.ctx.factory.for(RCS);
    this.pdbs.addHandlers({ onAdd: (o) => this.enqueue(o), onUpdate: (_a, b) => this.enqueue(b) });
    this.pods.addHandlers({
      onAdd: (p) => this.podChanged(p),
      onUpdate: (a, b) => {
        this.podChanged(b);
        if (!sameJsonText(a.metadata?.labels, b.metadata?.labels)) this.podChanged(a);
      },
      onDelete: (p) => this.podChanged(p),
    });
    // A controller's scale is part of expectedPods.
    for (const inf of [this.rss, this.deployments, this.statefulsets, this.rcs]) {
      const scaled = (o: KubeObject) => this.namespaceChanged(o.metadata?.namespace ?? '');
      inf.addHandlers({ onAdd: scaled, onUpdate: (a, b) => spec(a).replicas !== spec(b).replicas && scaled(b), onDelete: scaled });
    }
  }

  private budgetsFor(namespace: string): KubeObject[] {
    return this.pdbs.byIndex('namespace', namespace);
  }

  private podChanged(pod: KubeObject): void {
    for (const pdb of this.budgetsFor(pod.metadata?.namespace ?? '')) if (this.selects(pdb, pod)) this.enqueue(pdb);
  }

  private namespaceChanged(namespace: string): void {
    for (const pdb of this.budgetsFor(namespace)) this.enqueue(pdb);
  }

  private selects(pdb: KubeObject, pod: KubeObject): boolean {
    const sel = spec(pdb).selector as Obj | undefined;
    // A nil selector selects nothing; an empty one every pod of the namespace (policy/v1).
    return sel !== undefined && sel !== null && matchesLabels(labelSelectorFromObject(sel), pod.metadata?.labels);
  }

  sync(key: string): boolean {
    const pdb = this.pdbs.get(key);
    if (!pdb || pdb.metadata?.deletionTimestamp) return true;
    const { namespace } = splitKey(key);
    const pods = this.pods.byIndex('namespace', namespace ?? '').filter((p) => this.selects(pdb, p));
    if (!pods.length) this.recorder.event(this.typed(pdb), 'Normal', 'NoPods', 'No matching pods found');
    let numbers: BudgetNumbers;
    try {
      numbers = this.compute(pdb, pods);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.recorder.event(this.typed(pdb), 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${message}`);
      return this.failSafe(pdb, message);
    }
    if (numbers.unmanaged.length)
      this.recorder.event(
        this.typed(pdb),
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${selectorText(spec(pdb).selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      );
    for (const pod of numbers.notDeleted)
      this.recorder.event(
        { ...pod, kind: 'Pod', apiVersion: 'v1' },
        'Warning',
        'NotDeleted',
        `Pod was expected by PDB ${pdb.metadata!.namespace}/${pdb.metadata!.name} to be deleted but it wasn't`,
      );
    if (numbers.recheckAt !== undefined) this.queue.addAfter(key, Math.max(0, numbers.recheckAt - this.clock.now()));
    return this.writeStatus(pdb, numbers);
  }

  /** getExpectedPodCount + countHealthyPods + buildDisruptedPodMap. */
  compute(pdb: KubeObject, pods: KubeObject[]): BudgetNumbers {
    const s = spec(pdb);
    let expectedPods = 0;
    let desiredHealthy = 0;
    let unmanaged: string[] = [];
    if (s.maxUnavailable !== undefined && s.maxUnavailable !== null) {
      ({ expected: expectedPods, unmanaged } = this.expectedScale(pods));
      desiredHealthy = Math.max(0, expectedPods - scaledIntOrPercent(s.maxUnavailable, expectedPods));
    } else if (s.minAvailable !== undefined && s.minAvailable !== null) {
      if (typeof s.minAvailable === 'number') {
        desiredHealthy = s.minAvailable;
        expectedPods = pods.length;
      } else {
        ({ expected: expectedPods, unmanaged } = this.expectedScale(pods));
        desiredHealthy = scaledIntOrPercent(s.minAvailable, expectedPods);
      }
    }
    const now = this.clock.now();
    const recorded = (status(pdb).disruptedPods ?? {}) as Record<string, string>;
    const disruptedPods: Record<string, string> = {};
    const notDeleted: KubeObject[] = [];
    let recheckAt: number | undefined;
    for (const p of pods) {
      if (p.metadata?.deletionTimestamp) continue;
      const at = recorded[p.metadata!.name!];
      const t = at ? Date.parse(at) : NaN;
      if (!Number.isFinite(t)) continue;
      const expires = t + DELETION_TIMEOUT_MS;
      if (expires <= now) notDeleted.push(p);
      else {
        disruptedPods[p.metadata!.name!] = at;
        recheckAt = recheckAt === undefined ? expires : Math.min(recheckAt, expires);
      }
    }
    let currentHealthy = 0;
    for (const p of pods) if (!p.metadata?.deletionTimestamp && !disruptedPods[p.metadata!.name!] && isPodReady(p)) currentHealthy++;
    let disruptionsAllowed = currentHealthy - desiredHealthy;
    if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
    return { expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, disruptedPods, recheckAt, unmanaged, notDeleted };
  }

  /** getExpectedScale: the summed scale of the distinct controllers of the pods. */
  private expectedScale(pods: KubeObject[]): { expected: number; unmanaged: string[] } {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = controllerOf(pod);
      if (!ref) {
        unmanaged.push(pod.metadata!.name!);
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const found = this.controllerScale(ref, pod.metadata?.namespace);
      if (!found) throw new SyncError(`found no controllers for pod "${pod.metadata!.name}"`);
      scales.set(found.uid, found.replicas);
    }
    let expected = 0;
    for (const n of scales.values()) expected += n;
    return { expected, unmanaged };
  }

  private controllerScale(ref: { apiVersion: string; kind: string; name: string; uid: string }, namespace: string | undefined): { uid: string; replicas: number } | undefined {
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    const owned = (inf: Informer, name: string, uid: string) => {
      const o = inf.getByName(namespace, name);
      return o && o.metadata?.uid === uid ? o : undefined;
    };
    const replicas = (o: KubeObject) => (typeof spec(o).replicas === 'number' ? (spec(o).replicas as number) : 1);
    if (ref.kind === 'ReplicationController' && group === '') {
      const rc = owned(this.rcs, ref.name, ref.uid);
      return rc && { uid: ref.uid, replicas: replicas(rc) };
    }
    if (ref.kind === 'ReplicaSet' && group === 'apps') {
      const rs = owned(this.rss, ref.name, ref.uid);
      if (!rs) return undefined;
      const parent = controllerOf(rs);
      if (parent?.kind === 'Deployment') {
        const d = owned(this.deployments, parent.name, parent.uid);
        return d && { uid: parent.uid, replicas: replicas(d) };
      }
      return { uid: ref.uid, replicas: replicas(rs) };
    }
    if (ref.kind === 'StatefulSet' && group === 'apps') {
      const sts = owned(this.statefulsets, ref.name, ref.uid);
      return sts && { uid: ref.uid, replicas: replicas(sts) };
    }
    return undefined;
  }

  private writeStatus(pdb: KubeObject, n: BudgetNumbers): boolean {
    const old = status(pdb);
    const generation = pdb.metadata?.generation ?? 0;
    const next: Obj = {
      ...old,
      currentHealthy: n.currentHealthy,
      desiredHealthy: n.desiredHealthy,
      expectedPods: n.expectedPods,
      disruptionsAllowed: n.disruptionsAllowed,
      observedGeneration: generation,
      conditions: disruptionAllowedCondition(old.conditions, n.disruptionsAllowed, generation, this.clock.rfc3339()),
    };
    if (Object.keys(n.disruptedPods).length) next.disruptedPods = n.disruptedPods;
    else delete next.disruptedPods;
    if (JSON.stringify(sortKeys(next)) === JSON.stringify(sortKeys(old))) return true;
    const r = this.client.updateStatus(PDBS, pdb.metadata!.namespace, { ...pdb, status: next });
    return r.code === 200 || r.code === 404;
  }

  /** failSafe: while the status cannot be computed, no disruption is allowed. */
  private failSafe(pdb: KubeObject, message: string): boolean {
    const old = status(pdb);
    const next: Obj = {
      ...old,
      disruptionsAllowed: 0,
      conditions: setCondition(old.conditions, { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message, observedGeneration: old.observedGeneration ?? 0 }, this.clock.rfc3339()),
    };
    if (JSON.stringify(sortKeys(next)) === JSON.stringify(sortKeys(old))) return true;
    const r = this.client.updateStatus(PDBS, pdb.metadata!.namespace, { ...pdb, status: next });
    return r.code === 200 || r.code === 404;
  }

  private typed(pdb: KubeObject): KubeObject {
    return { ...pdb, kind: 'PodDisruptionBudget', apiVersion: 'policy/v1' };
  }

  /** For tests and the eviction path: the current key of a budget. */
  static keyOf(pdb: KubeObject): string {
    return keyOf(pdb);
  }
}

function sortKeys(o: Obj): Obj {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}
