/**
 * NetworkPolicy evaluation as CNI plugins that enforce it do: a pod selected by a policy of a
 * direction (Ingress/Egress) only accepts traffic that some rule of such a policy allows; pods
 * no policy selects are open. Peers are podSelector (in the policy's namespace),
 * namespaceSelector, both together, or ipBlock (cidr minus except); ports by number, name or
 * range (endPort). Note that flannel itself does not enforce policies: the cluster turns
 * enforcement on only with a policy-capable CNI (see ClusterNetwork).
 */
import type { KubeObject } from '../apiserver/types';
import { selectorMatches, spec, type Obj } from '../controllers/machinery/objects';

export interface Endpoint {
  ip: string;
  pod?: KubeObject;
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const b = Number(bits ?? 32);
  if (b === 0) return true;
  const mask = (~0 << (32 - b)) >>> 0;
  return (ipToInt(ip) & mask) === (ipToInt(base) & mask);
}

function types(p: KubeObject): string[] {
  const s = spec(p);
  if (Array.isArray(s.policyTypes) && s.policyTypes.length) return s.policyTypes;
  return s.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function peerMatches(peer: Obj, policyNs: string, other: Endpoint, namespaces: Map<string, KubeObject>): boolean {
  if (peer.ipBlock) {
    if (!inCidr(other.ip, peer.ipBlock.cidr)) return false;
    return !((peer.ipBlock.except ?? []) as string[]).some((c) => inCidr(other.ip, c));
  }
  if (!other.pod) return false;
  const podNs = other.pod.metadata?.namespace ?? '';
  if (peer.namespaceSelector) {
    const ns = namespaces.get(podNs);
    if (!selectorMatchesOrAll(peer.namespaceSelector, ns?.metadata?.labels)) return false;
  } else if (podNs !== policyNs) return false;
  if (peer.podSelector) return selectorMatchesOrAll(peer.podSelector, other.pod.metadata?.labels);
  return true;
}

function selectorMatchesOrAll(sel: Obj, labels: Record<string, string> | undefined): boolean {
  const empty = !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length;
  return empty || selectorMatches(sel, labels);
}

function portMatches(rulePorts: Obj[] | undefined, port: number, protocol: string, target: KubeObject | undefined): boolean {
  if (!rulePorts || !rulePorts.length) return true;
  return rulePorts.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'number') return p.endPort ? port >= p.port && port <= p.endPort : port === p.port;
    // a named port: the destination pod's container port of that name
    for (const c of (target ? spec(target).containers ?? [] : []) as Obj[]) for (const cp of (c.ports ?? []) as Obj[]) if (cp.name === p.port && Number(cp.containerPort) === port) return true;
    return false;
  });
}

function applies(policy: KubeObject, pod: KubeObject, direction: 'Ingress' | 'Egress'): boolean {
  return policy.metadata?.namespace === pod.metadata?.namespace && types(policy).includes(direction) && selectorMatchesOrAll(spec(policy).podSelector ?? {}, pod.metadata?.labels);
}

/** May `from` open a connection to `to` on port/protocol under these policies? */
export function connectionAllowed(from: Endpoint, to: Endpoint, port: number, protocol: string, policies: KubeObject[], namespaces: Map<string, KubeObject>): boolean {
  if (to.pod) {
    const selecting = policies.filter((p) => applies(p, to.pod!, 'Ingress'));
    if (selecting.length) {
      const ok = selecting.some((p) =>
        ((spec(p).ingress ?? []) as Obj[]).some((rule) => {
          const peers = (rule.from ?? []) as Obj[];
          const peerOk = !peers.length || peers.some((peer) => peerMatches(peer, p.metadata!.namespace!, from, namespaces));
          return peerOk && portMatches(rule.ports, port, protocol, to.pod);
        }),
      );
      if (!ok) return false;
    }
  }
  if (from.pod) {
    const selecting = policies.filter((p) => applies(p, from.pod!, 'Egress'));
    if (selecting.length) {
      const ok = selecting.some((p) =>
        ((spec(p).egress ?? []) as Obj[]).some((rule) => {
          const peers = (rule.to ?? []) as Obj[];
          const peerOk = !peers.length || peers.some((peer) => peerMatches(peer, p.metadata!.namespace!, to, namespaces));
          return peerOk && portMatches(rule.ports, port, protocol, to.pod);
        }),
      );
      if (!ok) return false;
    }
  }
  return true;
}
