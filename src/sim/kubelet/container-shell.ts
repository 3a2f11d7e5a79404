/**
 * A shell inside a container: what `kubectl exec` runs. Each container gets its own root
 * filesystem (the image's skeleton, then what the kubelet mounts: configMaps, secrets, the
 * service-account token, /etc/hosts…), built on first exec and kept for the container's life.
 * emptyDir volumes are one directory shared by every container of the Pod (and kept across
 * restarts); hostPath volumes are the node's own directory, so writes land on the node.
 *
 * Commands run in the project's real shell (parser, expansions, pipes, redirections) with the
 * image's programs on PATH: busybox applets in busybox/alpine, bash and coreutils in Debian-based
 * images such as nginx. Network applets ask the cluster network from the Pod.
 */
import type { CommandContext, InputStream, OutputStream, Program } from '../../shell/command';
import { programs as shellPrograms } from '../../shell/commands/index';
import { Session } from '../../shell/session';
import { shellQuote } from '../../shell/exec/interpreter';
import { searchPath } from '../../shell/exec/path-search';
import { BufferedInput, EMPTY_INPUT } from '../../shell/exec/streams';
import { SimClock } from '../clock';
import { MemFs, directoryEntriesChanged, normalizePath, type Inode } from '../machine/fs';
import { Machine } from '../machine/machine';
import { spec, status, type Obj } from '../controllers/machinery/objects';
import { containerFiles, podHostname, type ExecContext } from './exec';
import { imageSkeleton, writeImage, type ImageSkeleton } from './container-shell-image';
import { networkPrograms } from './container-shell-network';
import { controlPlanePrograms } from './container-control-plane';
import { nginxVersionOf } from '../network/responses';
import { chrootProgram, runLines } from './container-chroot';
import { hostShellOf } from './host-shells';
import { ifconfigProgram, ipProgram } from './container-ip';
import { SHELLS } from '../runtime/behaviour';
import { containerProcesses } from './container-processes';
import { busyboxDf, coreutilsDf } from './container-df';
import { busyboxLs } from '../../shell/commands/ls';
import { isPayloadVolume, payloadVolumeDir, type PayloadVolume } from './payload-volumes';
import { busyboxFree } from './container-free';
import { busyboxTop } from './container-top';
import { busyboxNetstat } from './container-netstat';
import { asksForUsage, wrapBusyboxApplets } from './busybox/applets';
import { busyboxImagePrograms } from './busybox/programs';
import { showUsage } from './busybox/usage';
import { IMAGE_PATH, inProcessOrder, processEnvironment } from './process-env';
import { withProcfs } from './container-proc-mount';
import { containerCredentials } from './container-credentials';

/** Streams of one exec session (what kubectl attaches). */
export interface ContainerIo {
  stdin?: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  /** A terminal is attached (-t): a shell with no command is interactive and prints prompts. */
  tty?: boolean;
  /** The client terminal's width, which kubectl sends with -t (its resize stream): what ls lays columns out in. 80 when not told. */
  columns?: number;
  signal?: AbortSignal;
}

interface ContainerRoot {
  id: string;
  machine: Machine;
  skeleton: ImageSkeleton;
}

/** Per node (or per world when no node is known): container roots and the Pods' emptyDir volumes. */
interface NodeState {
  roots: Map<string, ContainerRoot>;
  emptyDirs: Map<string, Inode>;
  /** configMap, secret and projected volumes by Pod uid and volume name. */
  payloadVolumes: Map<string, PayloadVolume>;
}

const FALLBACK_NODE = {};
const nodes = new WeakMap<object, NodeState>();

function nodeState(ctx: ExecContext): NodeState {
  const key = ctx.machine ?? FALLBACK_NODE;
  let s = nodes.get(key);
  if (!s) nodes.set(key, (s = { roots: new Map(), emptyDirs: new Map(), payloadVolumes: new Map() }));
  return s;
}

/** The runtime id of this container instance (a restart is a new instance with a fresh root). */
function instanceId(ctx: ExecContext): string {
  const name = String(ctx.container.name ?? '');
  const statuses = [...((status(ctx.pod).containerStatuses ?? []) as Obj[]), ...((status(ctx.pod).initContainerStatuses ?? []) as Obj[])];
  const st = statuses.find((s) => s.name === name);
  return ctx.containerId ?? (st?.containerID ? String(st.containerID) : `${ctx.pod.metadata?.uid ?? ctx.pod.metadata?.name}/${name}/${st?.restartCount ?? 0}`);
}

/** The container's root filesystem, built on first use. */
export function containerRoot(ctx: ExecContext): ContainerRoot {
  const state = nodeState(ctx);
  const id = instanceId(ctx);
  const known = state.roots.get(id);
  if (known) {
    syncPayloadVolumes(ctx, state);
    return known;
  }
  // A restarted container's previous root is gone with it (only volumes survive).
  const prefix = `${ctx.pod.metadata?.uid}/${ctx.container.name}`;
  for (const [k, r] of state.roots) if (r.id.startsWith(prefix) || k.startsWith(prefix)) state.roots.delete(k);
  const image = String(ctx.container.image ?? '');
  const skeleton = imageSkeleton(image);
  const now = () => ctx.clock?.now() ?? ctx.now;
  const fs = new MemFs(now);
  const root = fs.admin;
  writeImage(root, skeleton, image);
  for (const [path, content] of containerFiles(ctx, { liveVolumes: false })) {
    if (path.endsWith('/.')) {
      root.mkdir(path.slice(0, -2) || '/', { recursive: true });
      continue;
    }
    root.mkdir(path.replace(/\/[^/]*$/, '') || '/', { recursive: true });
    if (root.stat(path)?.type !== 'dir') root.writeFile(path, content);
  }
  mountKernelFilesystems(fs.root, ((ctx.container.securityContext ?? {}) as { privileged?: boolean }).privileged === true);
  mountLiveVolumes(ctx, fs, state);
  const hostname = podHostname(ctx);
  const machine = new Machine({ hostname, ip: String(status(ctx.pod).podIP ?? ''), fs, nextPid: 7 });
  const entry = { id: `${prefix}:${id}`, machine, skeleton };
  state.roots.set(id, entry);
  return entry;
}

/**
 * runc mounts procfs on /proc (read-write, but its lookup of a name it does not make fails, so
 * creating there is ENOENT) and sysfs on /sys, read-only as containerd's default spec has it
 * ("nosuid", "noexec", "nodev", "ro"), read-write for a privileged container (the CRI plugin drops
 * "ro" then): `touch /proc/x` and `touch /sys/x` fail as the kernel answers.
 */
function mountKernelFilesystems(root: Inode, privileged: boolean): void {
  const proc = root.children?.get('proc');
  const markProc = (dir: Inode) => {
    dir.procfs = true;
    for (const child of dir.children?.values() ?? []) if (child.type === 'dir') markProc(child);
  };
  if (proc?.type === 'dir') markProc(proc);
  const sys = root.children?.get('sys');
  if (sys?.type === 'dir' && !privileged) sys.readOnly = true;
}

/**
 * What the Pod's processes have written by now (their loops append as simulated time passes) is
 * put in place before a process runs in the container. Such a file is the processes' own: what an
 * exec wrote into it is replaced by their content.
 */
function refreshWrittenFiles(ctx: ExecContext, root: ContainerRoot): void {
  const fs = root.machine.fs.admin;
  for (const [path, content] of ctx.writtenFiles?.() ?? []) {
    try {
      fs.mkdir(path.replace(/\/[^/]*$/, '') || '/', { recursive: true });
      fs.writeFile(path, content);
    } catch {
      // a directory in the way: the process could not have written it either
    }
  }
}

/** Place a directory node of another tree at a path of this one (a bind mount). */
function graft(fs: MemFs, path: string, node: Inode): void {
  const abs = normalizePath(path);
  const parent = abs.replace(/\/[^/]*$/, '') || '/';
  fs.admin.mkdir(parent, { recursive: true });
  const dir = fs.admin.inode(parent);
  if (dir?.children) {
    dir.children.set(abs.split('/').pop()!, node);
    directoryEntriesChanged();
  }
}

/** The Pod's syncs since the last look, played on its configMap, secret and projected volumes. */
function syncPayloadVolumes(ctx: ExecContext, state: NodeState): void {
  const volumes = new Map(((spec(ctx.pod).volumes ?? []) as Obj[]).map((v) => [v.name, v]));
  for (const m of (ctx.container.volumeMounts ?? []) as Obj[]) {
    const v = volumes.get(m.name);
    if (!m.subPath && isPayloadVolume(v)) payloadVolumeDir(ctx, state.payloadVolumes, v!);
  }
}

/** emptyDir and hostPath mounts, and the kubelet's configMap, secret and projected directories: shared nodes, not copies. */
function mountLiveVolumes(ctx: ExecContext, fs: MemFs, state: NodeState): void {
  const volumes = new Map(((spec(ctx.pod).volumes ?? []) as Obj[]).map((v) => [v.name, v]));
  for (const m of (ctx.container.volumeMounts ?? []) as Obj[]) {
    const v = volumes.get(m.name);
    if (!v || !m.mountPath) continue;
    let node: Inode | null = null;
    if (isPayloadVolume(v)) {
      if (m.subPath) continue; // copied when the container started (containerFiles)
      node = payloadVolumeDir(ctx, state.payloadVolumes, v) ?? null;
    } else if (v.emptyDir) {
      const key = `${ctx.pod.metadata?.uid ?? ctx.pod.metadata?.name}/${v.name}`;
      node = state.emptyDirs.get(key) ?? null;
      // With an fsGroup the kubelet gives the volume that group and set-group-ID (SetVolumeOwnership), so what is written there is the group's.
      const fsGroup = (ctx.pod.spec as { securityContext?: { fsGroup?: number } } | undefined)?.securityContext?.fsGroup;
      if (!node)
        state.emptyDirs.set(key, (node = { type: 'dir', mode: fsGroup === undefined ? 0o777 : 0o2777, uid: 0, gid: fsGroup ?? 0, mtimeMs: ctx.now, children: new Map() }));
    } else if (v.hostPath && ctx.machine) {
      const host = ctx.machine.rootFs;
      const path = String(v.hostPath.path);
      if (!host.stat(path) && (!v.hostPath.type || v.hostPath.type === 'DirectoryOrCreate')) host.mkdir(path, { recursive: true });
      if (!host.stat(path) && v.hostPath.type === 'FileOrCreate') host.writeFile(path, '');
      node = host.inode(path);
    }
    if (!node) continue;
    if (m.subPath && node.type === 'dir') {
      let sub = node.children!.get(String(m.subPath));
      if (!sub) node.children!.set(String(m.subPath), (sub = { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: ctx.now, children: new Map() }));
      node = sub;
    }
    graft(fs, String(m.mountPath), node);
  }
}

/** Is argv[0] an executable of the container (on its PATH, or a path to an executable file)? */
export function hasExecutable(ctx: ExecContext, name: string): boolean {
  const fs = containerRoot(ctx).machine.fs.admin;
  return searchPath(name, ctx.env.PATH ?? IMAGE_PATH, (p) => fs.stat(p)?.type === 'file' && fs.canExecute(p)) !== undefined;
}

/** The programs a container's PATH can name: the shell's, with the Pod's network, chroot, and what reads the container's /proc (busybox ps, top, free, netstat; df of its mounts). */
function programsFor(ctx: ExecContext, root: ContainerRoot, command: () => string, input: BufferedInput, errors: AshErrors | undefined, envOrder: readonly string[]): Record<string, Program> {
  const table: Record<string, Program> = { ...shellPrograms, ...networkPrograms(ctx), ...controlPlanePrograms(ctx, root.skeleton.programDir ? root.skeleton.programs : []) };
  table.env = inProcessOrder(table.env, envOrder);
  table.printenv = inProcessOrder(table.printenv, envOrder);
  const busybox = root.skeleton.shell === 'ash';
  if (busybox) {
    table.ps = busyboxPs(ctx, command);
    table.ls = busyboxLs;
    table.df = busyboxDf(ctx);
    table.free = busyboxFree(ctx);
    table.top = busyboxTop(ctx, command);
    table.netstat = busyboxNetstat(ctx);
    // A Pod on the node's network sees the node's interfaces: the node's ip answers, on the node's world.
    if (!spec(ctx.pod).hostNetwork) {
      table.ip = ipProgram(ctx);
      table.ifconfig = ifconfigProgram(ctx);
    } else {
      const host = ctx.machine && hostShellOf(ctx.machine);
      const nodeIp = host?.programs.ip;
      if (host && nodeIp) table.ip = (p) => nodeIp({ ...p, machine: host.machine, world: host.world } as CommandContext);
    }
    Object.assign(table, busyboxImagePrograms(ctx, command, table));
    wrapBusyboxApplets(table, root.skeleton.family === 'alpine' ? 'musl' : 'uclibc');
  } else table.df = coreutilsDf(ctx);
  table.chroot = chrootProgram({
    flavour: busybox ? 'busybox' : 'coreutils',
    rootFs: root.machine.fs.admin,
    node: ctx.machine,
    input,
    interact: promptLoop,
    verbatim: (fn) => (errors ? errors.verbatim(fn) : fn()),
  });
  table.nginx = async (p) => {
    if (p.argv[1] === '-v' || p.argv[1] === '-V') {
      p.stderr.write(`nginx version: nginx/${nginxVersionOf(String(ctx.container.image ?? ''))}\n`);
      return 0;
    }
    // The server already holds port 80 (it is the container's main process).
    p.stderr.write('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n');
    return 1;
  };
  return withProcfs(table, { ctx, fs: root.machine.fs, shellCommand: command, envOrder, varRunLinked: !busybox });
}

/** busybox ps: PID 1 is the container's command, then the shells and this ps, all as the container's user. */
function busyboxPs(ctx: ExecContext, shellCommand: () => string): Program {
  return async (p) => {
    p.stdout.write('PID   USER     TIME  COMMAND\n');
    // Every process of the container runs as its user: named from the image's passwd, else the uid (%-8.8s).
    const user = p.user.name.slice(0, 8).padEnd(8);
    for (const { pid, command } of containerProcesses(ctx, shellCommand(), ['ps', ...p.argv.slice(1)])) p.stdout.write(`${String(pid).padStart(5)} ${user} ${' 0:00'} ${command}\n`);
    return 0;
  };
}

/**
 * Busybox's ash words errors as `sh: foo: not found`, without the line number dash prints and
 * without bash's `command not found`; our interpreter speaks bash and dash, so its messages are
 * reworded on the way out.
 */
class AshErrors implements OutputStream {
  /** Off while a program of another root (a chroot's shell) writes through: its words are its own. */
  private rewording = true;

  constructor(private readonly out: OutputStream) {}

  write(chunk: string): void {
    if (!this.rewording) return this.out.write(chunk);
    // bash's interactive `exit` announces itself; ash's does not.
    if (chunk === 'exit\n') return;
    this.out.write(
      chunk
        .replace(/^(?:bash|sh)(?:: line \d+|: \d+)?: (.*?): command not found$/gm, 'sh: $1: not found')
        .replace(/^sh: \d+: /gm, 'sh: ')
        .replace(/^bash: (?:line \d+: )?/gm, 'sh: '),
    );
  }

  async verbatim<T>(fn: () => Promise<T>): Promise<T> {
    this.rewording = false;
    try {
      return await fn();
    } finally {
      this.rewording = true;
    }
  }
}


/**
 * Open a shell session in the container with its environment, as the container's user; cwd /. `input` is the
 * process's stdin, read a line at a time by whoever drives the session (and a chroot it starts).
 */
function openSession(ctx: ExecContext, root: ContainerRoot, io: ContainerIo, input: BufferedInput, interactive: boolean, commandLine: () => string): Session {
  const clock = ctx.clock ?? new SimClock({ startMs: ctx.now });
  const machine = root.machine;
  const ashErrors = root.skeleton.shell === 'ash' ? new AshErrors(io.stderr) : undefined;
  const env = processEnvironment({ hostname: machine.hostname, kubeletEnv: ctx.env, tty: !!io.tty, home: '/root' });
  const session = new Session({
    world: { clock, machines: new Map([[machine.hostname, machine]]), resolveHost: (n) => (n === machine.hostname ? machine : undefined) },
    programs: programsFor(ctx, root, commandLine, input, ashErrors, Object.keys(env)),
    mode: interactive ? 'interactive' : 'stdin',
    stdout: io.stdout,
    stderr: ashErrors ?? io.stderr,
    stdin: input,
    relogin: false,
    columns: io.tty ? io.columns : undefined,
    // The process runs as the container's user and groups (runAsUser, runAsGroup, fsGroup…), as runc sets them.
    credentials: containerCredentials(ctx.pod, ctx.container, (path) => {
      try {
        return machine.fs.admin.readFile(path);
      } catch {
        return undefined;
      }
    }),
    // busybox's sh is ash: bash's grammar as our interpreter has it, ash's words for failures.
    ...(root.skeleton.shell === 'ash' ? { dialect: 'ash', shDialect: 'ash' } : {}),
  });
  // Ctrl-C on the client reaches the process in the container.
  io.signal?.addEventListener('abort', () => session.interrupt(), { once: true });
  // The container's shell is not a login shell: `exit` prints nothing, $0 is the shell's name.
  session.active.env.login = false;
  const st = session.active.state;
  st.arg0 = root.skeleton.shell === 'bash' ? 'bash' : 'sh';
  st.shopt.login_shell = false;
  for (const name of ['MAIL', 'LANG', 'TERM', 'USER', 'LOGNAME', 'SHELL', 'OLDPWD']) st.unset(name);
  for (const [k, v] of Object.entries(env)) st.set(k, v, { export: true });
  st.cwd = '/';
  st.set('PWD', '/', { export: true });
  st.set('PS1', root.skeleton.shell === 'ash' ? '\\w \\$ ' : '\\u@\\h:\\w\\$ ');
  if (!interactive) {
    // The runtime execs the process itself: no shell of ours sits above it to export these.
    // (A shell started under it counts itself from 0: SHLVL=1, as sh -c shows it.)
    st.unset('SHLVL');
    st.set('SHLVL', '0');
    st.unset('PWD');
  }
  return session;
}

/**
 * Run a command in the container: argv as the runtime would exec it. `sh`/`bash` with no command
 * reads commands from stdin — with a terminal (-it) as an interactive shell that prints prompts,
 * without one running the lines as they come.
 * Returns the exit status of the process.
 */
export async function runInContainer(ctx: ExecContext, argv: string[], io: ContainerIo): Promise<number> {
  const root = containerRoot(ctx);
  refreshWrittenFiles(ctx, root);
  const prog = (argv[0] ?? '').replace(/^.*\//, '');
  // The shell is the interpreter itself, no program of the table: busybox's `sh --help` is answered here.
  if (root.skeleton.shell === 'ash' && (prog === 'sh' || prog === 'ash') && asksForUsage(prog, argv)) {
    showUsage(prog, io.stderr);
    return 0;
  }
  const shellOnly = SHELLS.has(prog) && argv.length === 1;
  const input = new BufferedInput(io.stdin ?? EMPTY_INPUT);
  if (shellOnly && io.tty) {
    const session = openSession(ctx, root, io, input, true, () => argv[0]);
    return promptLoop(session, input, io.stdout);
  }
  // ps shows the shell only when one runs (sh -c …); a program exec'd directly has none.
  const session = openSession(ctx, root, io, input, false, () => (SHELLS.has(prog) ? argv.join(' ') : ''));
  if (shellOnly) return runLines(session, input);
  // The runtime execs the file, never a shell's builtin: busybox's kill, echo or test run as the
  // applet (by its path; the applet names itself), not as ash's builtin of the same name.
  const active = session.active;
  const first = argv[0] ?? '';
  const path = root.skeleton.shell === 'ash' && !first.includes('/') && active.env.builtins[first] ? active.findOnPath(first) : undefined;
  await session.feed(`${[path ?? first, ...argv.slice(1)].map(shellQuote).join(' ')}\n`);
  return session.finish();
}

/**
 * An interactive shell on a terminal (`kubectl exec -it POD -- sh`, `chroot /host` in it): prompt,
 * read a line, run it; until `exit` or end of input.
 */
async function promptLoop(session: Session, input: BufferedInput, stdout: OutputStream): Promise<number> {
  await session.ready;
  let pending = '';
  while (!session.closed) {
    stdout.write(pending ? session.continuationPrompt() : session.prompt());
    const read = await input.readLine();
    if (read === null) {
      if (pending === '') break;
      pending += '\n';
    } else pending += `${read.line}\n`;
    if (!session.isComplete(pending)) {
      if (read === null || !read.terminated) break;
      continue;
    }
    const text = pending;
    pending = '';
    if (text.trim() === '') continue;
    await session.run(text);
  }
  // Ctrl-D at the prompt: the shell ends with the status of the last command. bash says `exit`;
  // ash and dash end the line.
  if (!session.closed) stdout.write(session.active.env.dialect === 'bash' && session.active.state.arg0 !== 'sh' ? 'exit\n' : '\n');
  return session.lastStatus;
}
