/**
 * What Calico creates on a node once calico-node runs there (/var/lib/calico/nodename) and the node
 * has its IPAM block: the tunnel device its IP pool asks for (ipipMode: tunl0, vxlanMode:
 * vxlan.calico) holding the block's first address, a `cali…` veth per Pod sandbox (host side MAC
 * ee:ee:ee:ee:ee:ee, name from the Pod's namespace and name as Calico hashes them), a /32 route to
 * each Pod, a blackhole for the node's own block, and a route to every other node's block. The MTU
 * is the NIC's (1460) less the tunnel's overhead, as calico-node detects it.
 */
import type { Machine } from '../sim/machine/machine';
import type { Sandbox } from '../sim/runtime/containerd';
import type { Cluster } from '../sim/cluster/cluster';
import type { KubeObject } from '../sim/apiserver/types';
import { inPrefix, linkLocalAddress, type NetRoute } from '../shell/commands/lib/net-links';
import { sha1 } from '../shell/commands/lib/hash';
import { podVeth, type LinkContribution } from './flannel-links';
import { randomMac } from '../sim/network/link-ids';

const CALICO = { group: 'crd.projectcalico.org', version: 'v1' };
const CALI_MAC = 'ee:ee:ee:ee:ee:ee';

function list(cluster: Cluster, resource: string): KubeObject[] {
  const r = cluster.apiServer.request({ verb: 'list', ...CALICO, resource, readOnly: true });
  return r.code === 200 ? (r.body as { items: KubeObject[] }).items : [];
}

const specOf = (o: KubeObject) => (o.spec ?? {}) as Record<string, string | number | boolean | undefined>;

function calicoRan(machine: Machine): boolean {
  return !!machine.rootFs.stat('/var/lib/calico/nodename');
}

/** Calico's host-side interface name: `cali` and the first 11 hex digits of sha1("<namespace>.<pod>"). */
export function caliName(sb: Sandbox): string {
  return `cali${sha1(new TextEncoder().encode(`${sb.namespace}.${sb.podName}`)).slice(0, 11)}`;
}

export function calicoLinks(machine: Machine, sandboxes: Sandbox[], cluster: Cluster): LinkContribution | undefined {
  if (!calicoRan(machine)) return undefined;
  const blocks = list(cluster, 'blockaffinities');
  const nodeOf = (b: KubeObject) => String(specOf(b).node ?? '');
  const hostOf = (node: string) => cluster.machine(node);
  const mine = blocks.find((b) => hostOf(nodeOf(b)) === machine);
  const pool = list(cluster, 'ippools').find((p) => !specOf(p).disabled);
  if (!mine || !pool) return undefined;
  const vxlan = String(specOf(pool).vxlanMode ?? 'Never') !== 'Never';
  const ipip = !vxlan && String(specOf(pool).ipipMode ?? 'Never') !== 'Never';
  const crossSubnet = String(specOf(pool)[vxlan ? 'vxlanMode' : 'ipipMode']) === 'CrossSubnet';
  const mtu = 1460 - (vxlan ? 50 : ipip ? 20 : 0);
  const cidr = String(specOf(mine).cidr);
  const base = cidr.split('/')[0];
  const proto = vxlan ? '80' : 'bird';
  const out: LinkContribution = { devices: [], veths: [], routes: [], neighbours: [] };
  if (ipip) {
    out.devices.push({
      name: 'tunl0', kind: 'ipip', peerIndex: 0, flags: ['NOARP', 'UP', 'LOWER_UP'], mtu, qdisc: 'noqueue', state: 'UNKNOWN', qlen: 1000,
      linkType: 'ipip', mac: '0.0.0.0', brd: '0.0.0.0', addresses: [{ family: 'inet', local: base, prefix: 32, scope: 'global' }],
    });
  } else if (vxlan) {
    const mac = randomMac(`vxlan.calico/${machine.hostname}`);
    out.devices.push({
      name: 'vxlan.calico', kind: 'vxlan', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu, qdisc: 'noqueue', state: 'UNKNOWN', qlen: 0,
      linkType: 'ether', mac, brd: 'ff:ff:ff:ff:ff:ff', addresses: [{ family: 'inet', local: base, prefix: 32, scope: 'global' }, linkLocalAddress(mac)],
    });
  }
  const tunnel = vxlan ? 'vxlan.calico' : 'tunl0';
  for (const sb of sandboxes) {
    if (sb.hostNetwork || sb.state !== 'SANDBOX_READY' || !inPrefix(sb.ip, cidr)) continue;
    const name = caliName(sb);
    out.veths.push(podVeth(sb, undefined, CALI_MAC, mtu, name));
    out.routes.push({ dst: sb.ip, dev: name, scope: 'link' });
  }
  out.routes.push({ type: 'blackhole', dst: cidr, proto });
  for (const b of blocks) {
    const host = hostOf(nodeOf(b));
    if (!host || host === machine || !calicoRan(host)) continue;
    const theirs = String(specOf(b).cidr);
    const direct = (!ipip && !vxlan) || (crossSubnet && inPrefix(host.ip, `${machine.ip}/24`));
    const route: NetRoute = direct
      ? { dst: theirs, via: host.ip, dev: 'ens4', proto }
      : { dst: theirs, via: vxlan ? theirs.split('/')[0] : host.ip, dev: tunnel, proto, onlink: true };
    out.routes.push(route);
  }
  return out;
}
