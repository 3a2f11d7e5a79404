/** A small in-memory FileAccess for kubectl tests (absolute paths, no permissions). */
import { FsError, type FileAccess, type FileStat } from '../../src/shell/command';

export class MemFs implements FileAccess {
  private files = new Map<string, string>();
  private dirs = new Set<string>(['/']);

  constructor(private cwd = '/root') {
    this.mkdir(cwd, { recursive: true });
  }

  resolve(path: string): string {
    const abs = path.startsWith('/') ? path : `${this.cwd}/${path}`;
    const parts: string[] = [];
    for (const p of abs.split('/')) {
      if (p === '' || p === '.') continue;
      if (p === '..') parts.pop();
      else parts.push(p);
    }
    return '/' + parts.join('/');
  }

  readFile(path: string): string {
    const p = this.resolve(path);
    if (this.dirs.has(p)) throw new FsError('EISDIR', path);
    const f = this.files.get(p);
    if (f === undefined) throw new FsError('ENOENT', path);
    return f;
  }

  writeFile(path: string, data: string, options?: { append?: boolean }): void {
    const p = this.resolve(path);
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    if (!this.dirs.has(parent)) throw new FsError('ENOENT', path);
    this.files.set(p, options?.append ? (this.files.get(p) ?? '') + data : data);
  }

  stat(path: string): FileStat | null {
    const p = this.resolve(path);
    const base = { mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, nlink: 1 };
    if (this.dirs.has(p)) return { ...base, type: 'dir', size: 4096 };
    const f = this.files.get(p);
    return f === undefined ? null : { ...base, type: 'file', size: f.length };
  }

  lstat(path: string): FileStat | null {
    return this.stat(path);
  }

  readdir(path: string): string[] {
    const p = this.resolve(path);
    if (!this.dirs.has(p)) throw new FsError(this.files.has(p) ? 'ENOTDIR' : 'ENOENT', path);
    const prefix = p === '/' ? '/' : p + '/';
    const names = new Set<string>();
    for (const k of [...this.files.keys(), ...this.dirs]) {
      if (k.startsWith(prefix) && k !== p) names.add(k.slice(prefix.length).split('/')[0]);
    }
    return [...names].sort();
  }

  mkdir(path: string, options?: { recursive?: boolean }): void {
    const p = this.resolve(path);
    if (options?.recursive) {
      let cur = '';
      for (const part of p.split('/').filter(Boolean)) {
        cur += '/' + part;
        this.dirs.add(cur);
      }
      return;
    }
    if (this.dirs.has(p) || this.files.has(p)) throw new FsError('EEXIST', path);
    this.dirs.add(p);
  }

  remove(path: string): void {
    const p = this.resolve(path);
    this.files.delete(p);
    this.dirs.delete(p);
  }

  rename(from: string, to: string): void {
    const data = this.readFile(from);
    this.remove(from);
    this.writeFile(to, data);
  }

  symlink(): void {
    throw new FsError('EINVAL', 'symlink');
  }

  chmod(): void {}

  chown(): void {}
}
