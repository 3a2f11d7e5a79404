/**
 * Signal names as busybox knows them (libbb/u_signal_names.c, with the image libc's numbers):
 * get_signum reads a name (with or without SIG) or a number, print_signames lists them as
 * `pkill -l` and `killall -l` print them (recorded from busybox 1.36.1).
 */
const SIGNALS: [number, string][] = [
  [1, 'HUP'], [2, 'INT'], [3, 'QUIT'], [4, 'ILL'], [5, 'TRAP'], [6, 'ABRT'], [7, 'BUS'], [8, 'FPE'], [9, 'KILL'], [10, 'USR1'],
  [11, 'SEGV'], [12, 'USR2'], [13, 'PIPE'], [14, 'ALRM'], [15, 'TERM'], [16, 'STKFLT'], [17, 'CHLD'], [18, 'CONT'], [19, 'STOP'],
  [20, 'TSTP'], [21, 'TTIN'], [22, 'TTOU'], [23, 'URG'], [24, 'XCPU'], [25, 'XFSZ'], [26, 'VTALRM'], [27, 'PROF'], [28, 'WINCH'],
  [29, 'POLL'], [30, 'PWR'], [31, 'SYS'], [34, 'RTMIN'], [64, 'RTMAX'],
];

/** get_signum: a number below NSIG (65), a name with or without SIG, IO and IOT as aliases (RTMIN+n is not read); -1 when none. */
export function signalNumber(text: string): number {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= 0 && n <= 64 ? n : -1;
  }
  const name = text.toUpperCase().replace(/^SIG/, '');
  const alias: Record<string, number> = { IO: 29, IOT: 6 };
  if (alias[name] !== undefined) return alias[name];
  return SIGNALS.find(([, n]) => n === name)?.[0] ?? -1;
}

export function signalList(): string {
  return SIGNALS.map(([n, name]) => `${String(n).padStart(2)}) ${name}\n`).join('');
}

/** get_signame: the name of a number, or the number itself when it has none. */
export function signalName(n: number): string {
  return SIGNALS.find(([k]) => k === n)?.[1] ?? String(n);
}
