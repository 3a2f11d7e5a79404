/** etcdctl's -w table (olekukonko/tablewriter): centred headers, values right-aligned, +---+ rules. */
export function asciiTable(header: string[], rows: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = '+' + w.map((x) => '-'.repeat(x + 2)).join('+') + '+';
  const center = (s: string, x: number) => ' '.repeat(Math.floor((x - s.length) / 2)) + s + ' '.repeat(Math.ceil((x - s.length) / 2));
  const fmt = (r: string[], head: boolean) => '|' + r.map((c, i) => ` ${head ? center(c, w[i]) : c.padStart(w[i])} `).join('|') + '|';
  return [line, fmt(header, true), line, ...rows.map((r) => fmt(r, false)), line].join('\n') + '\n';
}
