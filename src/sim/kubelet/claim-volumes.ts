/**
 * The kubelet's view of a pod's PersistentVolumeClaims (pkg/kubelet/volumemanager/populator,
 * desired_state_of_world_populator.go getPVCExtractPV / getPVSpec): each claim must exist, be Bound
 * and name a volume bound back to it; a claim that is not is reported by WaitForAttachAndMount
 * as "Unable to attach or mount volumes: unmounted volumes=[…], unattached volumes=[],
 * failed to process volumes=[…]: error processing PVC <ns>/<claim>: <why>".
 */
import type { ApiClient } from '../apiserver/client';
import type { KubeObject } from '../apiserver/types';

/** How the pod worker's sync error begins when the volume manager could not take a pod's volumes in. */
export const POPULATOR_ERROR = 'Unable to attach or mount volumes:';
import { spec, status, type Obj } from '../controllers/machinery/objects';

const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const PVS = { group: '', version: 'v1', resource: 'persistentvolumes' };
const PVC_PROTECTION = 'kubernetes.io/pvc-protection';

/** A pod volume backed by a claim, once its volume is known: what the volume plugins mount. */
export interface ClaimedVolume {
  podVolume: string;
  pv: KubeObject;
}

function claimVolume(client: ApiClient, pod: KubeObject, claimName: string): KubeObject | string {
  const ns = pod.metadata!.namespace!;
  const r = client.get(PVCS, ns, claimName);
  if (r.code !== 200) return `failed to fetch PVC from API server: persistentvolumeclaims "${claimName}" not found`;
  const pvc = r.body as KubeObject;
  if (pvc.metadata?.deletionTimestamp && !(pvc.metadata.finalizers ?? []).includes(PVC_PROTECTION)) return 'PVC is being deleted';
  if (status(pvc).phase !== 'Bound') return 'PVC is not bound';
  const name = String(spec(pvc).volumeName ?? '');
  if (!name) return 'PVC has empty pvc.Spec.VolumeName';
  const v = client.get(PVS, undefined, name);
  if (v.code !== 200) return `failed to fetch PV ${name} from API server: persistentvolumes "${name}" not found`;
  const pv = v.body as KubeObject;
  const ref = spec(pv).claimRef as Obj | undefined;
  if (!ref) return `found PV object ${name} but it has a nil pv.Spec.ClaimRef indicating it is not yet bound to the claim`;
  if (ref.uid !== pvc.metadata?.uid) return `found PV object ${name} but its pv.Spec.ClaimRef.UID ${ref.uid ?? ''} does not point to claim.UID ${pvc.metadata?.uid}`;
  return pv;
}

/** The volumes the pod's claims give it, or the FailedMount message when some claim cannot be used. */
export function claimedVolumes(client: ApiClient | undefined, pod: KubeObject): ClaimedVolume[] | string {
  const found: ClaimedVolume[] = [];
  const failed: string[] = [];
  const errors: string[] = [];
  for (const v of (spec(pod).volumes ?? []) as Obj[]) {
    const claim = v.persistentVolumeClaim?.claimName;
    if (!claim || !client) continue;
    const result = claimVolume(client, pod, String(claim));
    if (typeof result !== 'string') found.push({ podVolume: String(v.name), pv: result });
    else {
      failed.push(String(v.name));
      errors.push(`error processing PVC ${pod.metadata!.namespace}/${claim}: ${result}`);
    }
  }
  if (!failed.length) return found;
  const list = `[${[...failed].sort().join(' ')}]`;
  return `${POPULATOR_ERROR} unmounted volumes=${list}, unattached volumes=[], failed to process volumes=${list}: ${errors.join('; ')}`;
}
