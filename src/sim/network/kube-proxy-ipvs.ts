/**
 * kube-proxy in IPVS mode (`mode: ipvs` in its ConfigMap, read when it starts), after its ipvs
 * proxier (pkg/proxy/ipvs/proxier.go, v1.33): one IPVS virtual service per Service port on its
 * ClusterIP (bound to the dummy device kube-ipvs0) and per NodePort on the node's address,
 * round robin over the ready endpoints; ipsets of those addresses; and a few iptables rules that
 * match the ipsets (writeIptablesRules), in its own argument order.
 */
import type { KubeObject } from '../apiserver/types';
import type { VirtualService } from './ipvs';
import { comment, servicePorts } from './kube-proxy-rules';

export interface IpvsProxyState {
  services: KubeObject[];
  endpointSlices: KubeObject[];
  clusterCIDR?: string;
  /** The node's addresses a NodePort is served on. */
  nodeIPs: string[];
}

const LOOP_BACK_COMMENT = 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose';
const CLUSTER_IP_COMMENT = 'Kubernetes service cluster ip + port for masquerade purpose';
const NODE_PORT_COMMENT: Record<string, string> = { tcp: 'Kubernetes nodeport TCP port for masquerade purpose', udp: 'Kubernetes nodeport UDP port for masquerade purpose' };
const HEALTH_CHECK_COMMENT = 'Kubernetes health check node port';

/** The virtual services and the ipsets kube-proxy keeps for the Services. */
export function ipvsTables(state: IpvsProxyState): { services: VirtualService[]; sets: Record<string, string[]> } {
  const services: VirtualService[] = [];
  const sets: Record<string, string[]> = { 'KUBE-CLUSTER-IP': [], 'KUBE-LOOP-BACK': [], 'KUBE-NODE-PORT-TCP': [], 'KUBE-NODE-PORT-UDP': [], 'KUBE-HEALTH-CHECK-NODE-PORT': [], 'KUBE-IPVS-IPS': [] };
  for (const sp of servicePorts(state)) {
    const protocol = sp.protocol === 'udp' ? 'UDP' : 'TCP';
    const dests = sp.endpoints.map((ep) => {
      const i = ep.lastIndexOf(':');
      return { address: ep.slice(0, i), port: Number(ep.slice(i + 1)), weight: 1, conns: 0 };
    });
    const vs = (address: string, port: number): VirtualService => ({ protocol, address, port, scheduler: 'rr', ...(sp.affinity ? { persistent: sp.affinitySeconds } : {}), dests: dests.map((d) => ({ ...d })), next: 0, conns: 0 });
    services.push(vs(sp.clusterIP, sp.port));
    sets['KUBE-CLUSTER-IP'].push(`${sp.clusterIP},${sp.protocol}:${sp.port}`);
    if (!sets['KUBE-IPVS-IPS'].includes(sp.clusterIP)) sets['KUBE-IPVS-IPS'].push(sp.clusterIP);
    for (const d of dests) sets['KUBE-LOOP-BACK'].push(`${d.address},${sp.protocol}:${d.port},${d.address}`);
    if (sp.nodePort) {
      for (const ip of state.nodeIPs) services.push(vs(ip, sp.nodePort));
      sets[`KUBE-NODE-PORT-${protocol}`].push(String(sp.nodePort));
    }
  }
  return { services, sets };
}

/** The restore input of one sync of the ipvs proxier's iptables rules. */
export function ipvsProxyRestore(state: IpvsProxyState, sets: Record<string, string[]>): string {
  const nonEmpty = (name: string) => (sets[name]?.length ?? 0) > 0;
  const nat: string[] = ['-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN'];
  if (nonEmpty('KUBE-LOOP-BACK')) nat.push(`-A KUBE-POSTROUTING ${comment(LOOP_BACK_COMMENT)} -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE`);
  for (const proto of ['tcp', 'udp']) {
    const set = `KUBE-NODE-PORT-${proto.toUpperCase()}`;
    if (nonEmpty(set)) nat.push(`-A KUBE-NODE-PORT -p ${proto} ${comment(NODE_PORT_COMMENT[proto])} -m set --match-set ${set} dst -j KUBE-MARK-MASQ`);
  }
  if (nonEmpty('KUBE-CLUSTER-IP')) {
    const local = state.clusterCIDR ? ` ! -s ${state.clusterCIDR}` : '';
    nat.push(`-A KUBE-SERVICES ${comment(CLUSTER_IP_COMMENT)} -m set --match-set KUBE-CLUSTER-IP ${state.clusterCIDR ? 'dst,dst' : 'src,dst'}${local} -j KUBE-MARK-MASQ`);
  }
  nat.push('-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT', '-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ');
  if (nonEmpty('KUBE-CLUSTER-IP')) nat.push('-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT');
  nat.push(
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
    `-A KUBE-POSTROUTING ${comment('kubernetes service traffic requiring SNAT')} -j MASQUERADE --random-fully`,
    '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
  );
  const filter = [
    '-A KUBE-SOURCE-RANGES-FIREWALL -j DROP',
    `-A KUBE-FORWARD ${comment('kubernetes forwarding rules')} -m mark --mark 0x4000/0x4000 -j ACCEPT`,
    `-A KUBE-FORWARD ${comment('kubernetes forwarding conntrack rule')} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    `-A KUBE-NODE-PORT ${comment(HEALTH_CHECK_COMMENT)} -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT`,
    '-A KUBE-IPVS-FILTER -m set --match-set KUBE-LOAD-BALANCER dst,dst -j RETURN',
    '-A KUBE-IPVS-FILTER -m set --match-set KUBE-CLUSTER-IP dst,dst -j RETURN',
    '-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP dst,dst -j RETURN',
    '-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP-LOCAL dst,dst -j RETURN',
    '-A KUBE-IPVS-FILTER -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j RETURN',
    '-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT',
  ];
  const natChains = ['KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-NODE-PORT', 'KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ'];
  const filterChains = ['KUBE-FORWARD', 'KUBE-NODE-PORT', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL', 'KUBE-IPVS-FILTER', 'KUBE-IPVS-OUT-FILTER'];
  // kube-proxy writes nat first, then filter (its iptablesData order)
  return [
    '*nat', ...natChains.map((c) => `:${c} - [0:0]`), ...nat, 'COMMIT',
    '*filter', ...filterChains.map((c) => `:${c} - [0:0]`), ...filter, 'COMMIT', '',
  ].join('\n');
}

/** The ipvs proxier's jumps (iptablesJumpChain), each inserted first in its chain when missing. */
export const IPVS_PROXY_JUMPS: { table: 'filter' | 'nat'; chain: string; args: string[] }[] = (
  [
    ['nat', 'OUTPUT', 'KUBE-SERVICES', 'kubernetes service portals'],
    ['nat', 'PREROUTING', 'KUBE-SERVICES', 'kubernetes service portals'],
    ['nat', 'POSTROUTING', 'KUBE-POSTROUTING', 'kubernetes postrouting rules'],
    ['filter', 'FORWARD', 'KUBE-FORWARD', 'kubernetes forwarding rules'],
    ['filter', 'INPUT', 'KUBE-NODE-PORT', 'kubernetes health check rules'],
    ['filter', 'INPUT', 'KUBE-PROXY-FIREWALL', 'kube-proxy firewall rules'],
    ['filter', 'FORWARD', 'KUBE-PROXY-FIREWALL', 'kube-proxy firewall rules'],
    ['filter', 'INPUT', 'KUBE-IPVS-FILTER', 'kubernetes ipvs access filter'],
    ['filter', 'OUTPUT', 'KUBE-IPVS-OUT-FILTER', 'kubernetes ipvs access filter'],
  ] as const
).map(([table, chain, to, text]) => ({ table, chain, args: ['-m', 'comment', '--comment', text, '-j', to] }));
