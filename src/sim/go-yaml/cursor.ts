/**
 * The scanner's position in the input: code points (the reader's decoded buffer, a 0 sentinel
 * after the end) and the mark go-yaml keeps, whose index and column count characters.
 */
import { CR, LF, isBreak } from './chars';
import { GoYamlSyntaxError, type Mark } from './error';
import type { ReaderChunks } from './reader';

export class Cursor {
  readonly cp: number[];
  pos = 0;
  readonly mark: Mark = { index: 0, line: 0, column: 0 };

  /** How many characters the reader has decoded (and checked) so far. */
  private decoded = 0;

  constructor(
    codePoints: number[],
    private readonly reader?: ReaderChunks,
  ) {
    this.cp = [...codePoints, 0, 0, 0, 0];
  }

  /** The character k places ahead (0 past the end). */
  at(k = 0): number {
    if (this.pos + k >= this.decoded) this.want(k + 1);
    return this.cp[this.pos + k] ?? 0;
  }

  /**
   * The reader's cache(n): n characters from here must be decoded. go-yaml decodes its input one
   * raw chunk at a time, when the scanner first needs a character of it, and a control
   * character fails the read only then: a syntax error before that chunk is reported instead.
   */
  want(n: number): void {
    if (!this.reader || this.pos + n <= this.decoded) return;
    this.decoded = this.reader.decodedThrough(this.pos + n - 1);
    if (this.reader.firstDisallowed < this.decoded) throw new GoYamlSyntaxError('reader', 'control characters are not allowed', undefined);
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
