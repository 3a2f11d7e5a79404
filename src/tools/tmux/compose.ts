/**
 * Composes what a client shows: the current window's panes, the borders between them (green
 * next to the active pane, half the line when there are only two panes, as tmux 3 draws them),
 * and the status line in tmux's default style (black on green) — or a prompt or message in its
 * place (black on yellow).
 */
import type { Frame } from '../../terminal/fullscreen/screen';
import { charWidth } from '../../terminal/width';
import type { Rect } from './layout';
import type { TmuxSession, Window } from './model';
import type { Cell } from './screen';
import { drawPaneNumber } from './display-panes';

export const STATUS_SGR = '30;42';
export const MESSAGE_SGR = '30;43';
const ACTIVE_BORDER_SGR = '32';

/** What replaces the status line: a prompt being typed, or a message. */
export interface StatusOverlay {
  text: string;
  /** Cursor column within the text (prompts). */
  cursor?: number;
}

export interface ComposeInput {
  session: TmuxSession;
  cols: number;
  rows: number;
  hostname: string;
  now: Date;
  overlay?: StatusOverlay;
  /** display-panes is showing the pane numbers. */
  paneNumbers?: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** status-right: `"#{=21:pane_title}" %H:%M %d-%b-%y`. */
export function statusRight(title: string, now: Date): string {
  return `"${[...title].slice(0, 21).join('')}" ${pad2(now.getUTCHours())}:${pad2(now.getUTCMinutes())} ${pad2(now.getUTCDate())}-${MONTHS[now.getUTCMonth()]}-${pad2(now.getUTCFullYear() % 100)}`;
}

/** Window flags: `*` current, `-` last, `Z` zoomed. */
export function windowFlags(session: TmuxSession, w: Window): string {
  let f = '';
  if (w === session.current) f += '*';
  else if (w === session.last) f += '-';
  if (w.zoomed) f += 'Z';
  return f;
}

/** status-left `[#S] ` (at most 10 cells) and the window list `#I:#W#F`, separated by spaces. */
export function statusLeft(session: TmuxSession): string {
  const left = [...`[${session.name}] `].slice(0, 10).join('');
  const list = session.windows.map((w) => `${w.index}:${w.name}${windowFlags(session, w) || ' '}`);
  return left + list.join(' ').replace(/ $/, '');
}

export function statusLine(session: TmuxSession, cols: number, hostname: string, now: Date): string {
  const right = statusRight(hostname, now);
  let left = statusLeft(session);
  const room = cols - right.length;
  if (room <= 0) return fitText(left, cols);
  left = fitText(left, room).trimEnd();
  return left + ' '.repeat(room - left.length) + right;
}

function fitText(text: string, width: number): string {
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width) break;
    out += ch;
    w += cw;
  }
  return out + ' '.repeat(Math.max(0, width - w));
}

const BLANK: Cell = { text: ' ', sgr: '', width: 1 };

export function compose(input: ComposeInput): Frame {
  const { session, cols, rows } = input;
  const window = session.current;
  const paneRows = Math.max(1, rows - 1);
  const grid: Cell[][] = Array.from({ length: rows }, () => new Array<Cell>(cols).fill(BLANK));
  const active = window.activePane;
  let cursor = { row: 0, col: 0 };

  const visible: Array<{ id: number; rect: Rect }> = window.zoomed
    ? [{ id: active.id, rect: { x: 0, y: 0, sx: window.layout.width, sy: window.layout.height } }]
    : window.layout.panes().map((id) => ({ id, rect: window.layout.rect(id)! }));

  for (const { id, rect } of visible) {
    const pane = window.panes.get(id);
    if (!pane || pane.dead) continue;
    const copy = pane.mode;
    for (let y = 0; y < rect.sy && rect.y + y < paneRows; y++) {
      const cells = copy ? copy.cells(y) : pane.screen.cells(y);
      for (let x = 0; x < rect.sx && rect.x + x < cols; x++) grid[rect.y + y][rect.x + x] = cells[x] ?? BLANK;
    }
    if (copy) {
      const mark = `[${copy.offset}/${copy.history}]`;
      const start = rect.x + Math.max(0, rect.sx - mark.length);
      [...mark].forEach((ch, i) => {
        if (start + i < cols && rect.y < paneRows) grid[rect.y][start + i] = { text: ch, sgr: MESSAGE_SGR, width: 1 };
      });
    }
    if (id === active.id) {
      const c = copy ? copy.cursor : pane.screen.cursor;
      cursor = { row: Math.min(paneRows - 1, rect.y + c.y), col: Math.min(cols - 1, rect.x + c.x) };
    }
  }

  if (!window.zoomed && visible.length > 1) drawBorders(grid, window, paneRows, cols);
  if (input.paneNumbers) {
    for (const { id, rect } of visible) drawPaneNumber(grid, rect, window.layout.panes().indexOf(id), id === active.id);
    // tmux leaves the cursor at the top left after drawing the numbers.
    cursor = { row: 0, col: 0 };
  }

  // The status line, or a prompt/message in its place.
  const statusRow = rows - 1;
  if (input.overlay) {
    const text = fitText(input.overlay.text, cols);
    [...text].forEach((ch, x) => (grid[statusRow][x] = { text: ch, sgr: MESSAGE_SGR, width: 1 }));
    if (input.overlay.cursor !== undefined) {
      const x = Math.min(cols - 1, input.overlay.cursor);
      grid[statusRow][x] = { ...grid[statusRow][x], sgr: '7' };
      cursor = { row: statusRow, col: x };
    }
  } else {
    const text = statusLine(session, cols, input.hostname, input.now);
    [...text].forEach((ch, x) => (grid[statusRow][x] = { text: ch, sgr: STATUS_SGR, width: 1 }));
  }

  return { rows: grid.map(serializeRow), cursor };
}

function drawBorders(grid: Cell[][], window: Window, paneRows: number, cols: number): void {
  const mask = window.layout.borderMask();
  const a = window.layout.rect(window.active)!;
  const two = window.panes.size === 2;
  const isBorder = (x: number, y: number) => y >= 0 && y < mask.length && x >= 0 && x < (mask[y]?.length ?? 0) && mask[y][x];
  for (let y = 0; y < Math.min(paneRows, mask.length); y++) {
    for (let x = 0; x < Math.min(cols, mask[y].length); x++) {
      if (!mask[y][x]) continue;
      const up = isBorder(x, y - 1);
      const down = isBorder(x, y + 1);
      const left = isBorder(x - 1, y);
      const right = isBorder(x + 1, y);
      grid[y][x] = { text: borderChar(up, down, left, right), sgr: activeBorder(x, y, a, two, window) ? ACTIVE_BORDER_SGR : '', width: 1 };
    }
  }
}

function activeBorder(x: number, y: number, a: Rect, two: boolean, window: Window): boolean {
  const adjacent = x >= a.x - 1 && x <= a.x + a.sx && y >= a.y - 1 && y <= a.y + a.sy;
  if (!adjacent) return false;
  if (!two) return true;
  // Two panes: only the half of the dividing line on the active pane's side is coloured.
  const w = window.layout.width;
  const h = window.layout.height;
  const sideBySide = a.sy === h;
  if (sideBySide) return a.x === 0 ? y <= Math.floor(a.sy / 2) : y > Math.floor(a.sy / 2);
  return a.y === 0 ? x <= Math.floor(a.sx / 2) : x > Math.floor(w / 2);
}

function borderChar(up: boolean, down: boolean, left: boolean, right: boolean): string {
  const vertical = up || down;
  const horizontal = left || right;
  if (vertical && horizontal) {
    if (up && down && left && right) return '┼';
    if (up && down) return right ? '├' : '┤';
    if (left && right) return down ? '┬' : '┴';
    if (down) return right ? '┌' : '┐';
    return right ? '└' : '┘';
  }
  return horizontal ? '─' : '│';
}

/** One row of cells as text with SGR escapes, starting and ending with default attributes. */
export function serializeRow(cells: Cell[]): string {
  let out = '';
  let sgr = '';
  for (const c of cells) {
    if (c.text === '' && c.width === 0) continue;
    if (c.sgr !== sgr) {
      out += c.sgr ? `\x1b[0;${c.sgr}m` : '\x1b[0m';
      sgr = c.sgr;
    }
    out += c.text;
  }
  return sgr ? out + '\x1b[0m' : out;
}
