/** klog's line header: `E1121 22:56:00.302960   22826 memcache.go:265] ` (severity, date, time, pid). */
export function klogHeader(severity: 'I' | 'W' | 'E' | 'F', ms: number, micros: number, pid: number, source: string): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const us = String((d.getUTCMilliseconds() * 1000 + micros) % 1_000_000).padStart(6, '0');
  return `${severity}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us} ${String(pid).padStart(7)} ${source}] `;
}

/** Go's strconv.Quote for what klog quotes: printable characters as they are, the rest escaped. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * A structured value as klog's text format writes it: a string holding a line break as a block
 * (`<`, each line after a tab, ` >`; a final line break dropped), another string quoted, a number
 * as it is; `raw` values (already formatted, as a Go slice of structs prints) unchanged.
 */
export function klogValue(value: string | number | { raw: string }): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return value.raw;
  if (!value.includes('\n')) return goQuote(value);
  const lines = value.replace(/\n$/, '').split('\n');
  return `<\n${lines.map((l) => `\t${l}`).join('\n')}\n >`;
}

/** A structured klog message: the quoted message, then key=value pairs. */
export function klogStructured(message: string, pairs: Array<[string, string | number | { raw: string }]>): string {
  return [goQuote(message), ...pairs.map(([k, v]) => `${k}=${klogValue(v)}`)].join(' ');
}

/** Process id printed in klog lines when the program is given none (fixed so that outputs are repeatable). */
export const DEFAULT_PID = 4242;
