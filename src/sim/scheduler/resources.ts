/** Pod resource requests and node usage as the scheduler accounts them (NodeInfo). */
import { parseQuantity } from '../apiserver/quantity';
import type { KubeObject } from '../apiserver/types';
import { spec, type Obj } from '../controllers/machinery/objects';

export interface Resources {
  cpu: number; // cores
  memory: number; // bytes
  ephemeral: number;
}

/** The defaults the scoring plugins use for containers without requests (100m, 200Mi). */
const NONZERO_CPU = 0.1;
const NONZERO_MEMORY = 200 * 1024 * 1024;

function containerRequests(c: Obj, nonZero: boolean): Resources {
  const req = (c.resources?.requests ?? {}) as Record<string, string>;
  const cpu = req.cpu !== undefined ? parseQuantity(req.cpu) : nonZero ? NONZERO_CPU : 0;
  const memory = req.memory !== undefined ? parseQuantity(req.memory) : nonZero ? NONZERO_MEMORY : 0;
  const ephemeral = req['ephemeral-storage'] !== undefined ? parseQuantity(req['ephemeral-storage']) : 0;
  return { cpu: cpu || 0, memory: memory || 0, ephemeral: ephemeral || 0 };
}

/**
 * Requests of shared (frozen) pod specs, remembered: the scheduler rebuilds a node's NodeInfo from
 * all its pods whenever one of them changes, so the same informer objects are summed again and
 * again. They depend on the spec alone, which the versions a status update makes share.
 */
const requestsOf = new WeakMap<object, Resources>();
const nonZeroRequestsOf = new WeakMap<object, Resources>();

/** max(sum of app containers, any init container) + overhead (computePodResourceRequest). */
export function podRequests(pod: KubeObject, nonZero = false): Resources {
  return { ...sharedPodRequests(pod, nonZero) };
}

/** podRequests, not to be modified (it may be the remembered object itself). */
export function sharedPodRequests(pod: KubeObject, nonZero: boolean): Readonly<Resources> {
  const podSpec = pod.spec as object | undefined;
  if (!podSpec || !Object.isFrozen(podSpec)) return computeRequests(pod, nonZero);
  const cache = nonZero ? nonZeroRequestsOf : requestsOf;
  let r = cache.get(podSpec);
  if (!r) cache.set(podSpec, (r = computeRequests(pod, nonZero)));
  return r;
}

function computeRequests(pod: KubeObject, nonZero: boolean): Resources {
  const s = spec(pod);
  const total: Resources = { cpu: 0, memory: 0, ephemeral: 0 };
  for (const c of (s.containers ?? []) as Obj[]) {
    const r = containerRequests(c, nonZero);
    total.cpu += r.cpu;
    total.memory += r.memory;
    total.ephemeral += r.ephemeral;
  }
  for (const c of (s.initContainers ?? []) as Obj[]) {
    const r = containerRequests(c, nonZero);
    total.cpu = Math.max(total.cpu, r.cpu);
    total.memory = Math.max(total.memory, r.memory);
    total.ephemeral = Math.max(total.ephemeral, r.ephemeral);
  }
  const overhead = (s.overhead ?? {}) as Record<string, string>;
  if (overhead.cpu) total.cpu += parseQuantity(overhead.cpu) || 0;
  if (overhead.memory) total.memory += parseQuantity(overhead.memory) || 0;
  return total;
}

/** Parsed per node status object: every filter and score of every pod asks, the node changes seldom. */
const allocatableOf = new WeakMap<object, Readonly<Resources & { pods: number }>>();

export function allocatable(node: KubeObject): Readonly<Resources & { pods: number }> {
  const a = ((node.status as Obj | undefined)?.allocatable ?? {}) as Record<string, string>;
  const cached = allocatableOf.get(a);
  if (cached) return cached;
  const parsed = Object.freeze({
    cpu: parseQuantity(a.cpu ?? '0') || 0,
    memory: parseQuantity(a.memory ?? '0') || 0,
    ephemeral: parseQuantity(a['ephemeral-storage'] ?? '0') || 0,
    pods: Number(a.pods ?? 0) || 0,
  });
  // Only a frozen (cached) status can be trusted not to change under the memo.
  if (Object.isFrozen(a)) allocatableOf.set(a, parsed);
  return parsed;
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export function hostPorts(pod: KubeObject): HostPort[] {
  const out: HostPort[] = [];
  for (const c of (spec(pod).containers ?? []) as Obj[])
    for (const p of (c.ports ?? []) as Obj[]) if (p.hostPort) out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: Number(p.hostPort) });
  return out;
}

/** What is already on a node: the scheduler's NodeInfo. */
export class NodeInfo {
  requested: Resources = { cpu: 0, memory: 0, ephemeral: 0 };
  nonZeroRequested: Resources = { cpu: 0, memory: 0, ephemeral: 0 };
  podCount = 0;
  ports: HostPort[] = [];
  pods: KubeObject[] = [];
  /** How many of the node's pods each owner (uid) has: what default spreading counts for every pod scored. */
  readonly podsByOwner = new Map<string, number>();
  /**
   * The node's pods with required anti-affinity terms (NodeInfo.PodsWithRequiredAntiAffinity):
   * every pod scheduled checks them, and they are few, so they are listed as pods are added.
   */
  readonly podsWithRequiredAntiAffinity: KubeObject[] = [];

  constructor(readonly node: KubeObject) {}

  add(pod: KubeObject): void {
    const r = sharedPodRequests(pod, false);
    const nz = sharedPodRequests(pod, true);
    this.requested.cpu += r.cpu;
    this.requested.memory += r.memory;
    this.requested.ephemeral += r.ephemeral;
    this.nonZeroRequested.cpu += nz.cpu;
    this.nonZeroRequested.memory += nz.memory;
    this.podCount++;
    const ports = hostPorts(pod);
    for (let i = 0; i < ports.length; i++) this.ports.push(ports[i]);
    this.pods.push(pod);
    const antiAffinity = (spec(pod).affinity as Obj | undefined)?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (Array.isArray(antiAffinity) && antiAffinity.length) this.podsWithRequiredAntiAffinity.push(pod);
    const owners = pod.metadata?.ownerReferences;
    if (owners)
      for (let i = 0; i < owners.length; i++) {
        // A pod counts once per owner, however often it names it.
        if (firstWithUid(owners, i)) this.podsByOwner.set(owners[i].uid, (this.podsByOwner.get(owners[i].uid) ?? 0) + 1);
      }
  }
}

/** Is owners[i] the first reference with its uid? */
function firstWithUid(owners: readonly { uid: string }[], i: number): boolean {
  for (let j = 0; j < i; j++) if (owners[j].uid === owners[i].uid) return false;
  return true;
}
