/**
 * The pv-protection controller (pkg/controller/volume/pvprotection): a PersistentVolume being
 * deleted keeps its kubernetes.io/pv-protection finalizer, and so stays Terminating, while its
 * phase is Bound; once its claim is gone (Released) or it was never bound, the finalizer goes.
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import type { Informer } from './machinery/informer';
import { status } from './machinery/objects';
import { isDeletionCandidate, needsFinalizer } from './pvc-protection';

const PVS = { group: '', version: 'v1', resource: 'persistentvolumes' };
export const PV_PROTECTION = 'kubernetes.io/pv-protection';

export class PvProtectionController extends Controller {
  readonly name = 'pv-protection';
  private pvs!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  setup(): void {
    this.pvs = this.ctx.factory.for(PVS);
    const changed = (v: KubeObject) => {
      if (needsFinalizer(v, PV_PROTECTION) || isDeletionCandidate(v, PV_PROTECTION)) this.queue.add(v.metadata!.name!);
    };
    this.pvs.addHandlers({ onAdd: changed, onUpdate: (_a, v) => changed(v) });
  }

  sync(name: string): boolean {
    const pv = this.pvs.get(name);
    if (!pv) return true;
    // isBeingUsed: the volume controller says Bound.
    if (isDeletionCandidate(pv, PV_PROTECTION)) return status(pv).phase === 'Bound' ? true : this.setFinalizer(pv, false);
    if (needsFinalizer(pv, PV_PROTECTION)) return this.setFinalizer(pv, true);
    return true;
  }

  private setFinalizer(pv: KubeObject, present: boolean): boolean {
    const rest = (pv.metadata?.finalizers ?? []).filter((f) => f !== PV_PROTECTION);
    const finalizers = present ? [...rest, PV_PROTECTION] : rest;
    const r = this.client.update(PVS, undefined, { ...pv, metadata: { ...pv.metadata, finalizers: finalizers.length ? finalizers : undefined } });
    return r.code === 200 || r.code === 404;
  }
}
