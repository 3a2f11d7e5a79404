/**
 * The DefaultPreemption post-filter (pkg/scheduler/framework/plugins/defaultpreemption and
 * framework/preemption): when a pod fits nowhere, find on each node the smallest set of pods of
 * lower priority whose removal lets it fit, preferring victims whose eviction violates no
 * PodDisruptionBudget, and pick the node that costs least. When no node can help, say why per
 * node, as the `preemption: ...` part of the FailedScheduling message.
 */
import type { KubeObject } from '../apiserver/types';
import { selectorMatches, spec, status, type Obj } from '../controllers/machinery/objects';
import { FILTERS, type ClusterView, type FilterFailure } from './plugins';
import { NodeInfo } from './resources';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export function podPriority(p: KubeObject): number {
  const v = spec(p).priority;
  return typeof v === 'number' ? v : 0;
}

export interface Candidate {
  node: string;
  victims: KubeObject[];
  /** How many victims' eviction would violate a PodDisruptionBudget. */
  violations: number;
}

export type PreemptionResult = { candidate: Candidate } | { message: string };

/** Do all filters pass for the pod on this node? */
function fits(pod: KubeObject, info: NodeInfo, view: ClusterView): boolean {
  const local: ClusterView = { nodeInfos: view.nodeInfos.map((i) => (i.node === info.node ? info : i)) };
  return FILTERS.every((f) => f.filter(pod, info, local) === undefined);
}

function nodeInfoWith(node: KubeObject, pods: KubeObject[]): NodeInfo {
  const info = new NodeInfo(node);
  for (const p of pods) info.add(p);
  return info;
}

/** MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportantFirst(a: KubeObject, b: KubeObject): number {
  const d = podPriority(b) - podPriority(a);
  if (d) return d;
  const t = (p: KubeObject) => Date.parse(String(status(p).startTime ?? p.metadata?.creationTimestamp ?? '')) || 0;
  return t(a) - t(b);
}

/**
 * filterPodsWithPDBViolation: pods whose eviction would take a budget below zero allowed
 * disruptions (pods already listed in a budget's disruptedPods do not count against it).
 */
export function splitByBudget(pods: KubeObject[], pdbs: KubeObject[]): { violating: KubeObject[]; nonViolating: KubeObject[] } {
  const allowed = new Map<KubeObject, number>(pdbs.map((b) => [b, Number(status(b).disruptionsAllowed ?? 0)]));
  const violating: KubeObject[] = [];
  const nonViolating: KubeObject[] = [];
  for (const p of pods) {
    let violates = false;
    for (const b of pdbs) {
      if (b.metadata?.namespace !== p.metadata?.namespace) continue;
      const sel = spec(b).selector as Obj | undefined;
      if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) continue;
      if (!selectorMatches(sel, p.metadata?.labels)) continue;
      if ((status(b).disruptedPods as Record<string, string> | undefined)?.[p.metadata!.name!]) continue;
      const left = allowed.get(b)! - 1;
      allowed.set(b, left);
      if (left < 0) violates = true;
    }
    (violates ? violating : nonViolating).push(p);
  }
  return { violating, nonViolating };
}

/** SelectVictimsOnNode: remove every lower-priority pod, then reprieve as many as still fit. */
export function selectVictims(pod: KubeObject, info: NodeInfo, view: ClusterView, pdbs: KubeObject[]): Candidate | undefined {
  const prio = podPriority(pod);
  const lower = info.pods.filter((p) => podPriority(p) < prio);
  if (!lower.length) return undefined;
  const kept = info.pods.filter((p) => podPriority(p) >= prio);
  if (!fits(pod, nodeInfoWith(info.node, kept), view)) return undefined;
  const { violating, nonViolating } = splitByBudget([...lower].sort(moreImportantFirst), pdbs);
  const victims: KubeObject[] = [];
  let violations = 0;
  const reprieve = (p: KubeObject, violates: boolean) => {
    if (fits(pod, nodeInfoWith(info.node, [...kept, p]), view)) kept.push(p);
    else {
      victims.push(p);
      if (violates) violations++;
    }
  };
  for (const p of violating) reprieve(p, true);
  for (const p of nonViolating) reprieve(p, false);
  if (!victims.length) return undefined;
  return { node: info.node.metadata!.name!, victims, violations };
}

/** pickOneNodeForPreemption: fewest budget violations, lowest top victim priority, lowest sum, fewest victims. */
export function pickCandidate(candidates: Candidate[]): Candidate {
  const key = (c: Candidate) => {
    const prios = c.victims.map(podPriority);
    return [c.violations, Math.max(...prios), prios.reduce((a, b) => a + b, 0), c.victims.length];
  };
  let best = candidates[0];
  for (const c of candidates.slice(1)) {
    const a = key(c);
    const b = key(best);
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        if (a[i] < b[i]) best = c;
        break;
      }
    }
  }
  return best;
}

/** `<n> <reason>` sorted, as FitError's histogram. */
export function histogram(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).sort().join(', ');
}

/**
 * PostFilter for a pod that fits nowhere. `failures` holds each node's filter failure (by node
 * name); every node failed. Returns the chosen candidate, or the message of the post-filter.
 */
export function preempt(pod: KubeObject, infos: NodeInfo[], failures: Map<string, FilterFailure>, view: ClusterView, pdbs: KubeObject[]): PreemptionResult {
  if (spec(pod).preemptionPolicy === 'Never') return { message: 'not eligible due to preemptionPolicy=Never.' };
  const nominated = status(pod).nominatedNodeName as string | undefined;
  if (nominated) {
    const info = infos.find((i) => i.node.metadata?.name === nominated);
    const failure = failures.get(nominated);
    const prio = podPriority(pod);
    if (info && !failure?.unresolvable && info.pods.some((p) => p.metadata?.deletionTimestamp && podPriority(p) < prio))
      return { message: 'not eligible due to a terminating pod on the nominated node.' };
  }
  const reasons: string[] = [];
  const candidates: Candidate[] = [];
  for (const info of infos) {
    const failure = failures.get(info.node.metadata!.name!);
    if (!failure) continue;
    if (failure.unresolvable) {
      reasons.push(NOT_HELPFUL);
      continue;
    }
    const c = selectVictims(pod, info, view, pdbs);
    if (c) candidates.push(c);
    else reasons.push(NO_VICTIMS);
  }
  if (!candidates.length) return { message: `0/${infos.length} nodes are available: ${histogram(reasons)}.` };
  return { candidate: pickCandidate(candidates) };
}
