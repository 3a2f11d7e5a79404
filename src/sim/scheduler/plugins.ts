/**
 * The default scheduling profile's filter and score plugins, with the reason texts of
 * k8s.io/kubernetes/pkg/scheduler/framework/plugins. A filter returns undefined when the node
 * fits, or its reasons and whether preemption could help (Unschedulable) or not
 * (UnschedulableAndUnresolvable).
 */
import type { KubeObject } from '../apiserver/types';
import { selectorMatches, spec, status, type Obj } from '../controllers/machinery/objects';
import { allocatable, hostPorts, podRequests, sharedPodRequests, type NodeInfo } from './resources';
import { nodeSelectorTermMatches } from '../controllers/node-selector';

export interface FilterFailure {
  reasons: string[];
  /** True when removing pods (preemption) cannot make the node fit. */
  unresolvable: boolean;
  /** The plugin that rejected the node (what the queueing hints look at). */
  plugin?: string;
}

export interface ClusterView {
  nodeInfos: NodeInfo[];
  /** Existing pods with required anti-affinity terms, and their nodes (computed once per cycle). */
  antiAffinity?: { pod: KubeObject; node: KubeObject }[];
  /** The pod's claims (VolumeBinding's PreFilter result): why a node cannot have their volumes. */
  volumes?: { reasons(node: KubeObject): string[] };
}

function withAntiAffinity(view: ClusterView): { pod: KubeObject; node: KubeObject }[] {
  if (!view.antiAffinity) {
    view.antiAffinity = [];
    for (const ni of view.nodeInfos) for (const p of ni.podsWithRequiredAntiAffinity) view.antiAffinity.push({ pod: p, node: ni.node });
  }
  return view.antiAffinity;
}

export interface FilterPlugin {
  name: string;
  filter(pod: KubeObject, info: NodeInfo, view: ClusterView): FilterFailure | undefined;
}

const fail = (unresolvable: boolean, ...reasons: string[]): FilterFailure => ({ reasons, unresolvable });

export function tolerates(tolerations: Obj[], taint: Obj): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

export function nodeMatchesPod(pod: KubeObject, node: KubeObject): boolean {
  const sel = (spec(pod).nodeSelector ?? {}) as Record<string, string>;
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return false;
  const required = spec(pod).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) {
    const terms = (required.nodeSelectorTerms ?? []) as Obj[];
    if (!terms.some((t) => nodeSelectorTermMatches(t, node))) return false;
  }
  return true;
}

const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(pod, info) {
    if (!spec(info.node).unschedulable) return undefined;
    const tolerated = tolerates((spec(pod).tolerations ?? []) as Obj[], { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
    return tolerated ? undefined : fail(true, 'node(s) were unschedulable');
  },
};

const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter(pod, info) {
    const want = spec(pod).nodeName;
    return want && want !== info.node.metadata?.name ? fail(true, "node(s) didn't match the requested node name") : undefined;
  },
};

const taintToleration: FilterPlugin = {
  name: 'TaintToleration',
  filter(pod, info) {
    const tolerations = (spec(pod).tolerations ?? []) as Obj[];
    for (const taint of (spec(info.node).taints ?? []) as Obj[]) {
      if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
      if (!tolerates(tolerations, taint)) return fail(true, `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
    }
    return undefined;
  },
};

const nodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  filter(pod, info) {
    return nodeMatchesPod(pod, info.node) ? undefined : fail(true, "node(s) didn't match Pod's node affinity/selector");
  },
};

const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  filter(pod, info) {
    for (const want of hostPorts(pod))
      for (const used of info.ports)
        if (used.port === want.port && used.protocol === want.protocol && (used.ip === want.ip || used.ip === '0.0.0.0' || want.ip === '0.0.0.0'))
          return fail(false, "node(s) didn't have free ports for the requested pod ports");
    return undefined;
  },
};

const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(pod, info) {
    const alloc = allocatable(info.node);
    const req = podRequests(pod);
    const reasons: string[] = [];
    if (info.podCount + 1 > alloc.pods) reasons.push('Too many pods');
    if (req.cpu > 0 && req.cpu > alloc.cpu - info.requested.cpu + 1e-9) reasons.push('Insufficient cpu');
    if (req.memory > 0 && req.memory > alloc.memory - info.requested.memory) reasons.push('Insufficient memory');
    if (req.ephemeral > 0 && req.ephemeral > alloc.ephemeral - info.requested.ephemeral) reasons.push('Insufficient ephemeral-storage');
    return reasons.length ? fail(false, ...reasons) : undefined;
  },
};

function topologyValue(node: KubeObject, key: string): string | undefined {
  return node.metadata?.labels?.[key];
}

function podsMatching(view: ClusterView, selector: Obj | undefined, namespaces: string[], topologyKey: string, value: string): number {
  let n = 0;
  for (const ni of view.nodeInfos) {
    if (topologyValue(ni.node, topologyKey) !== value) continue;
    for (const p of ni.pods) if (namespaces.includes(p.metadata?.namespace ?? '') && selectorMatches(selector, p.metadata?.labels)) n++;
  }
  return n;
}

const podTopologySpread: FilterPlugin = {
  name: 'PodTopologySpread',
  filter(pod, info, view) {
    for (const c of (spec(pod).topologySpreadConstraints ?? []) as Obj[]) {
      if (c.whenUnsatisfiable !== 'DoNotSchedule') continue;
      const key = String(c.topologyKey);
      const value = topologyValue(info.node, key);
      if (value === undefined) return fail(true, "node(s) didn't match pod topology spread constraints (missing required label)");
      const ns = [pod.metadata?.namespace ?? 'default'];
      const domains = new Set<string>();
      for (const ni of view.nodeInfos) {
        const v = topologyValue(ni.node, key);
        if (v !== undefined && nodeMatchesPod(pod, ni.node)) domains.add(v);
      }
      let min = Infinity;
      for (const d of domains) min = Math.min(min, podsMatching(view, c.labelSelector, ns, key, d));
      if (!Number.isFinite(min)) min = 0;
      const self = selectorMatches(c.labelSelector, pod.metadata?.labels) ? 1 : 0;
      const count = podsMatching(view, c.labelSelector, ns, key, value);
      if (count + self - min > Number(c.maxSkew ?? 1)) return fail(false, "node(s) didn't match pod topology spread constraints");
    }
    return undefined;
  },
};

function affinityTerms(pod: KubeObject, kind: 'podAffinity' | 'podAntiAffinity'): Obj[] {
  return (spec(pod).affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as Obj[];
}

function termNamespaces(term: Obj, pod: KubeObject): string[] {
  const ns = (term.namespaces ?? []) as string[];
  return ns.length ? ns : [pod.metadata?.namespace ?? 'default'];
}

const interPodAffinity: FilterPlugin = {
  name: 'InterPodAffinity',
  filter(pod, info, view) {
    for (const t of affinityTerms(pod, 'podAffinity')) {
      const key = String(t.topologyKey);
      const v = topologyValue(info.node, key);
      const count = v === undefined ? 0 : podsMatching(view, t.labelSelector, termNamespaces(t, pod), key, v);
      if (count === 0) {
        // The first pod of a group may land anywhere if nothing matches in the whole cluster and it matches itself.
        const anywhere = view.nodeInfos.some((ni) => ni.pods.some((p) => selectorMatches(t.labelSelector, p.metadata?.labels)));
        if (anywhere || !selectorMatches(t.labelSelector, pod.metadata?.labels)) return fail(true, "node(s) didn't match pod affinity rules");
      }
    }
    for (const t of affinityTerms(pod, 'podAntiAffinity')) {
      const key = String(t.topologyKey);
      const v = topologyValue(info.node, key);
      if (v !== undefined && podsMatching(view, t.labelSelector, termNamespaces(t, pod), key, v) > 0) return fail(false, "node(s) didn't match pod anti-affinity rules");
    }
    // Then existing pods' anti-affinity against the incoming pod (the order of the real filter).
    for (const { pod: other, node } of withAntiAffinity(view))
      for (const t of affinityTerms(other, 'podAntiAffinity')) {
        const key = String(t.topologyKey);
        if (!termNamespaces(t, other).includes(pod.metadata?.namespace ?? '')) continue;
        if (!selectorMatches(t.labelSelector, pod.metadata?.labels)) continue;
        const v = topologyValue(node, key);
        if (v !== undefined && topologyValue(info.node, key) === v) return fail(false, "node(s) didn't satisfy existing pods anti-affinity rules");
      }
    return undefined;
  },
};

/** VolumeBinding (volume-binding.ts): the pod's volumes must be reachable, or possible to get, on the node. */
const volumeBinding: FilterPlugin = {
  name: 'VolumeBinding',
  filter(_pod, info, view) {
    const reasons = view.volumes?.reasons(info.node) ?? [];
    return reasons.length ? fail(true, ...reasons) : undefined;
  },
};

/** Filter order of the default profile. */
export const FILTERS: FilterPlugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit, volumeBinding, podTopologySpread, interPodAffinity];

// ------------------------------------------------------------------ scoring

/**
 * NodeResourcesFit (LeastAllocated) + NodeResourcesBalancedAllocation + default spreading, 0..300,
 * as a function of the node: what depends on the pod alone is read once, not once per node.
 */
export function nodeScorer(pod: KubeObject): (info: NodeInfo) => number {
  const req = sharedPodRequests(pod, true);
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller)?.uid;
  const tolerations = (spec(pod).tolerations ?? []) as Obj[];
  return (info) => {
    const alloc = allocatable(info.node);
    const cpuFrac = alloc.cpu ? Math.min(1, (info.nonZeroRequested.cpu + req.cpu) / alloc.cpu) : 1;
    const memFrac = alloc.memory ? Math.min(1, (info.nonZeroRequested.memory + req.memory) / alloc.memory) : 1;
    const least = ((1 - cpuFrac) * 100 + (1 - memFrac) * 100) / 2;
    const balanced = (1 - Math.abs(cpuFrac - memFrac) / 2) * 100;
    // Default topology spreading: fewer pods of the same owner on the node score higher.
    const same = owner ? (info.podsByOwner.get(owner) ?? 0) : 0;
    const spread = 100 / (1 + same);
    // TaintToleration: PreferNoSchedule taints that are not tolerated lower the score.
    let soft = 0;
    for (const t of (spec(info.node).taints ?? []) as Obj[]) if (t.effect === 'PreferNoSchedule' && !tolerates(tolerations, t)) soft++;
    return least + balanced + 2 * spread - soft * 50 + preferredAffinity(pod, info.node);
  };
}

function preferredAffinity(pod: KubeObject, node: KubeObject): number {
  let score = 0;
  for (const p of (spec(pod).affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as Obj[])
    if (nodeSelectorTermMatches(p.preference ?? {}, node)) score += Number(p.weight ?? 0);
  return score;
}

export function isTerminal(pod: KubeObject): boolean {
  const phase = status(pod).phase;
  return phase === 'Succeeded' || phase === 'Failed';
}
