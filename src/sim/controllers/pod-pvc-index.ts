/**
 * The pods-by-claim index of the volume controllers (pkg/controller/volume/common
 * PodPVCIndex): each pod under `<namespace>/<claim>` for every PersistentVolumeClaim its volumes
 * name, so "which pods use this claim" needs no walk over all pods.
 */
import type { KubeObject } from '../apiserver/types';
import type { Informer } from './machinery/informer';
import { spec, status, type Obj } from './machinery/objects';

export const POD_PVC_INDEX = 'pod-pvc-index';

export function claimKeysOfPod(pod: KubeObject): string[] {
  const keys: string[] = [];
  for (const v of (spec(pod).volumes ?? []) as Obj[]) {
    const name = v.persistentVolumeClaim?.claimName;
    if (name) keys.push(`${pod.metadata?.namespace}/${name}`);
  }
  return keys;
}

export function addPodPvcIndex(pods: Informer): void {
  pods.addIndex(POD_PVC_INDEX, claimKeysOfPod);
}

/**
 * volume/util.IsPodTerminated: the pod finished, or was deleted and none of its containers runs
 * any more (a container counts as running unless its state is terminated or waiting).
 */
export function isPodTerminated(pod: KubeObject): boolean {
  const st = status(pod);
  if (st.phase === 'Failed' || st.phase === 'Succeeded') return true;
  if (!pod.metadata?.deletionTimestamp) return false;
  const running = (list: unknown) => ((list ?? []) as Obj[]).some((c) => !c.state?.terminated && !c.state?.waiting);
  return !running(st.initContainerStatuses) && !running(st.containerStatuses) && !running(st.ephemeralContainerStatuses);
}

/** The pods that use a claim and have not terminated. */
export function activePodsOfClaim(pods: Informer, namespace: string, claim: string): KubeObject[] {
  return pods.byIndex(POD_PVC_INDEX, `${namespace}/${claim}`).filter((p) => !isPodTerminated(p));
}
