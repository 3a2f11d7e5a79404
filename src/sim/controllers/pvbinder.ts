/**
 * The persistent-volume controller: binds each Pending claim to the smallest Available volume
 * that satisfies it (same storage class, requested access modes, enough capacity, same volume
 * mode, label selector), or to the volume it names; marks volumes Available / Bound / Released;
 * applies the reclaim policy when a bound claim goes away (Retain → Released, Delete → deleted,
 * Recycle → Available again). A claim that finds no volume says why in an event, again at every
 * periodic sync (every 15 s, --pvclaimbinder-sync-period), as the real controller's resync does.
 */
import type { TimerHandle } from '../clock';
import type { KubeObject } from '../apiserver/types';
import { parseQuantity } from '../apiserver/quantity';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, type Informer } from './machinery/informer';
import { selectorMatches, spec, status, type Obj } from './machinery/objects';
import { provisionPlan } from './pv-provisioning';
import { deletionOf, isRecyclable } from './pv-reclaim';
import { accessModesFit, claimClass, findMatchingVolume, isVolumeBoundToClaim, volumeMismatch } from './pv-matching';
import { activePodsOfClaim, addPodPvcIndex } from './pod-pvc-index';

const PVS = { group: '', version: 'v1', resource: 'persistentvolumes' };
const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const CLASSES = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
const BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';
/** kube-controller-manager's --pvclaimbinder-sync-period default. */
const RESYNC_MS = 15_000;

export class PersistentVolumeBinder extends Controller {
  readonly name = 'persistentvolume-binder';
  private pvs!: Informer;
  private pvcs!: Informer;
  private classes!: Informer;
  private pods!: Informer;
  private resyncTimer?: TimerHandle;
  /**
   * The version of each unbound claim last explained by an event: one sync per version of the
   * claim, as the real controller gets one per watch event (or periodic sync, which clears this).
   */
  private explained = new Map<string, string>();
  /** Resyncs fall every 15 s from the process start, not from a claim's creation. */
  private startedAt = 0;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override eventSource(): string {
    return 'persistentvolume-controller';
  }

  setup(): void {
    this.pvs = this.ctx.factory.for(PVS);
    this.pvcs = this.ctx.factory.for(PVCS);
    this.classes = this.ctx.factory.for(CLASSES);
    this.pods = this.ctx.factory.for(PODS);
    addPodPvcIndex(this.pods);
    this.startedAt = this.clock.now();
    this.pvcs.addHandlers({ onAdd: (c) => this.claimChanged(c), onUpdate: (_a, c) => this.claimChanged(c), onDelete: (c) => this.claimGone(c) });
    this.pvs.addHandlers({
      onAdd: (v) => this.volumeChanged(v),
      onUpdate: (_a, v) => this.volumeChanged(v),
      onDelete: (v) => this.volumeGone(v),
    });
  }

  override stop(): void {
    super.stop();
    this.clock.clearTimeout(this.resyncTimer);
    this.resyncTimer = undefined;
  }

  private claimChanged(c: KubeObject): void {
    this.queue.add(`claim:${keyOf(c)}`);
    if (status(c).phase !== 'Bound') this.armResync();
  }

  /** The periodic sync matters while a claim waits or a volume waits for its reclaim. */
  private armResync(): void {
    if (this.resyncTimer) return;
    const due = RESYNC_MS - ((this.clock.now() - this.startedAt) % RESYNC_MS);
    this.resyncTimer = this.clock.setTimeout(() => {
      this.resyncTimer = undefined;
      this.resync();
    }, due);
  }

  private resync(): void {
    this.explained.clear();
    let waiting = false;
    for (const c of this.pvcs.list())
      if (status(c).phase !== 'Bound' && !c.metadata?.deletionTimestamp) {
        this.queue.add(`claim:${keyOf(c)}`);
        waiting = true;
      }
    for (const v of this.pvs.list())
      if (status(v).phase === 'Released' || status(v).phase === 'Failed') {
        this.queue.add(`volume:${v.metadata!.name}`);
        waiting = true;
      }
    if (waiting) this.armResync();
  }

  private volumeChanged(v: KubeObject): void {
    // Only the volume is synced: a claim waiting for a new or freed volume finds it at the next
    // periodic sync (up to 15 s later), as with the real controller.
    this.queue.add(`volume:${v.metadata!.name}`);
    if (status(v).phase === 'Released' || status(v).phase === 'Failed') this.armResync();
  }

  /** volumeDeleted: the claim bound to it learns at once that it is Lost. */
  private volumeGone(v: KubeObject): void {
    const ref = spec(v).claimRef as Obj | undefined;
    if (ref?.name) this.queue.add(`claim:${ref.namespace}/${ref.name}`);
  }

  private claimGone(c: KubeObject): void {
    this.explained.delete(keyOf(c));
    const name = spec(c).volumeName;
    if (name) this.queue.add(`volume:${name}`);
  }

  sync(key: string): boolean {
    const i = key.indexOf(':');
    const kind = key.slice(0, i);
    const name = key.slice(i + 1);
    return kind === 'claim' ? this.syncClaim(name) : this.syncVolume(name);
  }

  private syncVolume(name: string): boolean {
    const pv = this.pvs.get(name);
    if (!pv) return true; // a volume being deleted is still synced: its pv-protection finalizer waits for Released
    const ref = spec(pv).claimRef as Obj | undefined;
    if (!ref) return this.setVolumePhase(pv, 'Available');
    const claim = this.pvcs.getByName(ref.namespace, ref.name);
    if (claim && (!ref.uid || claim.metadata?.uid === ref.uid)) {
      if (spec(claim).volumeName === name) return this.setVolumePhase(pv, 'Bound');
      // Bound by the scheduler or made by a provisioner for the claim: syncClaim finishes it now.
      if (!spec(claim).volumeName) this.queue.add(`claim:${keyOf(claim)}`);
      return true;
    }
    if (!ref.uid) return this.setVolumePhase(pv, 'Available'); // pre-bound to a claim that does not exist yet
    // The claim is gone: Released (a Failed volume stays Failed), then the reclaim policy.
    let released = pv;
    if (status(pv).phase !== 'Released' && status(pv).phase !== 'Failed') {
      const r = this.client.updateStatus(PVS, undefined, { ...pv, status: { ...status(pv), phase: 'Released', lastPhaseTransitionTime: this.clock.rfc3339() } });
      if (r.code !== 200) return r.code === 404;
      released = r.body as KubeObject;
    }
    return this.reclaim(released);
  }

  /** reclaimVolume: Retain keeps it Released, Delete and Recycle go through the volume's plugin. */
  private reclaim(pv: KubeObject): boolean {
    const policy = spec(pv).persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Retain') return true;
    if (policy === 'Delete') {
      const deletion = deletionOf(pv);
      if ('error' in deletion) return this.failVolume(pv, 'VolumeFailedDelete', deletion.error);
      if ('deleted' in deletion) this.client.delete(PVS, undefined, pv.metadata!.name!);
      return true;
    }
    if (policy === 'Recycle') {
      if (!isRecyclable(pv)) return this.failVolume(pv, 'VolumeFailedRecycle', 'No recycler plugin found for the volume!');
      this.recorder.event(pv, 'Normal', 'RecyclerPod', 'Recycler pod: Successfully assigned default/recycler-for-' + pv.metadata!.name);
      this.recorder.event(pv, 'Normal', 'VolumeRecycled', 'Volume recycled');
      return this.unbindVolume(pv);
    }
    return this.failVolume(pv, 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
  }

  /** updateVolumePhaseWithEvent(Failed): the message in the status, the event only on the change. */
  private failVolume(pv: KubeObject, reason: string, message: string): boolean {
    if (status(pv).phase === 'Failed') return true;
    const r = this.client.updateStatus(PVS, undefined, { ...pv, status: { ...status(pv), phase: 'Failed', message, lastPhaseTransitionTime: this.clock.rfc3339() } });
    if (r.code !== 200) return r.code === 404;
    this.recorder.event(pv, 'Warning', reason, message);
    return true;
  }

  /** unbindVolume: a volume the controller bound forgets its claim; one the user pre-bound only the claim's UID. */
  private unbindVolume(pv: KubeObject): boolean {
    const byController = pv.metadata?.annotations?.[BOUND_BY_CONTROLLER] !== undefined;
    const next: KubeObject = { ...pv, metadata: { ...pv.metadata }, spec: { ...spec(pv) } };
    if (byController) {
      delete (next.spec as Obj).claimRef;
      const annotations = { ...(pv.metadata?.annotations ?? {}) };
      delete annotations[BOUND_BY_CONTROLLER];
      next.metadata!.annotations = Object.keys(annotations).length ? annotations : undefined;
    } else (next.spec as Obj).claimRef = { ...(spec(pv).claimRef as Obj), uid: undefined };
    const r = this.client.update(PVS, undefined, next);
    if (r.code !== 200) return r.code === 404;
    const updated = r.body as KubeObject;
    const s = this.client.updateStatus(PVS, undefined, { ...updated, status: { ...status(updated), phase: 'Available', message: undefined, lastPhaseTransitionTime: this.clock.rfc3339() } });
    return s.code === 200 || s.code === 404;
  }

  private setVolumePhase(pv: KubeObject, phase: string): boolean {
    if (status(pv).phase === phase) return true;
    const r = this.client.updateStatus(PVS, undefined, { ...pv, status: { ...status(pv), phase, lastPhaseTransitionTime: this.clock.rfc3339() } });
    return r.code === 200 || r.code === 404;
  }

  private syncClaim(key: string): boolean {
    const claim = this.pvcs.get(key);
    if (!claim || claim.metadata?.deletionTimestamp) return true;
    const cs = spec(claim);
    if (claim.metadata?.annotations?.[BIND_COMPLETED] !== undefined) return this.syncBoundClaim(claim);
    if (cs.volumeName) return this.syncRequestedVolume(claim, String(cs.volumeName));
    const className = claimClass(claim);
    const sc = className ? this.classes.getByName(undefined, className) : undefined;
    const best = this.findBestMatch(claim, sc?.volumeBindingMode === 'WaitForFirstConsumer');
    if (!best) return this.noVolumeFound(claim, sc);
    return this.bind(best, claim);
  }

  /** syncBoundClaim: a claim once bound keeps its volume, or is Lost. */
  private syncBoundClaim(claim: KubeObject): boolean {
    const name = spec(claim).volumeName;
    if (!name) return this.claimLost(claim, 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
    const pv = this.pvs.get(String(name));
    if (!pv) return this.claimLost(claim, 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
    const ref = spec(pv).claimRef as Obj | undefined;
    if (!ref || ref.uid === claim.metadata?.uid) return this.bind(pv, claim);
    return this.claimLost(claim, 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
  }

  /** syncUnboundClaim for a claim that names its volume: wait for it, check it, bind it. */
  private syncRequestedVolume(claim: KubeObject, name: string): boolean {
    const pv = this.pvs.get(name);
    if (!pv) return true; // retried at the next periodic sync
    const typed = { ...claim, kind: 'PersistentVolumeClaim', apiVersion: 'v1' };
    if (!spec(pv).claimRef) {
      const mismatch = volumeMismatch(pv, claim);
      if (!mismatch) return this.bind(pv, claim);
      this.recorder.event(typed, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${name}": ${mismatch}`);
      return true;
    }
    if (isVolumeBoundToClaim(pv, claim)) return this.bind(pv, claim);
    this.recorder.event(typed, 'Warning', 'FailedBinding', `volume "${name}" already bound to a different claim.`);
    return true;
  }

  /** updateClaimStatusWithEvent: the event only when the phase changes. */
  private claimLost(claim: KubeObject, reason: string, message: string): boolean {
    if (status(claim).phase === 'Lost') return true;
    if (!this.setClaimPhase(claim, 'Lost')) return false;
    this.recorder.event({ ...claim, kind: 'PersistentVolumeClaim', apiVersion: 'v1' }, 'Warning', reason, message);
    return true;
  }

  /**
   * findBestMatchForClaim: the volumes are searched by access-mode sets, the fewest modes that
   * include the claim's first, and the smallest match of the first set that has one wins. With
   * delayed binding only a volume already bound to the claim counts: the scheduler picks the others.
   */
  private findBestMatch(claim: KubeObject, delayBinding: boolean): KubeObject | undefined {
    const bySets = new Map<number, KubeObject[]>();
    for (const pv of this.pvs.list()) {
      if (!accessModesFit(claim, pv)) continue;
      const n = new Set((spec(pv).accessModes ?? []) as string[]).size;
      const set = bySets.get(n);
      if (set) set.push(pv);
      else bySets.set(n, [pv]);
    }
    for (const n of [...bySets.keys()].sort((a, b) => a - b)) {
      const found = findMatchingVolume(claim, bySets.get(n)!, { delayBinding });
      if (found) return found;
    }
    return undefined;
  }

  /** syncUnboundClaim when no volume fits: take the default class, wait, provision, or say why not. */
  private noVolumeFound(claim: KubeObject, sc: KubeObject | undefined): boolean {
    const assigned = this.assignDefaultClass(claim);
    if (assigned !== undefined) return assigned;
    const key = keyOf(claim);
    if (this.explained.get(key) === claim.metadata?.resourceVersion) return true;
    this.explained.set(key, String(claim.metadata?.resourceVersion));
    const typed = { ...claim, kind: 'PersistentVolumeClaim', apiVersion: 'v1' };
    const className = claimClass(claim);
    if (sc?.volumeBindingMode === 'WaitForFirstConsumer' && !claim.metadata?.annotations?.[SELECTED_NODE]) this.waitForConsumer(typed);
    else if (className) {
      const plan = provisionPlan(className, sc);
      if ('external' in plan) {
        if (!this.markProvisioner(claim, plan.external)) return false;
        this.recorder.event(typed, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${plan.external}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
      } else {
        if (plan.annotate && !this.markProvisioner(claim, plan.annotate)) return false;
        this.recorder.event(typed, 'Warning', 'ProvisioningFailed', plan.failed);
      }
    } else this.recorder.event(typed, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    return true;
  }

  /**
   * assignDefaultStorageClass: a claim that names no class (the field unset, not "") gets the
   * default class once one exists; undefined when there is nothing to assign.
   */
  private assignDefaultClass(claim: KubeObject): boolean | undefined {
    if (spec(claim).storageClassName !== undefined && spec(claim).storageClassName !== null) return undefined;
    if (claim.metadata?.annotations?.[BETA_STORAGE_CLASS] !== undefined) return undefined;
    const isDefault = (c: KubeObject) => c.metadata?.annotations?.[DEFAULT_CLASS] === 'true' || c.metadata?.annotations?.[BETA_DEFAULT_CLASS] === 'true';
    const time = (c: KubeObject) => Date.parse(String(c.metadata?.creationTimestamp ?? '')) || 0;
    // GetDefaultClass: the newest default, then the first by name.
    const chosen = this.classes
      .list()
      .filter(isDefault)
      .sort((a, b) => time(b) - time(a) || String(a.metadata?.name).localeCompare(String(b.metadata?.name)))[0];
    if (!chosen) return undefined;
    const r = this.client.update(PVCS, claim.metadata!.namespace, { ...claim, spec: { ...spec(claim), storageClassName: chosen.metadata!.name } });
    return r.code === 200 || r.code === 404;
  }

  /** emitEventForUnboundDelayBindingClaim: the pods not yet scheduled that use the claim, by name. */
  private waitForConsumer(claim: KubeObject): void {
    const waiting = activePodsOfClaim(this.pods, claim.metadata!.namespace!, claim.metadata!.name!)
      .filter((p) => !spec(p).nodeName)
      .map((p) => p.metadata!.name!);
    if (!waiting.length) return this.recorder.event(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    const message = waiting.length > 1 ? `waiting for pods ${waiting.join(',')} to be scheduled` : `waiting for pod ${waiting[0]} to be scheduled`;
    this.recorder.event(claim, 'Normal', 'WaitForPodScheduled', message);
  }

  /** setClaimProvisioner: the annotations that tell external provisioners the claim is theirs. */
  private markProvisioner(claim: KubeObject, provisioner: string): boolean {
    const a = claim.metadata?.annotations ?? {};
    if (a[STORAGE_PROVISIONER] === provisioner && a[BETA_STORAGE_PROVISIONER] === provisioner) return true;
    const r = this.client.update(PVCS, claim.metadata!.namespace, { ...claim, metadata: { ...claim.metadata, annotations: { ...a, [BETA_STORAGE_PROVISIONER]: provisioner, [STORAGE_PROVISIONER]: provisioner } } });
    return r.code === 200 || r.code === 404;
  }

  /** bind: the volume first (claimRef, phase), then the claim (volumeName, annotations, phase). */
  private bind(pv: KubeObject, claim: KubeObject): boolean {
    let bound = pv;
    const ref = spec(pv).claimRef as Obj | undefined;
    if (!ref || ref.name !== claim.metadata?.name || ref.namespace !== claim.metadata?.namespace || ref.uid !== claim.metadata?.uid) {
      // GetBindVolumeToClaim: bound-by-controller only when the user did not pre-bind the volume.
      const annotations = isVolumeBoundToClaim(pv, claim) ? pv.metadata?.annotations : { ...(pv.metadata?.annotations ?? {}), [BOUND_BY_CONTROLLER]: 'yes' };
      const claimRef = { kind: 'PersistentVolumeClaim', namespace: claim.metadata!.namespace, name: claim.metadata!.name, uid: claim.metadata!.uid, apiVersion: 'v1', resourceVersion: claim.metadata!.resourceVersion };
      const r = this.client.update(PVS, undefined, { ...pv, metadata: { ...pv.metadata, annotations }, spec: { ...spec(pv), claimRef } });
      if (r.code !== 200) return false;
      bound = r.body as KubeObject;
    }
    if (status(bound).phase !== 'Bound') {
      const r = this.client.updateStatus(PVS, undefined, { ...bound, status: { ...status(bound), phase: 'Bound', lastPhaseTransitionTime: this.clock.rfc3339() } });
      if (r.code !== 200) return false;
      bound = r.body as KubeObject;
    }
    return this.finishClaim(bound, claim);
  }

  /** bindClaimToVolume and updateClaimStatus: bound-by-controller only when the controller chose the volume. */
  private finishClaim(pv: KubeObject, claim: KubeObject): boolean {
    let current = claim;
    const chose = spec(claim).volumeName !== pv.metadata!.name;
    if (chose || claim.metadata?.annotations?.[BIND_COMPLETED] === undefined) {
      const annotations: Record<string, string> = { ...(claim.metadata?.annotations ?? {}), [BIND_COMPLETED]: 'yes' };
      if (chose) annotations[BOUND_BY_CONTROLLER] ??= 'yes';
      const r = this.client.update(PVCS, claim.metadata!.namespace, { ...claim, metadata: { ...claim.metadata, annotations }, spec: { ...spec(claim), volumeName: pv.metadata!.name } });
      if (r.code !== 200) return false;
      current = r.body as KubeObject;
    }
    if (status(current).phase === 'Bound') return true;
    const r = this.client.updateStatus(PVCS, claim.metadata!.namespace, { ...current, status: { ...status(current), phase: 'Bound', accessModes: spec(pv).accessModes, capacity: spec(pv).capacity } });
    return r.code === 200;
  }

  private setClaimPhase(claim: KubeObject, phase: string): boolean {
    if (status(claim).phase === phase) return true;
    const r = this.client.updateStatus(PVCS, claim.metadata!.namespace, { ...claim, status: { ...status(claim), phase } });
    return r.code === 200;
  }
}
