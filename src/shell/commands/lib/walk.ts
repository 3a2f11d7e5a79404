/** Recursive directory traversal shared by grep -r, find, du, cp -r, chmod -R… */
import type { FileAccess, FileStat } from '../../command';

export interface WalkEntry {
  /** Path as the program prints it (operand joined with the relative path). */
  path: string;
  stat: FileStat;
  depth: number;
}

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/**
 * Pre-order walk from `root`. `follow` decides whether symlinks to directories are entered.
 * `onError` receives unreadable directories; `prune` may stop descent into an entry.
 */
export function* walk(
  fs: FileAccess,
  root: string,
  options: { followRoot?: boolean; follow?: boolean; onError?: (path: string, e: unknown) => void; prune?: (e: WalkEntry) => boolean } = {},
): Generator<WalkEntry> {
  const rootStat = options.followRoot || options.follow ? fs.stat(root) ?? fs.lstat(root) : fs.lstat(root);
  if (!rootStat) return;
  const stack: WalkEntry[] = [{ path: root, stat: rootStat, depth: 0 }];
  while (stack.length) {
    const e = stack.pop()!;
    yield e;
    if (e.stat.type !== 'dir' || options.prune?.(e)) continue;
    let names: string[];
    try {
      names = fs.readdir(e.path);
    } catch (err) {
      options.onError?.(e.path, err);
      continue;
    }
    const kids: WalkEntry[] = [];
    for (const name of names) {
      const p = joinPath(e.path, name);
      let st = fs.lstat(p);
      if (st && st.type === 'symlink' && options.follow) st = fs.stat(p) ?? st;
      if (st) kids.push({ path: p, stat: st, depth: e.depth + 1 });
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/** Shell-style glob match for a single name (find -name, grep --include): * ? [..]. */
export function globToRegExp(glob: string, ignoreCase = false): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, end);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) re += '\\' + glob[++i];
    else re += /[.+^${}()|\\/]/.test(c) ? '\\' + c : c;
  }
  return new RegExp('^' + re + '$', ignoreCase ? 'is' : 's');
}
