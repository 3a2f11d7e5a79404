/**
 * A recursive-descent parser for the bash language, working on characters (bash's grammar is
 * context-sensitive: reserved words only count in command position, `$(…)` nests whole
 * scripts, here-document bodies follow the next newline). It never throws to its caller:
 * syntax errors and incomplete input come back as data, so the terminal can print bash's
 * message or show the `> ` continuation prompt.
 *
 * `next()` parses one complete command (up to a newline) at a time, as bash does, so that an
 * alias defined on one line applies to the next and a syntax error on line 5 comes after the
 * output of lines 1–4.
 */
import type {
  Assignment,
  CaseItem,
  Command,
  CondExpr,
  ListNode,
  ParamPart,
  ParseResult,
  ParseWarning,
  Redirect,
  RedirOp,
  SimpleCommand,
  Word,
  WordPart,
} from './ast';

export interface ParserOptions {
  /** Alias lookup at parse time (interactive shells, or shopt -s expand_aliases). */
  alias?: (name: string) => string | undefined;
  /** First line number of the source (for messages). */
  firstLine?: number;
}

/** Thrown inside the parser when input ends where more is needed. */
class NeedMore {
  constructor(
    /** For unclosed quotes: bash's "unexpected EOF while looking for matching `X'". */
    readonly matching?: string,
    readonly line?: number,
  ) {}
}

class ParseFailure {
  constructor(
    readonly message: string,
    readonly offset: number,
    readonly showLine = true,
  ) {}
}

type Tok =
  | { kind: 'op'; value: string; start: number; end: number }
  | { kind: 'word'; value: string; word: Word; start: number; end: number }
  | { kind: 'io'; value: string; fd: number; start: number; end: number }
  | { kind: 'newline'; value: '\n'; start: number; end: number }
  | { kind: 'eof'; value: ''; start: number; end: number };

const OPERATORS = [';;&', ';;', ';&', '&&', '&>>', '&>', '&', '||', '|&', '|', '<<<', '<<-', '<<', '<&', '<>', '<', '>>', '>&', '>|', '>', '(', ')', ';'];
const OPERATOR_START = new Set(OPERATORS.map((o) => o[0]));
const REDIR_OPS = new Set(['<', '>', '>>', '>|', '<>', '<&', '>&', '&>', '&>>', '<<', '<<-', '<<<']);
const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const LIST_END_WORDS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', 'function', '{', '}', '!', '[[', ']]', 'select', 'time']);
const DECLARATION_BUILTINS = new Set(['declare', 'local', 'export', 'readonly', 'typeset']);
const isMeta = (ch: string): boolean => META.has(ch);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGN_RE = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?)=/;
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

interface PendingHeredoc {
  redir: Redirect;
  delimiter: string;
  strip: boolean;
  quoted: boolean;
  line: number;
}

export class Parser {
  private src: string;
  private pos = 0;
  private peeked: Tok | null = null;
  private pending: PendingHeredoc[] = [];
  private warnings: ParseWarning[] = [];
  private lineStarts: number[] = [];
  private readonly firstLine: number;
  /** Alias names being expanded at the current position (no recursion). */
  private aliasGuard: { name: string; end: number }[] = [];
  private aliasNext = false;

  constructor(
    source: string,
    private readonly options: ParserOptions = {},
  ) {
    this.src = source;
    this.firstLine = options.firstLine ?? 1;
    this.indexLines();
  }

  /** Parse the next complete command; see ParseResult. */
  next(): ParseResult {
    this.warnings = [];
    try {
      for (;;) {
        const t = this.peek();
        if (t.kind === 'eof') return { kind: 'eof' };
        if (t.kind === 'newline') {
          this.take();
          continue;
        }
        break;
      }
      const list = this.parseList(true);
      const t = this.peek();
      if (t.kind === 'newline') this.take();
      else if (t.kind !== 'eof') this.unexpected(t);
      else if (this.pending.length) this.readHeredocs();
      return { kind: 'command', node: list, warnings: this.warnings };
    } catch (e) {
      if (e instanceof NeedMore) return this.eofResult(e);
      if (e instanceof ParseFailure) {
        const line = this.lineAt(e.offset);
        this.skipToEnd();
        return { kind: 'error', error: { message: e.message, line, lineText: e.showLine ? this.lineText(e.offset) : undefined } };
      }
      throw e;
    }
  }

  /** Everything in the source: all commands, or the first problem. */
  static parseAll(
    source: string,
    options: ParserOptions = {},
  ): { kind: 'ok'; commands: ListNode[]; warnings: ParseWarning[] } | { kind: 'incomplete'; error: import('./ast').SyntaxError; unclosedQuote: boolean } | { kind: 'error'; error: import('./ast').SyntaxError } {
    const p = new Parser(source, options);
    const commands: ListNode[] = [];
    const warnings: ParseWarning[] = [];
    for (;;) {
      const r = p.next();
      if (r.kind === 'eof') return { kind: 'ok', commands, warnings };
      if (r.kind === 'command') {
        commands.push(r.node);
        warnings.push(...r.warnings);
        continue;
      }
      return r;
    }
  }

  /** True when more input is needed before this text can run (the `> ` prompt). */
  static isIncomplete(source: string, options: ParserOptions = {}): boolean {
    // A trailing backslash-newline continues the line.
    if (/(^|[^\\])(\\\\)*\\\n?$/.test(source) && !Parser.endsInSingleQuote(source)) return true;
    const p = new Parser(source, options);
    p.pendingEofIsIncomplete = true;
    for (;;) {
      const r = p.next();
      if (r.kind === 'incomplete') return true;
      if (r.kind === 'eof' || r.kind === 'error') return false;
    }
  }

  /** Rough check that a trailing backslash is not inside single quotes. */
  private static endsInSingleQuote(source: string): boolean {
    const p = new Parser(source);
    for (;;) {
      const r = p.next();
      if (r.kind === 'incomplete') return r.unclosedQuote;
      if (r.kind !== 'command') return false;
    }
  }

  private eofResult(e: NeedMore): ParseResult {
    this.skipToEnd();
    if (e.matching) {
      return { kind: 'incomplete', unclosedQuote: true, error: { message: `unexpected EOF while looking for matching \`${e.matching}'`, line: e.line ?? this.lineAt(this.src.length) } };
    }
    return { kind: 'incomplete', unclosedQuote: false, error: { message: 'syntax error: unexpected end of file', line: this.lineAt(this.src.length) } };
  }

  // ---------------------------------------------------------------- lines

  private indexLines(): void {
    this.lineStarts = [0];
    for (let i = 0; i < this.src.length; i++) if (this.src[i] === '\n') this.lineStarts.push(i + 1);
  }

  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + this.firstLine;
  }

  private lineText(offset: number): string {
    const idx = this.lineAt(offset) - this.firstLine;
    const start = this.lineStarts[idx];
    const end = this.src.indexOf('\n', start);
    return this.src.slice(start, end < 0 ? undefined : end);
  }

  private skipToEnd(): void {
    this.pos = this.src.length;
    this.peeked = null;
  }

  // ---------------------------------------------------------------- tokens

  private peek(): Tok {
    if (!this.peeked) this.peeked = this.lex();
    return this.peeked;
  }

  private take(): Tok {
    const t = this.peek();
    this.peeked = null;
    if (t.kind === 'newline' && this.pending.length) this.readHeredocs();
    return t;
  }

  private unexpected(t: Tok): never {
    if (t.kind === 'eof') throw new NeedMore();
    const text = t.kind === 'newline' ? 'newline' : t.value;
    throw new ParseFailure(`syntax error near unexpected token \`${text}'`, t.start);
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else break;
    }
  }

  private lex(): Tok {
    this.skipBlanks();
    const start = this.pos;
    if (this.pos >= this.src.length) return { kind: 'eof', value: '', start, end: start };
    const c = this.src[this.pos];
    if (c === '\n') {
      this.pos++;
      return { kind: 'newline', value: '\n', start, end: this.pos };
    }
    if ((c === '<' || c === '>') && this.src[this.pos + 1] === '(') {
      return this.lexWord(start);
    }
    if (OPERATOR_START.has(c)) {
      for (const op of OPERATORS) {
        if (this.src.startsWith(op, this.pos)) {
          this.pos += op.length;
          return { kind: 'op', value: op, start, end: this.pos };
        }
      }
    }
    return this.lexWord(start);
  }

  private lexWord(start: number): Tok {
    const word = this.readWord(isMeta);
    const end = this.pos;
    if (end === start) {
      // Nothing could be read here (cannot happen for valid input): never loop on it.
      this.pos++;
      throw new ParseFailure(`syntax error near unexpected token \`${this.src[start]}'`, start);
    }
    const value = this.src.slice(start, end);
    if (/^\d+$/.test(value) && (this.src[this.pos] === '<' || this.src[this.pos] === '>') && this.src[this.pos + 1] !== '(') {
      return { kind: 'io', value, fd: Number(value), start, end };
    }
    return { kind: 'word', value, word, start, end };
  }

  // ---------------------------------------------------------------- words

  /** Read a word up to an unquoted stop character. */
  private readWord(stop: (ch: string) => boolean, inParamArg = false, singleQuoteLiteral = false): Word {
    const start = this.pos;
    const parts: WordPart[] = [];
    let lit = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      const procSubst = (c === '<' || c === '>') && this.src[this.pos + 1] === '(' && !inParamArg;
      if (stop(c) && !(procSubst && this.pos === start)) break;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === undefined) {
          this.pos++;
          break;
        }
        this.pos += 2;
        if (n === '\n') continue;
        if (lit) {
          parts.push({ type: 'lit', value: lit, quoted: false });
          lit = '';
        }
        parts.push({ type: 'lit', value: n, quoted: true });
        continue;
      }
      if (c === "'" && !singleQuoteLiteral) {
        if (lit) {
          parts.push({ type: 'lit', value: lit, quoted: false });
          lit = '';
        }
        parts.push({ type: 'lit', value: this.readSingleQuoted(), quoted: true });
        continue;
      }
      if (c === '"') {
        if (lit) {
          parts.push({ type: 'lit', value: lit, quoted: false });
          lit = '';
        }
        parts.push(this.readDoubleQuoted());
        continue;
      }
      if (c === '$' && this.src[this.pos + 1] === "'") {
        if (lit) {
          parts.push({ type: 'lit', value: lit, quoted: false });
          lit = '';
        }
        this.pos++;
        parts.push({ type: 'lit', value: decodeAnsiC(this.readAnsiCQuoted()), quoted: true });
        continue;
      }
      if (c === '$' && this.src[this.pos + 1] === '"') {
        // Locale translation: behaves as "…".
        this.pos++;
        continue;
      }
      if (c === '$' || c === '`') {
        const part = this.readDollarOrBacktick();
        if (part) {
          if (lit) {
          parts.push({ type: 'lit', value: lit, quoted: false });
          lit = '';
        }
          parts.push(part);
          continue;
        }
        lit += c;
        this.pos++;
        continue;
      }
      if ((c === '<' || c === '>') && this.src[this.pos + 1] === '(' && !inParamArg) {
        if (lit) {
          parts.push({ type: 'lit', value: lit, quoted: false });
          lit = '';
        }
        this.pos += 2;
        const body = this.parseNested(')');
        parts.push({ type: 'procsub', dir: c, body });
        continue;
      }
      if ((c === '@' || c === '?' || c === '*' || c === '+' || c === '!') && this.src[this.pos + 1] === '(' && !inParamArg) {
        // extglob pattern: keep literally through the closing paren.
        const end = this.matchParen(this.pos + 1);
        lit += this.src.slice(this.pos, end);
        this.pos = end;
        continue;
      }
      lit += c;
      this.pos++;
    }
    if (lit) {
          parts.push({ type: 'lit', value: lit, quoted: false });
          lit = '';
        }
    return { parts, raw: this.src.slice(start, this.pos) };
  }

  private matchParen(open: number): number {
    let depth = 0;
    for (let i = open; i < this.src.length; i++) {
      if (this.src[i] === '(') depth++;
      else if (this.src[i] === ')' && --depth === 0) return i + 1;
    }
    throw new NeedMore(')');
  }

  private readSingleQuoted(): string {
    const line = this.lineAt(this.pos);
    const end = this.src.indexOf("'", this.pos + 1);
    if (end < 0) throw new NeedMore("'", line);
    const text = this.src.slice(this.pos + 1, end);
    this.pos = end + 1;
    return text;
  }

  /** The body of $'…' (backslash escapes the closing quote). */
  private readAnsiCQuoted(): string {
    const line = this.lineAt(this.pos);
    let i = this.pos + 1;
    for (; i < this.src.length; i++) {
      if (this.src[i] === '\\') i++;
      else if (this.src[i] === "'") break;
    }
    if (i >= this.src.length) throw new NeedMore("'", line);
    const text = this.src.slice(this.pos + 1, i);
    this.pos = i + 1;
    return text;
  }

  private readDoubleQuoted(): WordPart {
    const line = this.lineAt(this.pos);
    this.pos++;
    const parts: WordPart[] = [];
    let lit = '';
    for (;;) {
      if (this.pos >= this.src.length) throw new NeedMore('"', line);
      const c = this.src[this.pos];
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === undefined) throw new NeedMore('"', line);
        if (n === '\n') {
          this.pos += 2;
          continue;
        }
        if (n === '$' || n === '`' || n === '"' || n === '\\') {
          lit += n;
          this.pos += 2;
          continue;
        }
        lit += c;
        this.pos++;
        continue;
      }
      if (c === '$' || c === '`') {
        const part = this.readDollarOrBacktick(true);
        if (part) {
          if (lit) {
          parts.push({ type: 'lit', value: lit, quoted: true });
          lit = '';
        }
          parts.push(part);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    if (lit) {
          parts.push({ type: 'lit', value: lit, quoted: true });
          lit = '';
        }
    return { type: 'dq', parts };
  }

  /** At `$` or a backtick: an expansion part, or null for a literal `$`. */
  private readDollarOrBacktick(inDq = false): WordPart | null {
    const c = this.src[this.pos];
    if (c === '`') return this.readBacktick();
    const n = this.src[this.pos + 1];
    if (n === '(') {
      if (this.src[this.pos + 2] === '(') {
        const arith = this.tryArith(this.pos + 3);
        if (arith) return arith;
      }
      this.pos += 2;
      const body = this.parseNested(')');
      return { type: 'cmdsub', body, backtick: false };
    }
    if (n === '[') {
      // Old-style $[ expr ] arithmetic.
      const end = this.src.indexOf(']', this.pos);
      if (end > 0) {
        const sub = new Parser(this.src.slice(this.pos + 2, end));
        this.pos = end + 1;
        return { type: 'arith', expr: sub.readArithText() };
      }
    }
    if (n === '{') return this.readBracedParam(inDq);
    if (n !== undefined && (/[A-Za-z_]/.test(n))) {
      let i = this.pos + 1;
      while (i < this.src.length && /[A-Za-z0-9_]/.test(this.src[i])) i++;
      const name = this.src.slice(this.pos + 1, i);
      this.pos = i;
      return { type: 'param', name, braced: false };
    }
    if (n !== undefined && (/[0-9]/.test(n) || SPECIAL_PARAMS.has(n))) {
      this.pos += 2;
      return { type: 'param', name: n, braced: false };
    }
    return null;
  }

  private readBacktick(): WordPart {
    const line = this.lineAt(this.pos);
    let i = this.pos + 1;
    let inner = '';
    for (;;) {
      if (i >= this.src.length) throw new NeedMore('`', line);
      const ch = this.src[i];
      if (ch === '`') break;
      if (ch === '\\' && (this.src[i + 1] === '`' || this.src[i + 1] === '\\' || this.src[i + 1] === '$')) {
        inner += this.src[i + 1];
        i += 2;
        continue;
      }
      inner += ch;
      i++;
    }
    const startLine = this.lineAt(this.pos);
    this.pos = i + 1;
    const sub = Parser.parseAll(inner, { ...this.options, firstLine: startLine });
    if (sub.kind === 'ok') return { type: 'cmdsub', body: joinLists(sub.commands, startLine), backtick: true };
    if (sub.kind === 'error') throw new ParseFailure(sub.error.message, this.pos - 1);
    throw new NeedMore('`', line);
  }

  /** `$((…))` when the text up to a matching `))` is balanced; otherwise null ($( (…) ) subshell). */
  private tryArith(from: number): WordPart | null {
    let depth = 0;
    for (let i = from; i < this.src.length; i++) {
      const ch = this.src[i];
      if (ch === '(') depth++;
      else if (ch === ')') {
        if (depth === 0) {
          if (this.src[i + 1] !== ')') return null;
          const sub = new Parser(this.src.slice(from, i), { firstLine: this.lineAt(from) });
          const expr = sub.readArithText();
          this.pos = i + 2;
          return { type: 'arith', expr };
        }
        depth--;
      }
    }
    throw new NeedMore(')');
  }

  /** The whole remaining source as an arithmetic word: expansions, quotes removed. */
  readArithText(): Word {
    const w = this.readWord(() => false);
    return w;
  }

  private readBracedParam(inDq: boolean): WordPart {
    const line = this.lineAt(this.pos);
    const start = this.pos;
    this.pos += 2;
    const src = this.src;
    const part: ParamPart = { type: 'param', name: '', braced: true };
    const need = () => {
      if (this.pos >= src.length) throw new NeedMore('}', line);
    };
    need();
    if (src[this.pos] === '#' && src[this.pos + 1] !== '}' && this.pos + 1 < src.length) {
      part.length = true;
      this.pos++;
    } else if (src[this.pos] === '!' && src[this.pos + 1] !== '}') {
      part.indirect = true;
      this.pos++;
    }
    need();
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!0-])/.exec(src.slice(this.pos, this.pos + 256));
    if (!m) return this.badSubstitution(start, line);
    part.name = m[1];
    this.pos += m[1].length;
    if (src[this.pos] === '[') {
      const close = this.findClose(this.pos + 1, ']');
      if (close < 0) throw new NeedMore('}', line);
      const sub = new Parser(src.slice(this.pos + 1, close));
      part.index = sub.readWord(() => false);
      this.pos = close + 1;
    }
    need();
    if (src[this.pos] === '}') {
      this.pos++;
      return part;
    }
    if (part.length) return this.badSubstitution(start, line);
    const ops = [':-', ':=', ':+', ':?', '##', '%%', '//', '/#', '/%', '^^', ',,', '-', '=', '+', '?', '#', '%', '/', '^', ',', ':'];
    const op = ops.find((o) => src.startsWith(o, this.pos));
    if (!op) return this.badSubstitution(start, line);
    part.op = op;
    this.pos += op.length;
    const patternOp = op.startsWith('/');
    if (op === ':') {
      part.arg = this.readWord((ch) => ch === ':' || ch === '}', true);
      if (src[this.pos] === ':') {
        this.pos++;
        part.arg2 = this.readWord((ch) => ch === '}', true);
      }
    } else if (patternOp) {
      part.arg = this.readWord((ch) => ch === '/' || ch === '}', true);
      if (src[this.pos] === '/') {
        this.pos++;
        part.arg2 = this.readWord((ch) => ch === '}', true);
      }
    } else {
      // Inside "…", single quotes in ${x:-'…'} are ordinary characters.
      part.arg = this.readWord((ch) => ch === '}', true, inDq);
    }
    if (this.pos >= src.length) throw new NeedMore('}', line);
    this.pos++;
    return part;
  }

  private badSubstitution(start: number, line: number): WordPart {
    const close = this.findClose(start + 2, '}');
    if (close < 0) throw new NeedMore('}', line);
    this.pos = close + 1;
    // Reported when the word is expanded, as bash does.
    return { type: 'param', name: '', op: 'bad', arg: { parts: [], raw: this.src.slice(start, close + 1) }, braced: true };
  }

  private findClose(from: number, close: string): number {
    let depth = 0;
    for (let i = from; i < this.src.length; i++) {
      const ch = this.src[i];
      if (ch === '\\') {
        i++;
        continue;
      }
      if (ch === "'" && close === '}') {
        const e = this.src.indexOf("'", i + 1);
        if (e < 0) return -1;
        i = e;
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === close) {
        if (depth === 0) return i;
        depth--;
      } else if (ch === '}' || ch === ']') depth--;
    }
    return -1;
  }

  /** Parse a nested script (command substitution body) up to the closing character. */
  private parseNested(close: ')'): ListNode {
    const line = this.lineAt(this.pos);
    const saved = this.peeked;
    this.peeked = null;
    let body: ListNode;
    try {
      body = this.parseCompoundList([close]);
    } catch (e) {
      if (e instanceof NeedMore && !e.matching) throw new NeedMore(')');
      throw e;
    }
    const t = this.peek();
    if (t.kind === 'eof') throw new NeedMore(')');
    if (!(t.kind === 'op' && t.value === close)) this.unexpected(t);
    this.peeked = null;
    this.peeked = saved;
    if (body.items.length === 0) body.line = line;
    return body;
  }

  // ---------------------------------------------------------------- grammar

  /** and_or lists separated by ; & (and newlines when `multiline`), up to a terminator. */
  private parseList(topLevel: boolean): ListNode {
    const line = this.lineAt(this.peek().start);
    const items: ListNode['items'] = [];
    for (;;) {
      const cmd = this.parseAndOr();
      const t = this.peek();
      if (t.kind === 'op' && (t.value === ';' || t.value === '&')) {
        this.take();
        items.push({ cmd, async: t.value === '&' });
        const n = this.peek();
        if (n.kind === 'newline' || n.kind === 'eof' || this.atListEnd(n)) {
          if (topLevel || n.kind !== 'eof') break;
          break;
        }
        continue;
      }
      items.push({ cmd, async: false });
      break;
    }
    return { type: 'list', items, line };
  }

  /** Is this token something that ends a compound list (a reserved closer or `)`, `;;`)? */
  private atListEnd(t: Tok): boolean {
    if (t.kind === 'op') return t.value === ')' || t.value === ';;' || t.value === ';&' || t.value === ';;&';
    if (t.kind === 'word') return isPlainWord(t.word) && LIST_END_WORDS.has(t.value);
    return false;
  }

  /** A compound_list: commands separated by ; & or newlines, ending at a closer. */
  private parseCompoundList(closers: string[]): ListNode {
    this.skipNewlines();
    const line = this.lineAt(this.peek().start);
    const items: ListNode['items'] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') throw new NeedMore();
      if (this.atListEnd(t)) break;
      const cmd = this.parseAndOr();
      const n = this.peek();
      if (n.kind === 'op' && (n.value === ';' || n.value === '&')) {
        this.take();
        items.push({ cmd, async: n.value === '&' });
        this.skipNewlines();
        continue;
      }
      if (n.kind === 'newline') {
        items.push({ cmd, async: false });
        this.skipNewlines();
        continue;
      }
      items.push({ cmd, async: false });
      if (n.kind === 'eof') continue;
      if (this.atListEnd(n)) break;
      this.unexpected(n);
    }
    return { type: 'list', items, line };
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.take();
  }

  private parseAndOr(): Command {
    const first = this.parsePipeline();
    const rest: Array<{ op: '&&' | '||'; cmd: Command }> = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && (t.value === '&&' || t.value === '||')) {
        this.take();
        this.skipNewlines();
        rest.push({ op: t.value, cmd: this.parsePipeline() });
        continue;
      }
      break;
    }
    if (!rest.length) return first;
    return { type: 'andor', first, rest, line: lineOf(first) };
  }

  private parsePipeline(): Command {
    let negate = false;
    let timed = false;
    const start = this.peek();
    const line = this.lineAt(start.start);
    for (;;) {
      const t = this.peek();
      if (t.kind === 'word' && isPlainWord(t.word) && t.value === '!') {
        this.take();
        negate = !negate;
        continue;
      }
      if (t.kind === 'word' && isPlainWord(t.word) && t.value === 'time') {
        this.take();
        timed = true;
        const n = this.peek();
        if (n.kind === 'word' && n.value === '-p') this.take();
        if (n.kind === 'newline' || n.kind === 'eof' || (n.kind === 'op' && n.value !== '(')) {
          return { type: 'pipeline', cmds: [{ type: 'simple', assigns: [], words: [], redirs: [], line }], withStderr: [], negate, timed, line };
        }
        continue;
      }
      break;
    }
    const cmds: Command[] = [this.parseCommand()];
    const withStderr: boolean[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && (t.value === '|' || t.value === '|&')) {
        this.take();
        withStderr.push(t.value === '|&');
        this.skipNewlines();
        cmds.push(this.parseCommand());
        continue;
      }
      break;
    }
    if (cmds.length === 1 && !negate && !timed) return cmds[0];
    return { type: 'pipeline', cmds, withStderr, negate, timed, line };
  }

  private parseCommand(): Command {
    // `((` in command position: an arithmetic command.
    const t0 = this.peek();
    if (t0.kind === 'op' && t0.value === '(' && this.src[t0.end] === '(') {
      const arith = this.tryArith(t0.start + 2);
      if (arith && arith.type === 'arith') {
        this.peeked = null;
        return { type: 'arithcmd', expr: arith.expr, redirs: this.parseRedirects(), line: this.lineAt(t0.start) };
      }
    }
    let t = this.peek();
    if (t.kind === 'word') t = this.expandAlias(t);
    if (t.kind === 'op' && t.value === '(') {
      const line = this.lineAt(t.start);
      this.take();
      const body = this.parseCompoundList([')']);
      this.expectOp(')');
      return { type: 'subshell', body, redirs: this.parseRedirects(), line };
    }
    if (t.kind === 'word' && isPlainWord(t.word)) {
      const line = this.lineAt(t.start);
      switch (t.value) {
        case '{': {
          this.take();
          const body = this.parseCompoundList(['}']);
          if (body.items.length === 0) this.unexpected(this.peek());
          this.expectWord('}');
          return { type: 'group', body, redirs: this.parseRedirects(), line };
        }
        case 'if':
          return this.parseIf(line);
        case 'while':
        case 'until': {
          this.take();
          const cond = this.parseCompoundList(['do']);
          if (cond.items.length === 0) this.unexpected(this.peek());
          this.expectWord('do');
          const body = this.parseDoBody();
          return { type: 'while', until: t.value === 'until', cond, body, redirs: this.parseRedirects(), line };
        }
        case 'for':
          return this.parseFor(line);
        case 'case':
          return this.parseCase(line);
        case 'function':
          return this.parseFunction(line, t.start);
        case '[[':
          return this.parseCond(line);
        case 'then':
        case 'else':
        case 'elif':
        case 'fi':
        case 'do':
        case 'done':
        case 'esac':
        case '}':
        case 'in':
        case ']]':
          if (t.value !== ']]') this.unexpected(t);
      }
      // name () compound-command
      const save = { pos: this.pos, peeked: this.peeked };
      if (NAME_RE.test(t.value) || /^[^$`"'\\/=\s()<>|&;]+$/.test(t.value)) {
        this.take();
        const n = this.peek();
        if (n.kind === 'op' && n.value === '(') {
          this.take();
          const close = this.peek();
          if (!(close.kind === 'op' && close.value === ')')) this.unexpected(close);
          this.take();
          return this.parseFunctionBody(t.value, line, t.start);
        }
        this.pos = save.pos;
        this.peeked = save.peeked;
      }
    }
    return this.parseSimple();
  }

  private expandAlias(t: Tok): Tok {
    if (t.kind !== 'word' || !this.options.alias || !isPlainWord(t.word)) return t;
    for (let guard = 0; guard < 20; guard++) {
      const tok = this.peek();
      if (tok.kind !== 'word' || !isPlainWord(tok.word)) return tok;
      this.aliasGuard = this.aliasGuard.filter((g) => g.end > tok.start);
      if (this.aliasGuard.some((g) => g.name === tok.value)) return tok;
      const value = this.options.alias(tok.value);
      if (value === undefined) return tok;
      // An alias ending in a blank makes the next word an alias candidate too (alias sudo='sudo ').
      this.aliasNext = /[ \t]$/.test(value);
      this.src = this.src.slice(0, tok.start) + value + this.src.slice(tok.end);
      this.indexLines();
      const delta = value.length - (tok.end - tok.start);
      this.aliasGuard = this.aliasGuard.map((g) => ({ ...g, end: g.end + delta }));
      this.aliasGuard.push({ name: tok.value, end: tok.start + value.length });
      this.pos = tok.start;
      this.peeked = null;
    }
    return this.peek();
  }

  private expectOp(op: string): void {
    const t = this.peek();
    if (t.kind === 'op' && t.value === op) {
      this.take();
      return;
    }
    this.unexpected(t);
  }

  private expectWord(w: string): void {
    const t = this.peek();
    if (t.kind === 'word' && isPlainWord(t.word) && t.value === w) {
      this.take();
      return;
    }
    this.unexpected(t);
  }

  private isWord(t: Tok, w: string): boolean {
    return t.kind === 'word' && isPlainWord(t.word) && t.value === w;
  }

  private parseDoBody(): ListNode {
    const body = this.parseCompoundList(['done']);
    if (body.items.length === 0) this.unexpected(this.peek());
    this.expectWord('done');
    return body;
  }

  private parseIf(line: number): Command {
    this.take();
    const clauses: Array<{ cond: ListNode; body: ListNode }> = [];
    let elseBody: ListNode | undefined;
    for (;;) {
      const cond = this.parseCompoundList(['then']);
      if (cond.items.length === 0) this.unexpected(this.peek());
      this.expectWord('then');
      const body = this.parseCompoundList(['elif', 'else', 'fi']);
      if (body.items.length === 0) this.unexpected(this.peek());
      clauses.push({ cond, body });
      const t = this.peek();
      if (this.isWord(t, 'elif')) {
        this.take();
        continue;
      }
      if (this.isWord(t, 'else')) {
        this.take();
        elseBody = this.parseCompoundList(['fi']);
        if (elseBody.items.length === 0) this.unexpected(this.peek());
      }
      this.expectWord('fi');
      break;
    }
    return { type: 'if', clauses, elseBody, redirs: this.parseRedirects(), line };
  }

  private parseFor(line: number): Command {
    this.take();
    this.skipBlanks();
    if (!this.peeked && this.src.startsWith('((', this.pos)) {
      const startPos = this.pos;
      const arith = this.tryArith(this.pos + 2);
      if (!arith || arith.type !== 'arith') {
        this.pos = startPos;
        throw new ParseFailure("syntax error near unexpected token `('", startPos);
      }
      const parts = splitArithFor(arith.expr);
      if (!parts) throw new ParseFailure('syntax error: arithmetic expression required', startPos, false);
      const t = this.peek();
      if (t.kind === 'op' && t.value === ';') this.take();
      this.skipNewlines();
      const body = this.parseForBody();
      return { type: 'arithfor', init: parts[0], cond: parts[1], step: parts[2], body, redirs: this.parseRedirects(), line };
    }
    const nameTok = this.take();
    if (nameTok.kind !== 'word' || !NAME_RE.test(nameTok.value)) {
      if (nameTok.kind === 'word') throw new ParseFailure(`\`${nameTok.value}': not a valid identifier`, nameTok.start);
      this.unexpected(nameTok);
    }
    let words: Word[] | null = null;
    let t = this.peek();
    if (t.kind === 'newline') {
      this.skipNewlines();
      t = this.peek();
    }
    if (this.isWord(t, 'in')) {
      this.take();
      words = [];
      for (;;) {
        const w = this.peek();
        if (w.kind === 'word') {
          this.take();
          words.push(w.word);
          continue;
        }
        if (w.kind === 'op' && w.value === ';') {
          this.take();
          break;
        }
        if (w.kind === 'newline') break;
        this.unexpected(w);
      }
      this.skipNewlines();
    } else if (t.kind === 'op' && t.value === ';') {
      this.take();
      this.skipNewlines();
    }
    const body = this.parseForBody();
    return { type: 'for', name: nameTok.value, words, body, redirs: this.parseRedirects(), line };
  }

  private parseForBody(): ListNode {
    const t = this.peek();
    if (this.isWord(t, '{')) {
      this.take();
      const body = this.parseCompoundList(['}']);
      this.expectWord('}');
      return body;
    }
    this.expectWord('do');
    return this.parseDoBody();
  }

  private parseCase(line: number): Command {
    this.take();
    const wt = this.take();
    if (wt.kind !== 'word') this.unexpected(wt);
    this.skipNewlines();
    this.expectWord('in');
    this.skipNewlines();
    const items: CaseItem[] = [];
    for (;;) {
      let t = this.peek();
      if (this.isWord(t, 'esac')) {
        this.take();
        break;
      }
      if (t.kind === 'eof') throw new NeedMore();
      if (t.kind === 'op' && t.value === '(') {
        this.take();
        t = this.peek();
      }
      const patterns: Word[] = [];
      for (;;) {
        const p = this.take();
        if (p.kind !== 'word') this.unexpected(p);
        patterns.push(p.word);
        const s = this.take();
        if (s.kind === 'op' && s.value === '|') continue;
        if (s.kind === 'op' && s.value === ')') break;
        this.unexpected(s);
      }
      this.skipNewlines();
      let body: ListNode | null = null;
      const b = this.peek();
      if (!(b.kind === 'op' && (b.value === ';;' || b.value === ';&' || b.value === ';;&')) && !this.isWord(b, 'esac')) {
        body = this.parseCompoundList(['esac']);
      }
      const term = this.peek();
      let terminator: CaseItem['terminator'] = ';;';
      if (term.kind === 'op' && (term.value === ';;' || term.value === ';&' || term.value === ';;&')) {
        this.take();
        terminator = term.value;
      } else if (!this.isWord(term, 'esac')) this.unexpected(term);
      items.push({ patterns, body, terminator });
      this.skipNewlines();
    }
    return { type: 'case', word: wt.word, items, redirs: this.parseRedirects(), line };
  }

  private parseFunction(line: number, start: number): Command {
    this.take();
    const nameTok = this.take();
    if (nameTok.kind !== 'word') this.unexpected(nameTok);
    const t = this.peek();
    if (t.kind === 'op' && t.value === '(') {
      this.take();
      this.expectOp(')');
    }
    return this.parseFunctionBody(nameTok.value, line, start);
  }

  private parseFunctionBody(name: string, line: number, start: number): Command {
    this.skipNewlines();
    const t = this.peek();
    const bodyStart = t.start;
    const body = this.parseCommand();
    if (body.type === 'simple') {
      throw new ParseFailure(`syntax error near unexpected token \`${this.src.slice(bodyStart).split(/\s/)[0]}'`, bodyStart);
    }
    void start;
    return { type: 'funcdef', name, body, source: this.src.slice(bodyStart, this.peeked ? this.peeked.start : this.pos), redirs: [], line };
  }

  // ---------------------------------------------------------------- [[ ]]

  private parseCond(line: number): Command {
    this.take();
    const expr = this.condOr();
    const t = this.peek();
    if (!this.isWord(t, ']]')) {
      if (t.kind === 'eof') throw new NeedMore();
      throw new ParseFailure(`syntax error in conditional expression: unexpected token \`${t.kind === 'newline' ? 'newline' : t.value}'`, t.start);
    }
    this.take();
    return { type: 'cond', expr, redirs: this.parseRedirects(), line };
  }

  private condTok(): Tok {
    let t = this.peek();
    while (t.kind === 'newline') {
      this.take();
      t = this.peek();
    }
    return t;
  }

  private condOr(): CondExpr {
    let left = this.condAnd();
    for (;;) {
      const t = this.condTok();
      if (t.kind === 'op' && t.value === '||') {
        this.take();
        left = { type: 'or', left, right: this.condAnd() };
        continue;
      }
      return left;
    }
  }

  private condAnd(): CondExpr {
    let left = this.condNot();
    for (;;) {
      const t = this.condTok();
      if (t.kind === 'op' && t.value === '&&') {
        this.take();
        left = { type: 'and', left, right: this.condNot() };
        continue;
      }
      return left;
    }
  }

  private condNot(): CondExpr {
    const t = this.condTok();
    if (this.isWord(t, '!')) {
      this.take();
      return { type: 'not', expr: this.condNot() };
    }
    return this.condPrimary();
  }

  private condWord(): Word {
    const t = this.condTok();
    if (t.kind === 'word') {
      this.take();
      return t.word;
    }
    if (t.kind === 'eof') throw new NeedMore();
    throw new ParseFailure(`unexpected argument \`${t.kind === 'newline' ? 'newline' : t.value}' to conditional binary operator`, t.start, false);
  }

  private condPrimary(): CondExpr {
    const t = this.condTok();
    if (t.kind === 'op' && t.value === '(') {
      this.take();
      const e = this.condOr();
      const c = this.condTok();
      if (!(c.kind === 'op' && c.value === ')')) this.unexpected(c);
      this.take();
      return e;
    }
    if (t.kind !== 'word') {
      if (t.kind === 'eof') throw new NeedMore();
      throw new ParseFailure(`unexpected token \`${t.kind === 'newline' ? 'newline' : t.value}', conditional binary operator expected`, t.start, false);
    }
    if (/^-[a-zA-Z]$/.test(t.value) && isPlainWord(t.word)) {
      // unary operator, unless it is followed by a binary operator (then it is a plain word).
      this.take();
      const n = this.peek();
      if (n.kind === 'word' && !this.isWord(n, ']]')) {
        this.take();
        return { type: 'unary', op: t.value, arg: n.word };
      }
      return this.condBinaryRest(t.word);
    }
    this.take();
    return this.condBinaryRest(t.word);
  }

  private condBinaryRest(left: Word): CondExpr {
    const op = this.peek();
    if (op.kind === 'word' && isPlainWord(op.word) && /^(==|=|!=|=~|-eq|-ne|-lt|-le|-gt|-ge|-nt|-ot|-ef)$/.test(op.value)) {
      this.take();
      if (op.value === '=~') return { type: 'binary', op: '=~', left, right: this.readRegexWord() };
      return { type: 'binary', op: op.value, left, right: this.condWord() };
    }
    if (op.kind === 'op' && (op.value === '<' || op.value === '>')) {
      this.take();
      return { type: 'binary', op: op.value, left, right: this.condWord() };
    }
    return { type: 'word', word: left };
  }

  /** The right side of =~: parentheses and | are part of the regex. */
  private readRegexWord(): Word {
    this.peeked = null;
    this.skipBlanks();
    let depth = 0;
    return this.readWord((ch) => {
      if (ch === '(') depth++;
      else if (ch === ')') {
        if (depth === 0) return true;
        depth--;
        return false;
      }
      if (depth > 0) return false;
      return ch === ' ' || ch === '\t' || ch === '\n' || ch === ';' || ch === '&' || ch === '<' || ch === '>' || (ch === '|' && false);
    });
  }

  // ---------------------------------------------------------------- simple commands

  private parseRedirects(): Redirect[] {
    const redirs: Redirect[] = [];
    for (;;) {
      const r = this.tryRedirect();
      if (!r) return redirs;
      redirs.push(r);
    }
  }

  private tryRedirect(): Redirect | null {
    const t = this.peek();
    let fd: number | undefined;
    if (t.kind === 'io') {
      this.take();
      fd = t.fd;
      const op = this.peek();
      if (op.kind !== 'op' || !REDIR_OPS.has(op.value)) this.unexpected(op);
      return this.finishRedirect(fd);
    }
    if (t.kind === 'op' && REDIR_OPS.has(t.value)) return this.finishRedirect(undefined);
    return null;
  }

  private finishRedirect(fd: number | undefined): Redirect {
    const opTok = this.take();
    const op = opTok.value as RedirOp;
    const target = this.take();
    if (target.kind !== 'word') {
      this.unexpected(target);
    }
    const redir: Redirect = { op, fd, target: target.word };
    if (op === '<<' || op === '<<-') {
      const quoted = target.word.parts.some((p) => p.type !== 'lit' || p.quoted);
      const delimiter = unquoteDelimiter(target.word);
      this.pending.push({ redir, delimiter, strip: op === '<<-', quoted, line: this.lineAt(opTok.start) });
      redir.heredoc = { body: { parts: [], raw: '' }, quoted, delimiter, complete: false };
    }
    return redir;
  }

  private readHeredocs(): void {
    const pending = this.pending;
    this.pending = [];
    for (const h of pending) {
      let body = '';
      let complete = false;
      while (this.pos < this.src.length) {
        const nl = this.src.indexOf('\n', this.pos);
        const end = nl < 0 ? this.src.length : nl;
        let line = this.src.slice(this.pos, end);
        this.pos = nl < 0 ? this.src.length : nl + 1;
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) {
          complete = true;
          break;
        }
        body += line + '\n';
      }
      if (!complete) {
        if (this.pendingEofIsIncomplete) throw new NeedMore();
        const eofLine = this.lineAt(this.src.length) - (this.src.endsWith('\n') ? 1 : 0);
        this.warnings.push({ line: eofLine, message: `warning: here-document at line ${h.line} delimited by end-of-file (wanted \`${h.delimiter}')` });
      }
      let word: Word;
      if (h.quoted) word = { parts: [{ type: 'lit', value: body, quoted: true }], raw: body };
      else word = parseHeredocBody(body, this.options);
      h.redir.heredoc = { body: word, quoted: h.quoted, delimiter: h.delimiter, complete };
    }
  }

  /** Interactive completeness checks treat an unterminated here-document as incomplete. */
  pendingEofIsIncomplete = false;

  private parseSimple(): SimpleCommand {
    const start = this.peek();
    const line = this.lineAt(start.start);
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      const r = this.tryRedirect();
      if (r) {
        redirs.push(r);
        continue;
      }
      const t = this.peek();
      if (t.kind !== 'word') break;
      if (words.length === 0) {
        const m = ASSIGN_RE.exec(t.value);
        if (m && t.word.parts[0]?.type === 'lit' && !t.word.parts[0].quoted && t.word.parts[0].value.startsWith(m[0])) {
          this.take();
          assigns.push(this.makeAssignment(t, m));
          continue;
        }
      }
      if (this.aliasNext && words.length >= 1) {
        this.aliasNext = false;
        if (this.expandAlias(t) !== t) continue;
      }
      this.take();
      if (words.length >= 1 && DECLARATION_BUILTINS.has(words[0].raw) && /^[A-Za-z_]\w*(\[[^\]]*\])?\+?=$/.test(t.value) && this.src[this.pos] === '(') {
        // declare a=(x y): the compound value travels as one word to the builtin.
        const close = this.matchParen(this.pos);
        const raw = this.src.slice(this.pos, close);
        this.pos = close;
        this.peeked = null;
        words.push({ parts: [...t.word.parts, { type: 'lit', value: raw, quoted: true }], raw: t.value + raw });
        continue;
      }
      words.push(t.word);
      if (words.length === 1) {
        const n = this.peek();
        if (n.kind === 'op' && n.value === '(') {
          // `echo (a)`: bash took it for a function definition.
          this.take();
          this.unexpected(this.peek());
        }
      }
    }
    const t = this.peek();
    if (t.kind === 'op' && t.value === '(' && (words.length || assigns.length)) this.unexpected(t);
    if (!words.length && !assigns.length && !redirs.length) this.unexpected(t);
    return { type: 'simple', assigns, words, redirs, line };
  }

  private makeAssignment(t: Extract<Tok, { kind: 'word' }>, m: RegExpExecArray): Assignment {
    const name = m[1];
    const append = m[3] === '+';
    let index: Word | undefined;
    if (m[2]) index = new Parser(m[2].slice(1, -1)).readArithText();
    // Value: the word minus the "name=" prefix.
    const first = t.word.parts[0] as { type: 'lit'; value: string; quoted: boolean };
    const restFirst = first.value.slice(m[0].length);
    const parts: WordPart[] = [...(restFirst ? [{ type: 'lit' as const, value: restFirst, quoted: false }] : []), ...t.word.parts.slice(1)];
    if (!parts.length && this.src[this.pos] === '(') {
      // name=( words… )
      this.pos++;
      this.peeked = null;
      const array: Word[] = [];
      const line = this.lineAt(this.pos);
      for (;;) {
        const w = this.peek();
        if (w.kind === 'newline') {
          this.take();
          continue;
        }
        if (w.kind === 'op' && w.value === ')') {
          this.take();
          break;
        }
        if (w.kind === 'eof') throw new NeedMore(')', line);
        if (w.kind !== 'word') this.unexpected(w);
        this.take();
        array.push(w.word);
      }
      return { name, index, append, array, raw: this.src.slice(t.start, this.pos) };
    }
    return { name, index, append, value: { parts, raw: t.value.slice(m[0].length) }, raw: t.value };
  }
}

function lineOf(c: Command): number {
  return c.line;
}

/** A word made only of unquoted literal text (candidate reserved word or alias). */
function isPlainWord(w: Word): boolean {
  return w.parts.length === 1 && w.parts[0].type === 'lit' && !w.parts[0].quoted;
}

export function isReservedWord(s: string): boolean {
  return RESERVED.has(s);
}

function unquoteDelimiter(w: Word): string {
  let out = '';
  for (const p of w.parts) {
    if (p.type === 'lit') out += p.value;
    else if (p.type === 'dq') out += p.parts.map((q) => (q.type === 'lit' ? q.value : '')).join('');
    else out += w.raw;
  }
  return out;
}

function joinLists(lists: ListNode[], line: number): ListNode {
  return { type: 'list', items: lists.flatMap((l) => l.items), line };
}

/** An unquoted here-document body: $ expansions, backquotes and \ before $ ` \ newline. */
function parseHeredocBody(body: string, options: ParserOptions): Word {
  const p = new Parser(body, options);
  try {
    return p.readHeredocWord();
  } catch {
    return { parts: [{ type: 'lit', value: body, quoted: true }], raw: body };
  }
}

export interface Parser {
  readHeredocWord(): Word;
}

Parser.prototype.readHeredocWord = function (this: Parser): Word {
  // Re-use double-quote rules without the closing quote: wrap the text.
  const self = this as unknown as { src: string; pos: number; readDoubleQuotedBody(): WordPart[] };
  const parts: WordPart[] = [];
  let lit = '';
  const src = self.src;
  const flush = () => {
    if (lit) parts.push({ type: 'lit', value: lit, quoted: true });
    lit = '';
  };
  while (self.pos < src.length) {
    const c = src[self.pos];
    if (c === '\\') {
      const n = src[self.pos + 1];
      if (n === '$' || n === '`' || n === '\\') {
        lit += n;
        self.pos += 2;
        continue;
      }
      if (n === '\n') {
        self.pos += 2;
        continue;
      }
      lit += c;
      self.pos++;
      continue;
    }
    if (c === '$' || c === '`') {
      const part = (this as unknown as { readDollarOrBacktick(dq: boolean): WordPart | null }).readDollarOrBacktick(true);
      if (part) {
        flush();
        parts.push(part);
        continue;
      }
    }
    lit += c;
    self.pos++;
  }
  flush();
  return { parts: [{ type: 'dq', parts }], raw: src };
};

/** Split the text of `for ((a; b; c))` into its three expressions. */
function splitArithFor(expr: Word): [Word, Word, Word] | null {
  const raw = expr.raw;
  const pieces = raw.split(';');
  if (pieces.length !== 3) return null;
  return pieces.map((p) => new Parser(p).readArithText()) as [Word, Word, Word];
}

/** Decode the escapes of $'…'. */
export function decodeAnsiC(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'e':
      case 'E': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case "'": out += "'"; break;
      case '"': out += '"'; break;
      case '?': out += '?'; break;
      case 'c': {
        const ch = s[++i] ?? '';
        out += String.fromCharCode(ch.toUpperCase().charCodeAt(0) ^ 0x40);
        break;
      }
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (m) {
          out += String.fromCharCode(parseInt(m[0], 16));
          i += m[0].length;
        } else out += '\\x';
        break;
      }
      case 'u':
      case 'U': {
        const m = new RegExp(`^[0-9a-fA-F]{1,${n === 'u' ? 4 : 8}}`).exec(s.slice(i + 1));
        if (m) {
          out += String.fromCodePoint(parseInt(m[0], 16));
          i += m[0].length;
        } else out += '\\' + n;
        break;
      }
      default:
        if (/[0-7]/.test(n)) {
          const m = /^[0-7]{1,3}/.exec(s.slice(i))!;
          out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
          i += m[0].length - 1;
        } else out += '\\' + n;
    }
  }
  return out;
}
