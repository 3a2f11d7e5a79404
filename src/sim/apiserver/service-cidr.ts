/**
 * The API server's --service-cluster-ip-range: the `kubernetes` Service takes its first address,
 * and a requested clusterIP must lie inside it. The range is a flag of the kube-apiserver process,
 * not stored data, so whoever starts the server (the cluster, from the static pod manifest) sets
 * it again after a restore; 10.96.0.0/12 is kubeadm's default.
 */
import type { ApiServer } from './server';

export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';

const ranges = new WeakMap<ApiServer, string>();

export interface Cidr {
  text: string;
  base: number;
  size: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.split(',')[0].trim());
  if (!m || m.slice(1, 5).some((x) => Number(x) > 255) || Number(m[5]) > 32) return undefined;
  const bits = Number(m[5]);
  const size = 2 ** (32 - bits);
  const ip = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  return { text: text.split(',')[0].trim(), base: ip - (ip % size), size };
}

export function setServiceClusterIPRange(server: ApiServer, cidr: string): void {
  if (parseCidr(cidr)) ranges.set(server, cidr);
}

export function serviceClusterIPRange(server: ApiServer): Cidr {
  return parseCidr(ranges.get(server) ?? DEFAULT_SERVICE_CIDR)!;
}

export function ipToNumber(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m || m.slice(1).some((x) => Number(x) > 255)) return undefined;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** An address the allocator can hand out: inside the range, not its network or broadcast address. */
export function inRange(range: Cidr, ip: string): boolean {
  const n = ipToNumber(ip);
  return n !== undefined && n > range.base && n < range.base + range.size - 1;
}
