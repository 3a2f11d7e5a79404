/**
 * Who a container's processes are to the kernel: their user, groups and capability sets, as the
 * kubelet, containerd's CRI plugin and runc make them from the Pod's securityContext.
 * - user and group: the container's runAsUser/runAsGroup over the Pod's; without a group, the
 *   user's own in the image's /etc/passwd (0 when it has none);
 * - supplementary groups: the primary group, the image's /etc/group memberships of the user
 *   (containerd's WithAdditionalGIDs), the Pod's fsGroup and supplementalGroups (the kubelet's);
 *   setgroups(2) keeps them sorted;
 * - capabilities: containerd's default set (CAP_CHOWN … CAP_SETFCAP) or, privileged, all; then
 *   add ALL, drop ALL, add and drop by name, in that order (WithCapabilities). The bounding set is
 *   what runc sets; execve(2) leaves a non-root process none permitted or effective (no file
 *   capabilities, no ambient ones), and root all of its bounding set.
 */
import type { Obj } from '../controllers/machinery/objects';

/** Linux 5.15's capabilities by number (include/uapi/linux/capability.h), CAP_LAST_CAP = 40. */
const CAPS = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT', 'SYS_PTRACE',
  'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE', 'AUDIT_WRITE',
  'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ', 'PERFMON', 'BPF',
  'CHECKPOINT_RESTORE',
];

/** containerd's default capabilities (pkg/oci defaultUnixCaps). */
const DEFAULT_CAPS = ['CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE'];

export interface Credentials {
  uid: number;
  gid: number;
  groups: number[];
  /** The capability sets as /proc/PID/status prints them: 16 hex digits each. */
  permitted: string;
  bounding: string;
}

function mask(names: Iterable<string>): string {
  let bits = 0n;
  for (const n of names) {
    const i = CAPS.indexOf(n);
    if (i >= 0) bits |= 1n << BigInt(i);
  }
  return bits.toString(16).padStart(16, '0');
}

/** The bounding set of a container: its default, then the securityContext's changes. */
function boundingSet(sc: Obj, privileged: boolean): Set<string> {
  let set = new Set(privileged ? CAPS : DEFAULT_CAPS);
  const add = ((sc.capabilities?.add ?? []) as string[]).map((c) => String(c).toUpperCase());
  const drop = ((sc.capabilities?.drop ?? []) as string[]).map((c) => String(c).toUpperCase());
  if (privileged) return set;
  if (add.includes('ALL')) set = new Set(CAPS);
  if (drop.includes('ALL')) set = new Set();
  for (const c of add) if (c !== 'ALL') set.add(c);
  for (const c of drop) if (c !== 'ALL') set.delete(c);
  return set;
}

/** A line of an /etc file split on ':' (passwd, group). */
const records = (text: string) => text.split('\n').filter(Boolean).map((l) => l.split(':'));

export function containerCredentials(pod: Obj, container: Obj, readFile: (path: string) => string | undefined): Credentials {
  const podSc = (pod.spec?.securityContext ?? {}) as Obj;
  const sc = (container.securityContext ?? {}) as Obj;
  const uid = Number(sc.runAsUser ?? podSc.runAsUser ?? 0);
  const passwd = records(readFile('/etc/passwd') ?? '');
  const user = passwd.find((r) => Number(r[2]) === uid);
  const gid = Number(sc.runAsGroup ?? podSc.runAsGroup ?? user?.[3] ?? 0);
  const groups = [gid];
  if (user) for (const r of records(readFile('/etc/group') ?? '')) if (Number(r[2]) !== gid && (r[3] ?? '').split(',').includes(user[0])) groups.push(Number(r[2]));
  if (podSc.fsGroup !== undefined) groups.push(Number(podSc.fsGroup));
  for (const g of (podSc.supplementalGroups ?? []) as number[]) groups.push(Number(g));
  const bounding = mask(boundingSet(sc, sc.privileged === true));
  return { uid, gid, groups: groups.sort((a, b) => a - b), bounding, permitted: uid === 0 ? bounding : '0'.repeat(16) };
}
