/** fold: wrap lines at -w columns (default 80), -s at spaces, -b counting bytes. */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { forEachInput } from './lib/lineprogram';
import { lq } from './lib/io';

/**
 * The column count as GNU fold reads it (a decimal from 1 to SIZE_MAX - TAB_WIDTH - 1, leading
 * blanks and `+` allowed), or its error text. Below 1 no line could ever get shorter.
 */
function parseWidth(text: string): number | string {
  const invalid = `fold: invalid number of columns: ${lq(text)}`;
  const m = /^[ \t\n\v\f\r]*\+?(\d+)$/.exec(text);
  if (!m) return invalid;
  const n = BigInt(m[1]);
  if (n < 1n) return `${invalid}: Numerical result out of range`;
  if (n > 18446744073709551606n) return `${invalid}: Value too large for defined data type`;
  return Number(n);
}

export const fold: Program = async (ctx) => {
  const args = parseArgs(ctx, [withArg('w', 'width'), flag('s', 'spaces'), flag('b', 'bytes')], { digitsKey: 'w' });
  if (typeof args === 'number') return args;
  const width = parseWidth(args.last('w') ?? '80');
  if (typeof width === 'string') {
    ctx.stderr.write(width + '\n');
    return 1;
  }
  const spaces = args.has('s');
  const bytes = args.has('b');
  return forEachInput(ctx, args.operands, (text) => {
    ctx.stdout.write(text.split('\n').map((line) => foldLine(line, width, spaces, bytes)).join('\n'));
  });
};

/** The column after a character (GNU fold's adjust_column): a tab to the next multiple of 8, backspace back one, CR to 0. */
function nextColumn(column: number, c: string, bytes: boolean): number {
  if (bytes) return column + 1;
  if (c === '\b') return Math.max(0, column - 1);
  if (c === '\r') return 0;
  if (c === '\t') return column + 8 - (column % 8);
  return column + 1;
}

/**
 * fold_file's walk over one line: a character that takes the column past the width ends the
 * output line before it (after the last blank with -s), unless it is the line's first, which
 * goes out alone (a tab wider than the width).
 */
function foldLine(line: string, width: number, spaces: boolean, bytes: boolean): string {
  const out: string[] = [];
  let buffer = '';
  let column = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const next = nextColumn(column, c, bytes);
    if (next <= width || buffer === '') {
      buffer += c;
      column = next;
      continue;
    }
    const blank = spaces ? Math.max(buffer.lastIndexOf(' '), buffer.lastIndexOf('\t')) : -1;
    if (blank >= 0) {
      out.push(buffer.slice(0, blank + 1));
      buffer = buffer.slice(blank + 1);
    } else {
      out.push(buffer);
      buffer = '';
    }
    column = [...buffer].reduce((col, ch) => nextColumn(col, ch, bytes), 0);
    i--;
  }
  out.push(buffer);
  return out.join('\n');
}
