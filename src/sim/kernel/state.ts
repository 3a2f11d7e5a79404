/**
 * Kernel state that is not a file under /proc: the SELinux mode (CentOS flavour), boot count and
 * boot time. Kept serialisable in machine.ext.kernel. Everything else (modules, sysctl, swap,
 * hostname) lives in /proc files, which the shell's programs already read.
 */
import type { Machine } from '../machine/machine';
import type { FsView } from '../machine/fs';
import { bootModules, loadModule, modulesToLoadAtBoot } from './modules';
import { DEFAULT_SYSCTLS, bootSysctls, keyToPath, parseSysctlConf, systemSysctlFiles, writeSysctl } from './sysctl';
import { bootSwap } from './swap';
import { resetNetfilter } from '../network/netfilter/state';

export type SelinuxMode = 'enforcing' | 'permissive' | 'disabled';

export interface KernelState {
  /** Runtime SELinux mode (setenforce); null on Ubuntu, which has no SELinux. */
  selinux: SelinuxMode | null;
  boots: number;
  bootedAtMs: number | null;
}

export function kernelState(machine: Machine): KernelState {
  const existing = machine.ext.kernel as KernelState | undefined;
  if (existing) return existing;
  const state: KernelState = { selinux: machine.os.id === 'ubuntu' ? null : configuredSelinux(machine.rootFs), boots: 1, bootedAtMs: null };
  machine.ext.kernel = state;
  ensureProcFiles(machine.rootFs);
  return state;
}

/** Create the /proc files a booted kernel has, without touching values already set. */
export function ensureProcFiles(fs: FsView): void {
  if (!fs.stat('/proc/modules')) bootModules(fs);
  for (const [key, value] of Object.entries(DEFAULT_SYSCTLS)) {
    const path = keyToPath(key);
    if (fs.stat(path)) continue;
    const dir = path.slice(0, path.lastIndexOf('/'));
    if (!fs.stat(dir)) fs.mkdir(dir, { recursive: true });
    fs.writeFile(path, `${value}\n`);
  }
}

/** SELINUX= in /etc/selinux/config (what the next boot uses). */
export function configuredSelinux(fs: FsView): SelinuxMode | null {
  try {
    const m = /^\s*SELINUX\s*=\s*(\w+)/m.exec(fs.readFile('/etc/selinux/config'));
    const v = m?.[1];
    return v === 'enforcing' || v === 'permissive' || v === 'disabled' ? v : 'enforcing';
  } catch {
    return null;
  }
}

/**
 * Boot the kernel side of a machine: what was only in memory is lost (swapoff -a, modprobe,
 * sysctl -w, setenforce) and what was persisted is applied again (fstab swap, modules-load.d,
 * sysctl.d, /etc/hostname, SELinux config). Services are started by systemd's own boot.
 */
export function bootKernel(machine: Machine, nowMs: number): void {
  const fs = machine.rootFs;
  const state = kernelState(machine);
  bootModules(fs);
  bootSysctls(fs);
  for (const name of modulesToLoadAtBoot(fs)) loadModule(fs, name);
  for (const file of systemSysctlFiles(fs)) {
    let text = '';
    try {
      text = fs.readFile(file);
    } catch {
      continue;
    }
    for (const s of parseSysctlConf(text)) if ('key' in s) writeSysctl(fs, s.key, s.value);
  }
  bootSwap(fs);
  // netfilter rules and the IPVS table live in the kernel only: a booted machine has none until its daemons write theirs
  resetNetfilter(machine);
  delete machine.ext.ipvs;
  delete machine.ext.conntrack;
  let hostname = machine.hostname;
  try {
    hostname = fs.readFile('/etc/hostname').trim() || hostname;
  } catch {
    /* keep the current name */
  }
  setKernelHostname(machine, hostname);
  if (machine.os.id !== 'ubuntu') state.selinux = configuredSelinux(fs);
  state.boots += 1;
  state.bootedAtMs = nowMs;
}

/** The running hostname (what `hostname` and the prompt show). */
export function setKernelHostname(machine: Machine, name: string): void {
  machine.rootFs.writeFile('/proc/sys/kernel/hostname', `${name}\n`);
}
