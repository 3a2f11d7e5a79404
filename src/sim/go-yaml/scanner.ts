/**
 * go-yaml v2's scanner (scannerc.go, a port of libyaml), as far as its errors go: tokens are made
 * on demand, the queue held back while its head may still turn out to be a simple key (a KEY token
 * and maybe a BLOCK-MAPPING-START are inserted before it when its ':' comes). Where the scanner
 * stops first decides which error a broken file gets, so the order of checks is go-yaml's:
 * - a simple key goes stale only when the line ends or 1024 characters pass, and that is noticed
 *   lazily: when the parser wants the head token, at the next ':' and when a new key is saved;
 * - a stale key that was required (first on its line at the block's indentation) is
 *   "could not find expected ':'", marked where the scanner is.
 */
import { BOM, INDICATORS, TAB, code, isBlank, isBlankZ, isBreak, isBreakZ, isZ } from './chars';
import { Cursor } from './cursor';
import type { ReaderChunks } from './reader';
import { GoYamlSyntaxError, copyMark, type Mark } from './error';
import { scanAnchor, scanDirective, scanTag } from './scan-props';
import { scanBlockScalar, scanFlowScalar, scanPlainScalar } from './scan-scalars';
import { T, type Token } from './tokens';

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

const MAX_DEPTH = 10000;

export class Scanner {
  readonly cur: Cursor;
  readonly tokens: Token[] = [];
  head = 0;
  tokensParsed = 0;
  tokenAvailable = false;
  streamStartProduced = false;
  streamEndProduced = false;
  indent = -1;
  private readonly indents: number[] = [];
  simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];
  private readonly simpleKeysByTok = new Map<number, number>();
  flowLevel = 0;

  /**
   * `lookahead`: how many tokens past the head must be queued before the head may go (0 for
   * yaml.v2; yaml.v3 keeps 2 more, for comments, so it meets scanner errors earlier).
   */
  constructor(
    codePoints: number[],
    private readonly lookahead = 0,
    reader?: ReaderChunks,
  ) {
    this.cur = new Cursor(codePoints, reader);
  }

  get mark(): Mark {
    return this.cur.mark;
  }

  error(context: string, contextMark: Mark, problem: string): never {
    throw new GoYamlSyntaxError('scanner', problem, copyMark(this.cur.mark), context, copyMark(contextMark));
  }

  /** The next token, fetched as the parser's peek_token does; it stays at the head until skipped. */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.head];
  }

  skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.head].type === T.StreamEnd;
    this.head++;
  }

  private insert(pos: number, token: Token): void {
    if (pos < 0) this.tokens.push(token);
    else this.tokens.splice(this.head + pos, 0, token);
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.head < this.tokens.length - this.lookahead) {
        const idx = this.simpleKeysByTok.get(this.tokensParsed);
        if (idx === undefined) break;
        if (!this.simpleKeyIsValid(this.simpleKeys[idx])) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    const cur = this.cur;
    if (!this.streamStartProduced) return this.fetchStreamStart();
    this.scanToNextToken();
    this.unrollIndent(cur.mark.column);
    // The longest indicators ('--- ', '... ') are 4 characters: the reader decodes that far first.
    cur.want(4);
    const c = cur.at();
    if (isZ(c)) return this.fetchStreamEnd();
    const col0 = cur.mark.column === 0;
    if (col0 && c === code('%')) return this.fetchDirective();
    if (col0 && c === code('-') && cur.at(1) === c && cur.at(2) === c && isBlankZ(cur.at(3))) return this.fetchDocumentIndicator(T.DocumentStart);
    if (col0 && c === code('.') && cur.at(1) === c && cur.at(2) === c && isBlankZ(cur.at(3))) return this.fetchDocumentIndicator(T.DocumentEnd);
    const next = cur.at(1);
    switch (String.fromCodePoint(c)) {
      case '[': return this.fetchFlowCollectionStart(T.FlowSequenceStart);
      case '{': return this.fetchFlowCollectionStart(T.FlowMappingStart);
      case ']': return this.fetchFlowCollectionEnd(T.FlowSequenceEnd);
      case '}': return this.fetchFlowCollectionEnd(T.FlowMappingEnd);
      case ',': return this.fetchFlowEntry();
      case '-': if (isBlankZ(next)) return this.fetchBlockEntry(); break;
      case '?': if (this.flowLevel > 0 || isBlankZ(next)) return this.fetchKey(); break;
      case ':': if (this.flowLevel > 0 || isBlankZ(next)) return this.fetchValue(); break;
      case '*': return this.fetchAnchor(T.Alias);
      case '&': return this.fetchAnchor(T.Anchor);
      case '!': return this.fetchTag();
      case '|': if (this.flowLevel === 0) return this.fetchBlockScalar(true); break;
      case '>': if (this.flowLevel === 0) return this.fetchBlockScalar(false); break;
      case "'": return this.fetchFlowScalar(true);
      case '"': return this.fetchFlowScalar(false);
    }
    // A plain scalar starts with no indicator, or with '-' (or, in block context, '?' or ':')
    // followed by a non-blank.
    if (
      !(isBlankZ(c) || INDICATORS.has(c)) ||
      (c === code('-') && !isBlank(next)) ||
      (this.flowLevel === 0 && (c === code('?') || c === code(':')) && !isBlankZ(next))
    )
      return this.fetchPlainScalar();
    this.error('while scanning for the next token', cur.mark, 'found character that cannot start any token');
  }

  /** Whether a saved simple key can still be one; a stale required key is an error. */
  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.mark.line || key.mark.index + 1024 < this.mark.index) {
      if (key.required) this.error('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (!this.simpleKeyAllowed) return;
    const key: SimpleKey = { possible: true, required, tokenNumber: this.tokensParsed + (this.tokens.length - this.head), mark: copyMark(this.mark) };
    this.removeSimpleKey();
    this.simpleKeys[this.simpleKeys.length - 1] = key;
    this.simpleKeysByTok.set(key.tokenNumber, this.simpleKeys.length - 1);
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (!key.possible) return;
    if (key.required) this.error('while scanning a simple key', key.mark, "could not find expected ':'");
    key.possible = false;
    this.simpleKeysByTok.delete(key.tokenNumber);
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.tokensParsed + (this.tokens.length - this.head), mark: copyMark(this.mark) });
    this.flowLevel++;
    if (this.flowLevel > MAX_DEPTH) this.error('while increasing flow level', this.simpleKeys[this.simpleKeys.length - 1].mark, `exceeded max depth of ${MAX_DEPTH}`);
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel === 0) return;
    this.flowLevel--;
    const key = this.simpleKeys.pop()!;
    this.simpleKeysByTok.delete(key.tokenNumber);
  }

  /** A deeper block collection starts at column: its START token goes at `number` (or the end). */
  private rollIndent(column: number, number: number, type: T, mark: Mark): void {
    if (this.flowLevel > 0 || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    if (this.indents.length > MAX_DEPTH) this.error('while increasing indent level', this.simpleKeys[this.simpleKeys.length - 1].mark, `exceeded max depth of ${MAX_DEPTH}`);
    this.insert(number > -1 ? number - this.tokensParsed : -1, { type, start: copyMark(mark), end: copyMark(mark) });
  }

  /** Every block collection deeper than column ends here. */
  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.insert(-1, { type: T.BlockEnd, start: copyMark(this.mark), end: copyMark(this.mark) });
      this.indent = this.indents.pop()!;
    }
  }

  private simpleToken(type: T): void {
    const start = copyMark(this.mark);
    this.cur.skip();
    this.insert(-1, { type, start, end: copyMark(this.mark) });
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: copyMark(this.mark) });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.insert(-1, { type: T.StreamStart, start: copyMark(this.mark), end: copyMark(this.mark) });
  }

  private fetchStreamEnd(): void {
    // The stream's end is on a line of its own.
    if (this.mark.column !== 0) {
      this.mark.column = 0;
      this.mark.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, { type: T.StreamEnd, start: copyMark(this.mark), end: copyMark(this.mark) });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, scanDirective(this));
  }

  private fetchDocumentIndicator(type: T): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = copyMark(this.mark);
    this.cur.skip();
    this.cur.skip();
    this.cur.skip();
    this.insert(-1, { type, start, end: copyMark(this.mark) });
  }

  private fetchFlowCollectionStart(type: T): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    this.simpleToken(type);
  }

  private fetchFlowCollectionEnd(type: T): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    this.simpleToken(type);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.simpleToken(T.FlowEntry);
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.error('', this.mark, 'block sequence entries are not allowed in this context');
      this.rollIndent(this.mark.column, -1, T.BlockSequenceStart, this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.simpleToken(T.BlockEntry);
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.error('', this.mark, 'mapping keys are not allowed in this context');
      this.rollIndent(this.mark.column, -1, T.BlockMappingStart, this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.simpleToken(T.Key);
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (this.simpleKeyIsValid(key)) {
      // The saved key was one: KEY goes before it, and a mapping may start there.
      this.insert(key.tokenNumber - this.tokensParsed, { type: T.Key, start: copyMark(key.mark), end: copyMark(key.mark) });
      this.rollIndent(key.mark.column, key.tokenNumber, T.BlockMappingStart, key.mark);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.error('', this.mark, 'mapping values are not allowed in this context');
        this.rollIndent(this.mark.column, -1, T.BlockMappingStart, this.mark);
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.simpleToken(T.Value);
  }

  private fetchAnchor(type: T.Anchor | T.Alias): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, scanAnchor(this, type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, scanTag(this));
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insert(-1, scanBlockScalar(this, literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, scanFlowScalar(this, single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, scanPlainScalar(this));
  }

  /**
   * Over blanks, comments and line breaks. A tab is skipped only inside a flow collection or where
   * no simple key may start (after a key's ':' or an indicator): at the start of a block line it
   * is left to fail as the next token.
   */
  private scanToNextToken(): void {
    const cur = this.cur;
    for (;;) {
      if (cur.mark.column === 0 && cur.at() === BOM) cur.skip();
      while (cur.at() === 0x20 || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && cur.at() === TAB)) cur.skip();
      if (cur.at() === code('#')) while (!isBreakZ(cur.at())) cur.skip();
      if (!isBreak(cur.at())) return;
      cur.skipLine();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
  }
}
