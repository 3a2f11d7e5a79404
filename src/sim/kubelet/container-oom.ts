/**
 * The oom_score_adj the kubelet gives a container's processes (pkg/kubelet/qos/policy.go,
 * GetContainerOOMScoreAdjust): -997 for a node-critical or Guaranteed Pod, 1000 for a BestEffort
 * one; a Burstable container 1000 less its memory request's share of the node's memory capacity
 * in thousandths (Go's integer division), kept within 3..999; a sidecar (a restartable init
 * container) no higher than the Pod's smallest regular request gives.
 */
import { parseQuantity } from '../apiserver/quantity';
import type { Obj } from '../controllers/machinery/objects';

const GUARANTEED = -997;
const BEST_EFFORT = 1000;

const memoryRequest = (c: Obj) => {
  const v = parseQuantity(String(c.resources?.requests?.memory ?? '0'));
  return Number.isFinite(v) ? Math.ceil(v) : 0;
};

/** @param capacityBytes the node's memory capacity (its Node status) */
export function oomScoreAdj(pod: Obj, container: Obj, capacityBytes: number): number {
  if (pod.spec?.priorityClassName === 'system-node-critical') return GUARANTEED;
  const qos = String(pod.status?.qosClass ?? '');
  if (qos === 'Guaranteed') return GUARANTEED;
  if (qos === 'BestEffort' || !capacityBytes) return BEST_EFFORT;
  const share = (bytes: number) => 1000 - Math.trunc((1000 * bytes) / capacityBytes);
  let adj = share(memoryRequest(container));
  const sidecar = container.restartPolicy === 'Always' && ((pod.spec?.initContainers ?? []) as Obj[]).some((c) => c.name === container.name);
  if (sidecar) {
    const regular = ((pod.spec?.containers ?? []) as Obj[]).map(memoryRequest);
    adj = Math.min(adj, share(regular.length ? Math.min(...regular) : 0));
  }
  if (adj < 1000 + GUARANTEED) return 1000 + GUARANTEED;
  return adj === BEST_EFFORT ? adj - 1 : adj;
}
