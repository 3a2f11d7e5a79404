/**
 * Updates of PersistentVolumeClaims and PersistentVolumes (kubernetes v1.33.0
 * pkg/apis/core/validation/validation.go, ValidatePersistentVolumeClaimUpdate and
 * ValidatePersistentVolumeUpdate). The claim's spec is compared as the server compares it: the
 * internal structs, after the changes it allows (volumeName set once, the storage class taken
 * from the beta annotation or set where there was none, the storage request of a bound claim,
 * volumeAttributesClassName) are carried over; what still differs is refused with go-cmp's diff.
 */
import { cmpDiff, type GoType, type GoValue } from '../../go-cmp';
import { fromJson } from '../../go-cmp/types';
import type { Cause } from '../errors';
import type { KubeObject } from '../types';
import { canonicalQuantity, compareQuantities, parseInternalQuantity } from './internal-quantity';
import { PV_SOURCE, PVC_SPEC } from './internal-storage-types';
import { forbiddenField, invalid } from './names';

type Obj = Record<string, unknown>;
type GoStruct = Record<string, GoValue>;

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
const IMMUTABLE = 'field is immutable';

const specOf = (o: KubeObject): Obj => ((o.spec && typeof o.spec === 'object' ? o.spec : {}) as Obj);
const annotationsOf = (o: KubeObject): Record<string, string> => o.metadata?.annotations ?? {};
const has = (o: Record<string, string>, k: string) => Object.prototype.hasOwnProperty.call(o, k);
/** A *string field: undefined when nil. */
const optString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * apiequality.Semantic.DeepEqual: like cmp's equality, but an empty slice or map equals a nil one
 * (quantities compare by value, as go-cmp does through their Equal method).
 */
function semanticEqual(t: GoType, x: GoValue, y: GoValue): boolean {
  return cmpDiff(t, withoutEmpties(t, x), withoutEmpties(t, y)) === '';
}

function withoutEmpties(t: GoType, v: GoValue): GoValue {
  if (v === null) return v;
  switch (t.kind) {
    case 'slice':
      return (v as GoValue[]).length ? (v as GoValue[]).map((e) => withoutEmpties(t.elem, e)) : null;
    case 'map': {
      const entries = Object.entries(v as GoStruct);
      return entries.length ? Object.fromEntries(entries.map(([k, e]) => [k, withoutEmpties(t.elem, e)])) : null;
    }
    case 'ptr':
      return withoutEmpties(t.elem, v);
    case 'struct':
      if (t.equal) return v;
      return Object.fromEntries(t.fields.map((f) => [f.name, withoutEmpties(f.type, (v as GoStruct)[f.name] ?? null)]).filter(([, e]) => e !== null));
    default:
      return v;
  }
}

/**
 * validateStorageClassUpgradeFromAnnotation: a claim whose class was only in the beta annotation
 * may get the same class in spec.storageClassName (keeping or dropping the annotation unchanged).
 */
function upgradeFromAnnotation(oldAnn: Record<string, string>, newAnn: Record<string, string>, oldSc: string | undefined, newSc: string | undefined): boolean {
  const oldClass = oldAnn[BETA_STORAGE_CLASS];
  return has(oldAnn, BETA_STORAGE_CLASS) && oldSc === undefined && newSc === oldClass && (!has(newAnn, BETA_STORAGE_CLASS) || newAnn[BETA_STORAGE_CLASS] === oldClass);
}

/** validateStorageClassUpgradeFromNil: a claim without a class may get one (the one its annotation names, if any). */
function upgradeFromNil(oldAnn: Record<string, string>, oldSc: string | undefined, newSc: string | undefined): boolean {
  return newSc !== undefined && oldSc === undefined && (!has(oldAnn, BETA_STORAGE_CLASS) || newSc === oldAnn[BETA_STORAGE_CLASS]);
}

/** A claim's requests.storage (or status.capacity.storage) as a Quantity; the zero Quantity when absent. */
function storageOf(list: unknown): GoValue {
  const s = (list && typeof list === 'object' ? (list as Obj).storage : undefined) as unknown;
  return (s !== undefined && parseInternalQuantity(String(s).trim())?.value) || {};
}

/** ValidateImmutableField as field.Error prints its value: a nil pointer as "null". */
function immutable(field: string, next: unknown, old: unknown): Cause[] {
  return JSON.stringify(next ?? null) === JSON.stringify(old ?? null) ? [] : [invalid(field, next ?? 'null', IMMUTABLE)];
}

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * A claim spec's quantities as the API server holds them. It writes a quantity back in canonical
 * form (1024Mi as 1Gi) and reads it from storage so; we keep the text as sent. So the old spec's
 * quantities are made canonical, and so are the new spec's where they echo the old text (a patch
 * applies to the stored form, a replaced object comes from what `get` showed); a value the
 * client changed stays as it was sent.
 */
function asStored(spec: Obj, old?: Obj): Obj {
  if (!isObj(spec.resources)) return spec;
  const res = spec.resources;
  const oldRes = (isObj(old?.resources) ? old.resources : {}) as Obj;
  const stored = (list: unknown, oldList: unknown) => {
    if (!isObj(list)) return list;
    const entries = Object.entries(list).map(([k, v]) => {
      const echoed = old === undefined || (isObj(oldList) && oldList[k] !== undefined && String(oldList[k]) === String(v));
      return [k, echoed ? (canonicalQuantity(String(v)) ?? v) : v];
    });
    return Object.fromEntries(entries);
  };
  return { ...spec, resources: { ...res, requests: stored(res.requests, oldRes.requests), limits: stored(res.limits, oldRes.limits) } };
}

export function validatePersistentVolumeClaimUpdate(next: KubeObject, old: KubeObject): Cause[] {
  const causes: Cause[] = [];
  const newSpec = fromJson(PVC_SPEC, asStored(specOf(next), specOf(old))) as GoStruct;
  const oldSpec = fromJson(PVC_SPEC, asStored(specOf(old))) as GoStruct;
  const oldCompared: GoStruct = { ...oldSpec };
  const newCompared: GoStruct = { ...newSpec };

  // The PV controller binds a claim by setting volumeName: once.
  if (oldSpec.VolumeName === '') oldCompared.VolumeName = newSpec.VolumeName;

  const oldAnn = annotationsOf(old);
  const newAnn = annotationsOf(next);
  const oldSc = optString(specOf(old).storageClassName);
  const newSc = optString(specOf(next).storageClassName);
  if (upgradeFromAnnotation(oldAnn, newAnn, oldSc, newSc)) newCompared.StorageClassName = null;
  else {
    // The beta annotation is immutable after creation.
    if ((newAnn[BETA_STORAGE_CLASS] ?? '') !== (oldAnn[BETA_STORAGE_CLASS] ?? ''))
      causes.push(invalid(`metadata.annotations.${BETA_STORAGE_CLASS}`, newAnn[BETA_STORAGE_CLASS] ?? '', IMMUTABLE));
    if (upgradeFromNil(oldAnn, oldSc, newSc)) newCompared.StorageClassName = oldCompared.StorageClassName;
  }

  // A bound claim may change its storage request (the resize admission and the rules below judge it).
  const status = (next.status ?? {}) as Obj;
  const newResources = newSpec.Resources as GoStruct;
  if (status.phase === 'Bound' && newResources.Requests !== null && newResources.Requests !== undefined) {
    const oldRequests = ((oldSpec.Resources as GoStruct).Requests ?? {}) as GoStruct;
    newCompared.Resources = { ...newResources, Requests: { ...(newResources.Requests as GoStruct), storage: oldRequests.storage ?? {} } };
  }
  newCompared.VolumeAttributesClassName = oldCompared.VolumeAttributesClassName;

  if (!semanticEqual(PVC_SPEC, newCompared, oldCompared))
    causes.push(forbiddenField('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${cmpDiff(PVC_SPEC, oldCompared, newCompared)}`));

  // RecoverVolumeExpansionFailure (beta, on by default since 1.32): a request may come back down,
  // to recover from a failed expansion, but not to the capacity the claim has or below.
  const oldSize = storageOf((specOf(old).resources as Obj | undefined)?.requests);
  const newSize = storageOf((specOf(next).resources as Obj | undefined)?.requests);
  const statusSize = storageOf(((old.status ?? {}) as Obj).capacity);
  if (compareQuantities(newSize, oldSize) < 0 && compareQuantities(newSize, statusSize) <= 0)
    causes.push(forbiddenField('spec.resources.requests.storage', 'field can not be less than status.capacity'));

  causes.push(...immutable('volumeMode', specOf(next).volumeMode, specOf(old).volumeMode));
  return causes;
}

/** %#v of a pointer field inside a struct: its type and an address (Go prints where it points). */
function goPointer(type: string, value: unknown): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(value)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `(*${type})(0xc00${(h & 0xfffffff).toString(16).padStart(7, '0')})`;
}

export function validatePersistentVolumeUpdate(next: KubeObject, old: KubeObject): Cause[] {
  const causes: Cause[] = [];
  const newSource = fromJson(PV_SOURCE, specOf(next)) as GoStruct;
  const oldSource = fromJson(PV_SOURCE, specOf(old)) as GoStruct;
  // A CSI volume without a controllerExpandSecretRef may be given one (to expand it).
  const oldCsi = oldSource.CSI as GoStruct | null;
  const newCsi = newSource.CSI as GoStruct | null;
  if (oldCsi && oldCsi.ControllerExpandSecretRef === null && newCsi && newCsi.ControllerExpandSecretRef !== null) newSource.CSI = { ...newCsi, ControllerExpandSecretRef: null };

  if (!semanticEqual(PV_SOURCE, newSource, oldSource))
    causes.push(forbiddenField('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n${cmpDiff(PV_SOURCE, oldSource, newSource)}`));
  causes.push(...immutable('volumeMode', specOf(next).volumeMode, specOf(old).volumeMode));

  // Node affinity may be set where there was none, never changed (field.Error prints the struct with %#v).
  const oldAffinity = specOf(old).nodeAffinity;
  const newAffinity = specOf(next).nodeAffinity;
  if (oldAffinity != null && JSON.stringify(newAffinity ?? null) !== JSON.stringify(oldAffinity)) {
    const required = (newAffinity as Obj | undefined)?.required;
    const shown = newAffinity == null ? '"null"' : `core.VolumeNodeAffinity{Required:${required == null ? '(*core.NodeSelector)(nil)' : goPointer('core.NodeSelector', required)}}`;
    causes.push({ reason: 'FieldValueInvalid', field: 'nodeAffinity', message: `Invalid value: ${shown}: ${IMMUTABLE}` });
  }
  return causes;
}
