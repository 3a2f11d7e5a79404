/** The journal: entries per unit with the identifier and PID journalctl prints. */

export interface JournalEntry {
  t: number;
  /** The unit the entry belongs to (journalctl -u). */
  unit: string;
  /** SYSLOG_IDENTIFIER: "systemd" for the manager's own lines, else the program. */
  ident: string;
  pid: number;
  msg: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `Nov 22 00:40:01` as journalctl's short format and syslog print it. */
export function shortTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function formatEntry(e: JournalEntry, host: string): string {
  return `${shortTime(e.t)} ${host} ${e.ident}[${e.pid}]: ${e.msg}`;
}

/**
 * A klog line whose header (time, pid) is written when the line is journaled, not when it is
 * made: a crash loop computes its failure once and each attempt prints it with its own time and
 * process (plain data: it is kept in the machine's state).
 */
export interface KlogLine {
  klog: 'I' | 'W' | 'E';
  source: string;
  text: string;
}

/** What a service prints: a finished line, or a klog line to be headed when journaled. */
export type ServiceLogLine = string | KlogLine;

/** The line as journaled at `ms` by process `pid`. */
export function renderServiceLine(line: ServiceLogLine, ms: number, pid: number): string {
  return typeof line === 'string' ? line : `${klogPrefix(line.klog, ms, pid, line.source)}${line.text}`;
}

/** klog's header: `E1122 00:40:01.123456    1234 run.go:72] `. */
export function klogPrefix(level: 'I' | 'W' | 'E', ms: number, pid: number, source: string): string {
  const d = new Date(ms);
  const micros = pad((ms % 1000) * 1000 + 123, 6);
  return `${level}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${micros} ${String(pid).padStart(7)} ${source}] `;
}

/** `Sun 2026-11-22 00:40:01 UTC` as systemctl status prints a timestamp. */
export function statusTime(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return `${days[d.getUTCDay()]} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** `5min ago`, `2h 3min ago`, `12s ago` as systemd formats a time span. */
export function agoText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}min ${s % 60}s ago`.replace(/ 0s ago$/, ' ago');
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${m % 60}min ago`.replace(/ 0min ago$/, ' ago');
  const days = Math.floor(h / 24);
  return `${days} day${days > 1 ? 's' : ''} ago`;
}
