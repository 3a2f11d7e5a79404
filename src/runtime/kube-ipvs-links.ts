/**
 * kube-proxy's dummy device in IPVS mode: kube-ipvs0, never up (BROADCAST,NOARP, state DOWN, qdisc
 * noop), holding every Service virtual IP as a /32 so that the kernel takes them for local
 * addresses and IPVS sees their traffic (pkg/proxy/ipvs: defaultDummyDevice, BindAddress).
 */
import type { Machine } from '../sim/machine/machine';
import { ipvsOf } from '../sim/network/ipvs';
import type { LinkContribution } from './flannel-links';
import { randomMac } from '../sim/network/link-ids';

export function kubeIpvsLinks(machine: Machine): LinkContribution | undefined {
  const vips = ipvsOf(machine)?.sets['KUBE-IPVS-IPS'];
  if (!vips) return undefined;
  return {
    devices: [{
      name: 'kube-ipvs0', kind: 'dummy', flags: ['BROADCAST', 'NOARP'], mtu: 1500, qdisc: 'noop', state: 'DOWN', qlen: 0,
      linkType: 'ether', mac: randomMac(`kube-ipvs0/${machine.hostname}`), brd: 'ff:ff:ff:ff:ff:ff',
      addresses: vips.map((ip) => ({ family: 'inet' as const, local: ip, prefix: 32, scope: 'global' as const })),
    }],
    veths: [],
    routes: [],
    neighbours: [],
  };
}
