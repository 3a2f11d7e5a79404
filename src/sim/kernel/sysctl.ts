/**
 * Kernel parameters. The files under /proc/sys are the source of truth (as on Linux), so
 * `cat /proc/sys/net/ipv4/ip_forward`, `echo 1 > …` and `sysctl` agree; a key exists only when
 * its file does (net.bridge.* appear with br_netfilter).
 */
import type { FsView } from '../machine/fs';

/** Values of a freshly booted jammy VM for the keys the courses read or set. */
export const DEFAULT_SYSCTLS: Record<string, string> = {
  'net.ipv4.ip_forward': '0',
  'net.ipv4.conf.all.forwarding': '0',
  'net.ipv4.conf.all.rp_filter': '2',
  'net.ipv4.conf.default.rp_filter': '2',
  'net.ipv4.ip_nonlocal_bind': '0',
  'net.ipv6.conf.all.forwarding': '0',
  'net.ipv6.conf.all.disable_ipv6': '0',
  'net.core.somaxconn': '4096',
  'net.netfilter.nf_conntrack_max': '65536',
  'vm.swappiness': '60',
  'vm.overcommit_memory': '0',
  'vm.panic_on_oom': '0',
  'vm.max_map_count': '65530',
  'kernel.panic': '0',
  'kernel.panic_on_oops': '0',
  'kernel.pid_max': '4194304',
  'fs.inotify.max_user_watches': '29491',
  'fs.inotify.max_user_instances': '128',
  'fs.file-max': '9223372036854775807',
};

export function keyToPath(key: string): string {
  // sysctl accepts both net.ipv4.ip_forward and net/ipv4/ip_forward.
  const slashed = key.includes('/') ? key.replace(/^\/+/, '') : key.replace(/\./g, '/');
  return `/proc/sys/${slashed}`;
}

export function pathToKey(path: string): string {
  return path.replace(/^\/proc\/sys\//, '').replace(/\//g, '.');
}

/** The value of a key, or null when its file does not exist. */
export function readSysctl(fs: FsView, key: string): string | null {
  const path = keyToPath(key);
  const st = fs.stat(path);
  if (!st || st.type !== 'file') return null;
  return fs.readFile(path).replace(/\n$/, '');
}

/** Set a key whose file exists; false when it does not (the kernel has no such parameter). */
export function writeSysctl(fs: FsView, key: string, value: string): boolean {
  const path = keyToPath(key);
  const st = fs.stat(path);
  if (!st || st.type !== 'file') return false;
  fs.writeFile(path, `${value.trim().replace(/\s+/g, '\t')}\n`);
  return true;
}

/** Every key under /proc/sys, sorted as `sysctl -a` lists them. */
export function allSysctlKeys(fs: FsView): string[] {
  const keys: string[] = [];
  const walk = (dir: string) => {
    let entries: string[] = [];
    try {
      entries = fs.readdir(dir);
    } catch {
      return;
    }
    for (const e of entries.sort()) {
      const p = `${dir}/${e}`;
      const st = fs.stat(p);
      if (st?.type === 'dir') walk(p);
      else if (st) keys.push(pathToKey(p));
    }
  };
  walk('/proc/sys');
  return keys;
}

/** Reset /proc/sys to boot defaults (hostname is written by the boot sequence). */
export function bootSysctls(fs: FsView): void {
  for (const [key, value] of Object.entries(DEFAULT_SYSCTLS)) {
    const path = keyToPath(key);
    const dir = path.slice(0, path.lastIndexOf('/'));
    if (!fs.stat(dir)) fs.mkdir(dir, { recursive: true });
    fs.writeFile(path, `${value}\n`);
    fs.chmod(path, 0o644);
  }
}

export interface SysctlSetting {
  key: string;
  value: string;
  /** A leading '-' in the file: a missing key is ignored silently. */
  optional: boolean;
}

/** Parse a sysctl.conf: `key = value` lines, '#' and ';' comments. Bad lines are reported. */
export function parseSysctlConf(text: string): Array<SysctlSetting | { error: string; line: number }> {
  const out: Array<SysctlSetting | { error: string; line: number }> = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) return;
    const eq = line.indexOf('=');
    if (eq < 0) {
      out.push({ error: line, line: i + 1 });
      return;
    }
    let key = line.slice(0, eq).trim();
    const optional = key.startsWith('-');
    if (optional) key = key.slice(1).trim();
    out.push({ key, value: line.slice(eq + 1).trim(), optional });
  });
  return out;
}

/** Files `sysctl --system` applies, in order (procps-ng 3.3.17: by file name across directories, first wins). */
export function systemSysctlFiles(fs: FsView): string[] {
  const dirs = ['/etc/sysctl.d', '/run/sysctl.d', '/usr/local/lib/sysctl.d', '/usr/lib/sysctl.d', '/lib/sysctl.d'];
  const byName = new Map<string, string>();
  for (const dir of dirs) {
    let entries: string[] = [];
    try {
      entries = fs.readdir(dir);
    } catch {
      continue;
    }
    for (const e of entries) {
      if (!e.endsWith('.conf') || byName.has(e)) continue;
      // /lib is a symlink to /usr/lib on Ubuntu: the same file is listed once.
      const real = fs.realpath(`${dir}/${e}`) ?? `${dir}/${e}`;
      if ([...byName.values()].some((p) => (fs.realpath(p) ?? p) === real)) continue;
      byName.set(e, `${dir}/${e}`);
    }
  }
  const files = [...byName.keys()].sort().map((k) => byName.get(k) as string);
  if (fs.stat('/etc/sysctl.conf')) files.push('/etc/sysctl.conf');
  return files;
}
