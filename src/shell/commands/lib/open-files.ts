/**
 * The open files of the machine's processes, as lsof and fuser read them from /proc/PID (cwd, root,
 * exe and the fd directory): each process's working and root directory, its program file and the
 * TCP sockets it listens on, with the fd numbers `ss -p` shows. What else a process holds (its
 * standard streams, pipes, log files, shared libraries, client connections) is not modelled.
 * A user other than root reads only the /proc links of their own processes; the others' read as
 * the kernel refuses them (EACCES).
 */
import type { CommandContext } from '../../command';
import { hashString } from '../../../sim/random';
import { getSystem, processName, type ListenSocket, type ProcessInfo } from './system';
import { toPsProcs } from '../ps/proc';
import { canonicalize } from '../pathnames';

/** A listening TCP socket as lsof decodes it from /proc/net/tcp{,6}. */
export interface SocketFile {
  family: 4 | 6;
  /** The local address, or undefined for the wildcard (0.0.0.0, ::). */
  address?: string;
  port: number;
  state: 'LISTEN';
}

/** One line of lsof's table for a process: an fd (or cwd, rtd, txt, NOFD) and what it is. */
export interface OpenFile {
  fd: string;
  /** u (read and write), r, w, or a space. */
  access: string;
  type: string;
  device: string;
  sizeOff: string;
  node: string;
  /** The path, for a directory or a regular file. */
  path?: string;
  socket?: SocketFile;
  /** What lsof adds after the name: `(readlink: Permission denied)`. */
  note?: string;
}

export interface ProcessFiles {
  process: ProcessInfo;
  /** The login name of its user, whole (ps cuts names longer than 8 characters), and its uid. */
  login: string;
  uid: number;
  /** Its process group (as ps derives it). */
  pgid: number;
  /** The kernel's name of the process (its comm, 15 characters at most). */
  comm: string;
  files: OpenFile[];
}

/** Programs of the control plane's images and where their images keep them. */
const IMAGE_PROGRAMS = new Set(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd']);

/** Host paths that merged /usr makes links to /usr (what /proc/PID/exe resolves to). */
function mergedUsr(path: string): string {
  return /^\/(lib|lib64|bin|sbin)\//.test(path) ? `/usr${path}` : path;
}

/** The program file of a process (what /proc/PID/exe points to), where the simulation knows it. */
function programPath(ctx: CommandContext, p: ProcessInfo, inContainer: boolean): string | undefined {
  const argv0 = p.command.split(' ')[0];
  if (argv0 === '/sbin/init') return '/usr/lib/systemd/systemd';
  if (argv0.startsWith('sshd:')) return '/usr/sbin/sshd';
  const name = argv0.replace(/^-/, '');
  if (name.startsWith('/')) return inContainer ? name : canonicalize(ctx, mergedUsr(name), 'm');
  if (inContainer) return IMAGE_PROGRAMS.has(name) ? `/usr/local/bin/${name}` : undefined;
  // /proc/PID/exe names the file itself: links resolved (awk runs /usr/bin/mawk).
  for (const dir of ['/usr/bin', '/usr/sbin']) if (ctx.fs.stat(`${dir}/${name}`)) return canonicalize(ctx, `${dir}/${name}`, 'm');
  return undefined;
}

/** A socket's inode number: stable for the socket (the same on every listing). */
function socketInode(pid: number, fd: number): number {
  return 20_000 + (hashString(`socket/${pid}/${fd}`) % 980_000);
}

/** The socket of a line of `ss -tlnp`, as lsof sees it: Go's dual-stack `*` is an IPv6 socket. */
export function socketOf(s: ListenSocket): SocketFile {
  const address = s.address.replace(/%.*$/, '').replace(/^\[|\]$/g, '');
  const wildcard = address === '*' || address === '0.0.0.0' || address === '::';
  const family = address === '*' || address.includes(':') ? 6 : 4;
  return { family, address: wildcard ? undefined : address, port: s.port, state: 'LISTEN' };
}

/**
 * A container's process runs in its own mount namespace: its root and working directory are the
 * container's own overlay filesystem, whose device lsof shows as an anonymous one (0,N); the
 * number is stable for the process, not the kernel's.
 */
function overlayDevice(p: ProcessInfo): string {
  return `0,${40 + (hashString(`overlay/${p.pid}`) % 200)}`;
}

/**
 * The working directory of a process, where the simulation knows it: a daemon's is / (systemd and
 * the runtime start them there); a program of the caller's terminal shares the caller's; a shell of
 * another terminal keeps its own, which is not modelled.
 */
function workingDirectory(ctx: CommandContext, p: ProcessInfo, callerTty: string | undefined): string | undefined {
  // A shim runs in its task's bundle directory (containerd's runtime v2 starts it there).
  const shim = /^\/usr\/bin\/containerd-shim\S* -namespace (\S+) -id (\S+)/.exec(p.command);
  if (shim) return `/run/containerd/io.containerd.runtime.v2.task/${shim[1]}/${shim[2]}`;
  if (p.tty === '?') return '/';
  return p.tty === callerTty || p.pid === ctx.pid ? ctx.cwd : undefined;
}

/** The directories and program of a process lsof lists first (cwd, rtd, txt). */
function fsFiles(ctx: CommandContext, p: ProcessInfo, inContainer: boolean, callerTty: string | undefined): OpenFile[] {
  const dir = (fd: string, path: string): OpenFile => {
    if (inContainer) return { fd, access: ' ', type: 'DIR', device: overlayDevice(p), sizeOff: '4096', node: String(1 + (hashString(`root/${p.pid}`) % 3_000_000)), path };
    const st = ctx.fs.stat(path);
    // A directory the simulated filesystem does not hold (a task's bundle on tmpfs): its inode number stays stable.
    return { fd, access: ' ', type: 'DIR', device: '8,1', sizeOff: String(st?.size ?? 4096), node: String(st?.ino ?? hashString(`dir/${path}`) % 3_000_000), path };
  };
  const cwd = inContainer ? '/' : workingDirectory(ctx, p, callerTty);
  const files = cwd ? [dir('cwd', cwd), dir('rtd', '/')] : [dir('rtd', '/')];
  const program = programPath(ctx, p, inContainer);
  if (program) {
    const st = inContainer ? null : ctx.fs.stat(program);
    files.push({
      fd: 'txt',
      access: ' ',
      type: 'REG',
      device: inContainer ? overlayDevice(p) : '8,1',
      // The size of a program inside an image is not known here: the column stays empty.
      sizeOff: st ? String(st.size) : '',
      // A program file the simulated filesystem does not hold: a stable number, one per file.
      node: String(st?.ino ?? hashString(inContainer ? `exe/${p.pid}/${program}` : `exe/${program}`) % 3_000_000),
      path: program,
    });
  }
  return files;
}

/** What a user other than root gets for another user's process: the kernel refuses its links. */
function refused(p: ProcessInfo): OpenFile[] {
  const link = (fd: string, name: string): OpenFile => ({ fd, access: ' ', type: 'unknown', device: '', sizeOff: '', node: '', path: `/proc/${p.pid}/${name}`, note: '(readlink: Permission denied)' });
  return [link('cwd', 'cwd'), link('rtd', 'root'), link('txt', 'exe'), { fd: 'NOFD', access: ' ', type: '', device: '', sizeOff: '', node: '', note: `/proc/${p.pid}/fd (opendir: Permission denied)` }];
}

/** The processes of the machine with their open files, by pid. */
export function processFiles(ctx: CommandContext): ProcessFiles[] {
  const processes = getSystem().processes(ctx);
  const sockets = getSystem().sockets(ctx);
  // A container's process is a child of its shim.
  // What the kernel tells of each process beyond the provider's table: its uid, whole user name, group.
  const kernel = new Map(toPsProcs(ctx, processes).map((k) => [k.pid, k]));
  const callerTty = processes.find((p) => p.pid === ctx.pid)?.tty;
  const shims = new Set(processes.filter((p) => p.command.startsWith('/usr/bin/containerd-shim')).map((p) => p.pid));
  return processes
    .sort((a, b) => a.pid - b.pid)
    .map((p) => {
      const comm = processName(p.command);
      const k = kernel.get(p.pid)!;
      const who = { login: k.user, uid: k.uid, pgid: k.pgid };
      if (ctx.user.uid !== 0 && k.uid !== ctx.user.uid) return { process: p, comm, ...who, files: refused(p) };
      const held = sockets.filter((s) => s.process?.pid === p.pid).sort((a, b) => a.process!.fd - b.process!.fd);
      const files = fsFiles(ctx, p, shims.has(p.ppid), callerTty);
      for (const s of held) {
        const socket = socketOf(s);
        const fd = s.process!.fd;
        files.push({ fd: String(fd), access: 'u', type: socket.family === 6 ? 'IPv6' : 'IPv4', device: String(socketInode(p.pid, fd)), sizeOff: '0t0', node: 'TCP', socket });
      }
      return { process: p, comm, ...who, files };
    });
}
