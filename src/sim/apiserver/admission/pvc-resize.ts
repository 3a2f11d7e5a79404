/**
 * PersistentVolumeClaimResize (plugin/pkg/admission/storage/persistentvolume/resize/admission.go),
 * a validating plugin: a claim may ask for more storage only once Bound, and only when its class
 * (the same before and after) says allowVolumeExpansion: true.
 */
import { errors } from '../errors';
import { qualified } from '../context';
import { parseQuantity } from '../quantity';
import { storageKey } from '../storage';
import type { KubeObject } from '../types';
import type { AdmissionPlugin } from './index';

type Obj = Record<string, unknown>;

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

function requestedStorage(pvc: KubeObject): number {
  const requests = ((pvc.spec as Obj | undefined)?.resources as Obj | undefined)?.requests as Record<string, string> | undefined;
  return parseQuantity(String(requests?.storage ?? '0')) || 0;
}

function classOf(pvc: KubeObject): string {
  return String(pvc.metadata?.annotations?.[BETA_STORAGE_CLASS] ?? (pvc.spec as Obj | undefined)?.storageClassName ?? '');
}

export const persistentVolumeClaimResize: AdmissionPlugin = {
  name: 'PersistentVolumeClaimResize',
  validate(ctx, op, pvc, old) {
    if (op !== 'UPDATE' || !old || ctx.req.subresource || !(ctx.info.group === '' && ctx.info.resource === 'persistentvolumeclaims')) return undefined;
    if (requestedStorage(pvc) <= requestedStorage(old)) return undefined;
    const refuse = (why: string) => errors.forbidden(qualified(ctx), pvc.metadata?.name ?? '', `${qualified(ctx)} "${pvc.metadata?.name ?? ''}" is forbidden: ${why}`);
    if ((old.status as Obj | undefined)?.phase !== 'Bound') return refuse('Only bound persistent volume claims can be expanded');
    // allowResize: the same, non-empty class before and after, whose allowVolumeExpansion is true.
    const name = classOf(pvc);
    const info = ctx.server.registry.get('storage.k8s.io', 'v1', 'storageclasses');
    const sc = name && name === classOf(old) && info ? ctx.server.storage.get(storageKey(info.etcdPrefix, undefined, name))?.obj : undefined;
    if ((sc as Obj | undefined)?.allowVolumeExpansion !== true)
      return refuse('only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
    return undefined;
  },
};
