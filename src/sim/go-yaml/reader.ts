/**
 * go-yaml v2's reader (readerc.go, yaml_parser_update_buffer) as far as its one error goes: the
 * input string is read into a 512-byte raw buffer, and each fill is decoded whole (a character
 * cut by the buffer's end waits for the next fill), every character checked against the allowed
 * set. A fill happens only when the scanner asks for a character past what is decoded, so a
 * control character is met when the scanner reaches its chunk, not before.
 */
import { BOM, isAllowed } from './chars';

const RAW_BUFFER = 512;

const utf8Length = (c: number) => (c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4);

export class ReaderChunks {
  /** Index (in characters) just past each chunk. */
  private readonly ends: number[] = [];
  /** The first character the reader refuses (Infinity: none). */
  readonly firstDisallowed: number;

  /** `codePoints`: the input as decoded, BOM dropped; `bomBytes`: the BOM's bytes in the first fill. */
  constructor(codePoints: number[], bomBytes: number) {
    let room = RAW_BUFFER - bomBytes;
    for (let i = 0; i < codePoints.length; i++) {
      const n = utf8Length(codePoints[i]);
      if (n > room) {
        this.ends.push(i);
        room = RAW_BUFFER;
      }
      room -= n;
    }
    this.ends.push(codePoints.length);
    const bad = codePoints.findIndex((c) => !isAllowed(c));
    this.firstDisallowed = bad < 0 ? Infinity : bad;
  }

  /** How many characters are decoded once the character at `index` is (all of them past the end). */
  decodedThrough(index: number): number {
    for (const end of this.ends) if (end > index) return end;
    return Infinity;
  }
}

/** The input as the reader decodes it (code points, a leading UTF-8 BOM dropped) and its chunks. */
export function readInput(text: string): { codePoints: number[]; chunks: ReaderChunks } {
  const cps: number[] = [];
  for (const ch of text) cps.push(ch.codePointAt(0)!);
  const bom = cps[0] === BOM;
  if (bom) cps.shift();
  const chunks = new ReaderChunks(cps, bom ? 3 : 0);
  // An empty input is read as a single line break.
  if (cps.length === 0) cps.push(0x0a);
  return { codePoints: cps, chunks };
}
