/**
 * The VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding): PreFilter sorts the
 * pod's claims (missing, lost or terminating claims and unbound claims of Immediate classes make
 * the pod unschedulable everywhere), Filter finds for each node the volumes its bound claims
 * need and the volumes or provisioning its WaitForFirstConsumer claims could get there, with
 * the plugin's reasons, and PreBind writes the choice: a static volume's claimRef, or the chosen
 * node on a claim its provisioner is to make a volume for.
 */
import type { ApiClient } from '../apiserver/client';
import type { KubeObject } from '../apiserver/types';
import type { Informer } from '../controllers/machinery/informer';
import { spec, status, type Obj } from '../controllers/machinery/objects';
import { claimClass, findMatchingVolume, isVolumeBoundToClaim, storageOf, volumeClass, volumeFitsNodeLabels } from '../controllers/pv-matching';

const PVS = { group: '', version: 'v1', resource: 'persistentvolumes' };
const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** volume.NotSupportedProvisioner: a class whose volumes an administrator makes by hand. */
const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

/** The ConflictReasons of the binder, in the order Filter reports them. */
export const NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

export interface VolumeListers {
  pvcs: Informer;
  pvs: Informer;
  classes: Informer;
}

/** What binding the pod's volumes on one node takes, or why they cannot be had there. */
export interface NodeVolumes {
  reasons: string[];
  staticBindings: { pv: KubeObject; claim: KubeObject }[];
  provisions: KubeObject[];
}

/** isPVCFullyBound: the claim names its volume and the controller finished binding it. */
export function isClaimFullyBound(claim: KubeObject): boolean {
  return !!spec(claim).volumeName && claim.metadata?.annotations?.[BIND_COMPLETED] !== undefined;
}

function claimNames(pod: KubeObject): string[] {
  const names: string[] = [];
  for (const v of (spec(pod).volumes ?? []) as Obj[]) if (v.persistentVolumeClaim?.claimName) names.push(String(v.persistentVolumeClaim.claimName));
  return names;
}

/** The pod's claims that exist. */
export function claimsOfPod(pod: KubeObject, pvcs: Informer): KubeObject[] {
  const out: KubeObject[] = [];
  for (const name of claimNames(pod)) {
    const c = pvcs.getByName(pod.metadata?.namespace, name);
    if (c) out.push(c);
  }
  return out;
}

/** The pod's claims, bound and waiting for their first consumer, after PreFilter let them pass. */
export class PodVolumeClaims {
  private readonly perNode = new Map<string, NodeVolumes>();

  constructor(
    readonly bound: KubeObject[],
    readonly delayed: KubeObject[],
    private readonly listers: VolumeListers,
  ) {}

  reasons(node: KubeObject): string[] {
    return this.forNode(node).reasons;
  }

  /** FindPodVolumes for one node (remembered for the scheduling cycle). */
  forNode(node: KubeObject): NodeVolumes {
    const name = node.metadata!.name!;
    let found = this.perNode.get(name);
    if (!found) this.perNode.set(name, (found = this.find(node)));
    return found;
  }

  private find(node: KubeObject): NodeVolumes {
    const labels = node.metadata?.labels;
    const result: NodeVolumes = { reasons: [], staticBindings: [], provisions: [] };
    let boundSatisfied = true;
    let boundFound = true;
    // checkBoundClaims stops at the first claim whose volume is missing or elsewhere.
    for (const claim of this.bound) {
      const pv = this.listers.pvs.get(String(spec(claim).volumeName));
      if (!pv) {
        boundFound = false;
        break;
      }
      if (!volumeFitsNodeLabels(pv, labels)) {
        boundSatisfied = false;
        break;
      }
    }
    let unboundSatisfied = true;
    if (this.delayed.length) {
      const toProvision: KubeObject[] = [];
      const chosen = new Set<string>();
      // findMatchingVolumes: smallest requests first, each volume for one claim.
      const bySize = [...this.delayed].sort((a, b) => storageOf(spec(a).resources?.requests?.storage) - storageOf(spec(b).resources?.requests?.storage));
      for (const claim of bySize) {
        const cls = claimClass(claim);
        const pv = findMatchingVolume(
          claim,
          this.listers.pvs.list().filter((v) => volumeClass(v) === cls),
          { node, excluded: chosen, delayBinding: true },
        );
        if (!pv) toProvision.push(claim);
        else {
          chosen.add(pv.metadata!.name!);
          result.staticBindings.push({ pv, claim });
        }
      }
      if (toProvision.length) unboundSatisfied = this.provisionable(toProvision, node, result);
    }
    if (!boundSatisfied) result.reasons.push(NODE_CONFLICT);
    if (!unboundSatisfied) result.reasons.push(BIND_CONFLICT);
    if (!boundFound) result.reasons.push(PV_NOT_EXIST);
    return result;
  }

  /** checkVolumeProvisions: every claim left needs a class that provisions, on this node's topology. */
  private provisionable(claims: KubeObject[], node: KubeObject, result: NodeVolumes): boolean {
    for (const claim of claims) {
      const sc = this.listers.classes.getByName(undefined, claimClass(claim));
      const provisioner = String(sc?.provisioner ?? '');
      if (!sc || !provisioner || provisioner === NOT_SUPPORTED_PROVISIONER) return false;
      if (!topologyAllows((sc.allowedTopologies ?? []) as Obj[], node.metadata?.labels ?? {})) return false;
      result.provisions.push(claim);
    }
    return true;
  }
}

/** MatchTopologySelectorTerms: no terms allow every node; else one term's every expression must hold. */
function topologyAllows(terms: Obj[], labels: Record<string, string>): boolean {
  if (!terms.length) return true;
  return terms.some((t) => ((t.matchLabelExpressions ?? []) as Obj[]).every((e) => labels[e.key] !== undefined && ((e.values ?? []) as string[]).includes(labels[e.key])));
}

/**
 * PreFilter: undefined for a pod without claims; the message that makes it unschedulable on
 * every node (podHasPVCs, then unbound claims of Immediate classes); else its claims.
 */
export function preFilterVolumes(pod: KubeObject, listers: VolumeListers): PodVolumeClaims | { unschedulable: string } | undefined {
  const names = claimNames(pod);
  if (!names.length) return undefined;
  const claims: KubeObject[] = [];
  for (const name of names) {
    const c = listers.pvcs.getByName(pod.metadata?.namespace, name);
    if (!c) return { unschedulable: `persistentvolumeclaim "${name}" not found` };
    if (status(c).phase === 'Lost') return { unschedulable: `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${spec(c).volumeName ?? ''}"` };
    if (c.metadata?.deletionTimestamp) return { unschedulable: `persistentvolumeclaim "${name}" is being deleted` };
    claims.push(c);
  }
  const bound: KubeObject[] = [];
  const delayed: KubeObject[] = [];
  let unboundImmediate = false;
  for (const c of claims) {
    if (isClaimFullyBound(c)) bound.push(c);
    else if (isDelayBinding(c, listers) && !spec(c).volumeName) delayed.push(c);
    else unboundImmediate = true; // a claim pre-bound to a volume counts as immediate
  }
  if (unboundImmediate) return { unschedulable: 'pod has unbound immediate PersistentVolumeClaims' };
  return new PodVolumeClaims(bound, delayed, listers);
}

/** IsDelayBindingMode: the claim's class exists and binds on first consumer. */
function isDelayBinding(claim: KubeObject, listers: VolumeListers): boolean {
  const name = claimClass(claim);
  return !!name && listers.classes.getByName(undefined, name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/**
 * PreBind's API writes (bindAPIUpdate): each chosen volume gets the claim's reference (bound by
 * controller), each claim to provision the chosen node. True when something is to wait for.
 */
export function writeVolumeBindings(client: ApiClient, choice: NodeVolumes, nodeName: string): boolean {
  for (const { pv, claim } of choice.staticBindings) {
    // GetBindVolumeToClaim: a volume the user pre-bound keeps its annotations.
    const preBound = isVolumeBoundToClaim(pv, claim);
    if (preBound && (spec(pv).claimRef as Obj).uid === claim.metadata?.uid) continue;
    const claimRef = { kind: 'PersistentVolumeClaim', namespace: claim.metadata!.namespace, name: claim.metadata!.name, uid: claim.metadata!.uid, apiVersion: 'v1', resourceVersion: claim.metadata!.resourceVersion };
    const annotations = preBound ? pv.metadata?.annotations : { ...(pv.metadata?.annotations ?? {}), [BOUND_BY_CONTROLLER]: 'yes' };
    client.update(PVS, undefined, { ...pv, metadata: { ...pv.metadata, annotations }, spec: { ...spec(pv), claimRef } });
  }
  for (const claim of choice.provisions)
    if (claim.metadata?.annotations?.[SELECTED_NODE] !== nodeName)
      client.patch(PVCS, claim.metadata!.namespace, claim.metadata!.name!, { metadata: { annotations: { [SELECTED_NODE]: nodeName } } }, 'application/merge-patch+json');
  return choice.staticBindings.length + choice.provisions.length > 0;
}
