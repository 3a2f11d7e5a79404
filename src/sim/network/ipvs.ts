/**
 * A machine's IP Virtual Server table (the kernel's ip_vs), as kube-proxy in IPVS mode programs it
 * and `ipvsadm` shows it: virtual services (protocol, address, port, scheduler) each with its real
 * servers (masquerading, weight 1). Kept in machine.ext.ipvs; kernel state, so a reboot empties it.
 * Also the ipsets kube-proxy's IPVS-mode iptables rules match on (KUBE-CLUSTER-IP, …).
 */
export interface RealServer {
  address: string;
  port: number;
  weight: number;
  /** Connections the scheduler sent here (ipvsadm --stats' Conns). */
  conns: number;
}

export interface VirtualService {
  protocol: 'TCP' | 'UDP';
  address: string;
  port: number;
  scheduler: string;
  /** Session affinity (ClientIP): ipvsadm's "persistent SECONDS". */
  persistent?: number;
  dests: RealServer[];
  /** Round-robin position. */
  next: number;
  conns: number;
}

export interface IpvsState {
  services: VirtualService[];
  /** ipset name → members, as `ipset list` prints them (10.96.0.1,tcp:443). */
  sets: Record<string, string[]>;
}

interface HasExt {
  ext: Record<string, unknown>;
}

export function ipvsOf(machine: HasExt): IpvsState | undefined {
  return machine.ext.ipvs as IpvsState | undefined;
}

export function setIpvs(machine: HasExt, state: IpvsState | undefined): void {
  if (state) machine.ext.ipvs = state;
  else delete machine.ext.ipvs;
}

const ipNumber = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** ipvs_cmp_services: by protocol (TCP before UDP), address, port. */
export function sortedServices(state: IpvsState): VirtualService[] {
  const proto = (p: string) => (p === 'TCP' ? 6 : 17);
  return [...state.services].sort((a, b) => proto(a.protocol) - proto(b.protocol) || ipNumber(a.address) - ipNumber(b.address) || a.port - b.port);
}

/** ipvs_cmp_dests: by address, then port. */
export function sortedDests(vs: VirtualService): RealServer[] {
  return [...vs.dests].sort((a, b) => ipNumber(a.address) - ipNumber(b.address) || a.port - b.port);
}

/** The real server the scheduler (rr) picks for a new connection, counted. */
export function schedule(vs: VirtualService): RealServer | undefined {
  if (!vs.dests.length) return undefined;
  const dest = vs.dests[vs.next % vs.dests.length];
  vs.next = (vs.next + 1) % vs.dests.length;
  vs.conns++;
  dest.conns++;
  return dest;
}

export function findService(state: IpvsState | undefined, protocol: 'TCP' | 'UDP', address: string, port: number): VirtualService | undefined {
  return state?.services.find((s) => s.protocol === protocol && s.address === address && s.port === port);
}

/**
 * Replace the table by `wanted`, keeping the counters and scheduling positions of what stays (kube-proxy
 * updates services and real servers in place).
 */
export function reconcileIpvs(current: IpvsState | undefined, wanted: VirtualService[], sets: Record<string, string[]>): IpvsState {
  const services = wanted.map((w) => {
    const old = findService(current, w.protocol, w.address, w.port);
    if (!old) return w;
    const dests = w.dests.map((d) => ({ ...d, conns: old.dests.find((o) => o.address === d.address && o.port === d.port)?.conns ?? 0 }));
    return { ...w, dests, next: old.next % Math.max(1, dests.length), conns: old.conns };
  });
  return { services, sets };
}
