/**
 * The processes a container sees in its own PID namespace: PID 1 is its command, then the shell
 * an exec started (sh -c …), then the program asking (ps, top). busybox's ps and top list these,
 * and /proc holds a directory for each.
 */
import type { ExecContext } from './exec';
import { normalizeImage } from '../runtime/images';

export interface ContainerProcess {
  pid: number;
  ppid: number;
  command: string;
  /** The applet's name (comm). */
  name: string;
  /** The arguments it was executed with (/proc/PID/cmdline). */
  argv: string[];
  /**
   * What its environment area holds now, when the process wrote over it: nginx's setproctitle
   * copies the variables away, writes its title from argv[0] on into that area and pads the rest
   * with NULs (ngx_setproctitle.c), so /proc/PID/environ reads the title's overflow and zeros.
   */
  environ?: (env: Record<string, string>) => string;
  /** The program file, when argv[0] no longer names it. */
  exe?: string;
  /** The user and group it switched to itself (nginx's workers: `user nginx;`), else the container's. */
  user?: { uid: number; gid: number };
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

/**
 * nginx's master and its workers (worker_processes auto: one per CPU, the docker image's
 * 30-tune-worker-processes.sh leaves it so) as the image's entrypoint leaves them: their titles
 * over their arguments. The kernel reads a title as one string up to its NUL (get_mm_proctitle).
 */
/** The image's nginx user (its /etc/passwd: nginx:x:101:101). */
const NGINX_USER = { uid: 101, gid: 101 };

function nginxProcesses(cpus: number): ContainerProcess[] {
  const args = ['nginx', '-g', 'daemon off;'];
  const argBytes = args.join('\0').length + 1;
  const proctitle = (title: string) => (env: Record<string, string>) => {
    const envBytes = Object.entries(env).reduce((n, [k, v]) => n + k.length + v.length + 2, 0);
    const over = title.length + 1 > argBytes ? `${title.slice(argBytes)}\0` : '';
    return (over + '\0'.repeat(envBytes)).slice(0, envBytes);
  };
  const master = 'nginx: master process nginx -g daemon off;';
  const rows: ContainerProcess[] = [{ pid: 1, ppid: 0, command: master, name: 'nginx', argv: [master], environ: proctitle(master), exe: '/usr/sbin/nginx' }];
  for (let i = 0; i < cpus; i++) rows.push({ pid: 29 + i, ppid: 1, command: 'nginx: worker process', name: 'nginx', argv: ['nginx: worker process'], environ: proctitle('nginx: worker process'), exe: '/usr/sbin/nginx', user: NGINX_USER });
  return rows;
}

/** The image's own process when the Pod names none: nginx's master and workers; busybox's sh. */
function imageProcesses(ctx: ExecContext, cpus: number): ContainerProcess[] | undefined {
  if (ctx.container.command?.length || ctx.container.args?.length) return undefined;
  const repo = normalizeImage(String(ctx.container.image ?? '')).repository;
  return repo === 'docker.io/library/nginx' ? nginxProcesses(cpus) : undefined;
}

/** A shell by its name or its path in /bin or /usr/bin. */
const SHELL_PROGRAM = /^(?:\/bin\/|\/usr\/bin\/)?(?:sh|bash|ash|dash)$/;

/** Plain words only: no quoting, expansion, redirection or second command for the shell to do. */
const PLAIN_COMMAND = /^[\w./:=@%+,-]+(?: +[\w./:=@%+,-]+)*$/;

/**
 * The argv PID 1 ends up with: `sh -c 'sleep 1h'` execs its one simple command in place of the
 * shell (dash's and ash's EV_EXIT on -c, bash's ONESHOT), so ps shows `sleep 1h`, as in the
 * Security Context walkthrough; anything the shell itself has to run keeps the shell.
 */
function execedByShell(argv: string[]): string[] {
  const [prog, flag, script, ...rest] = argv;
  if (!prog || !SHELL_PROGRAM.test(prog) || flag !== '-c' || rest.length || !script) return argv;
  const trimmed = script.trim();
  return PLAIN_COMMAND.test(trimmed) ? trimmed.split(/ +/) : argv;
}

/**
 * The processes of a container whose command is the one asking (main-process.ts): the program as
 * PID 1, or under the shell that runs it (`sh -c 'ls; ps'`) as its first child. The first PID
 * after 1 is 7: runc's init, a Go program, used PIDs 2 to 6 for its threads before it exec'd the
 * command.
 */
function mainProcessRows(mainArgv: string[], self: string[], nameOf: (cmd: string) => string): ContainerProcess[] {
  const main = mainArgv.join(' ');
  const selfRow = (pid: number, ppid: number): ContainerProcess => ({ pid, ppid, command: self.join(' '), name: nameOf(self[0] ?? ''), argv: self });
  if (!SHELL_PROGRAM.test(mainArgv[0] ?? '')) return [selfRow(1, 0)];
  return [{ pid: 1, ppid: 0, command: main, name: nameOf(main), argv: mainArgv }, selfRow(7, 1)];
}

/**
 * @param shell the exec's shell command line ('' when the program was exec'd directly)
 * @param cpus the node's CPUs (an nginx container runs a worker on each)
 */
export function containerProcesses(ctx: ExecContext, shell: string, self: string[], cpus = 2): ContainerProcess[] {
  const image = imageProcesses(ctx, cpus);
  const mainArgv = execedByShell([...((ctx.container.command ?? []) as string[]), ...((ctx.container.args ?? []) as string[])]);
  const main = mainArgv.join(' ') || 'sh';
  const nameOf = (cmd: string) => (cmd.split(' ')[0] ?? '').replace(/^.*\//, '');
  if (ctx.mainProcess) return mainProcessRows(mainArgv, self, nameOf);
  const rows: ContainerProcess[] = image ?? [{ pid: 1, ppid: 0, command: main, name: nameOf(main), argv: mainArgv.length ? mainArgv : ['sh'] }];
  if (shell) rows.push({ pid: 7, ppid: 0, command: shell, name: nameOf(shell), argv: shellArgv(shell) });
  rows.push({ pid: 13, ppid: shell ? 7 : 0, command: self.join(' '), name: nameOf(self[0] ?? ''), argv: self });
  return rows;
}
