/**
 * The processes that sessions run on a machine, while they run: each login shell (with the sshd
 * process that holds its terminal), each program a shell starts (every member of a pipeline, a
 * background job). ps, pgrep, top, kill and `ss -p` see them beside the machine's own services, so
 * that `kubectl proxy &` shows in `ps` and `ss -tlnp` under the pid `$!` names, and
 * `ps aux | grep kubelet` lists the grep too.
 */
export interface SessionProcess {
  pid: number;
  ppid: number;
  /** The user name ps prints. */
  user: string;
  /** The command line (argv joined by spaces; a login shell's starts with `-`). */
  command: string;
  /** The controlling terminal (`pts/0`), or `?`. */
  tty: string;
  /** ps's STAT: `Ss` (a session leader), `S+` (in the terminal's foreground), `S` (in the background), `R+` (running). */
  stat: string;
  startMs: number;
  /** An sshd session's client address (who's last column). */
  loginFrom?: string;
  /** Deliver a signal; absent: the process takes none here (it stays). */
  signal?(signal: number): void;
}

const tables = new WeakMap<object, Map<number, SessionProcess>>();

/** Enter a process in the machine's table; the function returned takes it out (it has ended). */
export function startProcess(machine: object, process: SessionProcess): () => void {
  let table = tables.get(machine);
  if (!table) tables.set(machine, (table = new Map()));
  table.set(process.pid, process);
  return () => {
    if (table.get(process.pid) === process) table.delete(process.pid);
  };
}

/** The processes sessions run on the machine now, by pid. */
export function sessionProcesses(machine: object): SessionProcess[] {
  return [...(tables.get(machine)?.values() ?? [])].sort((a, b) => a.pid - b.pid);
}

export function sessionProcess(machine: object, pid: number): SessionProcess | undefined {
  return tables.get(machine)?.get(pid);
}
