/** Recursive copy through FileAccess, shared by cp and mv (across directories) and tar. */
import type { FileAccess } from '../../command';
import { joinPath } from './walk';

export interface CopyOptions {
  recursive: boolean;
  preserve: boolean;
  /** Copy symlinks as links (cp -a, -P) rather than following them. */
  noDereference: boolean;
}

export function copyTree(fs: FileAccess, src: string, dst: string, o: CopyOptions): void {
  const st = o.noDereference ? fs.lstat(src) : fs.stat(src);
  if (!st) return;
  if (st.type === 'symlink') {
    if (fs.lstat(dst)) fs.remove(dst);
    fs.symlink(st.target ?? '', dst);
    return;
  }
  if (st.type === 'dir') {
    const existing = fs.stat(dst);
    if (!existing) fs.mkdir(dst, { mode: st.mode });
    for (const name of fs.readdir(src)) copyTree(fs, joinPath(src, name), joinPath(dst, name), o);
    if (o.preserve) {
      fs.chmod(dst, st.mode);
      fs.chown(dst, st.uid, st.gid);
    }
    return;
  }
  const existed = fs.stat(dst);
  fs.writeFile(dst, fs.readFile(src), { mode: st.mode });
  if (!existed || o.preserve) fs.chmod(dst, st.mode);
  if (o.preserve) fs.chown(dst, st.uid, st.gid);
}

export function baseName(p: string): string {
  const t = p.replace(/\/+$/, '');
  return t === '' ? '/' : t.slice(t.lastIndexOf('/') + 1);
}
