/**
 * The column lists behind ps's format options, from procps-ng 3.3.17's ps/sortformat.c
 * (generate_sysv_list: the default, -f, -F, -l, -y, -j, -L and what BSD-style arguments change)
 * and its macro table in ps/output.c (u, j, l, s, v, -O's and O's trailers).
 */
export const MACROS: Record<string, string[]> = {
  OL_j: ['ppid', 'pid', 'pgid', 'sid', 'tname', 'tpgid', 'stat', 'uid', 'bsdtime', 'args'],
  OL_l: ['flags', 'uid', 'pid', 'ppid', 'priority', 'nice', 'vsz', 'rss', 'wchan', 'stat', 'tname', 'bsdtime', 'args'],
  OL_u: ['user', 'pid', 'pcpu', 'pmem', 'vsz', 'rss', 'tname', 'stat', 'start_time', 'bsdtime', 'args'],
  OL_m: ['pid', 'tname', 'majflt', 'minflt', 'm_trs', 'm_drs', 'm_size', 'm_swap', 'rss', 'm_share', 'vm_lib', 'm_dt', 'args'],
  OL_s: ['uid', 'pid', 'pending', 'sig_block', 'sig_ignore', 'caught', 'stat', 'tname', 'bsdtime', 'args'],
  OL_v: ['pid', 'tname', 'stat', 'bsdtime', 'maj_flt', 'm_trs', 'm_drs', 'rss', 'pmem', 'args'],
  END_BSD: ['state', 'tname', 'cputime', 'comm'],
  END_SYS5: ['state', 'tname', 'time', 'command'],
  DefBSD: ['pid', 'tname', 'stat', 'bsdtime', 'args'],
  DefSysV: ['pid', 'tname', 'time', 'cmd'],
};

/** What the format options asked for. */
export interface FormatRequest {
  /** -f, -F. */
  unixF: boolean;
  /** -F. */
  extraFull: boolean;
  /** -l. */
  unixL: boolean;
  /** -y. */
  noFlags: boolean;
  /** -j. */
  jobs: boolean;
  /** -L. */
  threads: boolean;
  /** -T. */
  spid: boolean;
  /** -P. */
  psr: boolean;
  /** -c: scheduling class and priority instead of NI and C. */
  sched?: boolean;
  /** A BSD-style argument (or trailing pid) was given: BSD's default columns. */
  preferBsd: boolean;
  /** BSD j, l, u, v (only one at a time). */
  bsd?: 'j' | 'l' | 'u' | 'v' | 's';
}

/** The columns of a SysV listing, first to last (generate_sysv_list builds it backwards). */
export function sysvColumns(f: FormatRequest): string[] {
  const anyFlag = f.unixF || f.unixL;
  const back: string[] = [];
  const push = (c: string) => back.push(c);
  if (f.preferBsd) {
    push(anyFlag ? 'cmd' : 'args');
    push('bsdtime');
    if (!f.unixL) push('stat');
  } else {
    push(f.unixF ? 'cmd' : 'ucmd');
    push('time');
  }
  push('tname');
  if (f.unixF) push('stime');
  if (f.extraFull) {
    if (!f.psr) push('psr');
    if (!(f.unixL && f.noFlags)) push('rss');
  }
  if (f.unixL) push('wchan');
  if (f.extraFull || f.unixL) push('sz');
  if (f.unixL) push(f.noFlags ? 'rss' : 'addr_1');
  if (f.sched) {
    push('pri');
    push('class');
  } else if (f.unixL) {
    push('ni');
    push('opri');
  }
  if (f.threads && f.unixF) push('nlwp');
  if (anyFlag && !f.sched) push('c');
  if (f.psr) push('psr');
  if (f.threads) push('lwp');
  if (f.jobs) {
    push('sid');
    push('pgid');
  }
  if (anyFlag) push('ppid');
  if (f.spid) push('spid');
  push('pid');
  if (f.unixF) push('uid_hack');
  else if (f.unixL) push('uid');
  if (f.unixL) {
    push('s');
    if (!f.noFlags) push('f');
  }
  return back.reverse();
}
