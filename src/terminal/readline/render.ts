/**
 * Draws the prompt and the line being edited, and moves the cursor, with the same wrapping as
 * the terminal: a character that does not fit in what is left of a row goes to the next row (a
 * wide character never splits, leaving the last cell empty), and a row filled exactly leaves the
 * cursor on the next row, as readline does. Only relative cursor moves are used, so the input can
 * sit anywhere on the screen (after output that did not end with a newline, too).
 */
import { charWidth, stripAnsi } from '../width';

export interface Position {
  row: number;
  col: number;
}

/**
 * Where each character of `text` lands when written from column `startCol` after a prompt of
 * the given (escape-free) text, on a terminal `cols` wide. Returns the positions of the text's
 * characters and the end position (where the cursor is after writing everything).
 */
export function layout(promptText: string, chars: readonly string[], cols: number, startCol = 0): { positions: Position[]; end: Position } {
  let row = 0;
  let col = startCol;
  const place = (ch: string): Position => {
    if (ch === '\n') {
      const at = { row, col };
      row++;
      col = 0;
      return at;
    }
    const w = charWidth(ch.codePointAt(0)!);
    if (w > 0 && col + w > cols) {
      row++;
      col = 0;
    }
    const at = { row, col };
    col += w;
    return at;
  };
  for (const ch of promptText) place(ch);
  const positions = chars.map(place);
  const end = col >= cols ? { row: row + 1, col: 0 } : { row, col };
  return { positions, end };
}

function up(n: number): string {
  return n > 0 ? `\x1b[${n}A` : '';
}
function down(n: number): string {
  return n > 0 ? `\x1b[${n}B` : '';
}
function right(n: number): string {
  return n > 0 ? `\x1b[${n}C` : '';
}

/** Text as it must be written: newlines inside the line become CR LF. */
function wire(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export class LineRenderer {
  /** Row of the cursor, counted from the row where the prompt starts. */
  private cursorRow = 0;
  private startCol = 0;
  private shown: { prompt: string; chars: readonly string[]; cursor: number } | undefined;

  constructor(private cols: number) {}

  /** A new prompt starts at the cursor, which is at column `startCol` of its row. */
  begin(startCol = 0): void {
    this.cursorRow = 0;
    this.startCol = startCol;
    this.shown = undefined;
  }

  get columns(): number {
    return this.cols;
  }

  /** The terminal changed width: xterm reflows the rows, so the cursor keeps its place in the text. */
  resize(cols: number): void {
    this.cols = cols;
    if (this.shown) {
      const { positions, end } = layout(stripAnsi(this.shown.prompt), this.shown.chars, cols, this.startCol);
      this.cursorRow = (positions[this.shown.cursor] ?? end).row;
    }
  }

  /** Escape sequence that shows prompt + chars with the cursor before chars[cursor]. */
  draw(prompt: string, chars: readonly string[], cursor: number): string {
    const promptText = stripAnsi(prompt);
    const { positions, end } = layout(promptText, chars, this.cols, this.startCol);
    const target = positions[cursor] ?? end;
    const old = this.shown;
    let out: string;
    if (old && old.prompt === prompt && old.cursor === old.chars.length && cursor === chars.length && isPrefix(old.chars, chars)) {
      // Typing at the end of the line: write only what is new.
      out = wire(chars.slice(old.chars.length).join('')) + this.wrapFix(end);
    } else {
      out = up(this.cursorRow) + '\r' + right(this.startCol) + '\x1b[J' + prompt + wire(chars.join('')) + this.wrapFix(end);
      const rowsUp = end.row - target.row;
      out += up(rowsUp) + '\r' + right(target.col);
    }
    this.cursorRow = target.row;
    this.shown = { prompt, chars: [...chars], cursor };
    return out;
  }

  /** Escape sequence that puts the cursor after the end of the input (before printing below it). */
  toEnd(): string {
    if (!this.shown) return '';
    const { end } = layout(stripAnsi(this.shown.prompt), this.shown.chars, this.cols, this.startCol);
    const out = down(end.row - this.cursorRow) + '\r' + right(end.col);
    this.cursorRow = end.row;
    this.shown = { ...this.shown, cursor: this.shown.chars.length };
    return out;
  }

  /** A row filled exactly leaves the terminal in its pending-wrap state: step onto the next row. */
  private wrapFix(end: Position): string {
    return end.col === 0 && this.endsAtBoundary(end) ? ' \r' : '';
  }

  private endsAtBoundary(end: Position): boolean {
    // end.col === 0 happens after a wrap or after a newline in the text; only the wrap needs the fix,
    // and the fix is harmless after a newline too (the space lands on an empty row and is overwritten).
    return end.row > 0 || this.startCol > 0;
  }
}

function isPrefix(a: readonly string[], b: readonly string[]): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
