/**
 * Stable stand-ins for what the kernel and the CNI plugins pick at random when they create a link:
 * MAC addresses, veth names, the Pod's network namespace name. Each is a hash of something that
 * lives as long as the link (a machine's name, a Pod sandbox's id), so a world shows the same
 * values every time it is printed and after a reload.
 */
import { hashString } from '../random';
import type { Sandbox } from '../runtime/containerd';

function bytes(seed: string, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(hashString(`${seed}/${i}`) & 0xff);
  return out;
}

const hex = (b: number[]) => b.map((x) => x.toString(16).padStart(2, '0'));

/** A random, locally administered unicast MAC, as the kernel gives a new veth, bridge or vxlan link. */
export function randomMac(seed: string): string {
  const b = bytes(seed, 6);
  b[0] = (b[0] & 0xfc) | 0x02;
  return hex(b).join(':');
}

/** Docker's bridge MAC: 02:42 then four random bytes. */
export function dockerMac(seed: string): string {
  return ['02', '42', ...hex(bytes(seed, 4))].join(':');
}

/** The host end of a Pod's veth as the CNI bridge plugin names it: `veth` and eight random hex digits. */
export function vethName(sb: Sandbox): string {
  return `veth${hex(bytes(`veth/${sb.id}`, 4)).join('')}`;
}

/** The network namespace containerd creates for a sandbox (/var/run/netns/cni-<uuid>). */
export function netnsName(sb: Sandbox): string {
  const h = hex(bytes(`netns/${sb.id}`, 16)).join('');
  // A version 4 UUID: the version nibble 4, the variant bits 10.
  const variant = (8 | (parseInt(h[16], 16) & 3)).toString(16);
  return `cni-${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The index of a Pod's veth on its node: the peer of the Pod's eth0, which the Pod's own `ip addr`
 * shows as `eth0@ifN` (src/sim/kubelet/container-ip.ts derives N from the Pod's address the same way).
 */
export function vethIndex(podIp: string): number {
  return 5 + (Number(podIp.split('.')[3] ?? 0) % 50);
}
