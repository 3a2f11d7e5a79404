/**
 * The processes a container sees in its own PID namespace: PID 1 is its command, then the shell
 * an exec started (sh -c …), then the program asking (ps, top). busybox's ps and top list these,
 * and /proc holds a directory for each.
 */
import type { ExecContext } from './exec';

export interface ContainerProcess {
  pid: number;
  ppid: number;
  command: string;
  /** The applet's name (comm). */
  name: string;
  /** The arguments it was executed with (/proc/PID/cmdline). */
  argv: string[];
}

/** Virtual sizes (KiB) of busybox's applets: one binary, a little more for the busier ones. */
const VSZ: Record<string, number> = { sleep: 4396, sh: 4408, top: 4416 };

/** A process's virtual size in KiB, as top shows it and /proc/PID/status counts it. */
export function vszOf(name: string): number {
  return VSZ[name] ?? 4400;
}

/**
 * The shell's arguments from its command line: `sh -c SCRIPT` keeps its script whole (the exec
 * gave it as one argument); a shell alone is just its name.
 */
function shellArgv(shell: string): string[] {
  const m = /^(\S+) (-c) ([\s\S]*)$/.exec(shell);
  return m ? [m[1], m[2], m[3]] : shell.split(' ');
}

/** @param shell the exec's shell command line ('' when the program was exec'd directly) */
export function containerProcesses(ctx: ExecContext, shell: string, self: string[]): ContainerProcess[] {
  const mainArgv = [...((ctx.container.command ?? []) as string[]), ...((ctx.container.args ?? []) as string[])];
  const main = mainArgv.join(' ') || 'sh';
  const nameOf = (cmd: string) => (cmd.split(' ')[0] ?? '').replace(/^.*\//, '');
  const rows: ContainerProcess[] = [{ pid: 1, ppid: 0, command: main, name: nameOf(main), argv: mainArgv.length ? mainArgv : ['sh'] }];
  if (shell) rows.push({ pid: 7, ppid: 0, command: shell, name: nameOf(shell), argv: shellArgv(shell) });
  rows.push({ pid: 13, ppid: shell ? 7 : 0, command: self.join(' '), name: nameOf(self[0] ?? ''), argv: self });
  return rows;
}
