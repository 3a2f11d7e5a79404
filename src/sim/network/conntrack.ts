/**
 * A machine's connection tracking table (nf_conntrack), as `conntrack -L` lists it: the connections
 * the node's daemons keep open to the API server (the kubelet directly; kube-proxy and flanneld
 * through the `kubernetes` Service, so their entries carry the DNAT kube-proxy applied), and the
 * connections the simulation routed lately (curl, nc, DNS queries) until their timeout runs out:
 * TCP closes into TIME_WAIT (120 s), a UDP exchange stays 120 s once answered (nf_conntrack's
 * defaults; kube-proxy sets established TCP to 86400 s). Kept in machine.ext.conntrack.
 */
import { hashString } from '../random';

export interface ConntrackEntry {
  proto: 'tcp' | 'udp';
  /** The original direction. */
  src: string;
  dst: string;
  sport: number;
  dport: number;
  /** The reply direction: from the real destination (after DNAT) back to the source. */
  replySrc: string;
  replySport: number;
  state?: 'ESTABLISHED' | 'TIME_WAIT';
  /** When the entry expires (simulated ms); undefined for a connection kept open. */
  expiresAt?: number;
  /** Seconds left for a kept-open connection (refreshed by its traffic). */
  timeout?: number;
}

interface HasExt {
  ext: Record<string, unknown>;
}

const TIME_WAIT_S = 120;
const UDP_REPLIED_S = 120;
const ESTABLISHED_S = 86_400;

/** An ephemeral source port as Linux picks them (32768–60999), stable for a given connection. */
export function ephemeralPort(seed: string): number {
  return 32768 + (hashString(seed) % (60999 - 32768 + 1));
}

function recorded(machine: HasExt): ConntrackEntry[] {
  return ((machine.ext.conntrack as ConntrackEntry[] | undefined) ??= []);
}

/** Record a connection the simulation routed through this machine (answered: it went through). */
export function recordConnection(machine: HasExt, now: number, c: { proto: 'tcp' | 'udp'; src: string; dst: string; dport: number; replySrc: string; replySport: number }): void {
  const entries = recorded(machine).filter((e) => e.expiresAt === undefined || e.expiresAt > now);
  const sport = ephemeralPort(`${c.src}/${c.dst}/${c.dport}/${now}/${entries.length}`);
  const timeout = c.proto === 'tcp' ? TIME_WAIT_S : UDP_REPLIED_S;
  entries.push({ ...c, sport, state: c.proto === 'tcp' ? 'TIME_WAIT' : undefined, expiresAt: now + timeout * 1000 });
  machine.ext.conntrack = entries.slice(-1000);
}

/** Forget the recorded entries that match (conntrack -D, -F); returns how many went. */
export function deleteEntries(machine: HasExt, now: number, match: (e: ConntrackEntry) => boolean): number {
  const live = recorded(machine).filter((e) => e.expiresAt === undefined || e.expiresAt > now);
  const kept = live.filter((e) => !match(e));
  machine.ext.conntrack = kept;
  return live.length - kept.length;
}

/** The table now: the kept-open connections first, then the recorded ones still alive, with their seconds left. */
export function conntrackTable(machine: HasExt, now: number, keptOpen: ConntrackEntry[]): ConntrackEntry[] {
  const live = recorded(machine)
    .filter((e) => e.expiresAt !== undefined && e.expiresAt > now)
    .map((e) => ({ ...e, timeout: Math.ceil((e.expiresAt! - now) / 1000) }));
  return [...keptOpen.map((e) => ({ ...e, state: 'ESTABLISHED' as const, timeout: e.timeout ?? ESTABLISHED_S - 1 })), ...live];
}

/** One entry as conntrack-tools prints it (libnetfilter_conntrack's default format). */
export function entryLine(e: ConntrackEntry): string {
  const num = e.proto === 'tcp' ? 6 : 17;
  const orig = `src=${e.src} dst=${e.dst} sport=${e.sport} dport=${e.dport}`;
  const reply = `src=${e.replySrc} dst=${e.src} sport=${e.replySport} dport=${e.sport}`;
  const state = e.state ? `${e.state} ` : '';
  return `${e.proto.padEnd(8)} ${num} ${e.timeout} ${state}${orig} ${reply} [ASSURED] mark=0 use=1`;
}
