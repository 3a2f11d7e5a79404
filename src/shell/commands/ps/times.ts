/** The time formats of procps's output.c (pr_time, pr_etime, pr_bsdtime, pr_stime, pr_start, pr_bsdstart, pr_lstart). */
import { strftime } from '../lib/time';

const two = (n: number) => String(n).padStart(2, '0');

/** CPU time `[dd-]hh:mm:ss` (TIME). */
export function cpuTime(sec: number): string {
  const t = Math.floor(sec);
  const dd = Math.floor(t / 86400);
  return `${dd ? `${dd}-` : ''}${two(Math.floor(t / 3600) % 24)}:${two(Math.floor(t / 60) % 60)}:${two(t % 60)}`;
}

/** Elapsed time `[[dd-]hh:]mm:ss` (ELAPSED). */
export function elapsed(sec: number): string {
  const dd = Math.floor(sec / 86400);
  const hh = Math.floor(sec / 3600) % 24;
  return `${dd ? `${dd}-` : ''}${dd || hh ? `${two(hh)}:` : ''}${two(Math.floor(sec / 60) % 60)}:${two(sec % 60)}`;
}

/** BSD TIME: minutes and seconds, `%3u:%02u`. */
export function bsdTime(sec: number): string {
  const u = Math.floor(sec);
  return `${String(Math.floor(u / 60)).padStart(3)}:${two(u % 60)}`;
}

/** STIME/START: the time of day when it started today, else month and day, else the year. */
export function startTimeShort(startMs: number, now: number): string {
  if (strftime('%Y', startMs) !== strftime('%Y', now)) return strftime('%Y', startMs);
  if (strftime('%j', startMs) !== strftime('%j', now)) return strftime('%b%d', startMs);
  return strftime('%H:%M', startMs);
}

/** ctime(3) without its newline: `Mon Nov  3 18:57:09 2026`. */
export function ctime(ms: number): string {
  return strftime('%c', ms);
}

/** STARTED: `hh:mm:ss` within a day, else `  Mon dd` (a blank day digit becomes 0). */
export function started(startMs: number, now: number): string {
  if (startMs + 86_400_000 > now) return strftime('%H:%M:%S', startMs);
  return `  ${strftime('%b %d', startMs)}`;
}

/** BSD START (bsdstart): ` hh:mm` within a day, else `Mon dd`. */
export function bsdStart(startMs: number, now: number): string {
  const c = ctime(startMs);
  return now - startMs > 86_400_000 ? c.slice(4, 10) : c.slice(10, 16);
}
