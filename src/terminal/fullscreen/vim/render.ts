/**
 * Draws a Vim session like Vim 9 in a terminal with defaults.vim: text rows (wrapped), `~` past
 * the end, optional line numbers, and the last row with the mode or message, showcmd and the
 * ruler (`12,5           All`) in its last 18 columns.
 */
import { charWidth, stringWidth } from '../../width';
import { fit, SGR, type Frame } from '../screen';
import type { VimEditor } from './editor';

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Display cells of a line's characters before index `col` (tabs to the next tabstop). */
export function displayCol(line: string, col: number, tabstop: number): number {
  let w = 0;
  const chars = Array.from(line);
  for (let i = 0; i < col && i < chars.length; i++) w += chars[i] === '\t' ? tabstop - (w % tabstop) : charWidth(chars[i].codePointAt(0)!);
  return w;
}

/** Expand a line into screen cells (tabs as spaces), as one string. */
function expand(line: string, tabstop: number): string {
  let out = '';
  let w = 0;
  for (const ch of line) {
    if (ch === '\t') {
      const n = tabstop - (w % tabstop);
      out += ' '.repeat(n);
      w += n;
    } else {
      out += ch;
      w += charWidth(ch.codePointAt(0)!);
    }
  }
  return out;
}

/** Split expanded text into rows of `width` cells; a wide char that does not fit moves on. */
function wrap(text: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width) {
      rows.push(row);
      row = '';
      w = 0;
    }
    row += ch;
    w += cw;
  }
  rows.push(row);
  return rows;
}

/** Vim's Visual highlight in a 256-colour terminal (grey background). */
const VISUAL_ON = '\x1b[48;5;242m';
const VISUAL_OFF = '\x1b[49m';

/**
 * The rows of one buffer line with the characters from..to (inclusive, character indexes)
 * highlighted. Wrapping is computed on cells, so the escapes never change where rows break.
 */
function highlightedRows(line: string, tabstop: number, width: number, from: number, to: number): string[] {
  const rows: string[] = [];
  let row = '';
  let w = 0;
  let on = false;
  const chars = Array.from(line);
  const cells: { text: string; index: number; width: number }[] = [];
  let col = 0;
  chars.forEach((ch, index) => {
    if (ch === '\t') {
      const n = tabstop - (col % tabstop);
      for (let k = 0; k < n; k++) cells.push({ text: ' ', index, width: 1 });
      col += n;
    } else {
      const cw = charWidth(ch.codePointAt(0)!);
      cells.push({ text: ch, index, width: cw });
      col += cw;
    }
  });
  // An empty line (or the end of a selection past the text) shows one highlighted cell.
  if (to >= chars.length) cells.push({ text: ' ', index: chars.length, width: 1 });
  for (const cell of cells) {
    if (w + cell.width > width) {
      rows.push(row + (on ? VISUAL_OFF : ''));
      row = on ? VISUAL_ON : '';
      w = 0;
    }
    const selected = cell.index >= from && cell.index <= to;
    if (selected !== on) {
      row += selected ? VISUAL_ON : VISUAL_OFF;
      on = selected;
    }
    row += cell.text;
    w += cell.width;
  }
  rows.push(row + (on ? VISUAL_OFF : ''));
  return rows;
}

export function rowsForLine(ed: VimEditor, line: string): number {
  const width = ed.cols - gutterWidth(ed);
  return wrap(expand(line, ed.options.tabstop), Math.max(1, width)).length;
}

export function gutterWidth(ed: VimEditor): number {
  if (!ed.options.number) return 0;
  return Math.max(3, String(ed.lines.length).length) + 1;
}

export function rulerText(ed: VimEditor): string {
  const line = ed.lines[ed.row] ?? '';
  const chars = Array.from(line);
  let pos: string;
  if (ed.empty) pos = '0,0-1';
  else if (!chars.length) pos = `${ed.row + 1},0-1`;
  else {
    const byteCol = utf8Length(chars.slice(0, ed.col).join('')) + 1;
    const virtCol = displayCol(line, ed.col, ed.options.tabstop) + 1;
    pos = byteCol === virtCol ? `${ed.row + 1},${byteCol}` : `${ed.row + 1},${byteCol}-${virtCol}`;
  }
  return pos + ' '.repeat(Math.max(1, 14 - pos.length)) + relativePosition(ed);
}

function relativePosition(ed: VimEditor): string {
  const above = ed.top;
  const below = Math.max(0, ed.lines.length - ed.bottomLine() - 1);
  if (above === 0 && below === 0) return 'All';
  if (above === 0) return 'Top';
  if (below === 0) return 'Bot';
  const pct = Math.floor((above * 100) / (above + below));
  return `${pct < 10 ? ' ' : ''}${pct}%`;
}

export function renderVim(ed: VimEditor): Frame {
  const textRows = ed.rows - 1;
  const gutter = gutterWidth(ed);
  const width = Math.max(1, ed.cols - gutter);
  const rows: string[] = [];
  let cursor = { row: 0, col: 0 };
  let lineNo = ed.top;
  while (rows.length < textRows && lineNo < ed.lines.length) {
    const line = ed.lines[lineNo];
    const selection = ed.selectionOn(lineNo);
    const parts = selection ? highlightedRows(line, ed.options.tabstop, width, selection[0], selection[1]) : wrap(expand(line, ed.options.tabstop), width);
    if (rows.length + parts.length > textRows && lineNo !== ed.top) {
      // A line that does not fit is shown as `@` rows, as Vim does.
      while (rows.length < textRows) rows.push(`${SGR.blue}@${SGR.reset}`);
      break;
    }
    if (lineNo === ed.row) {
      const dc = ed.mode === 'insert' || ed.col < Array.from(line).length || !line ? displayCol(line, ed.col, ed.options.tabstop) : displayCol(line, Array.from(line).length - 1, ed.options.tabstop);
      cursor = { row: rows.length + Math.floor(dc / width), col: gutter + (dc % width) };
    }
    parts.forEach((part, i) => {
      const number = gutter ? (i === 0 ? `${SGR.yellow}${String(lineNo + 1).padStart(gutter - 1)} ${SGR.reset}` : ' '.repeat(gutter)) : '';
      if (rows.length < textRows) rows.push(number + part);
    });
    lineNo++;
  }
  while (rows.length < textRows) rows.push(`${SGR.blue}~${SGR.reset}`);
  rows.push(lastRow(ed));
  if (ed.mode === 'cmdline' && ed.cmdline) {
    cursor = { row: ed.rows - 1, col: Math.min(ed.cols - 1, stringWidth(ed.cmdline.prefix + ed.cmdline.text.slice(0, ed.cmdline.cursor))) };
  }
  return { rows, cursor };
}

function lastRow(ed: VimEditor): string {
  if (ed.mode === 'cmdline' && ed.cmdline) return ed.cmdline.prefix + ed.cmdline.text;
  const rulerCol = ed.cols - 18;
  let left = '';
  let leftStyled = '';
  if (ed.message) {
    left = ed.message.text;
    const style = ed.message.kind === 'error' ? SGR.errorMsg : ed.message.kind === 'warning' ? SGR.red : '';
    leftStyled = style ? style + left + SGR.reset : left;
  } else if (ed.mode !== 'normal') {
    left = ed.modeText();
    leftStyled = SGR.bold + left + SGR.reset;
  }
  const leftWidth = stringWidth(left);
  // 'paste' resets 'ruler' (see :help 'paste'): no ruler while it is on.
  if (ed.options.paste) return leftStyled;
  // Vim's comp_col(): showcmd takes 10 columns at Columns-28, the ruler starts at Columns-18.
  if (leftWidth > rulerCol - 1) return leftStyled;
  const showcmdCol = ed.cols - 28;
  const ruler = rulerText(ed);
  if (leftWidth > showcmdCol) return leftStyled + ' '.repeat(rulerCol - leftWidth) + ruler;
  return leftStyled + ' '.repeat(showcmdCol - leftWidth) + fit(ed.pendingKeys().slice(-10), 10) + ruler;
}
