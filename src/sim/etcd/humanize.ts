/**
 * go-humanize's Bytes (SI units, what etcd and etcdctl print sizes with): "82 B", "2.7 MB",
 * "13 MB" — one decimal below 10, none from 10 on, the value rounded to a tenth first.
 */
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

export function humanizeBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const val = Math.floor((n / 1000 ** e) * 10 + 0.5) / 10;
  return `${val < 10 ? val.toFixed(1) : goFixed0(val)} ${UNITS[e]}`;
}

/** Go's %.0f: the nearest integer, an exact half to the even one (JavaScript's toFixed rounds it up). */
function goFixed0(v: number): string {
  const floor = Math.floor(v);
  const frac = v - floor;
  if (frac === 0.5) return String(floor % 2 === 0 ? floor : floor + 1);
  return String(Math.round(v));
}
