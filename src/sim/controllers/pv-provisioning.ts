/**
 * What the persistent-volume controller's provisionClaim makes of a claim's storage class
 * (pkg/controller/volume/persistentvolume/pv_controller.go, findProvisionablePlugin and
 * provisionClaimOperation[External]): a ProvisioningFailed text, or the name of the external
 * provisioner it waits for. A kubeadm controller-manager has no in-tree provisioner that works:
 * its host-path plugin has provisioning disabled, and the cloud plugins are migrated to CSI.
 */
import type { KubeObject } from '../apiserver/types';

export type ProvisionPlan =
  /** Warning ProvisioningFailed with this text; `annotate` when the claim is marked as the plugin's first. */
  | { failed: string; annotate?: string }
  /** Normal ExternalProvisioning: the claim waits for this provisioner. */
  | { external: string };

const HOST_PATH = 'kubernetes.io/host-path';

/** In-tree provisioners whose volumes CSI drivers now make (csi-translation-lib's names). */
const MIGRATED_TO_CSI: Record<string, string> = {
  'kubernetes.io/aws-ebs': 'ebs.csi.aws.com',
  'kubernetes.io/gce-pd': 'pd.csi.storage.gke.io',
  'kubernetes.io/azure-disk': 'disk.csi.azure.com',
  'kubernetes.io/azure-file': 'file.csi.azure.com',
  'kubernetes.io/cinder': 'cinder.csi.openstack.org',
  'kubernetes.io/vsphere-volume': 'csi.vsphere.vmware.com',
};

export function provisionPlan(className: string, sc: KubeObject | undefined): ProvisionPlan {
  // classLister.Get's NotFound error, as client-go's lister words it.
  if (!sc) return { failed: `storageclass.storage.k8s.io "${className}" not found` };
  const provisioner = String(sc.provisioner ?? '');
  if (MIGRATED_TO_CSI[provisioner]) return { external: MIGRATED_TO_CSI[provisioner] };
  // The plugin exists but NewProvisioner refuses: --enable-hostpath-provisioner is off.
  if (provisioner === HOST_PATH) return { failed: `Failed to create provisioner: provisioning in volume plugin "${HOST_PATH}" is disabled`, annotate: HOST_PATH };
  // VolumePluginMgr.FindPluginByName: any other kubernetes.io/ name (kubernetes.io/no-provisioner among them) is no plugin.
  if (provisioner.startsWith('kubernetes.io/')) return { failed: `no volume plugin matched name: ${provisioner}` };
  return { external: provisioner };
}
