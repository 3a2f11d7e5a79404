/**
 * The processes a container sees in its own PID namespace: PID 1 is its command, then the shell
 * an exec started (sh -c …), then the program asking (ps, top). busybox's ps and top list these.
 */
import type { ExecContext } from './exec';

export interface ContainerProcess {
  pid: number;
  ppid: number;
  command: string;
  /** The applet's name (comm). */
  name: string;
}

/** @param shell the exec's shell command line ('' when the program was exec'd directly) */
export function containerProcesses(ctx: ExecContext, shell: string, self: string[]): ContainerProcess[] {
  const main = [...((ctx.container.command ?? []) as string[]), ...((ctx.container.args ?? []) as string[])].join(' ') || 'sh';
  const nameOf = (cmd: string) => (cmd.split(' ')[0] ?? '').replace(/^.*\//, '');
  const rows: ContainerProcess[] = [{ pid: 1, ppid: 0, command: main, name: nameOf(main) }];
  if (shell) rows.push({ pid: 7, ppid: 0, command: shell, name: nameOf(shell) });
  rows.push({ pid: 13, ppid: shell ? 7 : 0, command: self.join(' '), name: nameOf(self[0] ?? '') });
  return rows;
}
