/**
 * Go's time.ParseDuration, one port for every program that reads a duration (flags of kubectl,
 * kubeadm, helm and the control plane; metrics-server's --metric-resolution; `kubectl logs
 * --since`): `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` with the units ns, us, µs, μs, ms, s, m, h, or "0".
 * Its three errors are Go's texts: invalid duration, missing unit, unknown unit.
 */
import { goQuote } from './go-quote';

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Largest duration Go holds (int64 nanoseconds, about 290 years). */
const MAX_NS = 2 ** 63;

export type GoDuration = { ms: number } | { error: string };

export function parseGoDuration(text: string): GoDuration {
  const invalid = { error: `time: invalid duration ${goQuote(text)}` };
  let s = text;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ms: 0 };
  if (s === '') return invalid;
  let totalNs = 0;
  while (s !== '') {
    if (!/^[0-9.]/.test(s)) return invalid;
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const [number, whole, fraction] = m;
    if (whole === '' && !fraction) return invalid;
    s = s.slice(number.length);
    const unitEnd = s.search(/[0-9.]/);
    const unit = unitEnd < 0 ? s : s.slice(0, unitEnd);
    if (unit === '') return { error: `time: missing unit in duration ${goQuote(text)}` };
    const ns = UNIT_NS[unit];
    if (ns === undefined) return { error: `time: unknown unit ${goQuote(unit)} in duration ${goQuote(text)}` };
    s = s.slice(unit.length);
    totalNs += Number(`${whole || '0'}.${fraction ?? ''}0`) * ns;
    if (totalNs > MAX_NS) return invalid;
  }
  const ms = totalNs / 1e6;
  return { ms: neg ? -ms : ms };
}

/** The duration in milliseconds, or undefined when Go would refuse it. */
export function goDurationMs(text: string): number | undefined {
  const d = parseGoDuration(text);
  return 'ms' in d ? d.ms : undefined;
}
