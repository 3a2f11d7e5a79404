/**
 * A machine's network as the kernel holds it — links with their addresses, the main routing
 * table, the neighbour table — in the terms netlink gives `ip` (iproute2). A plain machine has its
 * loopback and its NIC (`ens4`, as on a Google Cloud VM: MTU 1460, MAC 42:01 then the address in
 * hex, the predictable altname enp0s4, a DHCP lease with metric 100); the simulation adds what
 * Docker and the CNI plugins create.
 */

export interface NetAddress {
  family: 'inet' | 'inet6';
  local: string;
  prefix: number;
  /** The route priority the address was given (systemd-networkd's DHCP addresses: 100). */
  metric?: number;
  brd?: string;
  scope: 'host' | 'link' | 'global';
  /** Address flags as ip prints them after the scope (`dynamic`). */
  flags?: string[];
  /** Remaining lifetimes in seconds; forever when not given. */
  validLft?: number;
  preferredLft?: number;
}

export interface NetLink {
  index: number;
  name: string;
  /** The link's driver as `ip link show type KIND` filters it. */
  kind?: 'veth' | 'bridge' | 'vxlan' | 'ipip' | 'dummy';
  /**
   * The lower device (IFLA_LINK): a veth's peer index in its Pod's namespace (`@if2`), 0 for a
   * tunnel bound to no device (`@NONE`). Absent when the link has none.
   */
  peerIndex?: number;
  /** The network namespace of the peer (`link-netns cni-…`). */
  linkNetns?: string;
  flags: string[];
  mtu: number;
  qdisc: string;
  master?: string;
  state: 'UP' | 'DOWN' | 'UNKNOWN';
  /** The transmit queue length; ip prints it only when not zero. */
  qlen: number;
  linkType: 'loopback' | 'ether' | 'ipip' | 'none';
  mac: string;
  brd: string;
  altnames?: string[];
  addresses: NetAddress[];
}

export interface NetRoute {
  /** A route that is not unicast (Calico's blackhole for its own block). */
  type?: 'blackhole';
  /** `default` or a prefix (`10.244.1.0/24`). */
  dst: string;
  via?: string;
  dev?: string;
  proto?: string;
  scope?: string;
  src?: string;
  metric?: number;
  onlink?: boolean;
  /** The device has no carrier (a bridge with no port up). */
  linkdown?: boolean;
}

export interface Neighbour {
  address: string;
  dev: string;
  lladdr: string;
  state: 'PERMANENT' | 'REACHABLE' | 'STALE' | 'DELAY';
}

/** GCE's MAC of a VM's NIC: 42:01 then its IPv4 address in hex. */
export function gceMac(ip: string): string {
  return ['42', '01', ...ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0'))].join(':');
}

/** The EUI-64 link-local IPv6 address the kernel derives from a MAC (fe80::/64, U/L bit flipped, ff:fe inserted). */
export function linkLocal(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16));
  const words = [((b[0] ^ 0x02) << 8) | b[1], (b[2] << 8) | 0xff, (0xfe << 8) | b[3], (b[4] << 8) | b[5]];
  return `fe80::${words.map((w) => w.toString(16)).join(':')}`;
}

/** An IPv6 link-local address of a link, as every link that has come up with IPv6 enabled holds. */
export function linkLocalAddress(mac: string): NetAddress {
  return { family: 'inet6', local: linkLocal(mac), prefix: 64, scope: 'link' };
}

/** The network part of an address in a prefix (`10.244.1.7`, 24 → `10.244.1.0`). */
export function networkOf(ip: string, prefix: number): string {
  const n = ipToInt(ip);
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return intToIp((n & mask) >>> 0);
}

export function broadcastOf(ip: string, prefix: number): string {
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return intToIp(((ipToInt(ip) & mask) | (~mask >>> 0)) >>> 0);
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function isIPv4(s: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(s) && s.split('.').every((o) => Number(o) <= 255);
}

/** Whether `ip` lies in `cidr` (`default` holds every address). */
export function inPrefix(ip: string, cidr: string): boolean {
  if (cidr === 'default') return true;
  const [base, bits = '32'] = cidr.split('/');
  return networkOf(ip, Number(bits)) === networkOf(base, Number(bits));
}

export function prefixLength(cidr: string): number {
  return cidr === 'default' ? 0 : Number(cidr.split('/')[1] ?? 32);
}

/** The loopback and the NIC of a machine with address `ip` (a /24 from DHCP). */
export function hostLinks(ip: string): NetLink[] {
  const mac = gceMac(ip);
  return [
    {
      index: 1, name: 'lo', flags: ['LOOPBACK', 'UP', 'LOWER_UP'], mtu: 65536, qdisc: 'noqueue', state: 'UNKNOWN', qlen: 1000,
      linkType: 'loopback', mac: '00:00:00:00:00:00', brd: '00:00:00:00:00:00',
      addresses: [
        { family: 'inet', local: '127.0.0.1', prefix: 8, scope: 'host' },
        { family: 'inet6', local: '::1', prefix: 128, scope: 'host' },
      ],
    },
    {
      index: 2, name: 'ens4', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1460, qdisc: 'mq', state: 'UP', qlen: 1000,
      linkType: 'ether', mac, brd: 'ff:ff:ff:ff:ff:ff', altnames: ['enp0s4'],
      addresses: [
        { family: 'inet', local: ip, prefix: 24, metric: 100, brd: broadcastOf(ip, 24), scope: 'global', flags: ['dynamic'], validLft: 85633, preferredLft: 85633 },
        linkLocalAddress(mac),
      ],
    },
  ];
}

/** The routes systemd-networkd installs from the DHCP lease of `ip`. */
export function hostRoutes(ip: string): NetRoute[] {
  const net = networkOf(ip, 24);
  return [
    { dst: 'default', via: net.replace(/\.0$/, '.1'), dev: 'ens4', proto: 'dhcp', src: ip, metric: 100 },
    { dst: `${net}/24`, dev: 'ens4', proto: 'kernel', scope: 'link', src: ip, metric: 100 },
  ];
}

/** The gateway the machine has talked to (its ARP entry). */
export function hostNeighbours(ip: string): Neighbour[] {
  const gw = networkOf(ip, 24).replace(/\.0$/, '.1');
  return [{ address: gw, dev: 'ens4', lladdr: gceMac(gw), state: 'REACHABLE' }];
}
