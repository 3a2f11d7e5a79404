/**
 * The kubelet's predicate admission of a pod bound to its node (pkg/kubelet/lifecycle/predicate.go,
 * v1.33). A pod that reaches a node without the scheduler (spec.nodeName set by hand) meets these
 * checks only here; one that fails is rejected: it goes Failed with the first failure as its reason.
 *
 * The order is the real one:
 * 1. the pod's `kubernetes.io/os` label against the node's OS (PodOSSelectorNodeLabelDoesNotMatch),
 *    then spec.os.name (PodOSNotSupported);
 * 2. scheduler.AdmissionCheck(pod, nodeInfo, includeAllFailures=true): noderesources.Fits (pods, cpu,
 *    memory, ephemeral-storage: InsufficientResourceError, reason "OutOf<resource>"), the required
 *    node affinity and nodeSelector (NodeAffinity), the node name (NodeName), host ports (NodePorts);
 * 3. except for static pods, the node's NoExecute taints the pod does not tolerate (TaintToleration).
 *
 * A predicate failure's message is PredicateFailureError.Error(): `Predicate %s failed: %s`.
 */
import type { KubeObject } from '../apiserver/types';
import { spec, type Obj } from '../controllers/machinery/objects';
import { hostPorts, sharedPodRequests } from '../scheduler/resources';
import { nodeMatchesPod, tolerates } from '../scheduler/plugins';

export interface AdmissionFailure {
  reason: string;
  message: string;
}

export interface NodeCapacity {
  /** Allocatable CPU in cores, memory and ephemeral storage in bytes. */
  cpu: number;
  memory: number;
  ephemeral: number;
  pods: number;
}

/** The kubelet's GOOS. */
const NODE_OS = 'linux';

const predicateFailed = (name: string, desc: string): AdmissionFailure => ({ reason: name, message: `Predicate ${name} failed: ${desc}` });

/** InsufficientResourceError.Error(), with the reason predicate.go gives each resource. */
function insufficient(resource: string, requested: number, used: number, capacity: number): AdmissionFailure {
  return { reason: `OutOf${resource}`, message: `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${used}, capacity: ${capacity}` };
}

/**
 * noderesources.Fits: the pod count first, then (when the pod requests anything) cpu in
 * millicores, memory and ephemeral storage in bytes, each against allocatable minus what the
 * node's admitted pods request.
 */
function resourceFailure(pod: KubeObject, others: readonly KubeObject[], alloc: NodeCapacity): AdmissionFailure | undefined {
  if (others.length + 1 > alloc.pods) return insufficient('pods', 1, others.length, alloc.pods);
  const want = sharedPodRequests(pod, false);
  // Nothing requested fits whatever runs: no sum over the node's pods (most pods of a big rollout).
  if (!(want.cpu > 0) && !(want.memory > 0) && !(want.ephemeral > 0)) return undefined;
  const used = { cpu: 0, memory: 0, ephemeral: 0 };
  for (const p of others) {
    const r = sharedPodRequests(p, false);
    used.cpu += r.cpu;
    used.memory += r.memory;
    used.ephemeral += r.ephemeral;
  }
  const checks: [keyof typeof used, string, number][] = [
    ['cpu', 'cpu', 1000],
    ['memory', 'memory', 1],
    ['ephemeral', 'ephemeral-storage', 1],
  ];
  for (const [key, name, scale] of checks) {
    if (want[key] > 0 && used[key] + want[key] > alloc[key] + 1e-9) return insufficient(name, Math.round(want[key] * scale), Math.round(used[key] * scale), Math.round(alloc[key] * scale));
  }
  return undefined;
}

/** nodeports.Fits: a host port (and protocol) that another admitted pod already holds on an overlapping IP. */
function portsConflict(pod: KubeObject, others: readonly KubeObject[]): boolean {
  const wanted = hostPorts(pod);
  if (!wanted.length) return false;
  for (const other of others)
    for (const used of hostPorts(other))
      for (const want of wanted)
        if (used.port === want.port && used.protocol === want.protocol && (used.ip === want.ip || used.ip === '0.0.0.0' || want.ip === '0.0.0.0')) return true;
  return false;
}

/**
 * Why the kubelet refuses `pod` (undefined: admitted). `others` are the pods it has admitted and
 * that are not terminated; `node` is its Node as the API has it (undefined: not known yet, when
 * only the resources can be checked).
 */
export function admissionFailure(pod: KubeObject, others: readonly KubeObject[], alloc: NodeCapacity, node: KubeObject | undefined, isStatic = false): AdmissionFailure | undefined {
  const podOs = pod.metadata?.labels?.['kubernetes.io/os'];
  if (podOs !== undefined && podOs !== NODE_OS)
    return { reason: 'PodOSSelectorNodeLabelDoesNotMatch', message: "Failed to admit pod as the `kubernetes.io/os` label doesn't match node label" };
  const osName = (spec(pod).os as Obj | undefined)?.name;
  if (osName !== undefined && osName !== NODE_OS) return { reason: 'PodOSNotSupported', message: "Failed to admit pod as the OS field doesn't match node OS" };
  // AdmissionCheck collects every failure; the kubelet reports the first.
  const resources = resourceFailure(pod, others, alloc);
  if (resources) return resources;
  if (!node) return undefined;
  if (!nodeMatchesPod(pod, node)) return predicateFailed('NodeAffinity', "node(s) didn't match Pod's node affinity/selector");
  const nodeName = spec(pod).nodeName;
  if (nodeName && nodeName !== node.metadata?.name) return predicateFailed('NodeName', "node(s) didn't match the requested node name");
  if (portsConflict(pod, others)) return predicateFailed('NodePorts', "node(s) didn't have free ports for the requested pod ports");
  if (!isStatic) {
    const tolerations = (spec(pod).tolerations ?? []) as Obj[];
    // The kubelet is only interested in NoExecute taints (NoSchedule ones are the scheduler's).
    const untolerated = ((spec(node).taints ?? []) as Obj[]).some((t) => t.effect === 'NoExecute' && !tolerates(tolerations, t));
    if (untolerated) return predicateFailed('TaintToleration', "node(s) had taints that the pod didn't tolerate");
  }
  return undefined;
}
