/**
 * What system programs (ps, kill, free, uptime, nproc, uname, ip, curl…) know about the machine
 * and its network. Defaults describe a plain Ubuntu 22.04 VM; the machine and network parts of the
 * simulation plug in real answers with `setSystemProvider` / `setNetworkProvider`.
 */
import type { CommandContext } from '../../command';
import { hostLinks, hostNeighbours, hostRoutes, type NetLink, type NetRoute, type Neighbour } from './net-links';
import type { Certificate } from '../../../sim/pki/cert';
import { sessionProcess, sessionProcesses, type SessionProcess } from '../../../sim/machine/process-table';
import { boundListeners } from '../../../sim/machine/sockets';
import type { Machine } from '../../../sim/machine/machine';

/** A process as ps shows it: a session's (pid, ppid, user, command, tty, stat, start) with what it uses. */
export interface ProcessInfo extends Omit<SessionProcess, 'signal'> {
  cpuSeconds: number;
  rssKiB: number;
  vszKiB: number;
  /** CPU the process uses now, in millicores (top's %CPU); idle when absent. */
  cpuMilli?: number;
}

/**
 * The kernel's name of a process (its comm: what top shows and pgrep matches): the program's file
 * name, at most 15 characters; systemd as PID 1 is started as /sbin/init, a login shell as `-bash`.
 */
export function processName(command: string): string {
  const program = command.split(' ')[0];
  if (program === '/sbin/init') return 'systemd';
  return (program.split('/').pop() ?? '').replace(/^-/, '').replace(/:$/, '').slice(0, 15);
}

/** A listening TCP socket, as ss shows it. */
export interface ListenSocket {
  /** `127.0.0.1`, `0.0.0.0`, `*` (IPv6 and IPv4), `[::]`, `127.0.0.53%lo`. */
  address: string;
  port: number;
  backlog: number;
  process?: { name: string; pid: number; fd: number };
}

export interface SystemProvider {
  cpus(ctx: CommandContext): number;
  memoryKiB(ctx: CommandContext): { total: number; used: number; free: number; shared: number; buffCache: number; available: number; swapTotal: number; swapUsed: number };
  bootMs(ctx: CommandContext): number;
  processes(ctx: CommandContext): ProcessInfo[];
  /** Deliver a signal; false when there is no such process. */
  kill(ctx: CommandContext, pid: number, signal: number): boolean;
  ip(ctx: CommandContext): string;
  /** The TCP sockets that listen on the machine. */
  sockets(ctx: CommandContext): ListenSocket[];
  /** The machine's network links with their addresses, by index (`ip link`, `ip addr`). */
  links(ctx: CommandContext): NetLink[];
  /** The main routing table (`ip route`). */
  routes(ctx: CommandContext): NetRoute[];
  /** The neighbour (ARP) table (`ip neigh`). */
  neighbours(ctx: CommandContext): Neighbour[];
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** What the server speaks, when the network knows it: TLS (the cluster's own servers, with what their handshake presents and asks) or plain HTTP. */
  tls?: TlsPeer | 'plain';
  /** The status line's protocol when it is not HTTP/1.1 (Go's answer to plain HTTP on a TLS port is HTTP/1.0). */
  protocol?: string;
}

/** What a TLS server's handshake shows a client. */
export interface TlsPeer {
  /** The certificate chain it sends, leaf first. */
  chain: Certificate[];
  /** It ends the handshake without a client certificate (etcd's --client-cert-auth). */
  requireClientCert: boolean;
  /** The client certificate offered, if any, comes from a CA the server trusts and is valid now. */
  clientCertTrusted: boolean;
}

/** An HTTP request as curl makes it; `clientCert` is the certificate it offers (--cert) when the server asks. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  clientCert?: Certificate;
}

export interface NetworkProvider {
  /** Address for a host name, or null when it does not resolve. */
  resolve(ctx: CommandContext, host: string): string | null;
  /** An HTTP request from this machine, or an error kind when nothing answers. */
  http?(ctx: CommandContext, req: HttpRequest): HttpResponse | { error: 'refused' | 'timeout' };
  /** ICMP echo round trip in ms, or null when the host does not answer. */
  ping?(ctx: CommandContext, address: string): number | null;
  /** A TCP connection from this machine to address:port: accepted, refused, or lost (a timeout). */
  tcp?(ctx: CommandContext, address: string, port: number): 'open' | 'refused' | 'timeout';
}

interface MachineLike {
  hostname?: string;
  ip?: string;
  cpus?: number;
  memoryMiB?: number;
}

const machineOf = (ctx: CommandContext) => (ctx.machine ?? {}) as MachineLike;

const defaultSystem: SystemProvider = {
  cpus: (ctx) => machineOf(ctx).cpus ?? 2,
  memoryKiB: (ctx) => {
    const total = (machineOf(ctx).memoryMiB ?? 4096) * 1024 - 190_000;
    const used = Math.round(total * 0.14);
    const buffCache = Math.round(total * 0.36);
    const shared = 1640;
    const free = total - used - buffCache;
    return { total, used, free, shared, buffCache, available: total - used - shared * 2, swapTotal: 0, swapUsed: 0 };
  },
  bootMs: (ctx) => ctx.clock.now() - (3 * 3600 + 17 * 60) * 1000,
  processes: (ctx) => {
    const boot = defaultSystem.bootMs(ctx);
    const p = (pid: number, ppid: number, user: string, command: string, tty = '?', stat = 'Ss', rss = 8000, vsz = 20000): ProcessInfo => ({ pid, ppid, user, command, tty, stat, startMs: boot, cpuSeconds: 0, rssKiB: rss, vszKiB: vsz });
    const base = [
      p(1, 0, 'root', '/sbin/init', '?', 'Ss', 11512, 167744),
      p(412, 1, 'root', '/lib/systemd/systemd-journald', '?', 'Ss', 15360, 47604),
      p(455, 1, 'root', '/lib/systemd/systemd-udevd', '?', 'Ss', 6144, 25232),
      p(602, 1, 'systemd+', '/lib/systemd/systemd-resolved', '?', 'Ss', 12800, 25536),
      p(790, 1, 'root', '/usr/sbin/cron -f -P', '?', 'Ss', 2816, 7300),
      p(815, 1, 'root', 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', '?', 'Ss', 9088, 15428),
    ];
    const sessions = ctx.machine ? sessionProcesses(ctx.machine) : [];
    // A program run outside any session (a test's own context): the login it would have come from.
    if (!sessions.length)
      return [...base, p(1201, 815, 'root', `sshd: ${ctx.user.name}@pts/0`, '?', 'Ss', 10880, 17196), { ...p(1260, 1201, ctx.user.name, '-bash', 'pts/0', 'Ss', 5248, 8744), startMs: ctx.clock.now() - 600_000 }];
    return [...base, ...sessions.map(sessionProcessInfo)];
  },
  kill: (ctx, pid, signal) => {
    const target = ctx.machine ? sessionProcess(ctx.machine, pid) : undefined;
    if (!target) return false;
    if (signal !== 0) target.signal?.(signal);
    return true;
  },
  ip: (ctx) => machineOf(ctx).ip ?? '192.168.6.171',
  sockets: (ctx) => [...baseSockets(), ...programSockets(ctx)],
  links: (ctx) => hostLinks(defaultSystem.ip(ctx)),
  routes: (ctx) => hostRoutes(defaultSystem.ip(ctx)),
  neighbours: (ctx) => hostNeighbours(defaultSystem.ip(ctx)),
};

/** Sizes (resident, virtual KiB) of the processes sessions run, by program. */
const SESSION_SIZES: Record<string, [number, number]> = { bash: [5248, 8744], sshd: [10880, 17196], kubectl: [61_000, 1_290_000] };

/** A session's process as ps shows it. */
function sessionProcessInfo(s: SessionProcess): ProcessInfo {
  const [rssKiB, vszKiB] = SESSION_SIZES[processName(s.command)] ?? [2_000, 8_000];
  const { signal: _signal, ...row } = s;
  return { ...row, cpuSeconds: 0, rssKiB, vszKiB };
}

/** The sockets programs of sessions listen on (kubectl proxy, kubectl port-forward), as ss shows them. */
export function programSockets(ctx: CommandContext): ListenSocket[] {
  if (!ctx.machine) return [];
  return boundListeners(ctx.machine as Machine).map((l) => ({
    // Go listens on "localhost" at its first address; ss writes IPv6 addresses in brackets.
    address: l.address === 'localhost' ? '127.0.0.1' : l.address.includes(':') ? `[${l.address}]` : l.address,
    port: l.port,
    // Go's listen backlog is the kernel's somaxconn (4096 on Ubuntu 22.04).
    backlog: 4096,
    process: l.pid !== undefined ? { name: l.program.slice(0, 15), pid: l.pid, fd: l.fd ?? 3 } : undefined,
  }));
}

/** systemd-resolved's stub and sshd, on a plain Ubuntu server. */
export function baseSockets(): ListenSocket[] {
  return [
    { address: '127.0.0.53%lo', port: 53, backlog: 4096, process: { name: 'systemd-resolve', pid: 602, fd: 14 } },
    { address: '0.0.0.0', port: 22, backlog: 128, process: { name: 'sshd', pid: 815, fd: 3 } },
    { address: '[::]', port: 22, backlog: 128, process: { name: 'sshd', pid: 815, fd: 4 } },
  ];
}

const defaultNetwork: NetworkProvider = {
  resolve: (_ctx, host) => (/^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : host === 'localhost' ? '127.0.0.1' : null),
};

let system: SystemProvider = defaultSystem;
let network: NetworkProvider = defaultNetwork;

/** Plug in answers (each part of the simulation its own: memory and swap, processes); parts given earlier stay. */
export function setSystemProvider(p: Partial<SystemProvider>): void {
  system = { ...system, ...p };
}

/** The processes of a plain Ubuntu server (init, systemd's daemons, cron, sshd, the login shell). */
export function baseProcesses(ctx: CommandContext): ProcessInfo[] {
  return defaultSystem.processes(ctx);
}

/** A signal to one of the base system's processes or a session's (what a machine's own kill falls back to). */
export function baseKill(ctx: CommandContext, pid: number, signal: number): boolean {
  return defaultSystem.kill(ctx, pid, signal);
}

export function setNetworkProvider(p: NetworkProvider): void {
  network = p;
}

export function getSystem(): SystemProvider {
  return system;
}

export function getNetwork(): NetworkProvider {
  return network;
}

/**
 * The kernel of the Ubuntu 22.04 machines (jammy's 5.15.0-151, July 2025): what uname, /proc/version,
 * /lib/modules, the login banner and the kubelet's nodeInfo.kernelVersion all say.
 */
export const KERNEL = {
  release: '5.15.0-151-generic',
  version: '#161-Ubuntu SMP Tue Jul 22 14:25:40 UTC 2025',
  machine: 'x86_64',
  /** /proc/version: the release, who built it with which compiler and linker, the version. */
  procVersion: 'Linux version 5.15.0-151-generic (buildd@lcy02-amd64-092) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0, GNU ld (GNU Binutils for Ubuntu) 2.38) #161-Ubuntu SMP Tue Jul 22 14:25:40 UTC 2025\n',
};

export const SIGNALS = ['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'POLL', 'PWR', 'SYS'];

/** A signal by name (KILL, SIGKILL) or number, as procps reads it; undefined when it is none. */
export function signalNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) <= 64 ? Number(text) : undefined;
  const at = SIGNALS.indexOf(text.toUpperCase().replace(/^SIG/, ''));
  return at < 0 ? undefined : at + 1;
}
