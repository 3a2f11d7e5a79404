/**
 * What flannel (VXLAN backend) and the CNI bridge plugin it delegates to create on a node:
 * - flanneld, once it holds its lease (it writes /run/flannel/subnet.env then), the VXLAN device
 *   flannel.1 with the network address of the node's subnet as a /32, and for every other node
 *   whose flanneld holds a lease, a route to that node's subnet through flannel.1 and a permanent
 *   neighbour entry for its VTEP;
 * - the bridge plugin, on the first Pod sandbox, the cni0 bridge with the subnet's .1, and for each
 *   Pod sandbox a veth whose other end is the Pod's eth0.
 */
import type { Machine } from '../sim/machine/machine';
import type { Sandbox } from '../sim/runtime/containerd';
import { broadcastOf, inPrefix, linkLocalAddress, networkOf, type NetLink, type NetRoute, type Neighbour } from '../shell/commands/lib/net-links';
import { netnsName, randomMac, vethIndex, vethName } from '../sim/network/link-ids';
import { flannelSubnet, flannelVtepMac } from '../sim/network/flannel-subnet';

export interface LinkContribution {
  /** Links in the order they were created (they take the next free indexes). */
  devices: Omit<NetLink, 'index'>[];
  /** Links whose index is fixed (a Pod's veth: its Pod's eth0 names it). */
  veths: NetLink[];
  routes: NetRoute[];
  neighbours: Neighbour[];
}

/** A veth whose peer is a Pod's eth0, enslaved to `master`. */
export function podVeth(sb: Sandbox, master: string | undefined, mac: string, mtu: number, name = vethName(sb)): NetLink {
  return {
    index: vethIndex(sb.ip), name, kind: 'veth', peerIndex: 2, linkNetns: netnsName(sb), master,
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu, qdisc: 'noqueue', state: 'UP', qlen: 0,
    linkType: 'ether', mac, brd: 'ff:ff:ff:ff:ff:ff', addresses: [linkLocalAddress(mac)],
  };
}

export function flannelLinks(machine: Machine, sandboxes: Sandbox[], others: Machine[]): LinkContribution | undefined {
  const lease = flannelSubnet(machine);
  if (!lease) return undefined;
  const net = networkOf(lease.gateway, lease.prefix);
  const cidr = `${net}/${lease.prefix}`;
  const mac = flannelVtepMac(machine);
  const out: LinkContribution = { devices: [], veths: [], routes: [], neighbours: [] };
  out.devices.push({
    name: 'flannel.1', kind: 'vxlan', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1450, qdisc: 'noqueue', state: 'UNKNOWN', qlen: 0,
    linkType: 'ether', mac, brd: 'ff:ff:ff:ff:ff:ff',
    addresses: [{ family: 'inet', local: net, prefix: 32, scope: 'global' }, linkLocalAddress(mac)],
  });
  const pods = sandboxes.filter((sb) => !sb.hostNetwork && sb.ip && inPrefix(sb.ip, cidr));
  if (pods.length) {
    // The bridge loses its carrier when its last port goes (its route then says linkdown).
    const ready = pods.filter((sb) => sb.state === 'SANDBOX_READY');
    const bridgeMac = randomMac(`cni0/${machine.hostname}`);
    out.devices.push({
      name: 'cni0', kind: 'bridge', flags: ready.length ? ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'] : ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP'], mtu: 1450, qdisc: 'noqueue',
      state: ready.length ? 'UP' : 'DOWN', qlen: 1000, linkType: 'ether', mac: bridgeMac, brd: 'ff:ff:ff:ff:ff:ff',
      addresses: [{ family: 'inet', local: lease.gateway, prefix: lease.prefix, brd: broadcastOf(lease.gateway, lease.prefix), scope: 'global' }, linkLocalAddress(bridgeMac)],
    });
    out.routes.push({ dst: cidr, dev: 'cni0', proto: 'kernel', scope: 'link', src: lease.gateway, linkdown: !ready.length });
    for (const sb of ready) out.veths.push(podVeth(sb, 'cni0', randomMac(`veth-mac/${sb.id}`), 1450));
  }
  for (const other of others) {
    const theirs = flannelSubnet(other);
    if (other === machine || !theirs) continue;
    const vtep = networkOf(theirs.gateway, theirs.prefix);
    out.routes.push({ dst: `${vtep}/${theirs.prefix}`, via: vtep, dev: 'flannel.1', onlink: true });
    out.neighbours.push({ address: vtep, dev: 'flannel.1', lladdr: flannelVtepMac(other), state: 'PERMANENT' });
  }
  return out;
}
