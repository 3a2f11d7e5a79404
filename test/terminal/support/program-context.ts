/** A CommandContext for running terminal programs in tests: a memory filesystem and a tty on a headless xterm. */
import { FsError, type CommandContext, type FileAccess, type FileStat, type Tty } from '../../../src/shell/command';
import { SimClock } from '../../../src/sim/clock';
import { HeadlessRig } from './headless';

export class MemoryFs implements FileAccess {
  files = new Map<string, string>();
  dirs = new Set<string>(['/', '/root', '/tmp']);
  readonlyPaths = new Set<string>();

  constructor(public cwd = '/root') {}

  resolve(path: string): string {
    const abs = path.startsWith('/') ? path : `${this.cwd}/${path}`;
    const parts: string[] = [];
    for (const p of abs.split('/')) {
      if (!p || p === '.') continue;
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
    if (this.readonlyPaths.has(p) || this.readonlyPaths.has(parent)) throw new FsError('EACCES', path);
    this.files.set(p, (options?.append ? (this.files.get(p) ?? '') : '') + data);
  }
  stat(path: string): FileStat | null {
    const p = this.resolve(path);
    if (this.dirs.has(p)) return { type: 'dir', size: 4096, mode: 0o755, uid: 0, gid: 0, mtimeMs: 0, nlink: 2 };
    const f = this.files.get(p);
    return f === undefined ? null : { type: 'file', size: f.length, mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, nlink: 1 };
  }
  lstat(path: string): FileStat | null {
    return this.stat(path);
  }
  readdir(path: string): string[] {
    const p = this.resolve(path);
    const prefix = p === '/' ? '/' : p + '/';
    const names = new Set<string>();
    for (const k of [...this.files.keys(), ...this.dirs]) if (k.startsWith(prefix) && k !== p) names.add(k.slice(prefix.length).split('/')[0]);
    return [...names].sort();
  }
  mkdir(path: string): void {
    this.dirs.add(this.resolve(path));
  }
  remove(path: string): void {
    this.files.delete(this.resolve(path));
  }
  rename(from: string, to: string): void {
    const f = this.readFile(from);
    this.files.delete(this.resolve(from));
    this.files.set(this.resolve(to), f);
  }
  symlink(): void {}
  chmod(): void {}
  chown(): void {}
}

/** A Tty over a headless terminal: keys typed into the rig go to whoever took them. */
export function ttyFor(rig: HeadlessRig): Tty {
  let receiver: ((d: string) => void) | undefined;
  const resizers = new Set<(c: number, r: number) => void>();
  rig.io.onData((d) => receiver?.(d));
  rig.io.onResize?.((c, r) => resizers.forEach((l) => l(c, r)));
  return {
    get columns() {
      return rig.io.cols;
    },
    get rows() {
      return rig.io.rows;
    },
    write: (d) => rig.io.write(d),
    takeKeys: (onData) => {
      receiver = onData;
      return { release: () => (receiver === onData ? (receiver = undefined) : undefined) };
    },
    onResize: (cb) => {
      resizers.add(cb);
      return { dispose: () => void resizers.delete(cb) };
    },
  };
}

export function programContext(argv: string[], fs: MemoryFs, tty?: Tty, stdinText = ''): CommandContext & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  let stdinUsed = false;
  return {
    out,
    err,
    argv,
    env: { HOME: '/root', PATH: '/usr/bin:/bin', TERM: 'xterm-256color' },
    cwd: fs.cwd,
    stdin: {
      read: async () => (stdinUsed ? null : ((stdinUsed = true), stdinText)),
      readAll: async () => stdinText,
    },
    stdout: { write: (c) => void out.push(c) },
    stderr: { write: (c) => void err.push(c) },
    columns: tty?.columns ?? 80,
    isTTY: !!tty,
    tty,
    signal: new AbortController().signal,
    user: { name: 'root', uid: 0, gid: 0, home: '/root', groups: ['root'] },
    host: 'cka01',
    clock: new SimClock(),
    fs,
    machine: undefined,
    world: undefined,
  };
}
