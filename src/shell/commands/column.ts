/** column (util-linux): -t table mode with -s separators and -o output separator; otherwise fill columns. */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { readInput, splitLines } from './lib/io';

export const column: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('t', 'table'), withArg('s', 'separator'), withArg('o', 'output-separator'), withArg('c', 'output-width'), flag('x', 'fillrows')]);
  if (typeof args === 'number') return args;
  let text = '';
  for (const f of args.operands.length ? args.operands : ['-']) {
    const t = await readInput(ctx, f);
    if (t === null) return 1;
    text += t;
  }
  const lines = splitLines(text).lines.filter((l) => l.trim() !== '');
  if (args.has('t')) {
    const seps = args.last('s');
    const split = (l: string) => (seps ? l.split(new RegExp(`[${seps.replace(/[\]\\^-]/g, '\\$&')}]`)) : l.trim().split(/[ \t]+/));
    const rows = lines.map(split);
    const widths: number[] = [];
    for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
    const osep = args.last('o') ?? '  ';
    ctx.stdout.write(rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - [...c].length))).join(osep)).join('\n') + (rows.length ? '\n' : ''));
    return 0;
  }
  const width = Number(args.last('c') ?? (ctx.isTTY ? ctx.columns : 80));
  const maxLen = Math.max(0, ...lines.map((l) => l.length));
  const colWidth = Math.ceil((maxLen + 1) / 8) * 8;
  const cols = Math.max(1, Math.floor(width / colWidth));
  const rows = Math.ceil(lines.length / cols);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < cols; c++) {
      const idx = args.has('x') ? r * cols + c : c * rows + r;
      if (idx >= lines.length) continue;
      const cell = lines[idx];
      const isLast = args.has('x') ? c === cols - 1 || idx === lines.length - 1 : (c + 1) * rows + r >= lines.length;
      if (isLast) line += cell;
      else {
        line += cell;
        let pos = line.length;
        const target = (c + 1) * colWidth;
        while (pos < target) {
          line += '\t';
          pos = Math.floor(pos / 8) * 8 + 8;
        }
      }
    }
    out += line + '\n';
  }
  ctx.stdout.write(out);
  return 0;
};
