/**
 * Which PersistentVolume a claim may take: component-helpers/storage/volume's FindMatchingVolume
 * and its helpers, shared as in Kubernetes by the persistent-volume controller (no node) and the
 * scheduler's VolumeBinding plugin (the node it tries).
 */
import type { KubeObject } from '../apiserver/types';
import { parseQuantity } from '../apiserver/quantity';
import { selectorMatches, spec, status, type Obj } from './machinery/objects';
import { nodeSelectorTermMatches } from './node-selector';

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** GetPersistentVolumeClaimClass: the beta annotation first, then the field. */
export function claimClass(claim: KubeObject): string {
  return String(claim.metadata?.annotations?.[BETA_STORAGE_CLASS] ?? spec(claim).storageClassName ?? '');
}

/** GetPersistentVolumeClass. */
export function volumeClass(pv: KubeObject): string {
  return String(pv.metadata?.annotations?.[BETA_STORAGE_CLASS] ?? spec(pv).storageClassName ?? '');
}

export function storageOf(quantity: unknown): number {
  return parseQuantity(String(quantity ?? '0')) || 0;
}

export function isVolumeBoundToClaim(pv: KubeObject, claim: KubeObject): boolean {
  const ref = spec(pv).claimRef as Obj | undefined;
  if (!ref || ref.name !== claim.metadata?.name || ref.namespace !== claim.metadata?.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata?.uid;
}

/** CheckNodeAffinity: the volume's required node affinity against a node's labels (fields are not seen). */
export function volumeFitsNodeLabels(pv: KubeObject, labels: Record<string, string> | undefined): boolean {
  const terms = (spec(pv).nodeAffinity as Obj | undefined)?.required?.nodeSelectorTerms as Obj[] | undefined;
  if (!terms) return true;
  const labelsOnly: KubeObject = { metadata: { labels: labels ?? {} } };
  return terms.some((t) => nodeSelectorTermMatches(t, labelsOnly));
}

export function accessModesFit(claim: KubeObject, pv: KubeObject): boolean {
  const modes = (spec(pv).accessModes ?? []) as string[];
  return ((spec(claim).accessModes ?? []) as string[]).every((m) => modes.includes(m));
}

/** checkVolumeSatisfyClaim: why the volume a claim names cannot be its volume (undefined when it can). */
export function volumeMismatch(pv: KubeObject, claim: KubeObject): string | undefined {
  if (pv.metadata?.deletionTimestamp) return `the volume is marked for deletion "${pv.metadata.name}"`;
  if (storageOf(spec(pv).capacity?.storage) < storageOf(spec(claim).resources?.requests?.storage)) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(claim)) return 'storageClassName does not match';
  if ((spec(pv).volumeMode ?? 'Filesystem') !== (spec(claim).volumeMode ?? 'Filesystem')) return 'incompatible volumeMode';
  if (!accessModesFit(claim, pv)) return 'incompatible accessMode';
  return undefined;
}

export interface MatchOptions {
  /** The scheduler's node: volumes must fit its labels, and access modes are checked here. */
  node?: KubeObject;
  /** Volumes already chosen for other claims of the pod. */
  excluded?: Set<string>;
  /** The claim's class binds on first consumer: the controller leaves unbound volumes to the scheduler. */
  delayBinding: boolean;
}

/**
 * The volume pre-bound to the claim if there is one (undefined if it does not fit the node),
 * else the smallest Available volume of the claim's class that satisfies it.
 */
export function findMatchingVolume(claim: KubeObject, volumes: readonly KubeObject[], opts: MatchOptions): KubeObject | undefined {
  const requested = storageOf(spec(claim).resources?.requests?.storage);
  const requestedClass = claimClass(claim);
  const selector = spec(claim).selector as Obj | undefined;
  let smallest: KubeObject | undefined;
  let smallestSize = Infinity;
  for (const pv of volumes) {
    if (opts.excluded?.has(pv.metadata!.name!)) continue;
    if (spec(pv).claimRef && !isVolumeBoundToClaim(pv, claim)) continue;
    const size = storageOf(spec(pv).capacity?.storage);
    if (size < requested) continue;
    if ((spec(pv).volumeMode ?? 'Filesystem') !== (spec(claim).volumeMode ?? 'Filesystem')) continue;
    if (pv.metadata?.deletionTimestamp) continue;
    const nodeFits = !opts.node || volumeFitsNodeLabels(pv, opts.node.metadata?.labels);
    if (isVolumeBoundToClaim(pv, claim)) return nodeFits ? pv : undefined;
    if (!opts.node && opts.delayBinding) continue;
    // Available only; a volume just created counts too, as its controller marks it Available at once.
    const phase = status(pv).phase;
    if (phase !== undefined && phase !== 'Available' && phase !== 'Pending') continue;
    if (selector && !selectorMatches(selector, pv.metadata?.labels)) continue;
    if (volumeClass(pv) !== requestedClass) continue;
    if (!nodeFits) continue;
    if (opts.node && !accessModesFit(claim, pv)) continue;
    if (size < smallestSize) {
      smallest = pv;
      smallestSize = size;
    }
  }
  return smallest;
}
