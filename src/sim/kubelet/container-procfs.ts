/**
 * The procfs a container reads on /proc: what a Linux 5.15 kernel shows a process in the
 * container's PID namespace. Its pid directories are the container's processes (as busybox ps
 * lists them), the memory and CPUs are the node's (no LXCFS on a kubeadm node), the mount table
 * is the one runc built. The formats are the kernel's: fs/proc/array.c (status), meminfo.c,
 * loadavg.c, uptime.c, version.c, base.c (cmdline, environ, cgroup, mounts via show_vfsmnt),
 * arch/x86/kernel/cpu/proc.c (cpuinfo).
 *
 * The tree is written again before each program runs, so that /proc/self is that program and the
 * numbers are those of the moment; its directories keep the procfs flag, so nothing can be made
 * in them.
 */
import type { Inode } from '../machine/fs';
import { directoryEntriesChanged } from '../machine/fs';
import type { ContainerProcess } from './container-processes';
import type { ContainerMount } from './container-mounts';
import type { Meminfo } from './container-meminfo';
import type { Credentials } from './container-credentials';

/** What the kernel knows when a process reads /proc. */
export interface ProcState {
  processes: readonly ProcessView[];
  /** The reading process (the target of /proc/self). */
  selfPid: number;
  memory: Meminfo;
  cpus: number;
  mounts: readonly ContainerMount[];
  /** Seconds since the node booted. */
  uptimeSeconds: number;
  /** The node's /proc/version line. */
  version: string;
  /** The node's /proc/swaps (swap is the kernel's, not a namespace's). */
  swaps: string;
  /** The user, groups and capabilities the container's processes run with. */
  credentials: Credentials;
  /** What the kubelet set for the container's processes (its QoS). */
  oomScoreAdj: number;
  /** The sysctls the container reads under /proc/sys, by path below it (kernel/hostname, net/ipv4/ip_forward). */
  sysctls: Readonly<Record<string, string>>;
  /** runc remounts /proc/sys read-only, but not for a privileged container. */
  sysReadOnly: boolean;
  now: number;
}

export interface ProcessView extends ContainerProcess {
  env: Readonly<Record<string, string>>;
  /** Virtual size in KiB (what top shows as VSZ). */
  vsz: number;
  /** The path the program was executed as (the target of /proc/PID/exe). */
  exe: string;
  running: boolean;
  /** What fds 0, 1 and 2 are: a terminal, /dev/null or a pipe. */
  tty: boolean;
}

/** The masked and read-only paths runc sets up: their mounts are in place whatever the kernel holds. */
const MASKED_DIRS = ['acpi', 'scsi'];
const NULL_BOUND = ['kcore', 'keys', 'timer_list'];
const READ_ONLY_DIRS = ['bus', 'fs', 'irq', 'sys'];

/** The CPU of the node's VM, as its kernel describes it (the cores differ only by number). */
const CPU = {
  vendor: 'GenuineIntel',
  family: 6,
  model: 207,
  name: 'Intel(R) Xeon(R) Processor',
  stepping: 2,
  mhz: '2300.000',
  cacheKB: 266240,
  cpuidLevel: 28,
  flags:
    'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch cpuid_fault fsgsbase tsc_adjust bmi1 hle avx2 smep bmi2 erms invpcid rtm avx512f avx512dq rdseed adx smap avx512ifma clflushopt clwb avx512cd sha_ni avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves avx_vnni avx512_bf16 arat avx512vbmi umip avx512_vbmi2 gfni vaes vpclmulqdq avx512_vnni avx512_bitalg avx512_vpopcntdq rdpid cldemote movdiri movdir64b fsrm serialize tsxldtrk avx512_fp16 arch_capabilities',
  bugs: 'spectre_v1 spectre_v2 spec_store_bypass swapgs retbleed bhi',
  bogomips: '4600.00',
  addressSizes: '48 bits physical, 57 bits virtual',
};

/** /proc/cpuinfo: show_cpuinfo's block for each CPU, a blank line after each. */
export function cpuinfo(cpus: number): string {
  let out = '';
  for (let i = 0; i < cpus; i++) {
    out +=
      `processor\t: ${i}\nvendor_id\t: ${CPU.vendor}\ncpu family\t: ${CPU.family}\nmodel\t\t: ${CPU.model}\nmodel name\t: ${CPU.name}\n` +
      `stepping\t: ${CPU.stepping}\nmicrocode\t: 0x1\ncpu MHz\t\t: ${CPU.mhz}\ncache size\t: ${CPU.cacheKB} KB\nphysical id\t: 0\n` +
      `siblings\t: ${cpus}\ncore id\t\t: ${i}\ncpu cores\t: ${cpus}\napicid\t\t: ${i}\ninitial apicid\t: ${i}\n` +
      `fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: ${CPU.cpuidLevel}\nwp\t\t: yes\nflags\t\t: ${CPU.flags}\n` +
      `bugs\t\t: ${CPU.bugs}\nbogomips\t: ${CPU.bogomips}\nclflush size\t: 64\ncache_alignment\t: 64\n` +
      `address sizes\t: ${CPU.addressSizes}\npower management:\n\n`;
  }
  return out;
}

/** meminfo_proc_show's "%-16s%8lu kB" lines (show_val_kb), in 5.15's order. */
export function meminfo(m: Meminfo): string {
  const anon = m.total - m.free - m.buffers - m.cached - m.reclaimable;
  const activeFile = Math.round(m.cached * 0.45);
  const inactiveFile = m.cached + m.buffers - activeFile;
  const rows: [string, number][] = [
    ['MemTotal', m.total],
    ['MemFree', m.free],
    ['MemAvailable', m.available],
    ['Buffers', m.buffers],
    ['Cached', m.cached],
    ['SwapCached', 0],
    ['Active', activeFile + Math.round(anon * 0.05)],
    ['Inactive', inactiveFile + anon - Math.round(anon * 0.05)],
    ['Active(anon)', Math.round(anon * 0.05)],
    ['Inactive(anon)', anon - Math.round(anon * 0.05)],
    ['Active(file)', activeFile],
    ['Inactive(file)', inactiveFile],
    ['Unevictable', 0],
    ['Mlocked', 0],
    ['SwapTotal', m.swapTotal],
    ['SwapFree', m.swapFree],
    ['Dirty', 120],
    ['Writeback', 0],
    ['AnonPages', anon],
    ['Mapped', Math.round(m.cached * 0.2)],
    ['Shmem', m.shared],
    ['KReclaimable', m.reclaimable],
    ['Slab', m.reclaimable + Math.round(m.reclaimable * 0.4)],
    ['SReclaimable', m.reclaimable],
    ['SUnreclaim', Math.round(m.reclaimable * 0.4)],
    ['KernelStack', 4512],
    ['PageTables', 6420],
    ['NFS_Unstable', 0],
    ['Bounce', 0],
    ['WritebackTmp', 0],
    // overcommit_ratio 50: half the memory plus the swap.
    ['CommitLimit', Math.floor(m.total / 2) + m.swapTotal],
    ['Committed_AS', anon * 2],
    ['VmallocTotal', 34359738367],
    ['VmallocUsed', 21344],
    ['VmallocChunk', 0],
    ['Percpu', 1024],
    ['HardwareCorrupted', 0],
    ['AnonHugePages', 0],
    ['ShmemHugePages', 0],
    ['ShmemPmdMapped', 0],
    ['FileHugePages', 0],
    ['FilePmdMapped', 0],
  ];
  let out = rows.map(([k, v]) => `${`${k}:`.padEnd(16)}${String(v).padStart(8)} kB\n`).join('');
  // hugetlb_report_meminfo: counts without a unit, then the page size and the total.
  for (const k of ['HugePages_Total', 'HugePages_Free', 'HugePages_Rsvd', 'HugePages_Surp']) out += `${`${k}:`.padEnd(16)}${'0'.padStart(8)}\n`;
  out += `${'Hugepagesize:'.padEnd(16)}${'2048'.padStart(8)} kB\n${'Hugetlb:'.padEnd(16)}${'0'.padStart(8)} kB\n`;
  // arch_report_meminfo (x86): the direct map of the memory in 4k, 2M and 1G pages.
  const direct4k = 155500;
  const direct2m = Math.max(0, Math.ceil((m.total + 262144 - direct4k) / 2048) * 2048);
  for (const [k, v] of [['DirectMap4k', direct4k], ['DirectMap2M', direct2m], ['DirectMap1G', 0]] as const) out += `${`${k}:`.padEnd(16)}${String(v).padStart(8)} kB\n`;
  return out;
}

/** The load the node carries (a quiet node: its figures do not move). */
const LOAD = '0.08 0.03 0.01';
/** Tasks of the node outside the container (its daemons' threads). */
const NODE_TASKS = 190;

/**
 * loadavg_proc_show: the three averages, running/all tasks on the node, and the last pid given
 * out in the reader's PID namespace. busybox top prints the same line.
 */
export function loadavg(processes: readonly { pid: number; running?: boolean }[], running: number): string {
  const last = Math.max(...processes.map((p) => p.pid));
  return `${LOAD} ${running}/${processes.length + NODE_TASKS} ${last}\n`;
}

/** uptime_proc_show: seconds up and seconds all CPUs idled, two decimals each. */
function uptime(seconds: number, cpus: number): string {
  const idle = seconds * cpus * 0.97;
  return `${seconds.toFixed(2)} ${idle.toFixed(2)}\n`;
}

/** proc_pid_status as 5.15 prints it for a process of the container (a single-threaded busybox applet). */
function status(p: ProcessView, s: ProcState): string {
  const kb = (n: number) => `${String(n).padStart(8)} kB`;
  const rssFile = Math.min(p.vsz, 1000);
  const rssAnon = 4 + (p.name === 'sh' ? 56 : 0);
  // A process that switched user itself (setgid, initgroups, setuid) keeps no capability but its bounding set.
  const own = p.user;
  const { uid, gid, groups, permitted, bounding } = own ? { ...s.credentials, ...own, groups: [own.gid], permitted: '0'.repeat(16) } : s.credentials;
  // RLIMIT_SIGPENDING: half of max_threads, a thread per 32 pages of memory.
  const sigpending = Math.floor(s.memory.total / 256);
  const cpuList = s.cpus > 1 ? `0-${s.cpus - 1}` : '0';
  const cpuMask = (2 ** s.cpus - 1).toString(16);
  const lines = [
    `Name:\t${p.name.slice(0, 15)}`,
    'Umask:\t0022',
    `State:\t${p.running ? 'R (running)' : 'S (sleeping)'}`,
    `Tgid:\t${p.pid}`,
    'Ngid:\t0',
    `Pid:\t${p.pid}`,
    `PPid:\t${p.ppid}`,
    'TracerPid:\t0',
    `Uid:\t${uid}\t${uid}\t${uid}\t${uid}`,
    `Gid:\t${gid}\t${gid}\t${gid}\t${gid}`,
    'FDSize:\t64',
    `Groups:\t${groups.join(' ')} `,
    `NStgid:\t${p.pid}`,
    `NSpid:\t${p.pid}`,
    `NSpgid:\t${p.ppid === 0 ? p.pid : p.ppid}`,
    `NSsid:\t${p.ppid === 0 ? p.pid : p.ppid}`,
    `VmPeak:\t${kb(p.vsz)}`,
    `VmSize:\t${kb(p.vsz)}`,
    `VmLck:\t${kb(0)}`,
    `VmPin:\t${kb(0)}`,
    `VmHWM:\t${kb(rssAnon + rssFile)}`,
    `VmRSS:\t${kb(rssAnon + rssFile)}`,
    `RssAnon:\t${kb(rssAnon)}`,
    `RssFile:\t${kb(rssFile)}`,
    `RssShmem:\t${kb(0)}`,
    `VmData:\t${kb(p.vsz - 4124)}`,
    `VmStk:\t${kb(132)}`,
    `VmExe:\t${kb(1004)}`,
    `VmLib:\t${kb(8)}`,
    `VmPTE:\t${kb(44)}`,
    `VmSwap:\t${kb(0)}`,
    `HugetlbPages:\t${kb(0)}`,
    'CoreDumping:\t0',
    'THP_enabled:\t1',
    'Threads:\t1',
    `SigQ:\t0/${sigpending}`,
    'SigPnd:\t0000000000000000',
    'ShdPnd:\t0000000000000000',
    'SigBlk:\t0000000000000000',
    'SigIgn:\t0000000000000000',
    `SigCgt:\t${p.name === 'sh' ? '0000000000010002' : '0000000000000000'}`,
    'CapInh:\t0000000000000000',
    `CapPrm:\t${permitted}`,
    `CapEff:\t${permitted}`,
    `CapBnd:\t${bounding}`,
    'CapAmb:\t0000000000000000',
    'NoNewPrivs:\t0',
    'Seccomp:\t0',
    'Seccomp_filters:\t0',
    'Speculation_Store_Bypass:\tthread vulnerable',
    'SpeculationIndirectBranch:\tconditional enabled',
    `Cpus_allowed:\t${cpuMask}`,
    `Cpus_allowed_list:\t${cpuList}`,
    `Mems_allowed:\t${[...Array(31).fill('00000000'), '00000001'].join(',')}`,
    'Mems_allowed_list:\t0',
    `voluntary_ctxt_switches:\t${p.pid === 1 ? 38 : 2}`,
    `nonvoluntary_ctxt_switches:\t${p.pid === 1 ? 4 : 0}`,
  ];
  return lines.join('\n') + '\n';
}

/** show_vfsmnt: "device mountpoint type options 0 0", spaces in names escaped as \040. */
export function mountsFile(mounts: readonly ContainerMount[]): string {
  const esc = (s: string) => s.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
  return mounts.map((m) => `${esc(m.device)} ${esc(m.dir)} ${m.type} ${m.options} 0 0\n`).join('');
}

/** A file; `kept` when what a process wrote there stays (a writable sysctl holds its new value). */
type Entry = { kind: 'file'; data: string; mode?: number; readOnly?: boolean; kept?: boolean } | { kind: 'link'; target: string; mode?: number; size?: number } | { kind: 'dir'; entries: Record<string, Entry>; mode?: number };

const file = (data: string, mode = 0o444): Entry => ({ kind: 'file', data, mode });
const link = (target: string): Entry => ({ kind: 'link', target });
const dir = (entries: Record<string, Entry>, mode = 0o555): Entry => ({ kind: 'dir', entries, mode });

/** A pipe's inode number as the link names it: a number per process and fd, stable between reads. */
const pipe = (pid: number, fd: number) => `pipe:[${31000 + pid * 16 + fd}]`;

function pidDir(p: ProcessView, s: ProcState): Entry {
  // Without a terminal the runtime gives stdin /dev/null (opened read-write) and the output its
  // pipes (write-only); with one, the terminal read-write on all three. A link's mode is the
  // descriptor's access (proc_fd_link), its size 64.
  const fd = (target: string, mode: number): Entry => ({ kind: 'link', target, mode, size: 64 });
  const fd0 = p.tty ? fd('/dev/pts/0', 0o700) : fd('/dev/null', 0o700);
  const out = (n: number) => (p.tty ? fd('/dev/pts/0', 0o700) : fd(pipe(p.pid, n), 0o300));
  return dir({
    cgroup: file('0::/\n'),
    cmdline: file(p.argv.map((a) => `${a}\0`).join('')),
    comm: file(`${p.name.slice(0, 15)}\n`, 0o644),
    cwd: link('/'),
    environ: file(p.environ ? p.environ(p.env) : Object.entries(p.env).map(([k, v]) => `${k}=${v}\0`).join(''), 0o400),
    exe: link(p.exe),
    fd: dir({ '0': fd0, '1': out(1), '2': out(2) }, 0o500),
    mounts: file(mountsFile(s.mounts)),
    oom_score_adj: file(`${s.oomScoreAdj}\n`, 0o644),
    root: link('/'),
    status: file(status(p, s)),
  });
}

/**
 * /proc/sys, which runc remounts read-only unless privileged (writing fails with EROFS): the sysctls as files
 * (0644), in directories by their dotted names.
 */
function sysTree(sysctls: Readonly<Record<string, string>>, readOnly: boolean): Entry {
  const root: Record<string, Entry> = {};
  for (const [path, value] of Object.entries(sysctls)) {
    const parts = path.split('/');
    let entries = root;
    for (const part of parts.slice(0, -1)) {
      const next = entries[part];
      if (next?.kind !== 'dir') entries[part] = dir({});
      entries = (entries[part] as { entries: Record<string, Entry> }).entries;
    }
    entries[parts[parts.length - 1]] = { kind: 'file', data: `${value}\n`, mode: 0o644, readOnly, kept: !readOnly };
  }
  return dir(root);
}

/** Every entry of the container's /proc, pid directories first. */
function procEntries(s: ProcState): Record<string, Entry> {
  const entries: Record<string, Entry> = {};
  for (const p of s.processes) entries[String(p.pid)] = pidDir(p, s);
  const running = s.processes.filter((p) => p.running).length;
  Object.assign(entries, {
    cpuinfo: file(cpuinfo(s.cpus)),
    loadavg: file(loadavg(s.processes, running)),
    meminfo: file(meminfo(s.memory)),
    mounts: link('self/mounts'),
    self: link(String(s.selfPid)),
    swaps: file(s.swaps),
    sys: sysTree(s.sysctls, s.sysReadOnly),
    uptime: file(uptime(s.uptimeSeconds, s.cpus)),
    version: file(s.version),
  });
  return entries;
}

/** The sub-trees runc masks or remounts read-only, as the container finds them under /proc. */
function runcPaths(proc: Inode, now: number): void {
  const kids = proc.children!;
  for (const name of [...MASKED_DIRS, ...READ_ONLY_DIRS]) if (!kids.has(name)) kids.set(name, { type: 'dir', mode: 0o555, uid: 0, gid: 0, mtimeMs: now, children: new Map(), procfs: true });
  for (const name of NULL_BOUND) if (!kids.has(name)) kids.set(name, { type: 'chardev', mode: 0o666, uid: 0, gid: 0, mtimeMs: now, device: 'null' });
  if (!kids.has('sysrq-trigger')) kids.set('sysrq-trigger', { type: 'file', mode: 0o200, uid: 0, gid: 0, mtimeMs: now, data: '', procfs: true });
}

function toInode(e: Entry, now: number, old?: Inode): Inode {
  // A file read twice keeps its inode (ls -i, find -inum): only the content is new.
  const base = { uid: 0, gid: 0, mtimeMs: old?.mtimeMs ?? now };
  switch (e.kind) {
    case 'file':
      if (old?.type === 'file') return e.kept ? old : Object.assign(old, { data: e.data, mode: e.mode ?? 0o444 });
      return { type: 'file', mode: e.mode ?? 0o444, ...base, data: e.data, procfs: true, ...(e.readOnly ? { readOnly: true } : {}) };
    case 'link':
      if (old?.type === 'symlink') return Object.assign(old, { target: e.target, mode: e.mode ?? 0o777 });
      return { type: 'symlink', mode: e.mode ?? 0o777, ...base, target: e.target, procfs: true, ...(e.size ? { procSize: e.size } : {}) };
    case 'dir': {
      const node: Inode = old?.type === 'dir' ? old : { type: 'dir', mode: e.mode ?? 0o555, ...base, children: new Map(), procfs: true };
      const kids = node.children!;
      for (const name of [...kids.keys()]) if (!(name in e.entries)) kids.delete(name);
      for (const [name, child] of Object.entries(e.entries)) kids.set(name, toInode(child, now, kids.get(name)));
      return node;
    }
  }
}

/** Write the container's /proc for a process about to run: pid directories of the living processes, the kernel's files. */
export function refreshProc(proc: Inode, s: ProcState): void {
  if (proc.type !== 'dir' || !proc.children) return;
  const kids = proc.children;
  const before = [...kids.keys()].join('/');
  const entries = procEntries(s);
  // Pid directories of processes gone are gone.
  for (const name of [...kids.keys()]) if (/^\d+$/.test(name) && !(name in entries)) kids.delete(name);
  for (const [name, e] of Object.entries(entries)) kids.set(name, toInode(e, s.now, kids.get(name)));
  runcPaths(proc, s.now);
  // Only a process come or gone changes the entries (what pollers of directories look for).
  if ([...kids.keys()].join('/') !== before) directoryEntriesChanged();
}
