/**
 * File name completion as readline does it: the part after the last `/` is matched against the
 * entries of the directory before it; hidden entries match too (readline's match-hidden-files),
 * `.` and `..` only when the typed part starts with a dot;
 * directories are listed and completed with a trailing `/`.
 */
import type { Candidate } from '../backend';
import { escapeForShell } from './words';

export interface DirEntry {
  name: string;
  isDir: boolean;
  isExecutable?: boolean;
}

export interface PathSource {
  cwd(): string;
  home(): string;
  /** Entries of an absolute directory path, or null when it is not a readable directory. */
  listDirectory(path: string): DirEntry[] | null;
}

export interface PathOptions {
  dirsOnly?: boolean;
  /** In command position: only directories and executable files (bash's command completion). */
  executablesOnly?: boolean;
  /** Inside an open quote: no escaping, the closing quote is added on a unique match. */
  quote?: '"' | "'";
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** Absolute path with `.`, `..` and repeated slashes resolved. */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

export function completePaths(word: string, source: PathSource, options: PathOptions = {}): Candidate[] {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const prefix = slash >= 0 ? word.slice(slash + 1) : word;
  let dir = dirPart || '.';
  if (dir.startsWith('~')) dir = source.home() + dir.slice(1);
  const absolute = dir.startsWith('/') ? dir : join(source.cwd(), dir);
  const entries = source.listDirectory(normalizePath(absolute));
  if (!entries) return [];
  const all: DirEntry[] = prefix.startsWith('.') ? [{ name: '.', isDir: true }, { name: '..', isDir: true }, ...entries] : entries;
  // The typed directory part is unquoted here: quote it again as it goes back on the line.
  const quotedDir = options.quote ? dirPart : dirPart.startsWith('~') ? '~' + escapeForShell(dirPart.slice(1)) : escapeForShell(dirPart);
  const out: Candidate[] = [];
  for (const e of all) {
    if (!e.name.startsWith(prefix)) continue;
    if (options.dirsOnly && !e.isDir) continue;
    if (options.executablesOnly && !e.isDir && !e.isExecutable) continue;
    const shown = options.quote ? e.name : escapeForShell(e.name);
    out.push({
      value: (options.quote ? options.quote : '') + quotedDir + shown,
      display: e.name + (e.isDir ? '/' : ''),
      suffix: e.isDir ? '/' : (options.quote ?? '') + ' ',
    });
  }
  return out;
}
