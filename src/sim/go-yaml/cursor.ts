/**
 * The scanner's position in the input: code points (the reader's decoded buffer, a 0 sentinel
 * after the end) and the mark go-yaml keeps, whose index and column count characters.
 */
import { CR, LF, isBreak } from './chars';
import type { Mark } from './error';

export class Cursor {
  readonly cp: number[];
  pos = 0;
  readonly mark: Mark = { index: 0, line: 0, column: 0 };

  constructor(codePoints: number[]) {
    this.cp = [...codePoints, 0, 0, 0, 0];
  }

  /** The character k places ahead (0 past the end). */
  at(k = 0): number {
    return this.cp[this.pos + k] ?? 0;
  }

  /** Over one character of a line. */
  skip(): void {
    this.pos++;
    this.mark.index++;
    this.mark.column++;
  }

  /** Over one character, returning it. */
  read(): string {
    const c = this.at();
    this.skip();
    return String.fromCodePoint(c);
  }

  /** Over one line break (CR LF counts as one); nothing if there is none. */
  skipLine(): void {
    const c = this.at();
    if (c === CR && this.at(1) === LF) {
      this.pos += 2;
      this.mark.index += 2;
    } else if (isBreak(c)) {
      this.pos++;
      this.mark.index++;
    } else return;
    this.mark.column = 0;
    this.mark.line++;
  }

  /** Over one line break, returning it as the scalar keeps it: CR, LF, CR LF and NEL become "\n". */
  readLine(): string {
    const c = this.at();
    if (!isBreak(c)) return '';
    this.skipLine();
    return c === 0x2028 || c === 0x2029 ? String.fromCodePoint(c) : '\n';
  }
}
