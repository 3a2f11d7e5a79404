/**
 * The expand controller (pkg/controller/volume/expand/expand_controller.go): when a Bound claim asks
 * for more than its status.capacity, it looks for an in-tree plugin that can grow the volume. None
 * of the volumes this cluster can have (hostPath, local, NFS, a local-path provisioner's) has one,
 * so it leaves the claim to an external resizer, with the event "waiting for an external
 * controller to expand this PVC", and the claim's capacity stays as it was: allowVolumeExpansion
 * is a permission, not a capability.
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, type Informer } from './machinery/informer';
import { spec, status, type Obj } from './machinery/objects';
import { storageOf } from './pv-matching';

const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const PVS = { group: '', version: 'v1', resource: 'persistentvolumes' };

export class VolumeExpandController extends Controller {
  readonly name = 'persistentvolume-expander';
  private pvcs!: Informer;
  private pvs!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override eventSource(): string {
    return 'volume_expand';
  }

  setup(): void {
    this.pvcs = this.ctx.factory.for(PVCS);
    this.pvs = this.ctx.factory.for(PVS);
    // enqueuePVC: only updates matter, and only of bound claims.
    this.pvcs.addHandlers({ onUpdate: (_a, c) => status(c).phase === 'Bound' && this.queue.add(keyOf(c)) });
  }

  sync(key: string): boolean {
    const claim = this.pvcs.get(key);
    if (!claim || status(claim).phase !== 'Bound') return true;
    const pv = this.pvs.get(String(spec(claim).volumeName ?? ''));
    const ref = pv ? (spec(pv).claimRef as Obj | undefined) : undefined;
    if (!pv || !ref || ref.namespace !== claim.metadata?.namespace || ref.uid !== claim.metadata?.uid) return true;
    if (storageOf(spec(claim).resources?.requests?.storage) <= storageOf(status(claim).capacity?.storage)) return true;
    // FindExpandablePluginBySpec finds no in-tree plugin for these volumes: a Warning.
    this.recorder.event({ ...claim, kind: 'PersistentVolumeClaim', apiVersion: 'v1' } as KubeObject, 'Warning', 'ExternalExpanding', 'waiting for an external controller to expand this PVC');
    return true;
  }
}
