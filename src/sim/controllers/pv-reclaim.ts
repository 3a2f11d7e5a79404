/**
 * Which volume plugin may delete or recycle a released volume, and what it says when it cannot
 * (pv_controller.go findDeletablePlugin / doDeleteVolume / recycleVolumeOperation; the hostPath
 * plugin's deleter, pkg/volume/hostpath/host_path.go, only removes paths under /tmp/).
 */
import type { KubeObject } from '../apiserver/types';
import { spec } from './machinery/objects';

const PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
const HOST_PATH = 'kubernetes.io/host-path';

export type Deletion =
  /** An external provisioner (or CSI driver) deletes the volume: the controller leaves it Released. */
  | { external: true }
  /** The in-tree plugin deleted the storage: the PersistentVolume object goes. */
  | { deleted: true }
  /** The volume turns Failed with this message and a VolumeFailedDelete event. */
  | { error: string };

export function deletionOf(pv: KubeObject): Deletion {
  const name = pv.metadata!.name!;
  const by = pv.metadata?.annotations?.[PROVISIONED_BY];
  if (by) {
    if (!by.startsWith('kubernetes.io/')) return { external: true };
    if (by !== HOST_PATH) return { error: `no volume plugin matched name: ${by}` };
  }
  if (spec(pv).csi) return { external: true }; // HonorPVReclaimPolicy: the CSI driver's provisioner deletes it
  const hostPath = spec(pv).hostPath?.path;
  if (hostPath !== undefined) {
    // regexp.MustCompile("/tmp/.+").MatchString: anywhere in the path, not anchored.
    if (/\/tmp\/.+/.test(String(hostPath))) return { deleted: true };
    return { error: `host_path deleter only supports /tmp/.+ but received provided ${hostPath}` };
  }
  return { error: `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched` };
}

/** FindRecyclablePluginBySpec: only the hostPath and NFS plugins recycle. */
export function isRecyclable(pv: KubeObject): boolean {
  return !!spec(pv).hostPath || !!spec(pv).nfs;
}
