/**
 * Scalars as go-yaml v2's scanner reads them (scan_plain_scalar, scan_flow_scalar,
 * scan_block_scalar): where each one ends, its errors and, roughly, its text (the checker only
 * needs it for merge keys and tags; the values kubectl uses come from the YAML library).
 */
import { TAB, code, isBlank, isBlankZ, isBreak, isBreakZ, isDigit, isHex, isSpace, isTab, isZ } from './chars';
import type { Cursor } from './cursor';
import { copyMark, type Mark } from './error';
import type { Scanner } from './scanner';
import { T, type Token } from './tokens';

/** "---" or "..." followed by a blank at the start of a line. */
function atDocumentIndicator(cur: Cursor): boolean {
  const c = cur.at();
  return cur.mark.column === 0 && (c === code('-') || c === code('.')) && cur.at(1) === c && cur.at(2) === c && isBlankZ(cur.at(3));
}

/** Folds a line break into the text as YAML's flow scalars do. */
function fold(leadingBreak: string, trailingBreaks: string): string {
  if (leadingBreak === '\n') return trailingBreaks === '' ? ' ' : trailingBreaks;
  return leadingBreak + trailingBreaks;
}

/** The blanks and line breaks between two runs of a flow or plain scalar's text. */
interface Gap {
  whitespaces: string;
  leadingBreak: string;
  trailingBreaks: string;
  leadingBlanks: boolean;
}

/**
 * Over blanks and breaks: blanks before the first break are kept (they stay in the text if no
 * break follows), the first break and the later ones are kept apart for folding. `onBlank` sees
 * each blank first (the plain scalar's check of tabs in the indentation).
 */
function scanGap(cur: Cursor, gap: Gap, onBlank?: () => void): void {
  while (isBlank(cur.at()) || isBreak(cur.at())) {
    if (isBlank(cur.at())) {
      onBlank?.();
      if (!gap.leadingBlanks) gap.whitespaces += cur.read();
      else cur.skip();
    } else if (!gap.leadingBlanks) {
      gap.whitespaces = '';
      gap.leadingBreak = cur.readLine();
      gap.leadingBlanks = true;
    } else gap.trailingBreaks += cur.readLine();
  }
}

export function scanPlainScalar(s: Scanner): Token {
  const cur = s.cur;
  const indent = s.indent + 1;
  const start = copyMark(cur.mark);
  let end = copyMark(cur.mark);
  let text = '';
  const gap: Gap = { whitespaces: '', leadingBreak: '', trailingBreaks: '', leadingBlanks: false };
  // A tab left of the indentation on a continuation line.
  const checkTab = () => {
    if (gap.leadingBlanks && cur.mark.column < indent && isTab(cur.at())) s.error('while scanning a plain scalar', start, 'found a tab character that violates indentation');
  };
  for (;;) {
    if (atDocumentIndicator(cur) || cur.at() === code('#')) break;
    while (!isBlankZ(cur.at())) {
      const c = cur.at();
      if (c === code(':') && isBlankZ(cur.at(1))) break;
      if (s.flowLevel > 0 && (c === code(',') || c === code('?') || c === code('[') || c === code(']') || c === code('{') || c === code('}'))) break;
      if (gap.leadingBlanks || gap.whitespaces) {
        text += gap.leadingBlanks ? fold(gap.leadingBreak, gap.trailingBreaks) : gap.whitespaces;
        Object.assign(gap, { whitespaces: '', leadingBreak: '', trailingBreaks: '', leadingBlanks: false });
      }
      text += cur.read();
      end = copyMark(cur.mark);
    }
    if (!(isBlank(cur.at()) || isBreak(cur.at()))) break;
    scanGap(cur, gap, checkTab);
    if (s.flowLevel === 0 && cur.mark.column < indent) break;
  }
  if (gap.leadingBlanks) s.simpleKeyAllowed = true;
  return { type: T.Scalar, start, end, value: text, style: 'plain' };
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', "'": "'", '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** One escape sequence after a backslash of a double-quoted scalar. */
function scanEscape(s: Scanner, start: Mark): string {
  const cur = s.cur;
  const e = String.fromCodePoint(cur.at(1));
  const length = HEX_LENGTH[e] ?? 0;
  if (!length && !(e in ESCAPES)) s.error('while parsing a quoted scalar', start, 'found unknown escape character');
  cur.skip();
  cur.skip();
  if (!length) return ESCAPES[e];
  let value = 0;
  for (let k = 0; k < length; k++) {
    if (!isHex(cur.at(k))) s.error('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
    value = value * 16 + parseInt(String.fromCodePoint(cur.at(k)), 16);
  }
  if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) s.error('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
  for (let k = 0; k < length; k++) cur.skip();
  return String.fromCodePoint(value);
}

export function scanFlowScalar(s: Scanner, single: boolean): Token {
  const cur = s.cur;
  const start = copyMark(cur.mark);
  const quote = code(single ? "'" : '"');
  cur.skip();
  let text = '';
  for (;;) {
    if (atDocumentIndicator(cur)) s.error('while scanning a quoted scalar', start, 'found unexpected document indicator');
    if (isZ(cur.at())) s.error('while scanning a quoted scalar', start, 'found unexpected end of stream');
    let leadingBlanks = false;
    while (!isBlankZ(cur.at())) {
      const c = cur.at();
      if (single && c === quote && cur.at(1) === quote) {
        text += "'";
        cur.skip();
        cur.skip();
      } else if (c === quote) break;
      else if (!single && c === code('\\') && isBreak(cur.at(1))) {
        cur.skip();
        cur.skipLine();
        leadingBlanks = true;
        break;
      } else if (!single && c === code('\\')) text += scanEscape(s, start);
      else text += cur.read();
    }
    if (cur.at() === quote) break;
    const gap: Gap = { whitespaces: '', leadingBreak: '', trailingBreaks: '', leadingBlanks };
    scanGap(cur, gap);
    text += gap.leadingBlanks ? fold(gap.leadingBreak, gap.trailingBreaks) : gap.whitespaces;
  }
  cur.skip();
  return { type: T.Scalar, start, end: copyMark(cur.mark), value: text, style: single ? 'single' : 'double' };
}

/**
 * The indentation spaces and empty lines before a block scalar's next line; the first ones fix
 * its indentation when no indicator did. A tab where an indentation space belongs is an error.
 */
function scanBlockBreaks(s: Scanner, indent: number, start: Mark): { indent: number; breaks: string } {
  const cur = s.cur;
  let maxIndent = 0;
  let breaks = '';
  for (;;) {
    while ((indent === 0 || cur.mark.column < indent) && isSpace(cur.at())) cur.skip();
    if (cur.mark.column > maxIndent) maxIndent = cur.mark.column;
    if ((indent === 0 || cur.mark.column < indent) && cur.at() === TAB) s.error('while scanning a block scalar', start, 'found a tab character where an indentation space is expected');
    if (!isBreak(cur.at())) break;
    breaks += cur.readLine();
  }
  if (indent === 0) indent = Math.max(maxIndent, s.indent + 1, 1);
  return { indent, breaks };
}

export function scanBlockScalar(s: Scanner, literal: boolean): Token {
  const cur = s.cur;
  const start = copyMark(cur.mark);
  cur.skip();
  let chomping = 0;
  let increment = 0;
  const chompAt = () => {
    if (cur.at() === code('+') || cur.at() === code('-')) {
      chomping = cur.at() === code('+') ? 1 : -1;
      cur.skip();
      return true;
    }
    return false;
  };
  const digitAt = () => {
    if (!isDigit(cur.at())) return false;
    if (cur.at() === code('0')) s.error('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
    increment = cur.at() - code('0');
    cur.skip();
    return true;
  };
  if (chompAt()) digitAt();
  else if (digitAt()) chompAt();
  while (isBlank(cur.at())) cur.skip();
  if (cur.at() === code('#')) while (!isBreakZ(cur.at())) cur.skip();
  if (!isBreakZ(cur.at())) s.error('while scanning a block scalar', start, 'did not find expected comment or line break');
  cur.skipLine();
  let indent = increment ? (s.indent >= 0 ? s.indent + increment : increment) : 0;
  let text = '';
  let leadingBreak = '';
  let { indent: found, breaks: trailingBreaks } = scanBlockBreaks(s, indent, start);
  indent = found;
  let leadingBlank = false;
  while (cur.mark.column === indent && !isZ(cur.at())) {
    const trailingBlank = isBlank(cur.at());
    if (!literal && !leadingBlank && !trailingBlank && leadingBreak === '\n') text += trailingBreaks === '' ? ' ' : '';
    else text += leadingBreak;
    text += trailingBreaks;
    leadingBlank = isBlank(cur.at());
    while (!isBreakZ(cur.at())) text += cur.read();
    leadingBreak = cur.readLine();
    ({ indent: found, breaks: trailingBreaks } = scanBlockBreaks(s, indent, start));
  }
  if (chomping !== -1) text += leadingBreak;
  if (chomping === 1) text += trailingBreaks;
  return { type: T.Scalar, start, end: copyMark(cur.mark), value: text, style: literal ? 'literal' : 'folded' };
}
