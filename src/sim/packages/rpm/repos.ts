/**
 * yum's configuration: /etc/yum.conf [main] and the INI files in /etc/yum.repos.d/*.repo. Values
 * may continue on indented lines (aliyun's multi-URL baseurl); $releasever, $basearch and $infra
 * are substituted as yum does on CentOS 7 x86_64.
 */
import type { FsView } from '../../machine/fs';

export interface RepoConfig {
  id: string;
  file: string;
  name: string;
  urls: string[];
  /** 'mirrorlist' | 'metalink' | 'baseurl': how the first URL was given. */
  kind: 'baseurl' | 'mirrorlist' | 'metalink' | 'none';
  enabled: boolean;
  gpgcheck: boolean;
  repoGpgcheck: boolean;
  gpgkeys: string[];
  exclude: string[];
}

export interface YumConfig {
  repos: RepoConfig[];
  mainExclude: string[];
  mainGpgcheck: boolean;
  /** Lines yum complains about ("File contains no section headers", bad repo ids). */
  problems: string[];
}

function substitute(v: string): string {
  return v.replace(/\$releasever/g, '7').replace(/\$basearch/g, 'x86_64').replace(/\$arch/g, 'x86_64').replace(/\$infra/g, 'stock').replace(/\$contentdir/g, 'centos');
}

export function parseIni(text: string): { sections: Array<{ name: string; values: Record<string, string> }>; headerless: boolean } {
  const sections: Array<{ name: string; values: Record<string, string> }> = [];
  let current: { name: string; values: Record<string, string> } | undefined;
  let lastKey = '';
  let headerless = false;
  for (const raw of text.split('\n')) {
    if (/^\s*[#;]/.test(raw) || !raw.trim()) {
      lastKey = raw.trim() ? lastKey : '';
      continue;
    }
    const sec = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
    if (sec) {
      current = { name: sec[1].trim(), values: {} };
      sections.push(current);
      lastKey = '';
      continue;
    }
    if (/^\s/.test(raw) && current && lastKey) {
      current.values[lastKey] += `\n${raw.trim()}`;
      continue;
    }
    const eq = raw.indexOf('=');
    if (eq < 0) continue;
    if (!current) {
      headerless = true;
      continue;
    }
    lastKey = raw.slice(0, eq).trim().toLowerCase();
    current.values[lastKey] = raw.slice(eq + 1).trim();
  }
  return { sections, headerless };
}

const truthy = (v: string | undefined, dflt: boolean) => (v === undefined ? dflt : /^(1|yes|true|on)$/i.test(v.trim()));
const words = (v: string | undefined) => (v ? v.split(/[\s,]+/).filter(Boolean) : []);

export function readYumConfig(fs: FsView): YumConfig {
  const problems: string[] = [];
  let mainExclude: string[] = [];
  let mainGpgcheck = true;
  try {
    const main = parseIni(fs.readFile('/etc/yum.conf')).sections.find((s) => s.name === 'main');
    mainExclude = words(main?.values.exclude);
    mainGpgcheck = truthy(main?.values.gpgcheck, false);
  } catch {
    /* no yum.conf */
  }
  const repos: RepoConfig[] = [];
  let files: string[] = [];
  try {
    files = fs.readdir('/etc/yum.repos.d').filter((f) => f.endsWith('.repo')).sort();
  } catch {
    /* no directory */
  }
  for (const f of files) {
    const file = `/etc/yum.repos.d/${f}`;
    let text = '';
    try {
      text = fs.readFile(file);
    } catch {
      continue;
    }
    const ini = parseIni(text);
    if (ini.headerless) problems.push(`File contains no section headers.\nfile: file://${file}, line: 1\n'${text.split('\n')[0]}\\n'`);
    for (const s of ini.sections) {
      const v = s.values;
      const kind = v.baseurl ? 'baseurl' : v.mirrorlist ? 'mirrorlist' : v.metalink ? 'metalink' : 'none';
      const urls = words(substitute(v.baseurl ?? v.mirrorlist ?? v.metalink ?? ''));
      repos.push({
        id: s.name,
        file,
        name: substitute(v.name ?? s.name),
        urls,
        kind,
        enabled: truthy(v.enabled, true),
        gpgcheck: truthy(v.gpgcheck, mainGpgcheck),
        repoGpgcheck: truthy(v.repo_gpgcheck, false),
        gpgkeys: words(substitute(v.gpgkey ?? '')),
        exclude: words(v.exclude ?? v.excludepkgs),
      });
    }
  }
  return { repos, mainExclude, mainGpgcheck, problems };
}

/** yum's exclude globs (`kube*`, `kubelet`). */
export function excluded(name: string, patterns: string[]): boolean {
  return patterns.some((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(name));
}
