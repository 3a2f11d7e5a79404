/**
 * Swap areas. /proc/swaps is the source of truth (free, swapon --show and the kubelet's swap
 * check read it); /etc/fstab says what `swapon -a` and a boot activate.
 */
import type { FsView } from '../machine/fs';

export interface SwapArea {
  filename: string;
  type: 'file' | 'partition';
  sizeKiB: number;
  usedKiB: number;
  priority: number;
}

const HEADER = 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n';
/** Size of the stock /swap.img of a jammy cloud install (4 GiB less a page). */
export const DEFAULT_SWAP_KIB = 4194300;
/** The swap logical volume of a CentOS 7 install (centos-swap). */
export const LVM_SWAP_KIB = 4063228;

export function readSwaps(fs: FsView): SwapArea[] {
  let text = '';
  try {
    text = fs.readFile('/proc/swaps');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 5 && f[0])
    .map(([filename, type, size, used, prio]) => ({ filename, type: type === 'partition' ? 'partition' : 'file', sizeKiB: Number(size), usedKiB: Number(used), priority: Number(prio) }));
}

export function writeSwaps(fs: FsView, areas: SwapArea[]): void {
  fs.writeFile('/proc/swaps', HEADER + areas.map((a) => `${a.filename.padEnd(40)}${a.type}\t\t${a.sizeKiB}\t\t${a.usedKiB}\t\t${a.priority}\n`).join(''));
}

export function swapTotalKiB(fs: FsView): number {
  return readSwaps(fs).reduce((s, a) => s + a.sizeKiB, 0);
}

export interface FstabSwap {
  device: string;
  options: string;
}

/** Active (uncommented) swap lines of /etc/fstab. */
export function fstabSwaps(fs: FsView): FstabSwap[] {
  let text = '';
  try {
    text = fs.readFile('/etc/fstab');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(/\s+/))
    .filter((f) => f[2] === 'swap')
    .map((f) => ({ device: f[0], options: f[3] ?? 'defaults' }));
}

/** Turn a swap file on; the reason when it cannot be. */
export function activateSwap(fs: FsView, device: string): 'ok' | 'busy' | 'missing' {
  const areas = readSwaps(fs);
  const st = fs.stat(device);
  if (!st) return 'missing';
  // The kernel names a device by its node: /dev/mapper/centos-swap is listed as /dev/dm-1.
  if (device.startsWith('/dev/')) device = fs.realpath(device) ?? device;
  if (areas.some((a) => a.filename === device)) return 'busy';
  const sizeKiB = device === '/swap.img' ? DEFAULT_SWAP_KIB : device.startsWith('/dev/') ? LVM_SWAP_KIB : Math.max(st.size >> 10, 4) || DEFAULT_SWAP_KIB;
  areas.push({ filename: device, type: device.startsWith('/dev/') ? 'partition' : 'file', sizeKiB, usedKiB: 0, priority: -2 - areas.length });
  writeSwaps(fs, areas);
  return 'ok';
}

export function deactivateSwap(fs: FsView, device: string): boolean {
  const areas = readSwaps(fs);
  const rest = areas.filter((a) => a.filename !== device);
  if (rest.length === areas.length) return false;
  writeSwaps(fs, rest);
  return true;
}

/** What a boot activates: the fstab swap lines (noauto ones excepted) whose device exists. */
export function bootSwap(fs: FsView): void {
  writeSwaps(fs, []);
  for (const s of fstabSwaps(fs)) if (!s.options.split(',').includes('noauto')) activateSwap(fs, s.device);
}

/**
 * Memory as `free` reports it, with swap from /proc/swaps: for the shell's system provider
 * (`setSystemProvider({ memoryKiB })`), so that `free -h` shows swap until `swapoff -a`.
 */
export function memoryWithSwap(fs: FsView, memoryMiB: number): { total: number; used: number; free: number; shared: number; buffCache: number; available: number; swapTotal: number; swapUsed: number } {
  const total = memoryMiB * 1024 - 190_000;
  const used = Math.round(total * 0.14);
  const buffCache = Math.round(total * 0.36);
  const shared = 1640;
  const areas = readSwaps(fs);
  return { total, used, free: total - used - buffCache, shared, buffCache, available: total - used - shared * 2, swapTotal: areas.reduce((s, a) => s + a.sizeKiB, 0), swapUsed: areas.reduce((s, a) => s + a.usedKiB, 0) };
}
