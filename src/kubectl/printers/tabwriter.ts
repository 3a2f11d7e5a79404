/**
 * Go's text/tabwriter as kubectl configures it (minwidth 6, tabwidth 4, padding 3, spaces): every
 * cell followed by another is padded to its column's width; the last cell of a row is not.
 */
export function formatTable(rows: readonly (readonly string[])[], minWidth = 6, padding = 3): string {
  // Widths are measured once per cell (the second pass reuses them), lines are joined once.
  const widths: number[] = [];
  const cellWidths: number[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const measured: number[] = new Array(Math.max(0, row.length - 1));
    for (let i = 0; i < row.length - 1; i++) {
      const cw = displayWidth(row[i]);
      measured[i] = cw;
      const w = Math.max(minWidth, cw + padding);
      if (w > (widths[i] ?? 0)) widths[i] = w;
    }
    cellWidths[r] = measured;
  }
  const lines: string[] = new Array(rows.length + 1);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const measured = cellWidths[r];
    let line = '';
    for (let i = 0; i < row.length - 1; i++) line += row[i] + spaces(widths[i] - measured[i]);
    if (row.length) line += row[row.length - 1];
    lines[r] = line;
  }
  lines[rows.length] = '';
  return rows.length ? lines.join('\n') : '';
}

const SPACES = ' '.repeat(256);

function spaces(n: number): string {
  return n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n);
}

/** Width in terminal cells (code points; wide characters are rare in Kubernetes names). */
const NON_ASCII = /[^\x00-\x7f]/;

export function displayWidth(s: string): number {
  if (!NON_ASCII.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}
