/**
 * display-panes (prefix q): each pane's index drawn large in its middle — in the clock font, red
 * for the active pane and blue for the others, with the pane's size at its top right — or small
 * when the pane is too narrow, for display-panes-time; a digit pressed meanwhile selects that pane.
 */
import type { Rect } from './layout';
import type { Cell } from './screen';

/** Digits of tmux's clock font, 5x5 (window-clock.c), as rows of filled (#) and empty cells. */
const FONT: Record<string, string[]> = {
  '0': ['#####', '#...#', '#...#', '#...#', '#####'],
  '1': ['....#', '....#', '....#', '....#', '....#'],
  '2': ['#####', '....#', '#####', '#....', '#####'],
  '3': ['#####', '....#', '#####', '....#', '#####'],
  '4': ['#...#', '#...#', '#####', '....#', '....#'],
  '5': ['#####', '#....', '#####', '....#', '#####'],
  '6': ['#####', '#....', '#####', '#...#', '#####'],
  '7': ['#####', '....#', '....#', '....#', '....#'],
  '8': ['#####', '#...#', '#####', '#...#', '#####'],
  '9': ['#####', '#...#', '#####', '....#', '#####'],
};

/** display-panes-colour (blue) and display-panes-active-colour (red). */
const COLOUR = 4;
const ACTIVE_COLOUR = 1;
export const DISPLAY_PANES_MS = 1000;

/** Draw pane `index` over its cells in `grid` (rows of the window area). */
export function drawPaneNumber(grid: Cell[][], rect: Rect, index: number, active: boolean): void {
  const text = String(index);
  const colour = active ? ACTIVE_COLOUR : COLOUR;
  const fg = String(30 + colour);
  const bg = String(40 + colour);
  const { sx, sy } = rect;
  const put = (x: number, y: number, cell: Cell) => {
    const row = grid[rect.y + y];
    if (row && x >= 0 && x < sx && y >= 0 && y < sy && rect.x + x < row.length) row[rect.x + x] = cell;
  };
  let px = Math.floor(sx / 2);
  let py = Math.floor(sy / 2);
  const len = text.length;
  if (sx < len) return;
  const letter = index > 9 && index < 35 ? String.fromCharCode(97 + index - 10) : '';
  if (sx < len * 6 || sy < 5) {
    const small = sx >= len + letter.length + 1 && letter ? `${text} ${letter}` : text;
    const start = px - Math.floor((letter && sx >= len + letter.length + 1 ? len + letter.length + 1 : len) / 2);
    [...small].forEach((ch, i) => put(start + i, py, { text: ch, sgr: fg, width: 1 }));
    return;
  }
  px -= len * 3;
  py -= 2;
  for (const digit of text) {
    FONT[digit].forEach((row, j) => {
      [...row].forEach((bit, i) => {
        if (bit === '#') put(px + i, py + j, { text: ' ', sgr: bg, width: 1 });
      });
    });
    px += 6;
  }
  if (sy <= 6) return;
  const size = `${sx}x${sy}`;
  if (sx >= size.length) [...size].forEach((ch, i) => put(sx - size.length + i, 0, { text: ch, sgr: fg, width: 1 }));
  if (letter) put(Math.floor(sx / 2) + len * 3 - letter.length - 1, py + 5, { text: letter, sgr: fg, width: 1 });
}
