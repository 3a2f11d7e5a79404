/**
 * What kube-proxy (v1.33, iptables mode: kubeadm's `mode: ""`) writes with iptables-restore
 * --noflush on each sync, in its own argument order (pkg/proxy/iptables/proxier.go): its fixed
 * chains, and for every Service port a KUBE-SVC chain load-balancing over KUBE-SEP chains (one per
 * ready endpoint, DNAT to it), KUBE-EXT chains for NodePorts, REJECT rules for Services without
 * endpoints, and the removal of the chains of Services that went away.
 *
 * Chain names are kube-proxy's: "KUBE-SVC-" + the first 16 characters of the base32 of
 * sha256(servicePortName + protocol) (default/kubernetes:https → KUBE-SVC-NPX46M4PTMTKRN6Y).
 */
import { sha256 } from '../../shell/commands/lib/hash';
import type { KubeObject } from '../apiserver/types';

type Obj = Record<string, any>;

export interface ProxyState {
  services: KubeObject[];
  endpointSlices: KubeObject[];
  /** kube-proxy's clusterCIDR (masquerade what comes from outside it). */
  clusterCIDR?: string;
  /** The nat chains that exist now (those of Services no longer there are deleted). */
  existingNatChains: string[];
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** The 16-character hash kube-proxy names a Service port's chains by. */
export function chainHash(text: string): string {
  const hex = sha256(new TextEncoder().encode(text));
  return base32(Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)))).slice(0, 16);
}

interface ServicePort {
  /** "namespace/name:port" (":port" only for a named port), as ServicePortName.String(). */
  name: string;
  protocol: string;
  clusterIP: string;
  port: number;
  nodePort?: number;
  /** "ip:port" of each ready endpoint, sorted. */
  endpoints: string[];
  affinity: boolean;
  affinitySeconds: number;
}

/** Every proxied Service port with its ready endpoints, in the order kube-proxy's rules list them. */
export function servicePorts(state: Pick<ProxyState, 'services' | 'endpointSlices'>): ServicePort[] {
  const out: ServicePort[] = [];
  for (const svc of state.services) {
    const spec = (svc.spec ?? {}) as Obj;
    if (!spec.clusterIP || spec.clusterIP === 'None' || spec.type === 'ExternalName') continue;
    const ns = svc.metadata?.namespace ?? 'default';
    const name = svc.metadata?.name ?? '';
    const slices = state.endpointSlices.filter((s) => s.metadata?.namespace === ns && s.metadata?.labels?.['kubernetes.io/service-name'] === name && (s as Obj).addressType === 'IPv4');
    for (const p of (spec.ports ?? []) as Obj[]) {
      const protocol = String(p.protocol ?? 'TCP').toLowerCase();
      const endpoints = new Set<string>();
      for (const slice of slices as Obj[]) {
        const sp = ((slice.ports ?? []) as Obj[]).find((x) => (x.name ?? '') === (p.name ?? '') && String(x.protocol ?? 'TCP').toLowerCase() === protocol);
        if (!sp || sp.port === undefined) continue;
        for (const ep of (slice.endpoints ?? []) as Obj[]) {
          if (ep.conditions?.ready === false || !ep.addresses?.length) continue;
          endpoints.add(`${ep.addresses[0]}:${sp.port}`);
        }
      }
      out.push({
        name: `${ns}/${name}${p.name ? `:${p.name}` : ''}`,
        protocol,
        clusterIP: String(spec.clusterIP),
        port: Number(p.port),
        nodePort: (spec.type === 'NodePort' || spec.type === 'LoadBalancer') && p.nodePort ? Number(p.nodePort) : undefined,
        endpoints: [...endpoints].sort(),
        affinity: spec.sessionAffinity === 'ClientIP',
        affinitySeconds: Number(spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800),
      });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.protocol < b.protocol ? -1 : 1));
}

/** A comment argument as kube-proxy writes it: quoted when it holds a space. */
export const comment = (text: string) => `-m comment --comment ${text.includes(' ') ? `"${text}"` : text}`;

/** The restore input of one kube-proxy sync. */
export function kubeProxyRestore(state: ProxyState): string {
  const filterChains = ['KUBE-NODEPORTS', 'KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-PROXY-FIREWALL'];
  const filter: string[] = [];
  const natChains = ['KUBE-NODEPORTS', 'KUBE-SERVICES', 'KUBE-MARK-MASQ', 'KUBE-POSTROUTING'];
  const nat: string[] = [
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
    `-A KUBE-POSTROUTING ${comment('kubernetes service traffic requiring SNAT')} -j MASQUERADE --random-fully`,
    '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
  ];
  for (const sp of servicePorts(state)) {
    const hash = chainHash(sp.name + sp.protocol);
    const svcChain = `KUBE-SVC-${hash}`;
    const extChain = `KUBE-EXT-${hash}`;
    const proto = `-m ${sp.protocol} -p ${sp.protocol}`;
    if (!sp.endpoints.length) {
      filter.push(`-A KUBE-SERVICES ${comment(`${sp.name} has no endpoints`)} ${proto} -d ${sp.clusterIP} --dport ${sp.port} -j REJECT`);
      if (sp.nodePort) filter.push(`-A KUBE-EXTERNAL-SERVICES ${comment(`${sp.name} has no endpoints`)} -m addrtype --dst-type LOCAL ${proto} --dport ${sp.nodePort} -j REJECT`);
      continue;
    }
    natChains.push(svcChain);
    nat.push(`-A KUBE-SERVICES ${comment(`${sp.name} cluster IP`)} ${proto} -d ${sp.clusterIP} --dport ${sp.port} -j ${svcChain}`);
    if (state.clusterCIDR) nat.push(`-A ${svcChain} ${comment(`${sp.name} cluster IP`)} ${proto} -d ${sp.clusterIP} --dport ${sp.port} ! -s ${state.clusterCIDR} -j KUBE-MARK-MASQ`);
    if (sp.nodePort) {
      natChains.push(extChain);
      nat.push(`-A KUBE-NODEPORTS ${comment(sp.name)} ${proto} --dport ${sp.nodePort} -j ${extChain}`);
      nat.push(`-A ${extChain} ${comment(`masquerade traffic for ${sp.name} external destinations`)} -j KUBE-MARK-MASQ`);
      nat.push(`-A ${extChain} -j ${svcChain}`);
    }
    const seps = sp.endpoints.map((ep) => ({ ep, chain: `KUBE-SEP-${chainHash(sp.name + sp.protocol + ep)}` }));
    if (sp.affinity) for (const { ep, chain } of seps) nat.push(`-A ${svcChain} ${comment(`${sp.name} -> ${ep}`)} -m recent --name ${chain} --rcheck --seconds ${sp.affinitySeconds} --reap -j ${chain}`);
    seps.forEach(({ ep, chain }, i) => {
      const left = seps.length - i;
      const statistic = left > 1 ? ` -m statistic --mode random --probability ${(1 / left).toFixed(10)}` : '';
      nat.push(`-A ${svcChain} ${comment(`${sp.name} -> ${ep}`)}${statistic} -j ${chain}`);
    });
    for (const { ep, chain } of seps) {
      natChains.push(chain);
      nat.push(`-A ${chain} ${comment(sp.name)} -s ${ep.slice(0, ep.lastIndexOf(':'))} -j KUBE-MARK-MASQ`);
      nat.push(`-A ${chain} ${comment(sp.name)}${sp.affinity ? ` -m recent --name ${chain} --set` : ''} ${proto} -j DNAT --to-destination ${ep}`);
    }
  }
  nat.push(`-A KUBE-SERVICES ${comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain')} -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`);
  filter.unshift(
    `-A KUBE-FIREWALL ${comment('block incoming localnet connections')} -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`,
    '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
    `-A KUBE-FORWARD ${comment('kubernetes forwarding rules')} -m mark --mark 0x4000/0x4000 -j ACCEPT`,
    `-A KUBE-FORWARD ${comment('kubernetes forwarding conntrack rule')} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
  );
  // chains of Services (or endpoints) that went away: declared (so flushed), then deleted
  const stale = state.existingNatChains.filter((c) => /^KUBE-(SVC|SEP|EXT|FW|SVL)-/.test(c) && !natChains.includes(c));
  const lines = [
    '*filter',
    ...filterChains.map((c) => `:${c} - [0:0]`),
    ...filter,
    'COMMIT',
    '*nat',
    ...[...natChains, ...stale].map((c) => `:${c} - [0:0]`),
    ...nat,
    ...stale.map((c) => `-X ${c}`),
    'COMMIT',
  ];
  return `${lines.join('\n')}\n`;
}

/** kube-proxy's jumps into its chains, in the order it ensures them (each inserted first in its chain). */
export const KUBE_PROXY_JUMPS: { table: 'filter' | 'nat'; chain: string; args: string[] }[] = [
  { table: 'filter', chain: 'INPUT', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes externally-visible service portals', '-j', 'KUBE-EXTERNAL-SERVICES'] },
  { table: 'filter', chain: 'FORWARD', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes externally-visible service portals', '-j', 'KUBE-EXTERNAL-SERVICES'] },
  { table: 'filter', chain: 'INPUT', args: ['-m', 'comment', '--comment', 'kubernetes health check service ports', '-j', 'KUBE-NODEPORTS'] },
  { table: 'filter', chain: 'FORWARD', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES'] },
  { table: 'filter', chain: 'OUTPUT', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES'] },
  { table: 'filter', chain: 'FORWARD', args: ['-m', 'comment', '--comment', 'kubernetes forwarding rules', '-j', 'KUBE-FORWARD'] },
  { table: 'filter', chain: 'INPUT', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes load balancer firewall', '-j', 'KUBE-PROXY-FIREWALL'] },
  { table: 'filter', chain: 'OUTPUT', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes load balancer firewall', '-j', 'KUBE-PROXY-FIREWALL'] },
  { table: 'filter', chain: 'FORWARD', args: ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes load balancer firewall', '-j', 'KUBE-PROXY-FIREWALL'] },
  { table: 'nat', chain: 'OUTPUT', args: ['-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES'] },
  { table: 'nat', chain: 'PREROUTING', args: ['-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES'] },
  { table: 'nat', chain: 'POSTROUTING', args: ['-m', 'comment', '--comment', 'kubernetes postrouting rules', '-j', 'KUBE-POSTROUTING'] },
  { table: 'filter', chain: 'INPUT', args: ['-j', 'KUBE-FIREWALL'] },
  { table: 'filter', chain: 'OUTPUT', args: ['-j', 'KUBE-FIREWALL'] },
];
