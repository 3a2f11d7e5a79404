/**
 * ps's columns, as procps-ng 3.3.17's format_array (ps/output.c) defines them: the name given to
 * -o, the header, the width, the alignment and what a cell holds. A PID-like column is as wide as
 * the largest pid (pid_max 4194304: 7 digits). Sorting compares the column's value (its sr_ function)
 * or, where procps has none (sz, lstart, start, pri, bsdtime), the printed text.
 */
import { wchanAddress, type PsProc } from './proc';
import { NOP_COLUMNS } from './specifiers';
import { bsdStart, bsdTime, cpuTime, ctime, elapsed, startTimeShort, started } from './times';

/**
 * right: numbers; left: text; user: a name, cut to the width with '+'; unlimited: the command, to
 * the screen's edge; wchan: cut to the width; signal: a signal mask, 16 digits when the line has
 * room for every mask so wide, else 8.
 */
export type Align = 'right' | 'left' | 'user' | 'unlimited' | 'wchan' | 'signal';

export interface CellEnv {
  now: number;
  totalKiB: number;
  /** How many cells the cell may take (the width, or the rest of the line for the last column). */
  maxRight: number;
  /** The forest's indentation before a command. */
  forest: string;
  /** -f: comm shows the command line. */
  unixF: boolean;
  /** BSD c: args shows the command's name. */
  bsdC: boolean;
  /** BSD n: users and wait channels as numbers. */
  numeric?: boolean;
  /** Signal masks get 16 digits (check_header_width's wide_signals). */
  wideSignals?: boolean;
}

export interface Column {
  header: string;
  width: number;
  align: Align;
  /** As wide as the largest pid. */
  pidmax?: boolean;
  /** A command column: a forest draws its art before it. */
  tree?: boolean;
  /** Shown for a process only, or for a thread only (with m and -m the other rows show '-'). */
  only?: 'process' | 'thread';
  cell(p: PsProc, env: CellEnv): string;
  /** With BSD n: the number a name column shows instead (a user's or group's id, a wait channel's address). */
  number?(p: PsProc): string;
  /** The sort value, where procps sorts by value rather than by the printed text. */
  key?(p: PsProc, env: CellEnv): number | string;
}

const etimeOf = (p: PsProc, env: CellEnv) => Math.max(0, Math.floor((env.now - p.startMs) / 1000));

/** Per-mill of CPU over the process's life (pr_pcpu, pr_c). */
function perMill(p: PsProc, env: CellEnv): number {
  const s = etimeOf(p, env);
  return s ? Math.floor((p.cpuSeconds * 1000) / s) : 0;
}

function pcpu(p: PsProc, env: CellEnv): string {
  const v = perMill(p, env);
  return v > 999 ? String(Math.floor(v / 10)) : `${Math.floor(v / 10)}.${v % 10}`;
}

function pmem(p: PsProc, env: CellEnv): string {
  const v = Math.min(999, Math.floor((p.rssKiB * 1000) / env.totalKiB));
  return `${String(Math.floor(v / 10)).padStart(2)}.${v % 10}`;
}

/** A command line or name, after the forest's art, cut to the cells left. */
function command(text: string, env: CellEnv): string {
  return (env.forest + text).slice(0, Math.max(0, env.maxRight));
}

const args = (p: PsProc, env: CellEnv) => command(env.bsdC ? p.comm : p.args, env);
const comm = (p: PsProc, env: CellEnv) => command(env.unixF ? p.args : p.comm, env);
const fname = (p: PsProc, env: CellEnv) => (env.forest + p.comm.slice(0, Math.min(8, env.maxRight))).slice(0, Math.max(8, env.maxRight));
const num = (f: (p: PsProc) => number): Pick<Column, 'cell' | 'key'> => ({ cell: (p) => String(f(p)), key: (p) => f(p) });
/** Text-segment size: the program's code, about 1 MiB of its mapping (trs, tsiz). */
const trs = (p: PsProc) => Math.min(p.vszKiB, 1024);

/**
 * A signal mask as /proc/PID/status gives it (16 hex digits), as help_pr_sig prints it: whole when
 * wide, else its last 8 digits, after '<' when more digits are set.
 */
function signalMask(mask: string, env: CellEnv): string {
  if (env.wideSignals) return mask;
  return mask.replace(/^0+/, '').length > 8 ? `<${mask.slice(-8)}` : mask.slice(-8);
}

/** The processes' signal masks: none pending, blocked, ignored or caught here. */
const signal = (header: string): Column => ({ header, width: 9, align: 'signal', cell: (_p, e) => signalMask('0000000000000000', e) });

const cUtil: Column = { header: 'C', width: 2, align: 'right', cell: (p, e) => String(Math.min(99, Math.floor(perMill(p, e) / 10))).padStart(2), key: perMill };
const pid: Column = { header: 'PID', width: 5, align: 'right', pidmax: true, ...num((p) => p.pid) };
const ppid: Column = { header: 'PPID', width: 5, align: 'right', pidmax: true, ...num((p) => p.ppid) };
const pgid: Column = { header: 'PGID', width: 5, align: 'right', pidmax: true, ...num((p) => p.pgid) };
const sess: Column = { header: 'SESS', width: 5, align: 'right', pidmax: true, ...num((p) => p.sid) };
const user: Column = { header: 'USER', width: 8, align: 'user', cell: (p) => p.user, key: (p) => p.user, number: (p) => String(p.uid) };
const group: Column = { header: 'GROUP', width: 8, align: 'user', cell: (p) => p.group, key: (p) => p.group, number: (p) => String(p.gid) };
const uid: Column = { header: 'UID', width: 5, align: 'right', ...num((p) => p.uid) };
const gid: Column = { header: 'GID', width: 5, align: 'right', ...num((p) => p.gid) };
/** A terminal's device number, as sr_tty compares them: none, then the virtual consoles, then the pseudo-terminals. */
function ttyDevice(tty: string): number {
  const n = Number(/\d+$/.exec(tty)?.[0] ?? 0);
  return tty === '?' ? 0 : tty.startsWith('pts/') ? (136 << 8) + n : (4 << 8) + n;
}

const tty: Column = { header: 'TT', width: 8, align: 'left', cell: (p) => p.tty, key: (p) => ttyDevice(p.tty) };
const time: Column = { header: 'TIME', width: 8, align: 'right', cell: (p) => cpuTime(p.cpuSeconds), key: (p) => Math.floor(p.cpuSeconds) };
const etime: Column = { header: 'ELAPSED', width: 11, align: 'right', cell: (p, e) => elapsed(etimeOf(p, e)), key: etimeOf };
const startTime: Column = { header: 'START', width: 5, align: 'right', cell: (p, e) => startTimeShort(p.startMs, e.now), key: (p) => p.startMs };
const cmd: Column = { header: 'CMD', width: 27, align: 'unlimited', tree: true, cell: args, key: (p) => p.comm };
const rss: Column = { header: 'RSS', width: 5, align: 'right', ...num((p) => p.rssKiB) };
const vsz: Column = { header: 'VSZ', width: 6, align: 'right', ...num((p) => p.vszKiB) };
const state: Column = { header: 'S', width: 1, align: 'left', cell: (p) => p.state, key: (p) => p.state };
const flags: Column = { header: 'F', width: 1, align: 'right', ...num((p) => p.flags) };
const nice: Column = { header: 'NI', width: 3, align: 'right', ...num((p) => p.nice) };
const opri: Column = { header: 'PRI', width: 3, align: 'right', cell: (p) => String(60 + p.priority), key: (p) => p.priority };
const tid: Column = { header: 'TID', width: 5, align: 'right', pidmax: true, ...num((p) => p.tid) };
const nlwp: Column = { header: 'NLWP', width: 4, align: 'right', ...num((p) => p.nlwp) };
const ucomm: Column = { header: 'COMMAND', width: 15, align: 'unlimited', tree: true, cell: comm, key: (p) => p.comm };
const wchan: Column = {
  header: 'WCHAN',
  width: 6,
  align: 'wchan',
  cell: (p, e) => (p.wchan === '-' ? '-' : p.wchan.slice(0, e.maxRight)),
  key: (p) => p.wchan,
  number: (p) => (p.wchan === '-' ? '-' : wchanAddress(p.wchan)),
};

const TABLE: Record<string, Column> = {
  '%cpu': { header: '%CPU', width: 4, align: 'right', cell: pcpu, key: perMill },
  '%mem': { header: '%MEM', width: 4, align: 'right', cell: pmem, key: (p) => p.rssKiB },
  addr_1: { header: 'ADDR', width: 1, align: 'left', cell: () => '-' },
  args: { ...cmd, header: 'COMMAND' },
  atime: time,
  bsdstart: { header: 'START', width: 6, align: 'right', cell: (p, e) => bsdStart(p.startMs, e.now) },
  bsdtime: { header: 'TIME', width: 6, align: 'right', cell: (p) => bsdTime(p.cpuSeconds) },
  c: cUtil,
  util: cUtil,
  class: { header: 'CLS', width: 3, align: 'left', cell: () => 'TS', key: () => 0 },
  cls: { header: 'CLS', width: 3, align: 'right', cell: () => 'TS', key: () => 0 },
  cmd,
  comm: ucomm,
  command: { ...cmd, header: 'COMMAND' },
  cp: { header: 'CP', width: 3, align: 'right', cell: (p, e) => String(Math.min(999, perMill(p, e))).padStart(3), key: perMill },
  cputime: time,
  cputimes: { ...time, cell: (p) => String(Math.floor(p.cpuSeconds)) },
  drs: { header: 'DRS', width: 5, align: 'right', ...num((p) => p.vszKiB - trs(p)) },
  egid: { ...gid, header: 'EGID' },
  egroup: { ...group, header: 'EGROUP' },
  fgroup: { ...group, header: 'FGROUP' },
  group,
  etime,
  etimes: { ...etime, width: 7, cell: (p, e) => String(etimeOf(p, e)) },
  euid: { ...uid, header: 'EUID' },
  euser: { ...user, header: 'EUSER' },
  f: flags,
  fgid: { ...gid, header: 'FGID' },
  flag: flags,
  flags,
  fname: { header: 'COMMAND', width: 8, align: 'left', tree: true, cell: fname },
  fuid: { ...uid, header: 'FUID' },
  fsuid: { ...uid, header: 'FSUID' },
  fsgid: { ...gid, header: 'FSGID' },
  fsuser: { ...user, header: 'FSUSER' },
  fsgroup: { ...group, header: 'FSGROUP' },
  svuser: { ...user, header: 'SVUSER' },
  svgroup: { ...group, header: 'SVGROUP' },
  cpuid: { header: 'CPUID', width: 5, align: 'right', cell: () => '0' },
  lastcpu: { header: 'C', width: 3, align: 'right', cell: () => '0' },
  longtname: { ...tty, header: 'TTY' },
  tty4: { ...tty, header: 'TTY', width: 4, cell: (p) => p.tty.replace(/^tty(?=.)/, '').replace(/^pts\/(?=.)/, '') },
  pri_api: { header: 'API', width: 3, align: 'right', cell: (p) => String(-1 - p.priority) },
  pri_bar: { header: 'BAR', width: 3, align: 'right', cell: (p) => String(p.priority + 1) },
  pri_baz: { header: 'BAZ', width: 3, align: 'right', cell: (p) => String(p.priority + 100) },
  pri_foo: { header: 'FOO', width: 3, align: 'right', cell: (p) => String(p.priority - 20) },
  sched: { header: 'SCH', width: 3, align: 'right', cell: () => '0', key: () => 0 },
  policy: { header: 'POL', width: 3, align: 'left', cell: () => 'TS', key: () => 0 },
  nwchan: { ...wchan, align: 'right', cell: (p) => (p.wchan === '-' ? '-' : wchanAddress(p.wchan)) },
  fuser: { ...user, header: 'FUSER' },
  gid,
  intpri: opri,
  lstart: { header: 'STARTED', width: 24, align: 'right', cell: (p) => ctime(p.startMs) },
  lwp: { ...tid, header: 'LWP' },
  maj_flt: { header: 'MAJFL', width: 6, align: 'right', cell: () => '0' },
  majflt: { header: 'MAJFLT', width: 6, align: 'right', cell: () => '0' },
  min_flt: { header: 'MINFL', width: 6, align: 'right', ...num((p) => Math.floor(p.rssKiB / 4)) },
  minflt: { header: 'MINFLT', width: 6, align: 'right', ...num((p) => Math.floor(p.rssKiB / 4)) },
  m_drs: { header: 'DRS', width: 5, align: 'right', ...num((p) => p.vszKiB - trs(p)) },
  m_trs: { header: 'TRS', width: 5, align: 'right', ...num(trs) },
  m_size: { header: 'SIZE', width: 5, align: 'right', ...num((p) => Math.floor(p.vszKiB / 4)) },
  ni: nice,
  nice,
  nlwp,
  opri,
  pagein: { header: 'PAGEIN', width: 6, align: 'right', cell: () => '0' },
  pcpu: { header: '%CPU', width: 4, align: 'right', cell: pcpu, key: perMill },
  pgid,
  pgrp: { ...pgid, header: 'PGRP' },
  pid,
  pmem: { header: '%MEM', width: 4, align: 'right', cell: pmem, key: (p) => p.rssKiB },
  ppid,
  pri: { header: 'PRI', width: 3, align: 'right', cell: (p) => String(39 - p.priority) },
  priority: { header: 'PRI', width: 3, align: 'right', ...num((p) => p.priority) },
  psr: { header: 'PSR', width: 3, align: 'right', cell: () => '0' },
  rgid: { ...gid, header: 'RGID' },
  rgroup: { ...group, header: 'RGROUP' },
  sgroup: { ...group, header: 'SGROUP' },
  rss,
  rssize: rss,
  rsz: { ...rss, header: 'RSZ' },
  rtprio: { header: 'RTPRIO', width: 6, align: 'right', cell: () => '-' },
  ruid: { ...uid, header: 'RUID' },
  ruser: { ...user, header: 'RUSER' },
  s: state,
  sess,
  session: sess,
  sgid: { ...gid, header: 'SGID' },
  sid: { ...sess, header: 'SID' },
  size: { header: 'SIZE', width: 5, align: 'right', ...num((p) => p.rssKiB) },
  spid: { ...tid, header: 'SPID' },
  start: { header: 'STARTED', width: 8, align: 'right', cell: (p, e) => started(p.startMs, e.now) },
  start_time: startTime,
  stat: { header: 'STAT', width: 4, align: 'left', cell: (p) => p.stat, key: (p) => p.state },
  state,
  // sr_stime compares the system CPU time (the column shows the start).
  stime: { ...startTime, header: 'STIME', key: (p) => Math.floor(p.cpuSeconds) },
  suid: { ...uid, header: 'SUID' },
  suser: { ...user, header: 'SUSER' },
  svgid: { ...gid, header: 'SVGID' },
  svuid: { ...uid, header: 'SVUID' },
  sz: { header: 'SZ', width: 5, align: 'right', cell: (p) => String(Math.floor(p.vszKiB / 4)) },
  tgid: { ...pid, header: 'TGID' },
  thcount: { ...nlwp, header: 'THCNT', width: 5 },
  tid,
  time,
  times: { ...time, cell: (p) => String(Math.floor(p.cpuSeconds)) },
  tname: { ...tty, header: 'TTY' },
  tpgid: { header: 'TPGID', width: 5, align: 'right', pidmax: true, ...num((p) => p.tpgid) },
  trs: { header: 'TRS', width: 4, align: 'right', ...num(trs) },
  trss: { header: 'TRSS', width: 4, align: 'right', ...num(trs) },
  tsiz: { header: 'TSIZ', width: 4, align: 'right', ...num(trs) },
  tt: tty,
  tty,
  tty8: { ...tty, header: 'TTY' },
  ucmd: { ...ucomm, header: 'CMD' },
  ucomm,
  uid,
  uid_hack: { ...user, header: 'UID' },
  uname: user,
  user,
  vsize: vsz,
  vsz,
  wchan,
  wname: wchan,
};

/** Which columns show for a process only and which for a thread only (format_array's PO and TO flags). */
const PROCESS_ONLY = ['longtname', 'tty4', 'trss', '%mem', 'pmem', 'args', 'cmd', 'command', 'comm', 'ucmd', 'ucomm', 'fname', 'pid', 'tgid', 'ppid', 'pgid', 'pgrp', 'sess', 'session', 'sid', 'tpgid', 'rss', 'rssize', 'rsz', 'vsz', 'vsize', 'sz', 'size', 'drs', 'm_drs', 'm_trs', 'trs', 'tsiz', 'tty', 'tt', 'tname', 'tty8', 'nlwp', 'thcount'];
const THREAD_ONLY = ['blocked', 'caught', 'ignored', 'sig_block', 'sig_catch', 'sig_ignore', 'sigcatch', 'sigignore', 'sigmask', 'pri_api', 'pri_bar', 'pri_baz', 'pri_foo', 'sched', 'policy', 'cpuid', 'lastcpu', 'nwchan', 'stat', 'state', 's', 'nice', 'ni', 'wchan', 'wname', 'lwp', 'tid', 'spid', 'priority', 'pri', 'opri', 'intpri', 'class', 'cls', 'psr', 'rtprio'];

const NOPS: Record<string, Column> = Object.fromEntries(NOP_COLUMNS.map(([name, header, width, align, only]) => [name, { header, width, align, only, cell: () => '-' }]));

const SIGNALS: Record<string, Column> = {
  blocked: signal('BLOCKED'),
  caught: signal('CAUGHT'),
  ignored: signal('IGNORED'),
  pending: signal('PENDING'),
  sig: signal('PENDING'),
  sig_block: signal('BLOCKED'),
  sig_catch: signal('CATCHED'),
  sig_ignore: signal('IGNORED'),
  sig_pend: signal('SIGNAL'),
  sigcatch: signal('CAUGHT'),
  sigignore: signal('IGNORED'),
  sigmask: signal('BLOCKED'),
  tsig: signal('PENDING'),
};

export const COLUMNS: Record<string, Column> = Object.fromEntries(
  Object.entries({ ...NOPS, ...TABLE, ...SIGNALS }).map(([name, c]) => [name, PROCESS_ONLY.includes(name) ? { ...c, only: 'process' } : THREAD_ONLY.includes(name) ? { ...c, only: 'thread' } : c]),
);
