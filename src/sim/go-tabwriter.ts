/**
 * Go's text/tabwriter with spaces for padding: cells end with a tab, a column's width is decided
 * per block of consecutive lines that have that column, text after the last tab is never padded.
 * kubectl describe uses minwidth 0, padding 2; kubeadm's tables minwidth 10, padding 3.
 * With `tabWidth` the padding is tabs, as with padchar '\t': a cell is widened to the next
 * multiple of the tab width and filled with as many tabs as that takes (etcdctl's help).
 */
interface Cell {
  text: string;
  width: number;
}

function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function tabwrite(text: string, minWidth = 0, padding = 2, tabWidth?: number): string {
  const pad = (textWidth: number, cellWidth: number): string => {
    if (tabWidth === undefined) return ' '.repeat(Math.max(0, cellWidth - textWidth));
    const rounded = Math.ceil(cellWidth / tabWidth) * tabWidth;
    return '\t'.repeat(Math.ceil((rounded - textWidth) / tabWidth));
  };
  const endsWithNewline = text.endsWith('\n');
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  const lines: Cell[][] = rawLines.map((l) => l.split('\t').map((t) => ({ text: t, width: width(t) })));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const line = lines[i];
      let s = '';
      line.forEach((c, j) => {
        s += c.text;
        if (j < widths.length && j < line.length - 1) s += pad(c.width, widths[j]);
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue;
      writeLines(line0, i);
      line0 = i;
      let w = minWidth;
      let j = i;
      for (; j < line1; j++) {
        const line = lines[j];
        if (column >= line.length - 1) break;
        const cw = line[column].width + padding;
        if (cw > w) w = cw;
      }
      widths.push(w);
      format(line0, j);
      widths.pop();
      line0 = j;
      i = j - 1;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}
