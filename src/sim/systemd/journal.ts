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
 * process (plain data: it is kept in the machine's state). A start-up line says how long after the
 * process started it is written (`offsetMs`) and, optionally, the microseconds below that
 * millisecond, so that lines of one millisecond differ as real ones do.
 */
export interface KlogLine {
  klog: 'I' | 'W' | 'E';
  source: string;
  text: string;
  offsetMs?: number;
  micros?: number;
}

/** A line printed without a header (pflag's deprecation notices), `offsetMs` after the start. */
export interface PlainLine {
  plain: string;
  offsetMs: number;
}

/**
 * A line of a logrus-writing daemon (containerd): `time="…" level=info msg=… key=value…`, its time
 * the start plus `offsetMs` and `nanos` below that millisecond. Fields are written sorted by key,
 * as logrus's text formatter does.
 */
export interface LogrusLine {
  logrus: 'info' | 'warning' | 'error';
  msg: string;
  fields?: Record<string, string>;
  offsetMs: number;
  nanos?: number;
}

/** What a service prints: a finished line, or a line to be headed when journaled. */
export type ServiceLogLine = string | KlogLine | PlainLine | LogrusLine;

/** How long after the process started the line is written. */
export function lineOffset(line: ServiceLogLine): number {
  return typeof line === 'string' ? 0 : (line.offsetMs ?? 0);
}

/** The line as journaled by process `pid` that started at `startMs` (the line's own offset is added). */
export function renderServiceLine(line: ServiceLogLine, startMs: number, pid: number): string {
  if (typeof line === 'string') return line;
  const at = startMs + lineOffset(line);
  if ('klog' in line) return `${klogPrefix(line.klog, at, pid, line.source, line.micros)}${line.text}`;
  if ('plain' in line) return line.plain;
  return logrusText(line, at);
}

/** logrus's text formatter: a value is quoted (Go %q) unless made only of [A-Za-z0-9-._/@^+]. */
export function logrusValue(value: string): string {
  return /^[A-Za-z0-9\-._/@^+]*$/.test(value) ? value : JSON.stringify(value);
}

/** containerd's timestamp (log.RFC3339NanoFixed): nine fraction digits, UTC written `Z`. */
export function rfc3339NanoFixed(ms: number, nanos = 0): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}${String(nanos % 1_000_000).padStart(6, '0')}Z`;
}

function logrusText(line: LogrusLine, at: number): string {
  const fields = Object.keys(line.fields ?? {})
    .sort()
    .map((k) => ` ${k}=${logrusValue(line.fields![k])}`)
    .join('');
  return `time="${rfc3339NanoFixed(at, line.nanos)}" level=${line.logrus} msg=${logrusValue(line.msg)}${fields}`;
}

/** klog's header: `E1122 00:40:01.123456    1234 run.go:72] ` (`micros`: below the millisecond, 123 unless told). */
export function klogPrefix(level: 'I' | 'W' | 'E', ms: number, pid: number, source: string, micros = 123): string {
  const d = new Date(ms);
  const fraction = pad((ms % 1000) * 1000 + (micros % 1000), 6);
  return `${level}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${fraction} ${String(pid).padStart(7)} ${source}] `;
}

/** `Sun 2026-11-22 00:40:01 UTC` as systemctl status prints a timestamp. */
export function statusTime(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return `${days[d.getUTCDay()]} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/**
 * `1min 5s ago`, `7min ago`, `2h 0min ago`, `1 day 3h ago` as systemd's format_timestamp_relative() words
 * the time since an event (systemctl status): seconds are shown below 5 minutes only, minutes below 6
 * hours only, and a zero part is still printed.
 */
export function agoText(ms: number): string {
  const d = Math.max(0, ms);
  const SEC = 1000;
  const MIN = 60 * SEC;
  const HOUR = 60 * MIN;
  const DAY = 24 * HOUR;
  const WEEK = 7 * DAY;
  const MONTH = 2_629_800 * SEC;
  const YEAR = 31_557_600 * SEC;
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const f = Math.floor;
  if (d >= YEAR) return `${plural(f(d / YEAR), 'year')} ${plural(f((d % YEAR) / MONTH), 'month')} ago`;
  if (d >= MONTH) return `${plural(f(d / MONTH), 'month')} ${plural(f((d % MONTH) / DAY), 'day')} ago`;
  if (d >= WEEK) return `${plural(f(d / WEEK), 'week')} ${plural(f((d % WEEK) / DAY), 'day')} ago`;
  if (d >= 2 * DAY) return `${f(d / DAY)} days ago`;
  if (d >= 25 * HOUR) return `1 day ${f((d - DAY) / HOUR)}h ago`;
  if (d >= 6 * HOUR) return `${f(d / HOUR)}h ago`;
  if (d >= HOUR) return `${f(d / HOUR)}h ${f((d % HOUR) / MIN)}min ago`;
  if (d >= 5 * MIN) return `${f(d / MIN)}min ago`;
  if (d >= MIN) return `${f(d / MIN)}min ${f((d % MIN) / SEC)}s ago`;
  if (d >= SEC) return `${f(d / SEC)}s ago`;
  if (d >= 1) return `${f(d)}ms ago`;
  return 'now';
}

/**
 * An entry's PRIORITY (journalctl -p): a program's output through its stdout/stderr stream is
 * info (6); the service manager's own lines carry the level systemd 249 logs them at
 * (job_done_message_priority: a failed start is err; unit_log_process_exit: a process that
 * exited with failure is notice, one killed by a signal warning; unit_log_failure: warning).
 */
export function entryPriority(e: JournalEntry): number {
  if (e.ident !== 'systemd' || e.pid !== 1) return 6;
  if (e.msg.startsWith('Failed to start ')) return 3;
  if (/: Main process exited, code=exited, /.test(e.msg)) return 5;
  if (/: Main process exited, code=(killed|dumped), /.test(e.msg)) return 4;
  if (/: Failed with result '/.test(e.msg)) return 4;
  return 6;
}
