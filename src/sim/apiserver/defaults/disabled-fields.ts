/**
 * The fields a disabled feature gate keeps out of storage (DropDisabledFields of the PVC and PV
 * strategies, pkg/api/persistentvolumeclaim/util.go and pkg/api/persistentvolume/util.go): the
 * server takes the object, then drops the field unless the stored object already had it, so
 * `kubectl apply` succeeds and `get -o yaml` shows the field gone. The simulated API server runs
 * no --feature-gates: VolumeAttributesClass is off, as in v1.33 (beta, off by default until 1.34).
 * Called from PrepareForCreate and PrepareForUpdate: after the field manager recorded the request.
 */
import type { ResourceInfo } from '../registry/registry';
import type { KubeObject } from '../types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The kinds whose spec holds volumeAttributesClassName. */
const VOLUME_ATTRIBUTES: ReadonlySet<string> = new Set(['persistentvolumeclaims', 'persistentvolumes']);

export function dropDisabledFields(info: ResourceInfo, obj: KubeObject, old?: KubeObject): void {
  if (info.group !== '' || !VOLUME_ATTRIBUTES.has(info.resource)) return;
  const spec = obj.spec;
  const oldSpec = isObj(old?.spec) ? old.spec : undefined;
  // volumeAttributesClassInUse: an object stored with it keeps it.
  if (isObj(spec) && 'volumeAttributesClassName' in spec && oldSpec?.volumeAttributesClassName == null) delete spec.volumeAttributesClassName;
}
