/**
 * dockerd's default bridge: docker0 with 172.17.0.1/16, created when the daemon starts. With no
 * container attached it has no carrier (state DOWN, its route `linkdown`) and, never having come
 * up, no IPv6 link-local address.
 */
import type { Machine } from '../sim/machine/machine';
import type { World } from '../sim/world';
import { Systemd } from '../sim/systemd/manager';
import type { LinkContribution } from './flannel-links';
import { dockerMac } from '../sim/network/link-ids';

export function dockerLinks(machine: Machine, world: World, now: number): LinkContribution | undefined {
  if (!new Systemd(machine, world, () => now).isActive('docker.service')) return undefined;
  return {
    devices: [{
      name: 'docker0', kind: 'bridge', flags: ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP'], mtu: 1500, qdisc: 'noqueue', state: 'DOWN', qlen: 0,
      linkType: 'ether', mac: dockerMac(`docker0/${machine.hostname}`), brd: 'ff:ff:ff:ff:ff:ff',
      addresses: [{ family: 'inet', local: '172.17.0.1', prefix: 16, brd: '172.17.255.255', scope: 'global' }],
    }],
    veths: [],
    routes: [{ dst: '172.17.0.0/16', dev: 'docker0', proto: 'kernel', scope: 'link', src: '172.17.0.1', linkdown: true }],
    neighbours: [],
  };
}
