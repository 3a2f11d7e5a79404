/**
 * The order of top's rows: by the -o field (%CPU by default), highest first unless `-o -FIELD`;
 * tasks that tie keep the order they were read in, ascending PIDs (glibc's qsort is a merge sort).
 * Fields the simulation has no figure for (page faults, namespaces…) tie.
 */
import type { Task } from './tasks';
import { cpuPercent, type CellContext } from './frame';

type Key = (t: Task, c: CellContext) => number | string;

const KEYS: Record<string, Key> = {
  PID: (t) => t.pid,
  TGID: (t) => t.pid,
  PPID: (t) => t.ppid,
  UID: (t) => t.uid,
  RUID: (t) => t.uid,
  SUID: (t) => t.uid,
  USER: (t) => t.user,
  RUSER: (t) => t.user,
  SUSER: (t) => t.user,
  TTY: (t) => t.tty,
  P: (t) => t.cpu,
  '%CPU': (t, c) => cpuPercent(t, c),
  TIME: (t) => t.ticks,
  'TIME+': (t) => t.ticks,
  '%MEM': (t) => t.resKiB,
  RES: (t) => t.resKiB,
  USED: (t) => t.resKiB,
  VIRT: (t) => t.virtKiB,
  SHR: (t) => t.shrKiB,
  S: (t) => t.state,
  COMMAND: (t, c) => (c.o.commandLines ? t.cmdline : t.comm),
};

export function sortTasks(tasks: Task[], c: CellContext): Task[] {
  const key = KEYS[c.o.sortField];
  if (!key) return tasks;
  const sign = c.o.sortHighFirst ? -1 : 1;
  return [...tasks].sort((a, b) => {
    const x = key(a, c);
    const y = key(b, c);
    return x < y ? -sign : x > y ? sign : 0;
  });
}
