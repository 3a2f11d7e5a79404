/**
 * The contract between the shell and the programs it runs (coreutils, kubectl, kubeadm, etcdctl,
 * systemctl, vim…). A program is an async function of a context: it reads stdin, writes stdout and
 * stderr, and returns its exit status, exactly like a process. Programs never touch the DOM.
 */
import type { SimClock } from '../sim/clock';

export interface OutputStream {
  write(chunk: string): void;
  /**
   * Back-pressure, as a real pipe's 64 KiB buffer gives it: a promise while the reader is behind
   * (resolved once it has caught up, gone, or the command is interrupted), undefined when the
   * writer may go on at once. Writers of long or endless output (yes, cat, head) await it between
   * chunks so memory stays bounded. Absent on streams that never fill (terminal, files, collectors).
   */
  drain?(): Promise<void> | undefined;
}

export interface InputStream {
  /** The next chunk, or null at end of input. Waits (in simulated time) on a live pipe. */
  read(): Promise<string | null>;
  /** Everything up to end of input. */
  readAll(): Promise<string>;
}

/**
 * The controlling terminal, for programs that take over the screen (vim, nano, less, watch) or
 * need raw keys. Absent when stdout is not a terminal (pipes, scripts, the headless CLI).
 */
export interface Tty {
  readonly columns: number;
  readonly rows: number;
  /** Receive raw key data (escape sequences as xterm sends them) until release(). */
  takeKeys(onData: (data: string) => void): { release(): void };
  /** Write raw bytes (escape sequences allowed) to the screen. */
  write(data: string): void;
  onResize(cb: (columns: number, rows: number) => void): { dispose(): void };
}

/** The calling user, as `id` prints it. */
export interface UserIdentity {
  name: string;
  uid: number;
  gid: number;
  home: string;
  groups: string[];
}

export interface CommandContext {
  /** argv[0] is the name the program was invoked as. */
  argv: string[];
  /** Exported environment of the process (PATH, HOME, KUBECONFIG, KUBE_EDITOR, …). */
  env: Record<string, string>;
  /** Absolute working directory. */
  cwd: string;
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Terminal width for table wrapping, and whether stdout is a terminal (colour, paging). */
  columns: number;
  isTTY: boolean;
  /** Standard input is the terminal (not a pipe, a file or a here-document): what `kubectl exec -it` needs to use a TTY. */
  stdinIsTTY?: boolean;
  tty?: Tty;
  /** Aborted on Ctrl-C: long-running programs (sleep, -w, tail -f, watch) stop and return 130. */
  signal: AbortSignal;
  user: UserIdentity;
  /** The process's id, when it is a process of its machine (what ps and `ss -p` show for it). */
  pid?: number;
  /** Hostname of the machine the process runs on. */
  host: string;
  clock: SimClock;
  /** Run a command line in a child shell of this session (for watch, xargs, sudo, ssh, bash -c). */
  spawn?(line: string, overrides?: Partial<Pick<CommandContext, 'stdin' | 'stdout' | 'stderr' | 'env' | 'cwd' | 'signal'>>): Promise<number>;
  /** The machine's filesystem as this user sees it (permissions apply; relative paths from cwd). */
  fs: FileAccess;
  /** The machine (users, packages, services…) and the world it lives in. Typed loosely here to
   *  keep this contract free of the machine model; see src/sim/machine and src/sim/world. */
  machine: unknown;
  world: unknown;
  /**
   * Open a new interactive shell session of this user on this machine, reaching the hosts this
   * session reaches, starting in `cwd` (default: this process's directory) with this process's
   * environment plus `env` (a terminal multiplexer's pane: tmux). Typed loosely like machine and
   * world: it is a src/shell/session Session. Absent where no session hosts the shell.
   */
  openSession?(options: { env?: Record<string, string>; columns?: number; cwd?: string; parentPid?: number }): unknown;
}

export type FsErrorCode = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EACCES' | 'EEXIST' | 'ENOTEMPTY' | 'EINVAL' | 'ELOOP' | 'EPERM' | 'EROFS';

/** A failed file operation; programs turn it into their own message, e.g.
 *  `cat: /etc/nope: No such file or directory`. */
export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(`${code}: ${path}`);
  }
}

export interface FileStat {
  type: 'file' | 'dir' | 'symlink' | 'chardev';
  size: number;
  /** Permission bits, e.g. 0o644. */
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  /** Link count, as ls -l shows it. */
  nlink: number;
  /** For symlinks: the target as written. */
  target?: string;
  /** A directory on tmpfs or procfs: no blocks of its own (ls's total). */
  onTmpfs?: boolean;
  /** The inode number (ls -i), when the filesystem numbers its inodes. */
  ino?: number;
  /** A character device's major and minor numbers (ls -l shows them for the size). */
  rdev?: [number, number];
}

/** A machine's filesystem seen through one process (its user and cwd). Throws FsError. */
export interface FileAccess {
  /** Absolute, normalised path (relative paths are taken from the process's cwd). */
  resolve(path: string): string;
  readFile(path: string): string;
  writeFile(path: string, data: string, options?: { append?: boolean; mode?: number }): void;
  /** Follows symlinks; null when absent. */
  stat(path: string): FileStat | null;
  /** Does not follow a final symlink; null when absent. */
  lstat(path: string): FileStat | null;
  readdir(path: string): string[];
  mkdir(path: string, options?: { recursive?: boolean; mode?: number }): void;
  /** rm: files, symlinks, and directories when recursive (rmdir: empty directories only). */
  remove(path: string, options?: { recursive?: boolean }): void;
  rename(from: string, to: string): void;
  symlink(target: string, path: string): void;
  chmod(path: string, mode: number): void;
  chown(path: string, uid: number, gid: number): void;
}

export type Program = (ctx: CommandContext) => Promise<number>;
