/**
 * An in-memory POSIX-like filesystem: one inode tree per machine. `MemFs` owns the tree;
 * `FsView` is the tree seen by one process (its user and working directory) and implements the
 * shell's `FileAccess` contract, with permission checks (root bypasses them, as on Linux).
 */
import { FsError, type FileAccess, type FileStat } from '../../shell/command';
import { hashString } from '../random';

export type InodeType = 'file' | 'dir' | 'symlink' | 'chardev';

export interface Inode {
  type: InodeType;
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  /** File content. */
  data?: string;
  /** Directory entries. */
  children?: Map<string, Inode>;
  /** Symlink target, as written. */
  target?: string;
  /** Character device name: 'null' | 'zero' | 'tty' … */
  device?: string;
  /** A directory on tmpfs: its size counts its entries (20 bytes each, as shmem does) instead of ext4's 4096. */
  tmpfs?: boolean;
  /** On a read-only mount (the kubelet's configMap and secret volumes): no change of it or in it (EROFS). */
  readOnly?: boolean;
  /**
   * On procfs. A directory: the kernel looks up only the entries it makes, so any other name is
   * ENOENT and nothing can be created in it. Any entry: its size is 0 (the kernel makes the
   * content as it is read).
   */
  procfs?: boolean;
  /** The size procfs gives an entry that is not 0 (a link of /proc/PID/fd says 64). */
  procSize?: number;
}

export interface Credentials {
  uid: number;
  gid: number;
  /** Supplementary group ids. */
  groups: number[];
}

export const ROOT_CREDS: Credentials = { uid: 0, gid: 0, groups: [0] };

const MAX_SYMLINKS = 40;

/** A new entry in `parent`: procfs fails the lookup of the name first (ENOENT), then a read-only mount refuses (EROFS). */
function refuseCreation(parent: Inode, abs: string): void {
  if (parent.procfs) throw new FsError('ENOENT', abs);
  if (parent.readOnly) throw new FsError('EROFS', abs);
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}

/** Lexical normalisation of an absolute path ('..' above '/' stays at '/'). */
export function normalizePath(path: string, cwd = '/'): string {
  const abs = path.startsWith('/') ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const part of splitPath(abs)) {
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/**
 * Bumped whenever a directory gains, loses or renames an entry in any filesystem of the world:
 * lets a reader that polls a directory (the kubelet's CNI config check every heartbeat) skip the
 * read while nothing changed. Global because bind mounts share directory nodes between trees.
 */
let entriesGeneration = 0;

/** See entriesGeneration. */
export function directoryEntriesGeneration(): number {
  return entriesGeneration;
}

/** Note a change of a directory's entries (see entriesGeneration). */
export function directoryEntriesChanged(): void {
  entriesGeneration++;
}

/**
 * What inotify reports on a watched directory, as fsnotify passes it on: an entry created (also
 * moved in: IN_MOVED_TO), written, removed, moved out (IN_MOVED_FROM), or its attributes changed.
 */
export type DirEventOp = 'create' | 'write' | 'remove' | 'rename' | 'chmod';
export interface DirEvent {
  op: DirEventOp;
  /** The entry's name in the directory. */
  name: string;
}
type DirListener = (e: DirEvent) => void;

/**
 * Watches by directory inode, as inotify's are (a directory moved keeps its watch, one removed and
 * made again has none). Module-wide because bind mounts share directory nodes between trees.
 */
const dirWatchers = new WeakMap<Inode, Set<DirListener>>();
/** How many watches there are: while none, a write looks nothing up. */
let dirWatchCount = 0;

function notifyDir(dir: Inode, op: DirEventOp, name: string): void {
  if (dirWatchCount === 0) return;
  const listeners = dirWatchers.get(dir);
  if (listeners) for (const fn of [...listeners]) fn({ op, name });
}

/**
 * Inode numbers, given as a file is first looked at: ext4's root directory is 2, any other a
 * number drawn from the path it was first seen at (so that the same files get the same numbers
 * whatever was looked at before). Kept beside the tree, not in it: a number names a node for as
 * long as it lives (a rename keeps it), and bind mounts share nodes between trees.
 */
const inodeNumbers = new WeakMap<Inode, number>();

/** The number a file first seen at `path` gets. */
export function inodeNumberFor(path: string): number {
  return 100000 + (hashString(path) % 3900000);
}

export class MemFs {
  root: Inode;
  /** Source of modification times (the world's simulated clock). */
  now: () => number;
  /** The inode number of a node of this tree, seen at `path` (the first tree to ask numbers a shared node). */
  inodeNumber(node: Inode, path: string): number {
    let n = inodeNumbers.get(node);
    if (n === undefined) inodeNumbers.set(node, (n = node === this.root ? 2 : inodeNumberFor(path)));
    return n;
  }

  constructor(now: () => number = () => 0, root?: Inode) {
    this.now = now;
    this.root = root ?? { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: now(), children: new Map() };
  }

  /** A view of this filesystem for one process. */
  view(creds: Credentials, cwd = '/', overlay?: Map<string, string>): FsView {
    return new FsView(this, creds, cwd, overlay);
  }

  /** Root's view at '/': for building images and for checks that look at state. */
  get admin(): FsView {
    return this.view(ROOT_CREDS, '/');
  }

  toJSON(): unknown {
    return encodeInode(this.root);
  }

  static fromJSON(data: unknown, now: () => number = () => 0): MemFs {
    return new MemFs(now, decodeInode(data as EncodedInode));
  }
}

// Compact encoding: [type letter, mode, uid, gid, mtime, payload].
type EncodedInode = [string, number, number, number, number, unknown?];

function encodeInode(n: Inode): EncodedInode {
  switch (n.type) {
    case 'file':
      return ['f', n.mode, n.uid, n.gid, n.mtimeMs, n.data ?? ''];
    case 'symlink':
      return ['l', n.mode, n.uid, n.gid, n.mtimeMs, n.target ?? ''];
    case 'chardev':
      return ['c', n.mode, n.uid, n.gid, n.mtimeMs, n.device ?? 'null'];
    case 'dir': {
      const kids: Record<string, EncodedInode> = {};
      for (const [name, child] of n.children!) kids[name] = encodeInode(child);
      return ['d', n.mode, n.uid, n.gid, n.mtimeMs, kids];
    }
  }
}

function decodeInode(e: EncodedInode): Inode {
  const [t, mode, uid, gid, mtimeMs, payload] = e;
  const base = { mode, uid, gid, mtimeMs };
  switch (t) {
    case 'f':
      return { type: 'file', ...base, data: String(payload ?? '') };
    case 'l':
      return { type: 'symlink', ...base, target: String(payload ?? '') };
    case 'c':
      return { type: 'chardev', ...base, device: String(payload ?? 'null') };
    default: {
      const children = new Map<string, Inode>();
      for (const [name, child] of Object.entries((payload ?? {}) as Record<string, EncodedInode>)) {
        children.set(name, decodeInode(child));
      }
      return { type: 'dir', ...base, children };
    }
  }
}

interface Located {
  parent: Inode;
  name: string;
  node: Inode | undefined;
  /** Canonical absolute path of the entry (symlinks in the directories resolved). */
  path: string;
}

const R = 4;
const W = 2;
const X = 1;

export class FsView implements FileAccess {
  constructor(
    readonly fs: MemFs,
    readonly creds: Credentials,
    readonly cwd: string,
    /** Per-process extra files (process substitution's /dev/fd/N). */
    readonly overlay?: Map<string, string>,
  ) {}

  resolve(path: string): string {
    return normalizePath(path, this.cwd);
  }

  /** The same filesystem seen from another directory. */
  at(cwd: string): FsView {
    return new FsView(this.fs, this.creds, cwd, this.overlay);
  }

  can(node: Inode, want: number): boolean {
    if (this.creds.uid === 0) {
      // root may read/write anything; execute needs at least one x bit (or a directory).
      if (want & X) return node.type === 'dir' || (node.mode & 0o111) !== 0;
      return true;
    }
    let bits: number;
    if (node.uid === this.creds.uid) bits = (node.mode >> 6) & 7;
    else if (node.gid === this.creds.gid || this.creds.groups.includes(node.gid)) bits = (node.mode >> 3) & 7;
    else bits = node.mode & 7;
    return (bits & want) === want;
  }

  /**
   * Walk to `path`. The parent chain is always followed through symlinks; the final component
   * is followed when `follow` is set.
   */
  private locate(path: string, follow: boolean, depth = 0): Located {
    if (path === '') throw new FsError('ENOENT', '');
    const abs = this.resolve(path);
    const parts = splitPath(abs);
    let dir = this.fs.root;
    let dirPath = '/';
    if (parts.length === 0) return { parent: dir, name: '', node: dir, path: '/' };
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i];
      const last = i === parts.length - 1;
      if (dir.type !== 'dir') throw new FsError('ENOTDIR', abs);
      if (!this.can(dir, X)) throw new FsError('EACCES', abs);
      if (name === '..') {
        // Already normalised lexically; '..' only appears after a symlink was expanded.
        dirPath = normalizePath('..', dirPath);
        dir = this.locate(dirPath, true, depth).node!;
        continue;
      }
      let node = dir.children!.get(name);
      const here = dirPath === '/' ? `/${name}` : `${dirPath}/${name}`;
      if (node && node.type === 'symlink' && (!last || follow)) {
        if (depth >= MAX_SYMLINKS) throw new FsError('ELOOP', abs);
        const rest = parts.slice(i + 1).join('/');
        const target = normalizePath(node.target!, dirPath);
        return this.locate(rest ? `${target}/${rest}` : target, follow, depth + 1);
      }
      if (last) return { parent: dir, name, node, path: here };
      if (!node) throw new FsError('ENOENT', abs);
      if (node.type !== 'dir') throw new FsError('ENOTDIR', abs);
      dir = node;
      dirPath = here;
    }
    throw new FsError('ENOENT', abs);
  }

  /** The inode at path (following symlinks), or null. Permission errors still throw. */
  inode(path: string, follow = true): Inode | null {
    try {
      return this.locate(path, follow).node ?? null;
    } catch (e) {
      if (e instanceof FsError && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return null;
      throw e;
    }
  }

  /** Canonical path with every symlink resolved (realpath), or null when absent. */
  realpath(path: string): string | null {
    try {
      const loc = this.locate(path, true);
      return loc.node ? loc.path : null;
    } catch {
      return null;
    }
  }

  private statOf(node: Inode, path: string): FileStat {
    let nlink = 1;
    let size = 0;
    if (node.type === 'dir') {
      nlink = 2;
      for (const c of node.children!.values()) if (c.type === 'dir') nlink++;
      size = node.tmpfs ? (node.children!.size + 2) * 20 : 4096;
    } else if (node.type === 'file') size = utf8Length(node.data ?? '');
    else if (node.type === 'symlink') size = utf8Length(node.target ?? '');
    if (node.procfs) size = node.procSize ?? 0;
    return { type: node.type, size, mode: node.mode, uid: node.uid, gid: node.gid, mtimeMs: node.mtimeMs, nlink, ino: this.fs.inodeNumber(node, this.resolve(path)), ...(node.type === 'symlink' ? { target: node.target } : {}), ...(node.tmpfs || node.procfs ? { onTmpfs: true } : {}), ...(node.type === 'chardev' ? { rdev: deviceNumbers(node.device) } : {}) };
  }

  stat(path: string): FileStat | null {
    const abs = this.resolve(path);
    const extra = this.overlay?.get(abs);
    if (extra !== undefined) return { type: 'file', size: utf8Length(extra), mode: 0o600, uid: this.creds.uid, gid: this.creds.gid, mtimeMs: this.fs.now(), nlink: 1 };
    const n = this.inode(path, true);
    return n ? this.statOf(n, path) : null;
  }

  lstat(path: string): FileStat | null {
    const n = this.inode(path, false);
    return n ? this.statOf(n, path) : null;
  }

  readFile(path: string): string {
    const abs = this.resolve(path);
    const extra = this.overlay?.get(abs);
    if (extra !== undefined) return extra;
    const { node } = this.locate(path, true);
    if (!node) throw new FsError('ENOENT', abs);
    if (node.type === 'dir') throw new FsError('EISDIR', abs);
    if (!this.can(node, R)) throw new FsError('EACCES', abs);
    if (node.type === 'chardev') return '';
    return node.data ?? '';
  }

  writeFile(path: string, data: string, options: { append?: boolean; mode?: number } = {}): void {
    const abs = this.resolve(path);
    const loc = this.locate(path, true);
    const node = loc.node;
    if (node) {
      if (node.type === 'dir') throw new FsError('EISDIR', abs);
      if (node.readOnly) throw new FsError('EROFS', abs);
      if (!this.can(node, W)) throw new FsError('EACCES', abs);
      if (node.type === 'chardev') return;
      node.data = options.append ? (node.data ?? '') + data : data;
      node.mtimeMs = this.fs.now();
      notifyDir(loc.parent, 'write', loc.name);
      return;
    }
    refuseCreation(loc.parent, abs);
    if (!this.can(loc.parent, W | X)) throw new FsError('EACCES', abs);
    const mode = (options.mode ?? 0o666) & ~this.umask;
    loc.parent.children!.set(loc.name, this.newNode('file', mode, { data }, loc.parent));
    loc.parent.mtimeMs = this.fs.now();
    entriesGeneration++;
    // open(O_CREAT) then write(2): IN_CREATE, and IN_MODIFY when something was written
    notifyDir(loc.parent, 'create', loc.name);
    if (data) notifyDir(loc.parent, 'write', loc.name);
  }

  /**
   * inotify_add_watch on a directory: `fn` hears of every change of its entries until the returned
   * function is called. Throws as the syscall fails (no such directory, not one, not readable).
   */
  watchDirectory(path: string, fn: (e: DirEvent) => void): () => void {
    const abs = this.resolve(path);
    const { node } = this.locate(path, true);
    if (!node) throw new FsError('ENOENT', abs);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', abs);
    if (!this.can(node, R)) throw new FsError('EACCES', abs);
    let listeners = dirWatchers.get(node);
    if (!listeners) dirWatchers.set(node, (listeners = new Set()));
    listeners.add(fn);
    dirWatchCount++;
    let watching = true;
    return () => {
      if (!watching) return;
      watching = false;
      listeners.delete(fn);
      dirWatchCount--;
    };
  }

  /** The process umask applied to new files and directories. */
  umask = 0o022;

  /**
   * A new inode of this process. In a set-group-ID directory it takes the directory's group, and
   * a new directory there is set-group-ID too (the kubelet's fsGroup volumes rely on it).
   */
  private newNode(type: InodeType, mode: number, extra: Partial<Inode>, parent: Inode): Inode {
    const sgid = (parent.mode & 0o2000) !== 0;
    return { type, mode: sgid && type === 'dir' ? mode | 0o2000 : mode, uid: this.creds.uid, gid: sgid ? parent.gid : this.creds.gid, mtimeMs: this.fs.now(), ...extra };
  }

  readdir(path: string): string[] {
    const abs = this.resolve(path);
    const { node } = this.locate(path, true);
    if (!node) throw new FsError('ENOENT', abs);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', abs);
    if (!this.can(node, R)) throw new FsError('EACCES', abs);
    return [...node.children!.keys()].sort();
  }

  mkdir(path: string, options: { recursive?: boolean; mode?: number } = {}): void {
    const abs = this.resolve(path);
    if (options.recursive) {
      let cur = '';
      for (const part of splitPath(abs)) {
        cur += '/' + part;
        const n = this.inode(cur, true);
        if (n) {
          if (n.type !== 'dir') throw new FsError('ENOTDIR', cur);
          continue;
        }
        this.mkdir(cur, { mode: options.mode });
      }
      return;
    }
    const loc = this.locate(path, false);
    if (loc.node) throw new FsError('EEXIST', abs);
    refuseCreation(loc.parent, abs);
    if (!this.can(loc.parent, W | X)) throw new FsError('EACCES', abs);
    const mode = (options.mode ?? 0o777) & ~this.umask;
    loc.parent.children!.set(loc.name, this.newNode('dir', mode, { children: new Map() }, loc.parent));
    loc.parent.mtimeMs = this.fs.now();
    entriesGeneration++;
    notifyDir(loc.parent, 'create', loc.name);
  }

  /** Sticky directories (/tmp) only let owners remove their own entries. */
  private mayUnlink(parent: Inode, node: Inode): boolean {
    if (!this.can(parent, W | X)) return false;
    if (this.creds.uid !== 0 && parent.mode & 0o1000) return node.uid === this.creds.uid || parent.uid === this.creds.uid;
    return true;
  }

  remove(path: string, options: { recursive?: boolean } = {}): void {
    const abs = this.resolve(path);
    const loc = this.locate(path, false);
    if (!loc.node || !loc.name) throw new FsError(loc.name ? 'ENOENT' : 'EACCES', abs);
    if (loc.node.type === 'dir' && loc.node.children!.size > 0 && !options.recursive) throw new FsError('ENOTEMPTY', abs);
    if (loc.parent.readOnly) throw new FsError('EROFS', abs);
    if (!this.mayUnlink(loc.parent, loc.node)) throw new FsError('EACCES', abs);
    if (loc.node.type === 'dir' && options.recursive) {
      for (const name of [...loc.node.children!.keys()]) this.remove(`${loc.path}/${name}`, options);
    }
    loc.parent.children!.delete(loc.name);
    loc.parent.mtimeMs = this.fs.now();
    entriesGeneration++;
    notifyDir(loc.parent, 'remove', loc.name);
  }

  rename(from: string, to: string): void {
    const src = this.locate(from, false);
    if (!src.node || !src.name) throw new FsError('ENOENT', this.resolve(from));
    const dst = this.locate(to, false);
    const absTo = this.resolve(to);
    if (src.parent.readOnly || dst.parent.readOnly) throw new FsError('EROFS', src.parent.readOnly ? this.resolve(from) : absTo);
    if (!this.mayUnlink(src.parent, src.node)) throw new FsError('EACCES', this.resolve(from));
    if (!this.can(dst.parent, W | X)) throw new FsError('EACCES', absTo);
    if (dst.node === src.node) return;
    if (src.node.type === 'dir' && (absTo + '/').startsWith(src.path + '/')) throw new FsError('EINVAL', absTo);
    if (dst.node) {
      if (dst.node.type === 'dir' && src.node.type !== 'dir') throw new FsError('EISDIR', absTo);
      if (dst.node.type !== 'dir' && src.node.type === 'dir') throw new FsError('ENOTDIR', absTo);
      if (dst.node.type === 'dir' && dst.node.children!.size > 0) throw new FsError('ENOTEMPTY', absTo);
    }
    src.parent.children!.delete(src.name);
    dst.parent.children!.set(dst.name, src.node);
    src.parent.mtimeMs = dst.parent.mtimeMs = this.fs.now();
    entriesGeneration++;
    notifyDir(src.parent, 'rename', src.name);
    notifyDir(dst.parent, 'create', dst.name);
  }

  symlink(target: string, path: string): void {
    const abs = this.resolve(path);
    const loc = this.locate(path, false);
    if (loc.node) throw new FsError('EEXIST', abs);
    refuseCreation(loc.parent, abs);
    if (!this.can(loc.parent, W | X)) throw new FsError('EACCES', abs);
    loc.parent.children!.set(loc.name, this.newNode('symlink', 0o777, { target }, loc.parent));
    entriesGeneration++;
    notifyDir(loc.parent, 'create', loc.name);
  }

  chmod(path: string, mode: number): void {
    const abs = this.resolve(path);
    const { node, parent, name } = this.locate(path, true);
    if (!node) throw new FsError('ENOENT', abs);
    if (this.creds.uid !== 0 && node.uid !== this.creds.uid) throw new FsError('EPERM', abs);
    if (node.readOnly) throw new FsError('EROFS', abs);
    node.mode = mode & 0o7777;
    notifyDir(parent, 'chmod', name);
  }

  chown(path: string, uid: number, gid: number): void {
    const abs = this.resolve(path);
    const { node, parent, name } = this.locate(path, true);
    if (!node) throw new FsError('ENOENT', abs);
    if (this.creds.uid !== 0 && (uid !== node.uid || (gid !== node.gid && !this.creds.groups.includes(gid)))) {
      throw new FsError('EPERM', abs);
    }
    if (node.readOnly) throw new FsError('EROFS', abs);
    node.uid = uid;
    node.gid = gid;
    notifyDir(parent, 'chmod', name);
  }

  /** Can this process execute the file at path (a regular file with an x bit it may use)? */
  canExecute(path: string): boolean {
    const n = this.inode(path, true);
    return !!n && n.type === 'file' && this.can(n, X);
  }

  canRead(path: string): boolean {
    const n = this.inode(path, true);
    return !!n && this.can(n, R);
  }

  canWrite(path: string): boolean {
    const n = this.inode(path, true);
    return !!n && this.can(n, W);
  }

  /** Create a character device (image building; root only in practice). */
  mknod(path: string, device: string, mode = 0o666): void {
    const loc = this.locate(path, false);
    loc.parent.children!.set(loc.name, this.newNode('chardev', mode, { device }, loc.parent));
    entriesGeneration++;
    notifyDir(loc.parent, 'create', loc.name);
  }
}

/** Linux's numbers of the character devices an image makes (Documentation/admin-guide/devices.txt). */
const DEVICE_NUMBERS: Record<string, [number, number]> = { null: [1, 3], zero: [1, 5], full: [1, 7], random: [1, 8], urandom: [1, 9], tty: [5, 0], console: [5, 1], ptmx: [5, 2] };

function deviceNumbers(device: string | undefined): [number, number] {
  return DEVICE_NUMBERS[device ?? 'null'] ?? [1, 3];
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
