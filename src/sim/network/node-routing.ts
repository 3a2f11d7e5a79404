/**
 * A connection's way through the nodes' netfilter rules, once kube-proxy has written them on the
 * node it leaves from: nat OUTPUT (from the node itself) or PREROUTING (from one of its pods) may
 * DNAT a Service address to an endpoint; the filter chains may DROP (a timeout) or REJECT (refused,
 * as kube-proxy does for a Service without endpoints). A connection to another node's address
 * (a NodePort) goes through that node's PREROUTING and INPUT/FORWARD as it arrives. In kube-proxy's
 * IPVS mode the rules only mark and accept, and the node's IPVS table picks the real server.
 *
 * With no kube-proxy chains on the node (no kube-proxy ever ran there) the caller routes Services
 * as kube-proxy would (network.ts): the tables are not the subject then.
 */
import type { Cluster } from '../cluster/cluster';
import type { Machine } from '../machine';
import type { KubeObject } from '../apiserver/types';
import type { Endpoint } from './policy';
import { syncNetfilterAgents } from './netfilter/agents';
import { ruleSpec, type Rule } from './netfilter/rule';
import { chainOf, netfilterOf, tableOf, type NetfilterState } from './netfilter/state';
import { traverse, type Packet, type Verdict } from './netfilter/traverse';
import { findService, ipvsOf, schedule, type IpvsState } from './ipvs';
import { recordConnection } from './conntrack';

export type Routed = { kind: 'to'; ip: string; port: number } | { kind: 'refused' } | { kind: 'timeout' };

export class NodeRouting {
  /** How often each load-balancing rule has been drawn (kube-proxy's random choice, made even). */
  private draws = new Map<string, number>();

  constructor(private readonly cluster: Cluster) {}

  private machineOfPod(pod: KubeObject): Machine | undefined {
    const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    return node ? this.cluster.machine(node) : undefined;
  }

  private machineWithIp(ip: string): Machine | undefined {
    for (const host of this.cluster.kubelets.keys()) {
      const m = this.cluster.machine(host);
      if (m?.ip === ip) return m;
    }
    return this.cluster.opts.machines.find((m) => m.ip === ip);
  }

  /** The node's rules, brought up to date by its daemons; undefined when kube-proxy never wrote any there. */
  private rulesOf(machine: Machine): NetfilterState | undefined {
    syncNetfilterAgents(machine);
    const state = netfilterOf(machine);
    const nat = tableOf(state, 'nat', false);
    return nat && chainOf(nat, 'KUBE-SERVICES') ? state : undefined;
  }

  /** statistic --mode random, drawn evenly: rule k of n takes every (n-k)th connection that reaches it. */
  private readonly draw = (probability: number, rule: Rule): boolean => {
    const key = ruleSpec(rule);
    const k = this.draws.get(key) ?? 0;
    this.draws.set(key, k + 1);
    return Math.floor((k + 1) * probability) > Math.floor(k * probability);
  };

  /** The machine's own addresses: its NIC, loopback, and in IPVS mode the virtual IPs bound to kube-ipvs0. */
  private isLocal(machine: Machine, ip: string): boolean {
    return ip === machine.ip || ip.startsWith('127.') || (ipvsOf(machine)?.sets['KUBE-IPVS-IPS']?.includes(ip) ?? false);
  }

  /** A TCP connection's first packet; undefined when the source node has no kube-proxy rules. */
  route(from: Endpoint, ip: string, port: number): Routed | undefined {
    return this.routeProto(from, ip, port, 'tcp');
  }

  private routeProto(from: Endpoint, ip: string, port: number, proto: 'tcp' | 'udp'): Routed | undefined {
    // a Pod's own loopback stays in its network namespace: no node's rules see it
    if (from.pod && !(from.pod.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork && ip.startsWith('127.')) return undefined;
    const src = from.pod ? this.machineOfPod(from.pod) : this.machineWithIp(from.ip);
    const state = src && this.rulesOf(src);
    if (!src || !state) return undefined;
    const fromPod = !!from.pod;
    const ipvs = ipvsOf(src);
    // the kernel gives a connection to 127.0.0.0/8 the loopback address as its source
    const source = !fromPod && ip.startsWith('127.') ? '127.0.0.1' : from.ip;
    const packet: Packet = { src: source, dst: ip, proto, dport: port, inIface: fromPod ? 'cni0' : undefined, srcLocal: !fromPod, dstLocal: this.isLocal(src, ip), mark: 0, sets: ipvs?.sets };
    const nat = this.translate(state, ipvs, fromPod ? 'PREROUTING' : 'OUTPUT', packet);
    if (nat.kind === 'refused') return nat;
    const { ip: dst, port: dport } = nat;
    const after: Packet = { ...packet, dst, dport, dstLocal: this.isLocal(src, dst) };
    const filter = traverse(state, 'filter', fromPod ? (after.dstLocal ? 'INPUT' : 'FORWARD') : 'OUTPUT', after, this.draw);
    const blocked = this.blocked(filter);
    if (blocked) return blocked;
    if (!nat.translated && this.isServiceAddress(ip)) return { kind: 'timeout' };
    // arriving at another node (a NodePort, or a node's own port): its PREROUTING and INPUT/FORWARD
    const dstNode = !after.dstLocal ? this.machineWithIp(dst) : undefined;
    const remote = dstNode && this.rulesOf(dstNode);
    if (dstNode && remote) {
      const remoteIpvs = ipvsOf(dstNode);
      const arriving: Packet = { src: from.ip, dst, proto, dport, inIface: 'ens4', srcLocal: false, dstLocal: true, mark: 0, sets: remoteIpvs?.sets };
      const rnat = this.translate(remote, remoteIpvs, 'PREROUTING', arriving);
      if (rnat.kind === 'refused') return rnat;
      const rfilter = traverse(remote, 'filter', rnat.translated ? 'FORWARD' : 'INPUT', { ...arriving, dst: rnat.ip, dport: rnat.port, dstLocal: !rnat.translated }, this.draw);
      const rblocked = this.blocked(rfilter);
      if (rblocked) return rblocked;
      this.track([src, dstNode], { proto, src: from.ip, dst: ip, dport: port, replySrc: rnat.ip, replySport: rnat.port });
      return { kind: 'to', ip: rnat.ip, port: rnat.port };
    }
    this.track([src], { proto, src: source, dst: ip, dport: port, replySrc: dst, replySport: dport });
    return { kind: 'to', ip: dst, port: dport };
  }

  /** The connection in the conntrack tables of the nodes it went through. */
  private track(machines: Machine[], c: Parameters<typeof recordConnection>[2]): void {
    for (const m of machines) recordConnection(m, this.cluster.clock.now(), c);
  }

  /**
   * Where the packet is sent after a nat chain: a DNAT's destination, else (kube-proxy's IPVS mode)
   * the real server a virtual service on this node's address picks, else where it was going.
   */
  private translate(state: NetfilterState, ipvs: IpvsState | undefined, chain: string, p: Packet): { kind: 'to'; ip: string; port: number; translated: boolean } | { kind: 'refused' } {
    const nat = traverse(state, 'nat', chain, p, this.draw);
    if (nat.kind === 'dnat') return { kind: 'to', ip: nat.ip, port: nat.port, translated: true };
    const vs = findService(ipvs, p.proto === 'udp' ? 'UDP' : 'TCP', p.dst, p.dport);
    if (!vs) return { kind: 'to', ip: p.dst, port: p.dport, translated: false };
    const real = schedule(vs);
    return real ? { kind: 'to', ip: real.address, port: real.port, translated: true } : { kind: 'refused' };
  }

  private blocked(v: Verdict): Routed | undefined {
    if (v.kind === 'drop') return { kind: 'timeout' };
    if (v.kind === 'reject') return { kind: 'refused' };
    return undefined;
  }

  private isServiceAddress(ip: string): boolean {
    const r = this.cluster.apiServer.request({ verb: 'list', group: '', version: 'v1', resource: 'services', readOnly: true });
    return r.code === 200 && (r.body as { items: KubeObject[] }).items.some((s) => (s.spec as { clusterIP?: string } | undefined)?.clusterIP === ip);
  }

  /** Does a pod's UDP query to ip:port (its nameserver) go nowhere through its node's rules? */
  udpBlackholed(pod: KubeObject, ip: string, port: number): boolean {
    const podIp = String((pod.status as { podIP?: string } | undefined)?.podIP ?? '');
    const r = this.routeProto({ ip: podIp, pod }, ip, port, 'udp');
    return !!r && r.kind !== 'to';
  }
}
