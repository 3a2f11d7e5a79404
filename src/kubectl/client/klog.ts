/** klog's line header: `E1121 22:56:00.302960   22826 memcache.go:265] ` (severity, date, time, pid). */
export function klogHeader(severity: 'I' | 'W' | 'E' | 'F', ms: number, micros: number, pid: number, source: string): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const us = String((d.getUTCMilliseconds() * 1000 + micros) % 1_000_000).padStart(6, '0');
  return `${severity}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us} ${String(pid).padStart(7)} ${source}] `;
}
