/**
 * Go's text/tabwriter as kubectl configures it (minwidth 6, tabwidth 4, padding 3, spaces): every
 * cell followed by another is padded to its column's width; the last cell of a row is not.
 */
export function formatTable(rows: readonly (readonly string[])[], minWidth = 6, padding = 3): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length - 1; i++) {
      const w = Math.max(minWidth, displayWidth(row[i]) + padding);
      if (w > (widths[i] ?? 0)) widths[i] = w;
    }
  }
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) {
      const cell = row[i];
      line += i < row.length - 1 ? cell + ' '.repeat(widths[i] - displayWidth(cell)) : cell;
    }
    out += line + '\n';
  }
  return out;
}

/** Width in terminal cells (code points; wide characters are rare in Kubernetes names). */
const NON_ASCII = /[^\x00-\x7f]/;

export function displayWidth(s: string): number {
  if (!NON_ASCII.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}
