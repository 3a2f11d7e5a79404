/**
 * The screen of a full-screen program: a frame is the text of every row (SGR colour escapes
 * allowed) and the cursor. The writer sends only rows that changed since the last frame, on the
 * alternate screen, so vim and nano redraw like the real ones without flicker.
 */
import { charWidth } from '../width';

export interface Frame {
  rows: string[];
  cursor: { row: number; col: number };
}

/** Alternate screen and bracketed paste on (Vim and nano ask for both), and off again. */
export const ALT_SCREEN_ON = '\x1b[?1049h\x1b[?2004h\x1b[H\x1b[2J';
export const ALT_SCREEN_OFF = '\x1b[?2004l\x1b[?1049l';

export class FrameWriter {
  private previous: string[] = [];

  constructor(private readonly write: (data: string) => void) {}

  enter(): void {
    this.write(ALT_SCREEN_ON);
    this.previous = [];
  }

  leave(): void {
    this.write(ALT_SCREEN_OFF);
  }

  /** Forget what is on the screen (after a resize): the next draw repaints every row. */
  invalidate(): void {
    this.previous = [];
    this.write('\x1b[H\x1b[2J');
  }

  draw(frame: Frame): void {
    let out = '\x1b[?25l';
    frame.rows.forEach((row, i) => {
      if (row === this.previous[i]) return;
      // Erase first, then write: erasing after a row that fills the width would eat its last cell.
      out += `\x1b[${i + 1};1H\x1b[2K${row}\x1b[0m`;
    });
    out += `\x1b[${frame.cursor.row + 1};${frame.cursor.col + 1}H\x1b[?25h`;
    this.previous = [...frame.rows];
    this.write(out);
  }
}

/** Cut or pad plain text (no escapes) to exactly `width` cells. */
export function fit(text: string, width: number): string {
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

export const SGR = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  reverse: '\x1b[7m',
  red: '\x1b[31m',
  errorMsg: '\x1b[97;41m',
  yellow: '\x1b[33m',
  blue: '\x1b[94m',
};
