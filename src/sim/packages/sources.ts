/** apt sources: one-line `deb [options] URI suite [components]` entries from sources.list and sources.list.d/*.list. */
import type { FsView } from '../machine/fs';

export interface SourceEntry {
  /** File and line, for error messages (`E: Malformed entry 1 in list file /etc/apt/sources.list.d/k.list (Component)`). */
  file: string;
  line: number;
  type: 'deb' | 'deb-src';
  options: Record<string, string>;
  uri: string;
  suite: string;
  components: string[];
}

export interface SourceError {
  file: string;
  line: number;
  reason: string;
}

export function parseSourcesList(file: string, text: string): Array<SourceEntry | SourceError> {
  const out: Array<SourceEntry | SourceError> = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const m = /^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)(?:\s+(\S+))?((?:\s+\S+)*)$/.exec(line);
    if (!m) {
      out.push({ file, line: i + 1, reason: 'Component' });
      return;
    }
    if (!m[4]) {
      out.push({ file, line: i + 1, reason: 'Suite' });
      return;
    }
    const options: Record<string, string> = {};
    for (const kv of (m[2] ?? '').split(/\s+/).filter(Boolean)) {
      const [k, v] = kv.split('=');
      options[k] = v ?? '';
    }
    const suite = m[4];
    const components = m[5].trim() ? m[5].trim().split(/\s+/) : [];
    if (!suite.endsWith('/') && !components.length) {
      out.push({ file, line: i + 1, reason: 'Component' });
      return;
    }
    out.push({ file, line: i + 1, type: m[1] as 'deb' | 'deb-src', options, uri: m[3], suite, components });
  });
  return out;
}

/** Every configured source, in the order apt reads them (sources.list, then sources.list.d by name). */
export function readSources(fs: FsView): Array<SourceEntry | SourceError> {
  const files = ['/etc/apt/sources.list'];
  try {
    for (const f of fs.readdir('/etc/apt/sources.list.d').sort()) if (f.endsWith('.list')) files.push(`/etc/apt/sources.list.d/${f}`);
  } catch {
    /* no directory */
  }
  const out: Array<SourceEntry | SourceError> = [];
  for (const f of files) {
    let text = '';
    try {
      text = fs.readFile(f);
    } catch {
      continue;
    }
    out.push(...parseSourcesList(f, text));
  }
  return out;
}

export function isSourceError(e: SourceEntry | SourceError): e is SourceError {
  return 'reason' in e;
}

/** `https://pkgs.k8s.io/core:/stable:/v1.29/deb/ /` is a flat repository: its suite is '/'. */
export function sourceSuite(e: SourceEntry): string {
  return e.suite === '/' || e.suite === './' ? '/' : e.suite.replace(/\/$/, '');
}

export function sourceKey(e: SourceEntry): string {
  return `${e.uri.replace(/\/+$/, '')} ${sourceSuite(e)}`;
}
