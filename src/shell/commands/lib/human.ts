/** Human-readable sizes as GNU prints them (-h): powers of 1024, rounded up, one decimal below 10. */
export function humanSize(bytes: number, options: { si?: boolean; suffixB?: boolean } = {}): string {
  const base = options.si ? 1000 : 1024;
  const units = options.si ? ['k', 'M', 'G', 'T', 'P', 'E'] : ['K', 'M', 'G', 'T', 'P', 'E'];
  if (bytes < base) return String(bytes);
  let v = bytes;
  let u = -1;
  while (v >= base && u < units.length - 1) {
    v /= base;
    u++;
  }
  let s: string;
  if (v < 10) {
    const r = Math.ceil(v * 10) / 10;
    s = r >= 10 ? '10' : r.toFixed(1);
  } else {
    const r = Math.ceil(v);
    if (r >= base && u < units.length - 1) return `1.0${units[u + 1]}`;
    s = String(r);
  }
  return s + units[u];
}
