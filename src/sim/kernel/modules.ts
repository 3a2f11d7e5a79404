/**
 * Loadable kernel modules. The list of loaded modules lives in `/proc/modules` (the file the
 * kernel exposes), so `cat /proc/modules`, `lsmod` and `modprobe` all agree and the state is
 * saved with the machine's filesystem. Loading a module can create sysctl keys (br_netfilter
 * adds /proc/sys/net/bridge/*), which is what the Kubernetes install guides depend on.
 */
import type { FsView } from '../machine/fs';

import { KERNEL } from '../../shell/commands/lib/system';

/** The running kernel, as `uname -r` prints it (modprobe names /lib/modules/<release>). */
export const KERNEL_RELEASE = KERNEL.release;

interface ModuleInfo {
  size: number;
  /** Modules this one needs (loaded first, and they count this one as a user). */
  depends?: string[];
  /** sysctl files (path under /proc/sys → default value) that appear when the module is loaded. */
  sysctls?: Record<string, string>;
}

/** Modules available under /lib/modules/<release> that the courses load, with real sizes. */
export const AVAILABLE_MODULES: Record<string, ModuleInfo> = {
  overlay: { size: 151552 },
  llc: { size: 16384 },
  stp: { size: 16384, depends: ['llc'] },
  bridge: { size: 311296, depends: ['stp', 'llc'] },
  br_netfilter: {
    size: 32768,
    depends: ['bridge'],
    sysctls: {
      'net/bridge/bridge-nf-call-arptables': '1',
      'net/bridge/bridge-nf-call-ip6tables': '1',
      'net/bridge/bridge-nf-call-iptables': '1',
      'net/bridge/bridge-nf-filter-pppoe-tagged': '0',
      'net/bridge/bridge-nf-filter-vlan-tagged': '0',
      'net/bridge/bridge-nf-pass-vlan-input-dev': '0',
    },
  },
  nf_defrag_ipv4: { size: 16384 },
  nf_defrag_ipv6: { size: 24576 },
  libcrc32c: { size: 16384 },
  nf_conntrack: { size: 172032, depends: ['nf_defrag_ipv6', 'nf_defrag_ipv4', 'libcrc32c'] },
  ip_vs: { size: 176128, depends: ['nf_conntrack', 'nf_defrag_ipv6', 'libcrc32c'] },
  ip_vs_rr: { size: 16384, depends: ['ip_vs'] },
  ip_vs_wrr: { size: 16384, depends: ['ip_vs'] },
  ip_vs_sh: { size: 16384, depends: ['ip_vs'] },
  nf_conntrack_ipv4: { size: 0 }, // gone since 4.19: modprobe fails, as on a real 5.15 kernel
  xt_conntrack: { size: 16384, depends: ['nf_conntrack'] },
  vxlan: { size: 86016 },
  ip_tables: { size: 32768 },
  x_tables: { size: 53248 },
};

/**
 * The CentOS 7 kernel (3.10.0-1160): nf_conntrack_ipv4 still exists there (merged into
 * nf_conntrack only in 4.19), and the modules have their el7 sizes.
 */
const EL7_MODULES: Record<string, ModuleInfo> = {
  ...AVAILABLE_MODULES,
  overlay: { size: 91659 },
  llc: { size: 14552 },
  stp: { size: 12976, depends: ['llc'] },
  bridge: { size: 151336, depends: ['stp', 'llc'] },
  br_netfilter: { ...AVAILABLE_MODULES.br_netfilter, size: 22256 },
  nf_defrag_ipv4: { size: 12729 },
  nf_defrag_ipv6: { size: 35104 },
  libcrc32c: { size: 12644 },
  nf_conntrack: { size: 139264, depends: ['libcrc32c'] },
  nf_conntrack_ipv4: { size: 15053, depends: ['nf_defrag_ipv4', 'nf_conntrack'] },
  ip_vs: { size: 145458, depends: ['nf_conntrack'] },
  ip_vs_rr: { size: 12600, depends: ['ip_vs'] },
  ip_vs_wrr: { size: 12697, depends: ['ip_vs'] },
  ip_vs_sh: { size: 12688, depends: ['ip_vs'] },
  xt_conntrack: { size: 12760, depends: ['nf_conntrack'] },
  vxlan: { size: 53857 },
  ip_tables: { size: 27126 },
  x_tables: { size: 37028 },
};

/** The running kernel's release: /proc/sys/kernel/osrelease when the image wrote one, else jammy's. */
export function kernelRelease(fs?: FsView): string {
  if (fs) {
    try {
      return fs.readFile('/proc/sys/kernel/osrelease').trim() || KERNEL_RELEASE;
    } catch {
      /* the Ubuntu image has no such file: its kernel is KERNEL_RELEASE */
    }
  }
  return KERNEL_RELEASE;
}

/** The module table of the running kernel. */
function modulesOf(fs?: FsView): Record<string, ModuleInfo> {
  return kernelRelease(fs).includes('.el7') ? EL7_MODULES : AVAILABLE_MODULES;
}

/** Modules loaded on a fresh jammy VM that the learner may see in lsmod (a representative subset). */
export const BOOT_MODULES = ['x_tables', 'ip_tables', 'autofs4', 'virtio_net', 'virtio_blk', 'psmouse', 'crc32_pclmul'];
const BOOT_SIZES: Record<string, number> = { autofs4: 49152, virtio_net: 61440, virtio_blk: 24576, psmouse: 176128, crc32_pclmul: 16384 };

export interface LoadedModule {
  name: string;
  size: number;
  users: string[];
  /** Reference count beyond module users (e.g. kernel users of overlay). */
  refs: number;
}

const PROC_MODULES = '/proc/modules';

export function readModules(fs: FsView): LoadedModule[] {
  let text = '';
  try {
    text = fs.readFile(PROC_MODULES);
  } catch {
    return [];
  }
  const out: LoadedModule[] = [];
  for (const line of text.split('\n')) {
    const [name, size, count, users] = line.split(' ');
    if (!name) continue;
    const list = users && users !== '-' ? users.split(',').filter(Boolean) : [];
    out.push({ name, size: Number(size), users: list, refs: Math.max(0, Number(count) - list.length) });
  }
  return out;
}

export function writeModules(fs: FsView, modules: LoadedModule[]): void {
  const lines = modules.map((m) => {
    const users = m.users.length ? m.users.join(',') + ',' : '-';
    return `${m.name} ${m.size} ${m.users.length + m.refs} ${users} Live 0x0000000000000000`;
  });
  fs.writeFile(PROC_MODULES, lines.map((l) => l + '\n').join(''));
}

export function isModuleAvailable(name: string, fs?: FsView): boolean {
  const info = modulesOf(fs)[normaliseModuleName(name)];
  return !!info && info.size > 0;
}

/** modprobe treats '-' and '_' alike. */
export function normaliseModuleName(name: string): string {
  return name.replace(/-/g, '_');
}

export function isLoaded(fs: FsView, name: string): boolean {
  const n = normaliseModuleName(name);
  return readModules(fs).some((m) => m.name === n);
}

/** Load a module and its dependencies (newest first in /proc/modules, as the kernel lists them). */
export function loadModule(fs: FsView, name: string): 'loaded' | 'already' | 'unknown' {
  const n = normaliseModuleName(name);
  if (!isModuleAvailable(n, fs)) return 'unknown';
  const table = modulesOf(fs);
  const modules = readModules(fs);
  if (modules.some((m) => m.name === n)) return 'already';
  const load = (mod: string, user?: string) => {
    const existing = modules.find((m) => m.name === mod);
    if (existing) {
      if (user && !existing.users.includes(user)) existing.users.unshift(user);
      return;
    }
    const info = table[mod];
    for (const dep of info.depends ?? []) load(dep, mod);
    modules.unshift({ name: mod, size: info.size, users: user ? [user] : [], refs: 0 });
    for (const [path, value] of Object.entries(info.sysctls ?? {})) {
      const full = `/proc/sys/${path}`;
      const dir = full.slice(0, full.lastIndexOf('/'));
      if (!fs.stat(dir)) fs.mkdir(dir, { recursive: true });
      fs.writeFile(full, `${value}\n`);
      fs.chmod(full, 0o644);
    }
  };
  load(n);
  writeModules(fs, modules);
  return 'loaded';
}

/** Unload a module (modprobe -r): its sysctl files vanish. 'busy' when others use it. */
export function unloadModule(fs: FsView, name: string): 'unloaded' | 'busy' | 'absent' {
  const n = normaliseModuleName(name);
  const modules = readModules(fs);
  const mod = modules.find((m) => m.name === n);
  if (!mod) return 'absent';
  if (mod.users.length || mod.refs) return 'busy';
  const rest = modules.filter((m) => m !== mod);
  for (const m of rest) m.users = m.users.filter((u) => u !== n);
  for (const path of Object.keys(AVAILABLE_MODULES[n]?.sysctls ?? {})) {
    try {
      fs.remove(`/proc/sys/${path}`);
    } catch {
      /* already gone */
    }
  }
  writeModules(fs, rest);
  return 'unloaded';
}

/** The modules of a freshly booted machine (before modules-load.d is applied). */
export function bootModules(fs: FsView): void {
  for (const path of Object.values(AVAILABLE_MODULES).flatMap((i) => Object.keys(i.sysctls ?? {}))) {
    try {
      fs.remove(`/proc/sys/${path}`);
    } catch {
      /* not present */
    }
  }
  writeModules(
    fs,
    BOOT_MODULES.map((name) => ({ name, size: AVAILABLE_MODULES[name]?.size ?? BOOT_SIZES[name] ?? 16384, users: name === 'x_tables' ? ['ip_tables'] : [], refs: 0 })).reverse(),
  );
}

/** Module names listed in /etc/modules and /etc/modules-load.d/*.conf (what systemd-modules-load reads). */
export function modulesToLoadAtBoot(fs: FsView): string[] {
  const files: string[] = ['/etc/modules'];
  for (const dir of ['/etc/modules-load.d', '/run/modules-load.d', '/usr/lib/modules-load.d']) {
    try {
      for (const f of fs.readdir(dir).sort()) if (f.endsWith('.conf')) files.push(`${dir}/${f}`);
    } catch {
      /* no such directory */
    }
  }
  const names: string[] = [];
  for (const f of files) {
    let text = '';
    try {
      text = fs.readFile(f);
    } catch {
      continue;
    }
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('#') || line.startsWith(';')) continue;
      names.push(line.split(/\s+/)[0]);
    }
  }
  return names;
}
