/** Character classes and positions in a buffer, as Vim's word motions see them. */
export interface Pos {
  row: number;
  col: number;
}

export function chars(line: string): string[] {
  return Array.from(line);
}

export function len(line: string): number {
  return Array.from(line).length;
}

/** 0 blank, 1 punctuation, 2 keyword (letters, digits, _); with `big` (W, B, E) every non-blank is 2. */
export function charClass(ch: string | undefined, big: boolean): 0 | 1 | 2 {
  if (ch === undefined || ch === ' ' || ch === '\t' || ch === '\n') return 0;
  if (big) return 2;
  return /[\p{L}\p{N}_]/u.test(ch) ? 2 : 1;
}

export function firstNonBlank(line: string): number {
  const m = /^[ \t]*/.exec(line)!;
  return Math.min(len(m[0]), Math.max(0, len(line) - (m[0].length === line.length ? 1 : 0)));
}

/** Walks the buffer character by character; the end of each line reads as '\n'. */
export class Cursor {
  constructor(
    private readonly lines: string[],
    public row: number,
    public col: number,
  ) {}

  get ch(): string | undefined {
    const line = this.lines[this.row];
    if (line === undefined) return undefined;
    const cs = chars(line);
    return this.col < cs.length ? cs[this.col] : '\n';
  }

  get emptyLine(): boolean {
    return this.lines[this.row] === '';
  }

  next(): boolean {
    const l = len(this.lines[this.row]);
    if (this.col < l) {
      this.col++;
      return true;
    }
    if (this.row + 1 < this.lines.length) {
      this.row++;
      this.col = 0;
      return true;
    }
    return false;
  }

  prev(): boolean {
    if (this.col > 0) {
      this.col--;
      return true;
    }
    if (this.row > 0) {
      this.row--;
      this.col = len(this.lines[this.row]);
      return true;
    }
    return false;
  }
}

export function wordForward(lines: string[], from: Pos, big: boolean, stopAtEol: boolean): Pos {
  const c = new Cursor(lines, from.row, from.col);
  const startRow = c.row;
  const cls = charClass(c.ch, big);
  if (cls !== 0) while (charClass(c.ch, big) === cls && c.ch !== '\n') if (!c.next()) return { row: c.row, col: len(lines[c.row]) };
  for (;;) {
    if (stopAtEol && c.row !== startRow) return { row: startRow, col: len(lines[startRow]) };
    if (c.emptyLine && c.row !== startRow) return { row: c.row, col: 0 };
    if (charClass(c.ch, big) !== 0) return { row: c.row, col: c.col };
    if (!c.next()) return { row: c.row, col: Math.max(0, len(lines[c.row]) - 1) };
  }
}

export function wordEnd(lines: string[], from: Pos, big: boolean): Pos {
  const c = new Cursor(lines, from.row, from.col);
  if (!c.next()) return from;
  while (charClass(c.ch, big) === 0) if (!c.next()) return from;
  const cls = charClass(c.ch, big);
  for (;;) {
    const save = { row: c.row, col: c.col };
    if (!c.next() || charClass(c.ch, big) !== cls || c.row !== save.row) return save;
  }
}

export function wordBackward(lines: string[], from: Pos, big: boolean): Pos {
  const c = new Cursor(lines, from.row, from.col);
  if (!c.prev()) return from;
  while (charClass(c.ch, big) === 0) {
    if (c.emptyLine) return { row: c.row, col: 0 };
    if (!c.prev()) return { row: 0, col: 0 };
  }
  const cls = charClass(c.ch, big);
  for (;;) {
    const save = { row: c.row, col: c.col };
    if (!c.prev() || charClass(c.ch, big) !== cls || c.row !== save.row) return save;
  }
}
