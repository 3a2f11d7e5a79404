/**
 * The HPA's replica calculator for resource metrics (pkg/controller/podautoscaler/
 * replica_calculator.go): usage ratio against the target, a 10 % tolerance, missing pods assumed
 * at 100 % of their request when scaling down and at 0 when scaling up, unready pods at 0 when
 * scaling up, and no change of direction because of those assumptions. Pure.
 */
export const TOLERANCE = 0.1;
/** CPU samples of pods younger than this are trusted only once the pod is ready. */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60 * 1000;
/** A pod whose readiness flipped within this of its start is treated as not yet ready. */
export const INITIAL_READINESS_DELAY_MS = 30 * 1000;

export interface PodInfo {
  name: string;
  phase: string;
  deleting: boolean;
  ready: boolean;
  startTime?: number;
  readySince?: number;
  /** Sum of the containers' requests (milli for cpu, bytes for memory); undefined when one has none. */
  request?: number;
  /** First container without a request, for the error text. */
  missingRequestIn?: string;
}

export interface Sample {
  /** milli for cpu, bytes for memory */
  value: number;
  timestamp: number;
  windowMs: number;
}

export type Target = { type: 'Utilization'; averageUtilization: number } | { type: 'AverageValue'; averageValue: number };

export interface Calculation {
  replicas: number;
  /** Percent of request (Utilization targets). */
  utilization?: number;
  /** Average per ready pod with metrics (milli or bytes). */
  rawAverage: number;
}

export class CalculationError extends Error {}

/** Classify pods: ready with samples, unready, missing samples, ignored (deleted/failed). */
function groupPods(pods: PodInfo[], samples: Map<string, Sample>, resource: string, now: number) {
  const ready = new Map<string, Sample>();
  const unready: string[] = [];
  const missing: string[] = [];
  for (const p of pods) {
    if (p.deleting || p.phase === 'Failed') continue;
    if (p.phase === 'Pending') {
      unready.push(p.name);
      continue;
    }
    const s = samples.get(p.name);
    if (!s) {
      missing.push(p.name);
      continue;
    }
    if (resource === 'cpu') {
      let isUnready: boolean;
      if (p.startTime !== undefined && p.startTime + CPU_INITIALIZATION_PERIOD_MS > now) {
        isUnready = !p.ready || (p.readySince !== undefined && s.timestamp < p.readySince + s.windowMs);
      } else {
        isUnready = !p.ready && p.startTime !== undefined && p.readySince !== undefined && p.startTime + INITIAL_READINESS_DELAY_MS > p.readySince;
      }
      if (isUnready) {
        unready.push(p.name);
        continue;
      }
    }
    ready.set(p.name, s);
  }
  return { ready, unready, missing };
}

function ratioOf(values: Map<string, number>, requests: Map<string, number>, target: Target): { ratio: number; utilization?: number; rawAverage: number } {
  let sum = 0;
  for (const v of values.values()) sum += v;
  const rawAverage = values.size ? sum / values.size : 0;
  if (target.type === 'Utilization') {
    let req = 0;
    for (const name of values.keys()) req += requests.get(name) ?? 0;
    if (req === 0) throw new CalculationError('no metrics returned matched known pods');
    const utilization = Math.trunc((sum * 100) / req);
    return { ratio: utilization / target.averageUtilization, utilization, rawAverage };
  }
  return { ratio: rawAverage / target.averageValue, rawAverage };
}

export function calculateReplicas(
  currentReplicas: number,
  pods: PodInfo[],
  samples: Map<string, Sample>,
  resource: string,
  target: Target,
  now: number,
): Calculation {
  if (samples.size === 0) throw new CalculationError('no metrics returned from resource metrics API');
  if (pods.length === 0) throw new CalculationError('no pods returned by selector while calculating replica count');
  const requests = new Map<string, number>();
  if (target.type === 'Utilization') {
    for (const p of pods) {
      if (p.request === undefined) throw new CalculationError(`missing request for ${resource} in container ${p.missingRequestIn} of Pod ${p.name}`);
      requests.set(p.name, p.request);
    }
  }
  const { ready, unready, missing } = groupPods(pods, samples, resource, now);
  const values = new Map([...ready].map(([k, s]) => [k, s.value]));
  if (values.size === 0) throw new CalculationError('did not receive metrics for targeted pods (pods might be unready)');
  const first = ratioOf(values, requests, target);
  const scaleUpWithUnready = unready.length > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && missing.length === 0) {
    if (Math.abs(1 - first.ratio) <= TOLERANCE) return { replicas: currentReplicas, utilization: first.utilization, rawAverage: first.rawAverage };
    return { replicas: Math.ceil(first.ratio * values.size), utilization: first.utilization, rawAverage: first.rawAverage };
  }
  // Missing pods are assumed to use 100 % of their request (or the target value) when scaling down.
  const perPodTarget = (name: string) => (target.type === 'Utilization' ? (requests.get(name) ?? 0) : target.averageValue);
  const adjusted = new Map(values);
  for (const name of missing) adjusted.set(name, first.ratio < 1 ? perPodTarget(name) : 0);
  if (scaleUpWithUnready) for (const name of unready) adjusted.set(name, 0);
  const second = ratioOf(adjusted, requests, target);
  if (Math.abs(1 - second.ratio) <= TOLERANCE || (first.ratio < 1 && second.ratio > 1) || (first.ratio > 1 && second.ratio < 1))
    return { replicas: currentReplicas, utilization: first.utilization, rawAverage: first.rawAverage };
  const replicas = Math.ceil(second.ratio * adjusted.size);
  if ((second.ratio < 1 && replicas > currentReplicas) || (second.ratio > 1 && replicas < currentReplicas))
    return { replicas: currentReplicas, utilization: first.utilization, rawAverage: first.rawAverage };
  return { replicas, utilization: first.utilization, rawAverage: first.rawAverage };
}
