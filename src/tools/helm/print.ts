/** Helm's printers: uitable tables (cells padded, tab-separated), ANSIC dates, release summaries. */
import type { Release } from './release';

/** uitable as Helm configures it: every cell padded to its column, "\t" between, long cells cut to maxWidth. */
export function table(rows: string[][], maxWidth = 0): string {
  const cut = (s: string) => (maxWidth && s.length > maxWidth ? `${s.slice(0, maxWidth - 3)}...` : s);
  const cells = rows.map((r) => r.map(cut));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('\t')).join('\n') + '\n';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.ANSIC: "Mon Jan _2 15:04:05 2006". */
export function ansic(iso: string): string {
  const d = new Date(iso);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()}`;
}

/** The summary install, upgrade and status print. */
export function releaseSummary(r: Release, opts: { dryRun?: boolean; hooks?: string; showNotes?: boolean } = {}): string {
  let out = `NAME: ${r.name}\nLAST DEPLOYED: ${ansic(r.info.last_deployed)}\nNAMESPACE: ${r.namespace}\nSTATUS: ${r.info.status}\nREVISION: ${r.version}\nTEST SUITE: None\n`;
  // A dry run shows what would be sent: the hooks, then the manifest.
  if (opts.dryRun) out += `HOOKS:\n${opts.hooks ?? ''}MANIFEST:\n${r.manifest}\n`;
  if (r.info.notes && opts.showNotes !== false) out += `NOTES:\n${r.info.notes}`;
  return out;
}
