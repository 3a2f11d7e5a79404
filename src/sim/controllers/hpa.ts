/**
 * The horizontal pod autoscaler controller (pkg/controller/podautoscaler/horizontal.go): every
 * 15 s (--horizontal-pod-autoscaler-sync-period) each HPA reads its target's scale subresource,
 * the pods behind its selector and their usage from metrics.k8s.io, computes the replicas each
 * Resource metric asks for (the largest wins), stabilises and rate-limits the recommendation
 * (behavior, or the legacy rules: 5 min scale-down window, at most max(2×, 4) up), clamps it to
 * min/max, writes the scale, and records conditions and events with the real reasons and texts.
 */
import type { KubeObject } from '../apiserver/types';
import { parseQuantity } from '../apiserver/quantity';
import { matchesLabels, parseLabelSelector } from '../apiserver/selectors';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, type Informer } from './machinery/informer';
import { sameJsonText, status as statusOf, spec as specOf, type Obj } from './machinery/objects';
import { CalculationError, calculateReplicas, type PodInfo, type Sample, type Target } from '../metrics/replicas';

export const HPAS = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' };
const SYNC_PERIOD_MS = 15_000;
const LEGACY_DOWNSCALE_WINDOW_MS = 5 * 60 * 1000;

const SCALABLE: Record<string, { group: string; version: string; resource: string }> = {
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
  ReplicaSet: { group: 'apps', version: 'v1', resource: 'replicasets' },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  ReplicationController: { group: '', version: 'v1', resource: 'replicationcontrollers' },
};

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

interface Recommendation {
  replicas: number;
  at: number;
}

interface ScaleEvent {
  change: number;
  at: number;
}

interface Policy {
  type: string;
  value: number;
  periodSeconds: number;
}

interface Rules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: Policy[];
}

/** What one metric asked for, and what to show in status.currentMetrics. */
interface MetricResult {
  replicas: number;
  reason: string;
  status: Obj;
}

const RESOURCE_TEXT = (name: string, target: Target) =>
  target.type === 'Utilization' ? `${name} resource utilization (percentage of request)` : `${name} resource`;

/** resource.NewMilliQuantity(v, DecimalSI).String() for cpu millicores; bytes for memory (DecimalSI canonical). */
function quantityText(resource: string, value: number): string {
  let n = Math.trunc(value);
  if (resource === 'cpu') {
    if (n % 1000 !== 0) return `${n}m`;
    n /= 1000;
  }
  const suffixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  let i = 0;
  while (n !== 0 && n % 1000 === 0 && i < suffixes.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n}${suffixes[i]}`;
}

/**
 * Pods, Object and External metrics come from the custom and external metrics APIs, which no
 * add-on here serves: the failure the real controller reports for each.
 */
function customMetricFailure(m: Obj, ns: string): { reason: string; message: string } | undefined {
  const noCustom = 'unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';
  if (m.type === 'Pods') return { reason: 'FailedGetPodsMetric', message: `unable to get metric ${m.pods?.metric?.name}: ${noCustom}` };
  if (m.type === 'Object') {
    const obj = m.object?.describedObject ?? {};
    return { reason: 'FailedGetObjectMetric', message: `unable to get metric ${m.object?.metric?.name}: ${obj.kind} on ${ns} ${obj.name}/${noCustom}` };
  }
  if (m.type === 'External')
    return {
      reason: 'FailedGetExternalMetric',
      message: `unable to get external metric ${ns}/${m.external?.metric?.name}/nil: unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered`,
    };
  return undefined;
}

export class HorizontalPodAutoscalerController extends Controller {
  readonly name = 'horizontal-pod-autoscaler';
  private hpas!: Informer;
  private pods!: Informer;
  private recommendations = new Map<string, Recommendation[]>();
  private scaleUpEvents = new Map<string, ScaleEvent[]>();
  private scaleDownEvents = new Map<string, ScaleEvent[]>();

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override eventSource(): string {
    return 'horizontal-pod-autoscaler';
  }

  setup(): void {
    this.hpas = this.ctx.factory.for(HPAS);
    this.pods = this.ctx.factory.for({ group: '', version: 'v1', resource: 'pods' });
    this.hpas.addHandlers({
      onAdd: (o) => this.enqueue(o),
      onUpdate: (a, b) => {
        // Status writes of our own do not need another pass; spec changes do.
        if (!sameJsonText(a.spec, b.spec)) this.enqueue(b);
      },
      onDelete: (o) => {
        const key = keyOf(o);
        this.recommendations.delete(key);
        this.scaleUpEvents.delete(key);
        this.scaleDownEvents.delete(key);
      },
    });
  }

  sync(key: string): boolean {
    const hpa = this.hpas.get(key);
    if (!hpa) return true;
    try {
      this.reconcile(key, hpa);
    } finally {
      this.queue.addAfter(key, SYNC_PERIOD_MS);
    }
    return true;
  }

  private reconcile(key: string, hpa: KubeObject): void {
    const sp = specOf(hpa);
    const ns = hpa.metadata!.namespace!;
    const ref = (sp.scaleTargetRef ?? {}) as Obj;
    const now = this.clock.now();
    const conditions: Condition[] = [];
    const setCondition = (type: string, st: string, reason: string, message: string) => {
      const i = conditions.findIndex((c) => c.type === type);
      const c = { type, status: st, reason, message };
      if (i >= 0) conditions[i] = c;
      else conditions.push(c);
    };
    const target = SCALABLE[String(ref.kind)];
    const scaleRes = target
      ? this.client.request<Obj>({ verb: 'get', ...target, namespace: ns, name: String(ref.name), subresource: 'scale' })
      : undefined;
    if (!target || !scaleRes || scaleRes.code !== 200) {
      const why = scaleRes
        ? String((scaleRes.body as Obj)?.message ?? '')
        : `no matches for kind "${ref.kind}" in group "${String(ref.apiVersion ?? '').split('/').slice(0, -1).join('/')}"`;
      // The scale client names the subresource: `deployments/scale.apps "web" not found`.
      const text = target
        ? why.replace(target.group ? `${target.resource}.${target.group} ` : `${target.resource} `, `${target.resource}/scale${target.group ? '.' + target.group : ''} `)
        : why;
      this.recorder.event(hpa, 'Warning', 'FailedGetScale', text);
      setCondition('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${text}`);
      this.writeStatus(hpa, { currentReplicas: statusOf(hpa).currentReplicas ?? 0, desiredReplicas: statusOf(hpa).desiredReplicas ?? 0, currentMetrics: statusOf(hpa).currentMetrics ?? null }, conditions);
      return;
    }
    const scale = scaleRes.body as Obj;
    const currentReplicas = Number(scale.spec?.replicas ?? 0);
    const minReplicas = Number(sp.minReplicas ?? 1);
    const maxReplicas = Number(sp.maxReplicas ?? 0);
    setCondition('AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale');
    let desired = 0;
    let rescaleReason = '';
    let currentMetrics: Obj[] | null = null;
    if (currentReplicas === 0 && minReplicas !== 0) {
      desired = 0;
      setCondition('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
    } else if (currentReplicas > maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desired = maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desired = minReplicas;
    } else {
      const computed = this.computeReplicasForMetrics(hpa, scale, currentReplicas, now);
      currentMetrics = computed.statuses.length ? computed.statuses : null;
      if (computed.error) {
        setCondition('ScalingActive', 'False', computed.error.reason, computed.error.condition);
        this.writeStatus(hpa, { currentReplicas, desiredReplicas: statusOf(hpa).desiredReplicas ?? currentReplicas, currentMetrics, lastScaleTime: statusOf(hpa).lastScaleTime }, conditions);
        return;
      }
      setCondition('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${computed.reason}`);
      const normalized = this.normalize(key, hpa, currentReplicas, computed.replicas, minReplicas, maxReplicas, now, setCondition);
      desired = normalized;
      rescaleReason = desired > currentReplicas ? `${computed.reason} above target` : 'All metrics below target';
    }
    let lastScaleTime = statusOf(hpa).lastScaleTime;
    if (desired !== currentReplicas && !(currentReplicas === 0 && minReplicas !== 0)) {
      const upd = this.client.request({ verb: 'update', ...target, namespace: ns, name: String(ref.name), subresource: 'scale', body: { ...scale, spec: { ...scale.spec, replicas: desired } } });
      if (upd.code >= 300) {
        const msg = String((upd.body as Obj)?.message ?? '');
        setCondition('AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${msg}`);
        this.recorder.event(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${rescaleReason}; error: ${msg}`);
      } else {
        setCondition('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`);
        this.recorder.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${rescaleReason}`);
        const events = desired > currentReplicas ? this.scaleUpEvents : this.scaleDownEvents;
        // Policies look back at most 30 minutes (periodSeconds ≤ 1800): older events are dropped.
        events.set(key, [...(events.get(key) ?? []).filter((e) => e.at > now - 1_800_000), { change: Math.abs(desired - currentReplicas), at: now }]);
        lastScaleTime = this.clock.rfc3339();
      }
    } else if (!conditions.some((c) => c.type === 'ScalingLimited')) {
      setCondition('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range');
    }
    this.writeStatus(hpa, { currentReplicas, desiredReplicas: desired, currentMetrics, lastScaleTime }, conditions);
  }

  /** Replicas asked for by every metric; the largest wins. */
  private computeReplicasForMetrics(hpa: KubeObject, scale: Obj, currentReplicas: number, now: number) {
    const ns = hpa.metadata!.namespace!;
    const selectorText = String(scale.status?.selector ?? '');
    const statuses: Obj[] = [];
    let best: MetricResult | undefined;
    let firstError: { reason: string; condition: string } | undefined;
    let invalid = 0;
    let firstFailure = '';
    const metrics = (specOf(hpa).metrics ?? []) as Obj[];
    for (const m of metrics) {
      const custom = customMetricFailure(m, ns);
      if (custom) {
        invalid++;
        statuses.push({ type: '' });
        this.recorder.event(hpa, 'Warning', custom.reason, custom.message);
        if (!firstError) {
          firstError = { reason: custom.reason, condition: `the HPA was unable to compute the replica count: ${custom.message}` };
          firstFailure = `failed to get ${String(m.type).toLowerCase()} metric value: ${custom.message}`;
        }
        continue;
      }
      const source = m.type === 'ContainerResource' ? m.containerResource : m.type === 'Resource' ? m.resource : undefined;
      if (!source) {
        invalid++;
        statuses.push({ type: '' });
        continue;
      }
      const container = m.type === 'ContainerResource' ? String(source.container ?? '') : undefined;
      const name = String(source.name);
      const t = source.target ?? {};
      const target: Target =
        t.type === 'AverageValue'
          ? { type: 'AverageValue', averageValue: parseQuantity(String(t.averageValue)) * (name === 'cpu' ? 1000 : 1) }
          : { type: 'Utilization', averageUtilization: Number(t.averageUtilization ?? 80) };
      try {
        if (!selectorText) throw new CalculationError('selector is required');
        const samples = this.fetchSamples(ns, selectorText, name, container);
        const pods = this.podsFor(ns, selectorText, name, container);
        const calc = calculateReplicas(currentReplicas, pods, samples, name, target, now);
        const current: Obj = { averageValue: quantityText(name, calc.rawAverage) };
        if (calc.utilization !== undefined) current.averageUtilization = calc.utilization;
        statuses.push(container === undefined ? { type: 'Resource', resource: { name, current } } : { type: 'ContainerResource', containerResource: { name, container, current } });
        const reason = container === undefined ? RESOURCE_TEXT(name, target) : RESOURCE_TEXT(name, target).replace(' resource', ' container resource');
        const result = { replicas: calc.replicas, reason, status: current };
        if (!best || result.replicas > best.replicas) best = result;
      } catch (e) {
        invalid++;
        const detail = e instanceof Error ? e.message : String(e);
        const what = target.type === 'Utilization' ? `failed to get ${name} utilization` : `failed to get ${name} usage`;
        const msg = detail.startsWith('missing request') ? `${what}: ${detail}` : `${what}: unable to get metrics for resource ${name}: ${detail}`;
        const reason = container === undefined ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric';
        statuses.push({ type: '' });
        this.recorder.event(hpa, 'Warning', reason, msg);
        if (!firstError) {
          firstError = { reason, condition: `the HPA was unable to compute the replica count: ${msg}` };
          firstFailure = `failed to get ${name} ${container === undefined ? 'resource' : 'container'} metric value: ${msg}`;
        }
      }
    }
    // All metrics invalid, or some invalid and the rest would scale down: do not act on partial data.
    if (invalid > 0 && (!best || best.replicas < currentReplicas)) {
      // invalid metrics (1 invalid out of 1), first error is: …
      this.recorder.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (${invalid} invalid out of ${metrics.length}), first error is: ${firstFailure}`);
      return { replicas: currentReplicas, reason: '', statuses: best ? statuses : [], error: firstError ?? { reason: 'InvalidMetricSourceType', condition: 'the HPA was unable to compute the replica count: no valid metrics' } };
    }
    // One status per metric spec, in order (an empty one for a metric that failed), as kubectl reads them by index.
    return { replicas: best!.replicas, reason: best!.reason, statuses, error: undefined };
  }

  /** Per-pod usage from metrics.k8s.io (sum of containers; milli for cpu, bytes for memory). */
  private fetchSamples(ns: string, selector: string, resource: string, container?: string): Map<string, Sample> {
    const r = this.client.request<Obj>({ verb: 'list', group: 'metrics.k8s.io', version: 'v1beta1', resource: 'pods', namespace: ns, query: { labelSelector: selector } });
    if (r.code !== 200) throw new CalculationError(`unable to fetch metrics from resource metrics API: ${String((r.body as Obj)?.message ?? '')} (get pods.metrics.k8s.io)`);
    const out = new Map<string, Sample>();
    for (const item of ((r.body as Obj).items ?? []) as Obj[]) {
      let value = 0;
      // Quantity.MilliValue() per container rounds up; memory is kept in bytes.
      for (const c of (item.containers ?? []) as Obj[]) if (container === undefined || c.name === container) value += Math.ceil(parseQuantity(String(c.usage?.[resource] ?? '0')) * (resource === 'cpu' ? 1000 : 1));
      out.set(String(item.metadata?.name), { value, timestamp: Date.parse(item.timestamp), windowMs: (parseFloat(String(item.window ?? '15s')) || 15) * 1000 });
    }
    return out;
  }

  private podsFor(ns: string, selector: string, resource: string, container?: string): PodInfo[] {
    const parsed = parseLabelSelector(selector);
    if ('error' in parsed) throw new CalculationError(`couldn't convert selector into a corresponding internal selector object: ${parsed.error}`);
    return this.pods
      .list()
      .filter((p) => p.metadata?.namespace === ns && matchesLabels(parsed, p.metadata?.labels))
      .map((p) => {
        const st = statusOf(p);
        const ready = ((st.conditions ?? []) as Obj[]).find((c) => c.type === 'Ready');
        let request: number | undefined = 0;
        let missingRequestIn: string | undefined;
        for (const c of ((specOf(p).containers ?? []) as Obj[]).filter((x) => container === undefined || x.name === container)) {
          const v = c.resources?.requests?.[resource];
          if (v === undefined) {
            request = undefined;
            missingRequestIn = String(c.name);
            break;
          }
          request += parseQuantity(String(v)) * (resource === 'cpu' ? 1000 : 1);
        }
        return {
          name: p.metadata!.name!,
          phase: String(st.phase ?? 'Pending'),
          deleting: !!p.metadata?.deletionTimestamp,
          ready: ready?.status === 'True',
          startTime: st.startTime ? Date.parse(st.startTime) : undefined,
          readySince: ready?.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : undefined,
          request,
          missingRequestIn,
        };
      });
  }

  /** Stabilise, rate-limit and clamp a recommendation, setting AbleToScale/ScalingLimited. */
  private normalize(
    key: string,
    hpa: KubeObject,
    current: number,
    proposed: number,
    min: number,
    max: number,
    now: number,
    setCondition: (type: string, st: string, reason: string, message: string) => void,
  ): number {
    const behavior = specOf(hpa).behavior as { scaleUp?: Rules; scaleDown?: Rules } | undefined;
    const recs = (this.recommendations.get(key) ?? []).filter((r) => r.at > now - 3600_000);
    const upWindow = behavior ? (behavior.scaleUp?.stabilizationWindowSeconds ?? 0) * 1000 : 0;
    const downWindow = behavior ? (behavior.scaleDown?.stabilizationWindowSeconds ?? 300) * 1000 : LEGACY_DOWNSCALE_WINDOW_MS;
    let up = proposed;
    let down = proposed;
    for (const r of recs) {
      if (r.at > now - upWindow) up = Math.min(up, r.replicas);
      if (r.at > now - downWindow) down = Math.max(down, r.replicas);
    }
    let stabilized = Math.min(Math.max(current, up), down);
    recs.push({ replicas: proposed, at: now });
    this.recommendations.set(key, recs.filter((r) => r.at > now - Math.max(upWindow, downWindow) - 1));
    if (stabilized !== proposed) {
      if (stabilized > proposed) setCondition('AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
      else setCondition('AbleToScale', 'True', 'ScaleUpStabilized', 'recent recommendations were lower than current one, applying the lowest recent recommendation');
    } else setCondition('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    let limitReason: [string, string] | undefined;
    if (!behavior) {
      const upLimit = Math.max(2 * current, 4);
      const maxAllowed = Math.min(max, upLimit);
      if (stabilized > upLimit && upLimit < max) limitReason = ['ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate'];
      else if (stabilized > max) limitReason = ['TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
      if (stabilized < min) {
        limitReason = ['TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
        stabilized = min;
      } else if (stabilized > maxAllowed) stabilized = maxAllowed;
    } else {
      const upLimit = this.rateLimit(key, current, behavior.scaleUp, true, now);
      const downLimit = this.rateLimit(key, current, behavior.scaleDown, false, now);
      if (stabilized > current) {
        if (stabilized > upLimit) {
          limitReason = ['ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate'];
          stabilized = upLimit;
        }
        if (stabilized > max) {
          limitReason = ['TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
          stabilized = max;
        }
      } else if (stabilized < current) {
        if (stabilized < downLimit) {
          limitReason = ['ScaleDownLimit', 'the desired replica count is decreasing faster than the maximum scale rate'];
          stabilized = downLimit;
        }
        if (stabilized < min) {
          limitReason = ['TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
          stabilized = min;
        }
      }
      if (stabilized > max) stabilized = max;
      if (stabilized < min) stabilized = min;
    }
    if (limitReason) setCondition('ScalingLimited', 'True', limitReason[0], limitReason[1]);
    else setCondition('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range');
    return stabilized;
  }

  /** The furthest the policies let the replicas move from `current` now (behavior.scaleUp/Down). */
  private rateLimit(key: string, current: number, rules: Rules | undefined, up: boolean, now: number): number {
    const policies = rules?.policies ?? (up ? [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] : [{ type: 'Percent', value: 100, periodSeconds: 15 }]);
    const select = rules?.selectPolicy ?? 'Max';
    if (select === 'Disabled') return current;
    const events = (up ? this.scaleUpEvents : this.scaleDownEvents).get(key) ?? [];
    const limits = policies.map((p) => {
      const changed = events.filter((e) => e.at > now - p.periodSeconds * 1000).reduce((s, e) => s + e.change, 0);
      const start = up ? current - changed : current + changed;
      if (p.type === 'Pods') return up ? start + p.value : start - p.value;
      return up ? Math.ceil(start * (1 + p.value / 100)) : Math.trunc(start * (1 - p.value / 100));
    });
    // Max lets through the biggest change, Min the smallest.
    if (up) return select === 'Min' ? Math.min(...limits) : Math.max(...limits);
    return select === 'Min' ? Math.max(...limits) : Math.min(...limits);
  }

  private writeStatus(hpa: KubeObject, fields: Obj, conditions: Condition[]): void {
    const old = (statusOf(hpa).conditions ?? []) as Condition[];
    const stamped = conditions.map((c) => {
      const prev = old.find((o) => o.type === c.type);
      return { type: c.type, status: c.status, lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : this.clock.rfc3339(), reason: c.reason, message: c.message };
    });
    const st: Obj = { ...fields, conditions: stamped };
    if (st.lastScaleTime === undefined) delete st.lastScaleTime;
    if (JSON.stringify(st) === JSON.stringify(hpa.status)) return;
    this.client.request({ verb: 'update', ...HPAS, namespace: hpa.metadata!.namespace, name: hpa.metadata!.name, subresource: 'status', body: { ...hpa, status: st } });
  }
}
