/**
 * host-local IPAM as flannel's CNI configures it: addresses from the node's podCIDR, from .2
 * upwards (.1 is the cni0 bridge), continuing after the last one handed out (round robin), never
 * reusing an address still held.
 */
function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export class PodIpam {
  private held = new Map<string, string>(); // uid → ip
  /** How many pods hold each address (the values of `held`, counted: reserve may repeat one). */
  private inUse = new Map<string, number>();
  private last = new Map<string, number>(); // cidr → last allocated
  lastCidr = '';

  allocate(uid: string, cidr: string): string | undefined {
    const existing = this.held.get(uid);
    if (existing) return existing;
    const [base, bitsText] = cidr.split('/');
    const bits = Number(bitsText);
    if (!base || !Number.isFinite(bits)) return undefined;
    this.lastCidr = cidr;
    const size = 2 ** (32 - bits);
    const start = ipToInt(base) >>> 0;
    let cur = this.last.get(cidr) ?? start + 1;
    for (let i = 0; i < size; i++) {
      cur++;
      if (cur >= start + size - 1) cur = start + 2;
      const ip = intToIp(cur);
      if (!this.inUse.has(ip)) {
        this.hold(uid, ip);
        this.last.set(cidr, cur);
        return ip;
      }
    }
    return undefined;
  }

  reserve(uid: string, ip: string): void {
    this.release(uid);
    this.hold(uid, ip);
  }

  release(uid: string): void {
    const ip = this.held.get(uid);
    if (ip === undefined) return;
    this.held.delete(uid);
    const n = (this.inUse.get(ip) ?? 1) - 1;
    if (n > 0) this.inUse.set(ip, n);
    else this.inUse.delete(ip);
  }

  private hold(uid: string, ip: string): void {
    this.held.set(uid, ip);
    this.inUse.set(ip, (this.inUse.get(ip) ?? 0) + 1);
  }
}
