/**
 * Go's time.Duration.String(), which kubeadm prints in its health checks ("501.483944ms",
 * "1.503219398s", "4m0.000493868s"): whole hours and minutes, then seconds with up to nine
 * fractional digits and no trailing zeros; below one second the largest unit that keeps the
 * integer part non-zero (ms, µs, ns).
 */
export function goDuration(ns: number): string {
  const n = Math.max(0, Math.round(ns));
  if (n === 0) return '0s';
  if (n < 1_000) return `${n}ns`;
  if (n < 1_000_000) return `${fraction(n, 1_000)}µs`;
  if (n < 1_000_000_000) return `${fraction(n, 1_000_000)}ms`;
  const h = Math.floor(n / 3_600_000_000_000);
  const m = Math.floor((n % 3_600_000_000_000) / 60_000_000_000);
  const s = fraction(n % 60_000_000_000, 1_000_000_000);
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

/** value / unit as Go writes it: the integer part, then the remainder's digits without trailing zeros. */
function fraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value % unit;
  if (!rest) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** Milliseconds of simulated time plus a fixed sub-millisecond part (real runs are never whole milliseconds). */
export function goDurationMs(ms: number, extraNs = 0): string {
  return goDuration(ms * 1_000_000 + extraNs);
}
