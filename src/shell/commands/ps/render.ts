/**
 * One line of ps's output as ps/output.c's show_one_proc lays it out: each column at its width
 * (numbers right-aligned, text left), one space between columns; a cell wider than its column
 * pushes the rest of the line right, and later right-aligned cells take back what they can of that
 * overflow. The last column runs to the edge of the screen (active_cols), which is the terminal's
 * width on a terminal and practically unlimited otherwise.
 */
import type { CellEnv } from './columns';
import type { PlacedColumn } from './plan';
import type { Row } from './order';
import { forestArt } from './order';

/** Room check_header_width leaves the line: the smallest multiple of the screen's width that holds every column. */
export function activeColumns(columns: PlacedColumn[], screenCols: number): { active: number; wideSignals: boolean } {
  let total = 0;
  columns.forEach((c, i) => {
    total += (c.column.align === 'unlimited' && i === columns.length - 1 ? 3 : c.width) + (i ? 1 : 0);
  });
  let active = screenCols;
  for (let i = 2; active < total && screenCols * i < 65536; i++) active = screenCols * i;
  // Signal masks take 16 digits when every one of them fits so.
  const signals = columns.filter((c) => c.column.align === 'signal').length;
  return { active, wideSignals: total + signals * 7 <= active };
}

/** A line: the header when row is null. */
export function renderLine(columns: PlacedColumn[], row: Row | null, env: Omit<CellEnv, 'maxRight' | 'forest'>, forestType: string, activeCols: number): string {
  let correct = 0;
  let actual = 0;
  let dospace = 0;
  let line = '';
  columns.forEach((col, i) => {
    const last = i === columns.length - 1;
    // BSD n right-aligns the numbers that stand for names, their headers too.
    const numeric = env.numeric === true && (col.column.align === 'user' || col.column.align === 'wchan');
    const align = numeric ? 'right' : col.column.align;
    let maxRight: number;
    let tmpspace = 0;
    if (!last) maxRight = col.width;
    else {
      tmpspace = correct - actual;
      if (tmpspace < 1) {
        tmpspace = dospace;
        maxRight = activeCols - actual - tmpspace;
      } else maxRight = activeCols - Math.max(correct, actual);
    }
    maxRight = Math.max(0, maxRight);
    let text: string;
    if (row) {
      const forest = col.column.tree && row.prefix ? forestArt(row.prefix, forestType, maxRight) : '';
      const other = row.part === 'process' ? 'thread' : row.part === 'thread' ? 'process' : undefined;
      if (other && col.column.only === other) text = '-';
      else text = numeric && col.column.number ? col.column.number(row.proc) : col.column.cell(row.proc, { ...env, maxRight, forest });
      // A name longer than its column ends in '+' (do_pr_name).
      if (col.column.align === 'user' && !numeric && text.length > maxRight && maxRight >= 1) text = `${text.slice(0, maxRight - 1)}+`;
    } else text = col.header;
    let leftpad = 0;
    let legit = 0;
    if (align === 'right') leftpad = Math.max(0, col.width - text.length);
    if (align === 'signal') {
      leftpad = Math.max(0, (env.wideSignals ? 16 : 9) - text.length);
      legit = env.wideSignals ? 7 : 0;
    }
    if ((align === 'unlimited' || align === 'wchan') && activeCols - actual - tmpspace < 1) text = text.slice(0, 1);
    let space = correct - actual + leftpad;
    if (space < 1) space = dospace;
    space = Math.min(space, 144);
    line += ' '.repeat(space) + text;
    actual += space + text.length;
    correct += col.width + legit + 1;
    dospace = 1;
  });
  return `${line}\n`;
}
