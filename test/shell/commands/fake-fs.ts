/**
 * A minimal in-memory FileAccess for testing programs before (and independently of) the machine's
 * real filesystem: a Map from absolute path to node, symlinks followed up to 40 hops, ownership and
 * modes stored but permissions not enforced (tests run as root, as the recorder does).
 */
import { FsError, type FileAccess, type FileStat } from '../../../src/shell/command';

interface Node {
  type: 'file' | 'dir' | 'symlink';
  content: string;
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  target?: string;
}

export function normalize(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

export class FakeFs implements FileAccess {
  readonly nodes = new Map<string, Node>();
  cwd: string;
  now: () => number;

  constructor(options: { cwd?: string; now?: () => number } = {}) {
    this.cwd = options.cwd ?? '/';
    this.now = options.now ?? (() => 0);
    this.nodes.set('/', this.node('dir', '', 0o755));
  }

  private node(type: Node['type'], content: string, mode: number, target?: string): Node {
    return { type, content, mode, uid: 0, gid: 0, mtimeMs: this.now(), target };
  }

  resolve(path: string): string {
    return normalize(path.startsWith('/') ? path : `${this.cwd}/${path}`);
  }

  /** Resolve every symlink in the path (the final one too when follow). */
  private real(path: string, follow: boolean, hops = 0): string {
    if (hops > 40) throw new FsError('ELOOP', path);
    const abs = this.resolve(path);
    const parts = abs.split('/').filter(Boolean);
    let cur = '/';
    for (let i = 0; i < parts.length; i++) {
      const next = cur === '/' ? `/${parts[i]}` : `${cur}/${parts[i]}`;
      const n = this.nodes.get(next);
      const last = i === parts.length - 1;
      if (n && n.type === 'symlink' && (!last || follow)) {
        const base = n.target!.startsWith('/') ? n.target! : `${cur}/${n.target}`;
        const rest = parts.slice(i + 1).join('/');
        return this.real(rest ? `${base}/${rest}` : base, follow, hops + 1);
      }
      if (!last) {
        if (!n) throw new FsError('ENOENT', path);
        if (n.type !== 'dir') throw new FsError('ENOTDIR', path);
      }
      cur = next;
    }
    return cur;
  }

  private get(path: string, follow = true): Node | undefined {
    return this.nodes.get(this.real(path, follow));
  }

  private parentDir(abs: string, path: string): void {
    const parent = abs.slice(0, abs.lastIndexOf('/')) || '/';
    const p = this.nodes.get(parent);
    if (!p) throw new FsError('ENOENT', path);
    if (p.type !== 'dir') throw new FsError('ENOTDIR', path);
    p.mtimeMs = this.now();
  }

  readFile(path: string): string {
    const n = this.get(path);
    if (!n) throw new FsError('ENOENT', path);
    if (n.type === 'dir') throw new FsError('EISDIR', path);
    return n.content;
  }

  writeFile(path: string, data: string, options: { append?: boolean; mode?: number } = {}): void {
    const abs = this.real(path, true);
    const n = this.nodes.get(abs);
    if (n) {
      if (n.type === 'dir') throw new FsError('EISDIR', path);
      n.content = options.append ? n.content + data : data;
      n.mtimeMs = this.now();
      return;
    }
    this.parentDir(abs, path);
    this.nodes.set(abs, this.node('file', data, options.mode ?? 0o644));
  }

  private statOf(n: Node, abs: string): FileStat {
    const children = n.type === 'dir' ? this.children(abs).filter((c) => this.nodes.get(c)?.type === 'dir').length : 0;
    return {
      type: n.type,
      size: n.type === 'dir' ? 4096 : n.type === 'symlink' ? n.target!.length : new TextEncoder().encode(n.content).length,
      mode: n.mode,
      uid: n.uid,
      gid: n.gid,
      mtimeMs: n.mtimeMs,
      nlink: n.type === 'dir' ? 2 + children : 1,
      target: n.target,
    };
  }

  stat(path: string): FileStat | null {
    try {
      const abs = this.real(path, true);
      const n = this.nodes.get(abs);
      return n ? this.statOf(n, abs) : null;
    } catch (e) {
      if (e instanceof FsError && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return null;
      throw e;
    }
  }

  lstat(path: string): FileStat | null {
    try {
      const abs = this.real(path, false);
      const n = this.nodes.get(abs);
      return n ? this.statOf(n, abs) : null;
    } catch (e) {
      if (e instanceof FsError && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return null;
      throw e;
    }
  }

  private children(abs: string): string[] {
    const prefix = abs === '/' ? '/' : abs + '/';
    const out: string[] = [];
    for (const k of this.nodes.keys()) {
      if (k !== abs && k.startsWith(prefix) && !k.slice(prefix.length).includes('/')) out.push(k);
    }
    return out;
  }

  readdir(path: string): string[] {
    const abs = this.real(path, true);
    const n = this.nodes.get(abs);
    if (!n) throw new FsError('ENOENT', path);
    if (n.type !== 'dir') throw new FsError('ENOTDIR', path);
    return this.children(abs)
      .map((c) => c.slice(c.lastIndexOf('/') + 1))
      .sort();
  }

  mkdir(path: string, options: { recursive?: boolean; mode?: number } = {}): void {
    const abs = this.resolve(path);
    if (options.recursive) {
      let cur = '';
      for (const part of abs.split('/').filter(Boolean)) {
        cur += '/' + part;
        const n = this.get(cur);
        if (n) {
          if (n.type !== 'dir') throw new FsError('ENOTDIR', path);
          continue;
        }
        this.parentDir(this.real(cur, false), path);
        this.nodes.set(this.real(cur, false), this.node('dir', '', options.mode ?? 0o755));
      }
      return;
    }
    const real = this.real(path, false);
    if (this.nodes.has(real)) throw new FsError('EEXIST', path);
    this.parentDir(real, path);
    this.nodes.set(real, this.node('dir', '', options.mode ?? 0o755));
  }

  remove(path: string, options: { recursive?: boolean } = {}): void {
    const abs = this.real(path, false);
    const n = this.nodes.get(abs);
    if (!n) throw new FsError('ENOENT', path);
    if (n.type === 'dir') {
      const kids = this.children(abs);
      if (!options.recursive && kids.length) throw new FsError('ENOTEMPTY', path);
      if (abs === '/') throw new FsError('EACCES', path);
      for (const k of [...this.nodes.keys()]) if (k.startsWith(abs + '/')) this.nodes.delete(k);
    }
    this.nodes.delete(abs);
    this.parentDir(abs, path);
  }

  rename(from: string, to: string): void {
    const src = this.real(from, false);
    const n = this.nodes.get(src);
    if (!n) throw new FsError('ENOENT', from);
    let dst = this.real(to, false);
    const existing = this.nodes.get(dst);
    if (existing?.type === 'dir' && n.type !== 'dir') throw new FsError('EISDIR', to);
    if (existing?.type === 'dir' && this.children(dst).length) throw new FsError('ENOTEMPTY', to);
    if (n.type === 'dir' && (dst + '/').startsWith(src + '/')) throw new FsError('EINVAL', to);
    this.parentDir(dst, to);
    if (existing) this.nodes.delete(dst);
    for (const k of [...this.nodes.keys()]) {
      if (k.startsWith(src + '/')) {
        const v = this.nodes.get(k)!;
        this.nodes.delete(k);
        this.nodes.set(dst + k.slice(src.length), v);
      }
    }
    this.nodes.delete(src);
    this.nodes.set(dst, n);
    this.parentDir(src, from);
    dst = '';
  }

  symlink(target: string, path: string): void {
    const abs = this.real(path, false);
    if (this.nodes.has(abs)) throw new FsError('EEXIST', path);
    this.parentDir(abs, path);
    this.nodes.set(abs, this.node('symlink', '', 0o777, target));
  }

  chmod(path: string, mode: number): void {
    const n = this.get(path);
    if (!n) throw new FsError('ENOENT', path);
    n.mode = mode & 0o7777;
  }

  chown(path: string, uid: number, gid: number): void {
    const n = this.get(path);
    if (!n) throw new FsError('ENOENT', path);
    if (uid >= 0) n.uid = uid;
    if (gid >= 0) n.gid = gid;
  }

  /** Test setup: set every node's mtime. */
  setAllMtimes(ms: number): void {
    for (const n of this.nodes.values()) n.mtimeMs = ms;
  }
}
