/**
 * A container's mount table (/proc/mounts), as containerd 1.7 and runc build it for a Pod's
 * container: the OCI defaults (proc, /dev, devpts, mqueue, sysfs, cgroup), then the CRI mounts
 * sorted by depth (containerd's orderedMounts, stable): the kubelet's volume mounts, /etc/hosts
 * and /dev/termination-log, containerd's /etc/hostname, /etc/resolv.conf and /dev/shm; then the
 * masked paths that exist on the node's kernel (read-only tmpfs on directories, /dev/null bound
 * on files, so those show the container's /dev).
 * The root is an overlay on the node's disk; files the kubelet and containerd write come from
 * that disk (/dev/sda1), memory-backed volumes are tmpfs.
 */
import type { Program } from '../../shell/command';
import { nodeMounts } from '../../shell/commands/df';
import { spec } from '../controllers/machinery/objects';
import type { ExecContext } from './exec';
import { nodeMeminfo } from './container-meminfo';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ContainerMount {
  device: string;
  type: string;
  dir: string;
  sizeK: number;
  usedK: number;
  /** Same number for entries of one filesystem (a bind mount shares its source's). */
  dev: number;
  inodes: number;
  inodesUsed: number;
  /** The options /proc/mounts shows (show_vfsmnt: the mount's flags, then the filesystem's own). */
  options: string;
}

/** runc's /dev and containerd's /dev/shm: 64 MiB tmpfs each. */
const DEV_K = 65536;

/** Where a volume's files live on the node: secrets and projected tokens on tmpfs, the rest on its disk. */
function onTmpfs(v: Obj): boolean {
  return !!(v.secret || v.projected || v.emptyDir?.medium === 'Memory');
}

/** A Debian or Alpine root links /var/run to /run, so mounts under it show as /run/…. */
function mountPath(path: string, varRunLinked: boolean): string {
  return varRunLinked ? path.replace(/^\/var\/run(?=\/|$)/, '/run') : path;
}

/** runc's /dev: tmpfs with nosuid, strictatime (which prints nothing), mode=755, size=65536k. */
const DEV_OPTIONS = `rw,nosuid,size=${DEV_K}k,mode=755,inode64`;
const PROC_RW = 'rw,nosuid,nodev,noexec,relatime';
const SNAPSHOTS = '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots';

/** A volume mount is read-only when the mount says so or the kubelet makes it so (configMap, secret, projected, downwardAPI). */
function access(m: Obj, v: Obj): 'ro' | 'rw' {
  return m.readOnly || v.configMap || v.secret || v.projected || v.downwardAPI ? 'ro' : 'rw';
}

/**
 * The root overlay: the image's layers (containerd's snapshot directories, newest first) under
 * the container's own writable snapshot. The numbers are the snapshotter's ids on this node, made
 * stable per container from its name.
 */
function overlayOptions(c: ExecContext): string {
  let h = 7;
  for (const ch of `${c.pod.metadata?.uid ?? ''}/${c.container.name ?? ''}`) h = (h * 31 + ch.charCodeAt(0)) % 997;
  const upper = 40 + h;
  const lower = [12, 11].map((n) => `${SNAPSHOTS}/${n}/fs`).join(':');
  return `rw,relatime,lowerdir=${lower},upperdir=${SNAPSHOTS}/${upper}/fs,workdir=${SNAPSHOTS}/${upper}/work`;
}

export function containerMounts(p: Parameters<Program>[0], c: ExecContext, varRunLinked: boolean): ContainerMount[] {
  const privileged = ((c.container.securityContext ?? {}) as { privileged?: boolean }).privileged === true;
  const disk = nodeMounts().find((m) => m.mount === '/') ?? { fs: '/dev/sda1', sizeK: 50620216, usedK: 8482344 };
  // An unsized tmpfs and a memory-backed volume are measured against the node's memory.
  const memK = nodeMeminfo(p, c).total;
  // The node's disk and tmpfs measures in 4 KiB blocks, as statvfs gives them.
  const diskInodes = Math.floor(disk.sizeK / 16);
  const onDisk = (dir: string, dev: number, options = 'rw,relatime'): ContainerMount => ({ device: disk.fs, type: 'ext4', dir, sizeK: disk.sizeK, usedK: disk.usedK, dev, inodes: diskInodes, inodesUsed: Math.floor(diskInodes * 0.05), options });
  const tmpfs = (device: string, dir: string, sizeK: number, usedK: number, dev: number, options: string): ContainerMount => ({ device, type: 'tmpfs', dir, sizeK, usedK, dev, inodes: Math.floor(sizeK / 4), inodesUsed: usedK ? usedK / 4 + 1 : 1, options });
  const pseudo = (device: string, type: string, dir: string, dev: number, options: string): ContainerMount => ({ device, type, dir, sizeK: 0, usedK: 0, dev, inodes: 0, inodesUsed: 0, options });
  let nextDev = 100;
  const DISK = 1;
  const DEV = 2;
  const out: ContainerMount[] = [
    { ...onDisk('/', 3, overlayOptions(c)), device: 'overlay', type: 'overlay' },
    pseudo('proc', 'proc', '/proc', 4, PROC_RW),
    tmpfs('tmpfs', '/dev', DEV_K, 0, DEV, DEV_OPTIONS),
    pseudo('devpts', 'devpts', '/dev/pts', 5, 'rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666'),
    pseudo('mqueue', 'mqueue', '/dev/mqueue', 6, 'rw,nosuid,nodev,noexec,relatime'),
    pseudo('sysfs', 'sysfs', '/sys', 7, `${privileged ? 'rw' : 'ro'},nosuid,nodev,noexec,relatime`),
    pseudo('cgroup', 'cgroup2', '/sys/fs/cgroup', 8, `${privileged ? 'rw' : 'ro'},nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot`),
  ];
  // The CRI mounts: the kubelet's (volumes, then /etc/hosts and the termination log), then containerd's own.
  const volumes = new Map(((spec(c.pod).volumes ?? []) as Obj[]).map((v) => [String(v.name), v]));
  const cri: ContainerMount[] = [];
  for (const m of (c.container.volumeMounts ?? []) as Obj[]) {
    const v = volumes.get(String(m.name));
    if (!v || !m.mountPath) continue;
    const dir = mountPath(String(m.mountPath).replace(/\/+$/, '') || '/', varRunLinked);
    if (onTmpfs(v)) {
      // A secret or projected volume holds a few small files; tmpfs counts a page for each.
      const files = v.projected ? 3 : Math.max(1, Object.keys(c.lookup('secret', String(v.secret?.secretName ?? '')) ?? {}).length);
      cri.push(tmpfs('tmpfs', dir, memK, v.emptyDir ? 0 : files * 4, nextDev++, `${access(m, v)},relatime,size=${memK}k,inode64`));
    } else cri.push(onDisk(dir, DISK, `${access(m, v)},relatime`));
  }
  cri.push(onDisk('/etc/hosts', DISK), onDisk('/dev/termination-log', DISK));
  cri.push(onDisk('/etc/hostname', DISK), onDisk('/etc/resolv.conf', DISK));
  cri.push(tmpfs('shm', '/dev/shm', DEV_K, 0, 9, `rw,nosuid,nodev,noexec,relatime,size=${DEV_K}k,inode64`));
  const depth = (m: ContainerMount) => m.dir.split('/').length;
  out.push(...cri.map((m, i) => ({ m, i })).sort((a, b) => depth(a.m) - depth(b.m) || a.i - b.i).map((x) => x.m));
  // runc's readonly paths (proc sub-trees remounted read-only) and masked paths.
  // A privileged container has neither (the CRI plugin clears both lists).
  if (privileged) return out;
  for (const dir of ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger']) out.push(pseudo('proc', 'proc', dir, 4, 'ro,nosuid,nodev,noexec,relatime'));
  // A masked directory is a fresh read-only tmpfs of the default size (half the memory, which tmpfs does not print).
  const masked = (dir: string) => tmpfs('tmpfs', dir, Math.floor(memK / 2), 0, nextDev++, 'ro,relatime,inode64');
  out.push(masked('/proc/acpi'));
  for (const dir of ['/proc/kcore', '/proc/keys', '/proc/timer_list']) out.push(tmpfs('tmpfs', dir, DEV_K, 0, DEV, DEV_OPTIONS));
  out.push(masked('/proc/scsi'), masked('/sys/firmware'));
  return out;
}
