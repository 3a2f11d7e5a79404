/**
 * Keeps a container's /proc (container-procfs.ts) up to date: before any program of the
 * container runs, its tree is written for that program (it is /proc/self), with the container's
 * processes, the node's memory, CPUs and uptime, and the mount table runc built.
 */
import type { CommandContext, Program } from '../../shell/command';
import { getSystem, KERNEL } from '../../shell/commands/lib/system';
import { searchPath } from '../../shell/exec/path-search';
import { parseQuantity } from '../apiserver/quantity';
import type { MemFs } from '../machine/fs';
import { nodeMeminfo } from './container-meminfo';
import { containerCredentials } from './container-credentials';
import { oomScoreAdj } from './container-oom';
import { capacityOf } from './node-status';
import { containerMounts } from './container-mounts';
import { containerProcesses, vszOf } from './container-processes';
import { refreshProc, type ProcessView, type ProcState } from './container-procfs';
import { podHostname, type ExecContext } from './exec';
import { IMAGE_PATH, processEnvironment } from './process-env';

/** Linux 5.15 on Ubuntu 22.04, should the node not say which. */
const FALLBACK_VERSION = KERNEL.procVersion;

export interface ProcMountOptions {
  ctx: ExecContext;
  fs: MemFs;
  /** The exec's shell command line ('' when its program was exec'd directly). */
  shellCommand: () => string;
  /** The variables the exec's process started with, in their order (TERM among them when a terminal is attached). */
  envOrder: readonly string[];
  /** Mount paths under /var/run show as /run (the image links one to the other). */
  varRunLinked: boolean;
}

/** @param self the reading program's arguments; none for the exec's shell itself (PID 7), before it runs a program */
function state(o: ProcMountOptions, p: CommandContext, self: readonly string[]): ProcState {
  const { ctx, fs } = o;
  const at = { ...p, machine: ctx.machine ?? p.machine } as CommandContext;
  const tty = o.envOrder.includes('TERM');
  const hostname = podHostname(ctx);
  const created = processEnvironment({ hostname, kubeletEnv: ctx.env, tty: false, home: '/root' });
  const execEnv = processEnvironment({ hostname, kubeletEnv: ctx.env, tty, home: '/root' });
  // The program's own environment: what its shell exported, in the order the exec handed it over.
  const selfEnv: Record<string, string> = {};
  for (const k of o.envOrder) if (Object.hasOwn(p.env, k)) selfEnv[k] = p.env[k];
  for (const [k, v] of Object.entries(p.env)) if (!Object.hasOwn(selfEnv, k)) selfEnv[k] = v;
  const exe = (argv0: string) => (argv0.includes('/') ? argv0 : (searchPath(argv0, IMAGE_PATH, (f) => fs.admin.stat(f)?.type === 'file') ?? `/bin/${argv0}`));
  const shell = o.shellCommand();
  const cpus = getSystem().cpus(at);
  const listed = containerProcesses(ctx, shell, [...self], cpus).filter((x) => self.length || x.pid !== 13);
  const selfPid = self.length || !shell ? 13 : 7;
  const processes: ProcessView[] = listed.map((x) => ({
    ...x,
    env: x.pid === 13 ? selfEnv : x.pid === 7 ? execEnv : created,
    vsz: vszOf(x.name),
    exe: x.exe ?? exe(x.argv[0] ?? 'sh'),
    running: x.pid === selfPid,
    tty: x.pid !== 1 && tty,
  }));
  const nodeFile = (path: string, fallback: string) => {
    try {
      return ctx.machine?.rootFs.readFile(path) ?? fallback;
    } catch {
      return fallback; // a node image without it
    }
  };
  const version = nodeFile('/proc/version', FALLBACK_VERSION);
  const swaps = nodeFile('/proc/swaps', 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n');
  const now = p.clock.now();
  // A new network namespace takes the node's IPv4 settings (net.core.devconf_inherit_init_net 0);
  // the UTS namespace is the Pod's.
  const sysctls = { 'kernel/hostname': hostname, 'net/ipv4/ip_forward': nodeFile('/proc/sys/net/ipv4/ip_forward', '0').trim() };
  return {
    processes,
    selfPid,
    memory: nodeMeminfo(p, ctx),
    cpus,
    mounts: containerMounts(p, ctx, o.varRunLinked),
    uptimeSeconds: Math.max(0, (now - getSystem().bootMs(at)) / 1000),
    version,
    swaps,
    sysctls,
    sysReadOnly: ((ctx.container.securityContext ?? {}) as { privileged?: boolean }).privileged !== true,
    oomScoreAdj: oomScoreAdj(ctx.pod, ctx.container, ctx.machine ? parseQuantity(capacityOf(ctx.machine).memory) : 0),
    credentials: containerCredentials(ctx.pod, ctx.container, (path) => {
      try {
        return fs.admin.readFile(path);
      } catch {
        return undefined;
      }
    }),
    now,
  };
}

/** Every program of the table, preceded by the writing of /proc for it. */
export function withProcfs(table: Record<string, Program>, o: ProcMountOptions): Record<string, Program> {
  const proc = o.fs.root.children?.get('proc');
  if (proc?.type !== 'dir') return table;
  // What the shell itself reads (a redirection from /proc, before any program ran) is there already.
  const at = { argv: [], env: {}, clock: { now: () => o.ctx.clock?.now() ?? o.ctx.now }, machine: o.ctx.machine } as unknown as CommandContext;
  refreshProc(proc, state(o, at, []));
  const wrapped: Record<string, Program> = {};
  for (const [name, program] of Object.entries(table)) {
    wrapped[name] = (p) => {
      refreshProc(proc, state(o, p, p.argv));
      return program(p);
    };
  }
  return wrapped;
}
