/**
 * A process as ps reads it from /proc: the provider's ProcessInfo with what the kernel adds
 * (session, process group, the terminal's foreground group, uid, state letter, nice and priority,
 * thread count, flags, the kernel function it sleeps in), derived the way the kernel sets them.
 */
import type { CommandContext } from '../../command';
import { processName, type ProcessInfo } from '../lib/system';
import { groupName, lookupUser } from '../lib/users';
import { wchanOf } from './wchan';

export interface PsProc {
  pid: number;
  /** The thread's id in a thread's row (-L, -T); the pid otherwise. */
  tid: number;
  ppid: number;
  pgid: number;
  sid: number;
  /** The foreground process group of its terminal; -1 without one. */
  tpgid: number;
  uid: number;
  gid: number;
  /** The user's whole name (ps truncates it per column). */
  user: string;
  /** The name of its group. */
  group: string;
  tty: string;
  /** BSD STAT as the provider gives it (`Ss`, `Ssl`, `R+`). */
  stat: string;
  /** The state letter (S, R, D, Z, T). */
  state: string;
  nice: number;
  /** The kernel's priority as /proc/PID/stat gives it (20 for a normal task at nice 0). */
  priority: number;
  nlwp: number;
  /** PF_* flags as ps's F shows them (octal digit: 4 used super-user privileges, 1 forked without exec). */
  flags: number;
  /** The kernel function it sleeps in; '-' when running. */
  wchan: string;
  /** The kernel's name (15 characters at most). */
  comm: string;
  /** The command line. */
  args: string;
  startMs: number;
  cpuSeconds: number;
  rssKiB: number;
  vszKiB: number;
}

/** Threads of the multi-threaded programs a node runs (Go runtimes keep about this many). */
const THREADS: Record<string, number> = { kubelet: 16, containerd: 13, 'containerd-shim': 12, 'kube-apiserver': 11, etcd: 13, 'kube-controller': 8, 'kube-scheduler': 9, 'kube-proxy': 8, coredns: 11, flanneld: 9, dockerd: 14, 'cri-dockerd': 11, kubectl: 8, nginx: 1 };

/**
 * The full login name a provider's (possibly `+`-truncated) user name stands for, with its ids: of
 * the names it may be cut from, the one the program is named after (systemd-resolved runs as
 * systemd-resolve), else the first.
 */
function account(ctx: CommandContext, shown: string, program: string): { name: string; uid: number; gid: number } {
  if (/^\d+$/.test(shown)) return { name: shown, uid: Number(shown), gid: Number(shown) };
  const direct = lookupUser(ctx, shown);
  if (direct && !shown.endsWith('+')) return { name: shown, ...direct };
  if (shown.endsWith('+')) {
    let text = '';
    try {
      text = ctx.fs.readFile('/etc/passwd');
    } catch {
      /* no passwd: keep the name as given */
    }
    const prefix = shown.slice(0, -1);
    const candidates = text.split('\n').filter((l) => l.startsWith(prefix) && l.split(':')[0].length > prefix.length);
    const line = candidates.find((l) => program.startsWith(l.split(':')[0])) ?? candidates[0];
    if (line) {
      const f = line.split(':');
      return { name: f[0], uid: Number(f[2]), gid: Number(f[3]) };
    }
  }
  return { name: shown, uid: direct?.uid ?? 0, gid: direct?.gid ?? 0 };
}

const SHELLS = new Set(['bash', 'sh', 'dash', 'zsh']);

export function toPsProcs(ctx: CommandContext, infos: ProcessInfo[]): PsProc[] {
  const byPid = new Map(infos.map((p) => [p.pid, p]));
  const leader = (p: ProcessInfo) => p.stat.includes('s');
  const sidOf = (p: ProcessInfo, depth = 0): number => {
    if (leader(p) || depth > 64) return p.pid;
    const parent = byPid.get(p.ppid);
    return parent ? sidOf(parent, depth + 1) : 0;
  };
  // A job-control shell puts each job it starts in a process group of its own; other children stay in their parent's.
  const pgidOf = (p: ProcessInfo, depth = 0): number => {
    if (leader(p) || depth > 64) return p.pid;
    const parent = byPid.get(p.ppid);
    if (!parent) return 0;
    if (p.tty !== '?' && SHELLS.has(processName(parent.command))) return p.pid;
    return pgidOf(parent, depth + 1);
  };
  const pgids = new Map(infos.map((p) => [p.pid, pgidOf(p)]));
  const foreground = new Map<string, number>();
  for (const p of infos) if (p.tty !== '?' && p.stat.includes('+')) foreground.set(p.tty, pgids.get(p.pid)!);
  return infos.map((p) => {
    const comm = processName(p.command);
    const who = account(ctx, p.user, (p.command.split(' ')[0].split('/').pop() ?? '').replace(/^-/, ''));
    const state = p.stat[0] ?? 'S';
    const threads = p.stat.includes('l') ? (THREADS[comm] ?? THREADS[comm.replace(/-runc-v2$/, '')] ?? 8) : 1;
    return {
      pid: p.pid,
      tid: p.pid,
      ppid: p.ppid,
      pgid: pgids.get(p.pid)!,
      sid: sidOf(p),
      tpgid: p.tty === '?' ? -1 : (foreground.get(p.tty) ?? pgids.get(p.pid)!),
      uid: who.uid,
      gid: who.gid,
      user: who.name,
      group: groupName(ctx, who.gid),
      tty: p.tty,
      stat: p.stat,
      state,
      nice: 0,
      priority: 20,
      nlwp: threads,
      flags: who.uid === 0 ? 4 : 0,
      wchan: state === 'R' ? '-' : wchanOf(comm, p.command),
      comm,
      args: p.command,
      startMs: p.startMs,
      cpuSeconds: p.cpuSeconds,
      rssKiB: p.rssKiB,
      vszKiB: p.vszKiB,
    };
  });
}

/**
 * Its threads (-L, -T, m, -m, H): the main thread's id is the pid, the others' come after every pid
 * the machine hands out (the kernel numbers threads from the same pool), distinct for each; the
 * process's CPU time is shared among them.
 */
export function threadsOf(p: PsProc, ids: { next: number }): PsProc[] {
  const share = p.cpuSeconds / p.nlwp;
  return Array.from({ length: p.nlwp }, (_, i) => ({ ...p, tid: i ? ids.next++ : p.pid, cpuSeconds: share }));
}

/** A kernel function's address as `ps n` shows a wait channel (its low 24 bits, in hex). */
export function wchanAddress(wchan: string): string {
  let h = 0x811c9dc5;
  for (const c of wchan) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return (h & 0xffffff).toString(16);
}
