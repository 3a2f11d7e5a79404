/**
 * A session's shells as processes of their machine (src/sim/machine/process-table.ts): a shell that
 * logs in to a machine (the session's first, or one that ssh opened there) sits under the sshd
 * process holding its terminal, `sshd: root@pts/0`, itself a child of the sshd listener (pid 815);
 * a shell started inside another on the same machine (bash, su -, sudo -i) is that shell's child
 * on the same terminal; a tmux pane's shell is its server's child, on a terminal of its own.
 */
import type { Shell } from './exec/interpreter';
import { sessionProcesses, startProcess } from '../sim/machine/process-table';

/** The sshd listener of the base system (src/shell/commands/lib/system.ts). */
const SSHD_LISTENER_PID = 815;
/** Where the learner's own terminal connects from: the lab network's gateway. */
const GATEWAY = '192.168.6.1';

/**
 * Enter `shell` in its machine's table; returns how to take it out. Inside a shell of the same
 * machine: that shell's child on its terminal. Started by a process of the machine (`parentPid`:
 * a tmux server for a pane): its child, on a terminal of its own. Otherwise it logged in: under an
 * sshd process of its own, on the lowest free terminal.
 */
export function enterShellProcess(shell: Shell, parent: Shell | undefined, parentPid?: number): () => void {
  const machine = shell.env.machine;
  const user = shell.env.user.identity.name;
  const startMs = shell.env.clock.now();
  const command = shell.state.arg0 ?? 'bash';
  if (parent && parent.env.machine === machine) {
    const tty = parent.env.ttyName ?? '?';
    shell.env.ttyName = tty;
    return startProcess(machine, { pid: shell.state.pid, ppid: parent.state.pid, user, command, tty, stat: 'S', startMs });
  }
  const tty = freeTerminal(machine);
  shell.env.ttyName = tty;
  if (parentPid !== undefined) return startProcess(machine, { pid: shell.state.pid, ppid: parentPid, user, command, tty, stat: 'Ss+', startMs });
  // The shell's $PPID is its sshd process.
  const ppid = Number(shell.state.get('PPID'));
  const sshd = Number.isInteger(ppid) && ppid > 1 ? ppid : machine.allocatePid();
  // The client: the machine ssh came from, or for the first login the network's gateway (the learner's side).
  const loginFrom = parent ? parent.env.machine.ip : GATEWAY;
  const releaseSshd = startProcess(machine, { pid: sshd, ppid: SSHD_LISTENER_PID, user, command: `sshd: ${user}@${tty}`, tty: '?', stat: 'S', startMs, loginFrom });
  const releaseShell = startProcess(machine, { pid: shell.state.pid, ppid: sshd, user, command, tty, stat: 'Ss', startMs });
  return () => {
    releaseShell();
    releaseSshd();
  };
}

/** The lowest terminal no session process holds (the kernel's next /dev/pts number). */
function freeTerminal(machine: object): string {
  const taken = new Set(sessionProcesses(machine).flatMap((p) => [p.tty, /^sshd: \S+@(pts\/\d+)$/.exec(p.command)?.[1] ?? '']));
  let n = 0;
  while (taken.has(`pts/${n}`)) n++;
  return `pts/${n}`;
}
