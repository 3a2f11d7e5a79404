/**
 * What top reads from /proc at one instant: the machine's processes (the list ps shows, top itself
 * among them) with their CPU time in clock ticks. %CPU is the ticks a task used between two reads
 * over the ticks that passed, as top computes it (procs_hlp), so TIME+ and %CPU always agree.
 */
import type { CommandContext } from '../../command';
import { getSystem, processName, type ProcessInfo } from '../lib/system';

/** USER_HZ: the clock ticks of /proc/PID/stat. */
export const HERTZ = 100;

export interface Task {
  pid: number;
  ppid: number;
  user: string;
  uid: number;
  /** The program's name (comm), and its whole command line. */
  comm: string;
  cmdline: string;
  tty: string;
  state: string;
  virtKiB: number;
  resKiB: number;
  shrKiB: number;
  /** CPU time used so far, in ticks. */
  ticks: number;
  /** Ticks used since the previous read (the whole time so far for a task not seen before). */
  deltaTicks: number;
  /** The processor it last ran on. */
  cpu: number;
}

export interface Reading {
  at: number;
  tasks: Task[];
}

/** A process that uses half a core or more is on a CPU whenever top looks. */
const RUNNING_MILLI = 500;

/** Shared pages (libc, the binary's text) of a resident set: most of a small one, less of a big one. */
function sharedKiB(resKiB: number): number {
  return Math.round(resKiB < 16_384 ? resKiB * 0.6 : Math.min(resKiB * 0.3, 72_000));
}

/** Users by name and uid from /etc/passwd, as top resolves them (uid 65535 has no name on a node). */
export function readPasswd(ctx: CommandContext): Map<string, number> {
  const users = new Map<string, number>();
  let text = '';
  try {
    text = ctx.fs.readFile('/etc/passwd');
  } catch {
    users.set('root', 0);
  }
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':');
    if (name && uid !== undefined && /^\d+$/.test(uid)) users.set(name, Number(uid));
  }
  return users;
}

/** The uid of a process's user as ps names it (names over 8 characters end in `+`). */
function uidOf(user: string, users: Map<string, number>): number {
  if (/^\d+$/.test(user)) return Number(user);
  const exact = users.get(user);
  if (exact !== undefined) return exact;
  const prefix = user.endsWith('+') ? user.slice(0, -1) : undefined;
  for (const [name, uid] of users) if (prefix !== undefined && name.startsWith(prefix)) return uid;
  return 0;
}

/** Full user names, where ps shortened them. */
function fullName(user: string, users: Map<string, number>): string {
  if (!user.endsWith('+')) return user;
  for (const name of users.keys()) if (name.startsWith(user.slice(0, -1))) return name;
  return user;
}

/** Read the processes now (only `pids` if given); `previous` gives each task's ticks at the last read. */
export function readTasks(ctx: CommandContext, self: ProcessInfo, previous?: Reading, pids?: Set<number>): Reading {
  const sys = getSystem();
  const cores = sys.cpus(ctx);
  const users = readPasswd(ctx);
  const before = new Map(previous?.tasks.map((t) => [t.pid, t.ticks]));
  const procs = [...sys.processes(ctx).filter((p) => p.pid !== self.pid), self].filter((p) => !pids || pids.has(p.pid)).sort((a, b) => a.pid - b.pid);
  const tasks = procs.map((p): Task => {
    const ticks = Math.floor(p.cpuSeconds * HERTZ);
    const running = p === self || (p.cpuMilli ?? 0) >= RUNNING_MILLI;
    return {
      pid: p.pid,
      ppid: p.ppid,
      user: fullName(p.user, users),
      uid: uidOf(p.user, users),
      comm: processName(p.command),
      cmdline: p.command,
      tty: p.tty,
      state: running ? 'R' : p.stat[0] === 'R' ? 'S' : p.stat[0],
      virtKiB: p.vszKiB,
      resKiB: p.rssKiB,
      shrKiB: sharedKiB(p.rssKiB),
      ticks,
      deltaTicks: ticks - (before.get(p.pid) ?? 0),
      cpu: p.pid % cores,
    };
  });
  return { at: ctx.clock.now(), tasks };
}
