/**
 * The pvc-protection controller (pkg/controller/volume/pvcprotection): a claim being deleted keeps
 * its kubernetes.io/pvc-protection finalizer, and so stays Terminating, while a pod scheduled to a
 * node names it in its volumes, whatever that pod's phase (a completed pod holds it too); the
 * finalizer goes once the last such pod is deleted. Claims created without it get it.
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, type Informer } from './machinery/informer';
import { spec } from './machinery/objects';
import { addPodPvcIndex, claimKeysOfPod, isPodTerminated, POD_PVC_INDEX } from './pod-pvc-index';

const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';

/** protectionutil.IsDeletionCandidate / NeedToAddFinalizer. */
export function isDeletionCandidate(obj: KubeObject, finalizer: string): boolean {
  return !!obj.metadata?.deletionTimestamp && (obj.metadata.finalizers ?? []).includes(finalizer);
}

export function needsFinalizer(obj: KubeObject, finalizer: string): boolean {
  return !obj.metadata?.deletionTimestamp && !(obj.metadata?.finalizers ?? []).includes(finalizer);
}

/** podIsShutDown: deleted with grace 0 (the kubelet is done with it, or it was forced). */
function podIsShutDown(pod: KubeObject): boolean {
  return !!pod.metadata?.deletionTimestamp && pod.metadata.deletionGracePeriodSeconds === 0;
}

export class PvcProtectionController extends Controller {
  readonly name = 'pvc-protection';
  private pvcs!: Informer;
  private pods!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  setup(): void {
    this.pvcs = this.ctx.factory.for(PVCS);
    this.pods = this.ctx.factory.for(PODS);
    addPodPvcIndex(this.pods);
    const claimChanged = (c: KubeObject) => {
      if (needsFinalizer(c, PVC_PROTECTION) || isDeletionCandidate(c, PVC_PROTECTION)) this.queue.add(keyOf(c));
    };
    this.pvcs.addHandlers({ onAdd: claimChanged, onUpdate: (_a, c) => claimChanged(c) });
    this.pods.addHandlers({ onUpdate: (_a, p) => this.podChanged(p, false), onDelete: (p) => this.podChanged(p, true) });
  }

  /** enqueuePVCs: only a pod that went away, finished or is not scheduled can free a claim. */
  private podChanged(pod: KubeObject, deleted: boolean): void {
    if (!deleted && !isPodTerminated(pod) && spec(pod).nodeName) return;
    for (const key of claimKeysOfPod(pod)) this.queue.add(key);
  }

  sync(key: string): boolean {
    const claim = this.pvcs.get(key);
    if (!claim) return true;
    if (isDeletionCandidate(claim, PVC_PROTECTION)) {
      if (!this.inUse(claim)) return this.setFinalizer(claim, false);
      return true; // "Keeping PVC because it is being used"
    }
    if (needsFinalizer(claim, PVC_PROTECTION)) return this.setFinalizer(claim, true);
    return true;
  }

  /** podUsesPVC: a scheduled pod that names the claim and is not shut down. */
  private inUse(claim: KubeObject): boolean {
    return this.pods.byIndex(POD_PVC_INDEX, keyOf(claim)).some((p) => !!spec(p).nodeName && !podIsShutDown(p));
  }

  private setFinalizer(claim: KubeObject, present: boolean): boolean {
    const rest = (claim.metadata?.finalizers ?? []).filter((f) => f !== PVC_PROTECTION);
    const finalizers = present ? [...rest, PVC_PROTECTION] : rest;
    const r = this.client.update(PVCS, claim.metadata!.namespace, { ...claim, metadata: { ...claim.metadata, finalizers: finalizers.length ? finalizers : undefined } });
    return r.code === 200 || r.code === 404;
  }
}
