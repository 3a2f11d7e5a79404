/**
 * A screen as the golden files hold it: each row's text (trailing spaces removed), the cursor,
 * and a map of colours (`g` green text, `G` black on green, `Y` black on yellow, `r` reverse,
 * `R`/`B` red/blue background, `e`/`b` red/blue text, `.` anything else) so borders and the status line are compared too. The status line's right
 * part (`"host" HH:MM DD-Mon-YY`) is masked: it holds the host name and the time.
 */
export interface GoldenCell {
  ch: string;
  colour: string;
}

export type GoldenScreen = GoldenCell[][];

const STATUS_RIGHT = /"[^"]*" \d\d:\d\d \d\d-[A-Z][a-z]{2}-\d\d$/;

export function goldenText(screen: GoldenScreen, cursor: { x: number; y: number }): string {
  const rows = screen.map((row) => row.map((c) => c.ch).join(''));
  const last = rows.length - 1;
  const status = rows[last];
  const m = STATUS_RIGHT.exec(status.trimEnd());
  if (m) rows[last] = status.slice(0, m.index).trimEnd() + ' <status-right>';
  const text = rows.map((r) => r.trimEnd());
  const colours = screen.map((row, y) => {
    const map = row.map((c) => c.colour).join('');
    // The status line's colours up to the end of its left part (the right part moves with the host name).
    return y === last && m ? map.slice(0, status.slice(0, m.index).trimEnd().length) : map.replace(/\.+$/, '');
  });
  return `cursor ${cursor.x},${cursor.y}\n--- screen\n${text.join('\n')}\n--- colours\n${colours.join('\n')}\n`;
}

export interface Attr {
  fg: number | undefined;
  bg: number | undefined;
  reverse: boolean;
}

export function colourCode(a: Attr): string {
  if (a.reverse) return 'r';
  if (a.bg === 2 && (a.fg === 0 || a.fg === undefined)) return 'G';
  if (a.bg === 3) return 'Y';
  if (a.bg === 1) return 'R';
  if (a.bg === 4) return 'B';
  if (a.bg !== undefined) return '.';
  if (a.fg === 2) return 'g';
  if (a.fg === 1) return 'e';
  if (a.fg === 4) return 'b';
  return '.';
}

/** Parse `tmux capture-pane -e` output (text with SGR escapes) into cells. */
export function screenFromAnsi(ansi: string, cols: number, rows: number): GoldenScreen {
  const lines = ansi.split('\n');
  const screen: GoldenScreen = [];
  // capture-pane -e writes attribute changes relative to the previous cell, across lines.
  const attr: Attr = { fg: undefined, bg: undefined, reverse: false };
  for (let y = 0; y < rows; y++) {
    const row: GoldenCell[] = [];
    const line = lines[y] ?? '';
    for (let i = 0; i < line.length; ) {
      if (line[i] === '\x1b' && line[i + 1] === '[') {
        const end = line.indexOf('m', i);
        applySgr(attr, line.slice(i + 2, end));
        i = end + 1;
        continue;
      }
      const ch = String.fromCodePoint(line.codePointAt(i)!);
      row.push({ ch, colour: colourCode(attr) });
      i += ch.length;
    }
    // capture-pane drops trailing blanks: they are default cells, but for the status line,
    // which tmux fills with its style.
    const fill = y === rows - 1 ? colourCode(attr) : '.';
    while (row.length < cols) row.push({ ch: ' ', colour: fill });
    screen.push(row.slice(0, cols));
  }
  return screen;
}

function applySgr(a: Attr, params: string): void {
  const ps = params === '' ? [0] : params.split(';').map(Number);
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    if (p === 0) {
      a.fg = undefined;
      a.bg = undefined;
      a.reverse = false;
    } else if (p === 7) a.reverse = true;
    else if (p === 27) a.reverse = false;
    else if (p >= 30 && p <= 37) a.fg = p - 30;
    else if (p === 39) a.fg = undefined;
    else if (p >= 40 && p <= 47) a.bg = p - 40;
    else if (p === 49) a.bg = undefined;
    else if (p === 38 || p === 48) i += ps[i + 1] === 5 ? 2 : 4;
  }
}
