/**
 * Queueing hints (pkg/scheduler/framework/plugins/*, EventsToRegister with QueueingHintFn): a pod
 * that failed goes back to be tried again only after an event that may help one of the plugins
 * that rejected it; other changes leave it among the unschedulable pods until the 5-minute flush.
 * A taint added elsewhere, a node cordoned, does not make a pod's node selector match: no retry,
 * no new FailedScheduling event.
 */
import type { KubeObject } from '../apiserver/types';
import { spec, type Obj } from '../controllers/machinery/objects';
import { nodeMatchesPod, tolerates } from './plugins';
import { allocatable } from './resources';

/** Plugins whose failure a pod leaving its node (deleted or finished) may cure (AssignedPodDelete). */
const HELPED_BY_POD_REMOVAL = new Set(['NodeResourcesFit', 'NodePorts', 'PodTopologySpread', 'InterPodAffinity']);
/** Plugins that a new node may satisfy (NodeAdd is registered by every filter plugin). */
const STORAGE_PLUGINS = new Set(['VolumeBinding']);

export type ClusterEvent =
  | { kind: 'nodeAdd' }
  | { kind: 'nodeUpdate'; old: KubeObject; node: KubeObject }
  | { kind: 'assignedPodRemoved' }
  | { kind: 'storageChange' };

/** Untolerated NoSchedule/NoExecute taints (DoNotScheduleTaintsFilterFunc). */
function untolerated(pod: KubeObject, node: KubeObject): boolean {
  const tolerations = (spec(pod).tolerations ?? []) as Obj[];
  return ((spec(node).taints ?? []) as Obj[]).some((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tolerations, t));
}

function labelsChanged(a: KubeObject, b: KubeObject): boolean {
  return JSON.stringify(a.metadata?.labels ?? {}) !== JSON.stringify(b.metadata?.labels ?? {});
}

/** Each plugin's isSchedulableAfterNodeChange, for an update of a node. */
const NODE_UPDATE_HINTS: Record<string, (pod: KubeObject, old: KubeObject, node: KubeObject) => boolean> = {
  NodeUnschedulable: (_pod, old, node) => !!spec(old).unschedulable && !spec(node).unschedulable,
  TaintToleration: (pod, old, node) => untolerated(pod, old) && !untolerated(pod, node),
  NodeAffinity: (pod, old, node) => nodeMatchesPod(pod, node) && !nodeMatchesPod(pod, old),
  NodeResourcesFit: (_pod, old, node) => {
    const a = allocatable(old);
    const b = allocatable(node);
    return b.cpu > a.cpu || b.memory > a.memory || b.ephemeral > a.ephemeral || b.pods > a.pods;
  },
  VolumeBinding: (_pod, old, node) => labelsChanged(old, node),
  PodTopologySpread: (_pod, old, node) => labelsChanged(old, node),
  InterPodAffinity: (_pod, old, node) => labelsChanged(old, node),
};

/** Should a pod rejected by these plugins be tried again after this event? */
export function worthRetrying(pod: KubeObject, rejectedBy: ReadonlySet<string>, event: ClusterEvent): boolean {
  if (event.kind === 'nodeAdd') return true;
  if (!rejectedBy.size) return event.kind !== 'storageChange'; // "no nodes available": only nodes help
  for (const plugin of rejectedBy) {
    if (event.kind === 'assignedPodRemoved' && HELPED_BY_POD_REMOVAL.has(plugin)) return true;
    if (event.kind === 'storageChange' && STORAGE_PLUGINS.has(plugin)) return true;
    if (event.kind === 'nodeUpdate' && NODE_UPDATE_HINTS[plugin]?.(pod, event.old, event.node)) return true;
  }
  return false;
}
