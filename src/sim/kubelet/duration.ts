/** Go's time.Duration.String() for millisecond values: "503ms", "2.345s", "1m2.5s", "1h0m0s". */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const totalSec = ms / 1000;
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const s = totalSec - h * 3600 - m * 60;
  const sText = `${Number(s.toFixed(3))}s`;
  if (h) return `${h}h${m}m${sText}`;
  if (m) return `${m}m${sText}`;
  return sText;
}
