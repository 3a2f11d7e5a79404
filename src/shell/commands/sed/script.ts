/**
 * sed scripts: the command model and a parser that follows GNU sed's compile.c closely enough to
 * give the same error messages with the same `char N` positions.
 */
import { compileRegex, RegexError } from '../lib/regex';

export class SedError extends Error {}
/** GNU exits 4 (not 1) for a jump to a missing label. */
export class SedLabelError extends SedError {}

export type Address =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 'regex'; re: RegExp | null }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'zero' };

export type RangeEnd = Address | { kind: 'plus'; n: number } | { kind: 'multiple'; n: number };

export interface Replacement {
  parts: (
    | { kind: 'text'; text: string }
    | { kind: 'group'; n: number }
    | { kind: 'case'; mode: 'L' | 'U' | 'l' | 'u' | 'E' }
  )[];
}

export interface Command {
  a1?: Address;
  a2?: RangeEnd;
  negate: boolean;
  name: string;
  /** Range state: active, and the line the range ends at (for +N / numeric ends). */
  range?: { active: boolean; endLine?: number };
  text?: string;
  label?: string;
  /** For `{`: index of the matching `}`. For b/t/T: resolved target index. */
  jump?: number;
  re?: RegExp | null;
  replacement?: Replacement;
  global?: boolean;
  occurrence?: number;
  print?: number;
  file?: string;
  exitCode?: number;
  map?: Map<string, string>;
  eval?: boolean;
}

export interface ParseOptions {
  extended: boolean;
  /** Label for messages: `-e expression #1` or `file x`. */
  sources: { text: string; label: (charPos: number, line: number) => string }[];
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';

class Reader {
  pos = 0;
  constructor(
    readonly text: string,
    readonly where: (pos: number) => string,
  ) {}
  peek(): string | undefined {
    return this.text[this.pos];
  }
  next(): string | undefined {
    const c = this.text[this.pos];
    this.pos++;
    return c;
  }
  eof(): boolean {
    return this.pos >= this.text.length;
  }
  skipSpaces(): void {
    while (isSpace(this.peek())) this.pos++;
  }
  fail(msg: string, pos = this.pos): never {
    throw new SedError(`${this.where(Math.min(pos, this.text.length))}: ${msg}`);
  }
}

function compile(pattern: string, flags: string, extended: boolean, r: Reader): RegExp | null {
  if (pattern === '') return null; // the last regex used
  try {
    return compileRegex(pattern, { extended, sedEscapes: true, ignoreCase: flags.includes('I'), multiline: flags.includes('M') });
  } catch (e) {
    if (e instanceof RegexError) r.fail(e.message);
    throw e;
  }
}

/**
 * The rest of a bracket expression after its `[`, verbatim: GNU sed does not end a regex inside
 * one (`s/[/]/x/`), and `[:…:]`, `[.….]`, `[=…=]` run to their own closer. Null when the script
 * ends first (`unterminated`).
 */
function readBracket(r: Reader): string | null {
  let out = '';
  if (r.peek() === '^') out += r.next();
  if (r.peek() === ']') out += r.next();
  while (!r.eof()) {
    const c = r.next()!;
    if (c === '\n') return null;
    out += c;
    if (c === ']') return out;
    const kind = r.peek();
    if (c === '[' && (kind === ':' || kind === '.' || kind === '=')) {
      out += r.next();
      for (;;) {
        if (r.eof() || r.peek() === '\n') return null;
        const d = r.next()!;
        out += d;
        if (d === kind && r.peek() === ']') {
          out += r.next();
          break;
        }
      }
    }
  }
  return null;
}

/** Read up to an unescaped delimiter; `\delim` becomes delim, `\n` stays an escape (newline). */
function readDelimited(r: Reader, delim: string, forRegex: boolean): string | null {
  let out = '';
  while (!r.eof()) {
    const c = r.next()!;
    if (c === '[' && forRegex && c !== delim) {
      const rest = readBracket(r);
      if (rest === null) return null;
      out += c + rest;
    } else if (c === '\\') {
      const n = r.next();
      if (n === undefined) return null;
      if (n === delim) out += delim === '&' && !forRegex ? '\\&' : delim;
      else if (n === '\n') out += forRegex ? '\\n' : '\n';
      else out += '\\' + n;
    } else if (c === delim) return out;
    else if (c === '\n' && forRegex) return null;
    else out += c;
  }
  return null;
}

function parseReplacement(text: string, maxGroup: number, r: Reader): Replacement {
  const parts: Replacement['parts'] = [];
  let buf = '';
  const flush = () => {
    if (buf) parts.push({ kind: 'text', text: buf });
    buf = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '&') {
      flush();
      parts.push({ kind: 'group', n: 0 });
    } else if (c === '\\' && i + 1 < text.length) {
      const n = text[++i];
      if (n >= '0' && n <= '9') {
        if (Number(n) > maxGroup) r.fail(`invalid reference \\${n} on \`s' command's RHS`);
        flush();
        parts.push({ kind: 'group', n: Number(n) });
      } else if ('LUluE'.includes(n)) {
        flush();
        parts.push({ kind: 'case', mode: n as 'L' });
      } else if (n === 'n') buf += '\n';
      else if (n === 't') buf += '\t';
      else if (n === 'r') buf += '\r';
      else if (n === 'a') buf += '\x07';
      else if (n === 'f') buf += '\f';
      else if (n === 'v') buf += '\v';
      else buf += n;
    } else buf += c;
  }
  flush();
  return { parts };
}

function countGroups(re: RegExp | null): number {
  if (!re) return 9;
  return new RegExp(re.source + '|').exec('')!.length - 1;
}

function readNumber(r: Reader): number {
  let s = '';
  while (/[0-9]/.test(r.peek() ?? '')) s += r.next();
  return Number(s);
}

function parseAddress(r: Reader, extended: boolean): Address | undefined {
  const c = r.peek();
  if (c === undefined) return undefined;
  if (/[0-9]/.test(c)) {
    const n = readNumber(r);
    if (r.peek() === '~') {
      r.next();
      const step = /[0-9]/.test(r.peek() ?? '') ? readNumber(r) : 0;
      return { kind: 'step', first: n, step };
    }
    return n === 0 ? { kind: 'zero' } : { kind: 'line', n };
  }
  if (c === '$') {
    r.next();
    return { kind: 'last' };
  }
  if (c === '/' || c === '\\') {
    r.next();
    let delim = '/';
    if (c === '\\') delim = r.next() ?? '';
    const pattern = readDelimited(r, delim, true);
    if (pattern === null) r.fail('unterminated address regex');
    let flags = '';
    while (r.peek() === 'I' || r.peek() === 'M') flags += r.next();
    return { kind: 'regex', re: compile(pattern!, flags, extended, r) };
  }
  return undefined;
}

function readLabel(r: Reader): string {
  r.skipSpaces();
  let s = '';
  while (!r.eof() && r.peek() !== '\n' && r.peek() !== ';') s += r.next();
  return s.replace(/[ \t]+$/, '');
}

function readFilename(r: Reader): string {
  r.skipSpaces();
  let s = '';
  while (!r.eof() && r.peek() !== '\n') s += r.next();
  return s;
}

/** Text for a, i, c: GNU one-liner form or the classic `a\` newline form, with `\` continuation. */
function readText(r: Reader): string {
  r.skipSpaces();
  if (r.eof()) r.fail(`expected \\ after \`a', \`c' or \`i'`);
  if (r.peek() === '\\') {
    r.next();
    if (r.peek() === '\n') r.next();
    else r.skipSpaces();
  }
  let out = '';
  while (!r.eof()) {
    const c = r.next()!;
    if (c === '\\') {
      const n = r.next();
      if (n === undefined) break;
      out += n;
    } else if (c === '\n') break;
    else out += c;
  }
  return out + '\n';
}

function endOfCommand(r: Reader): void {
  r.skipSpaces();
  const c = r.peek();
  if (c === undefined || c === '\n' || c === ';') {
    if (c !== undefined) r.next();
    return;
  }
  if (c === '}' || c === '#') return;
  r.fail('extra characters after command', r.pos + 1);
}

const NO_ADDRESS = new Set([':', '}', '#']);
const ONE_ADDRESS = new Set(['=', 'a', 'i', 'q', 'Q', 'r', 'l']);

export function parseScript(chunks: { text: string; where: (pos: number) => string }[], extended: boolean): Command[] {
  const cmds: Command[] = [];
  const blocks: { index: number; r: Reader }[] = [];
  for (const chunk of chunks) {
    const r = new Reader(chunk.text, chunk.where);
    while (true) {
      while (!r.eof() && (isSpace(r.peek()) || r.peek() === '\n' || r.peek() === ';')) r.next();
      if (r.eof()) break;
      const cmd: Command = { negate: false, name: '' };
      const a1 = parseAddress(r, extended);
      if (a1) {
        cmd.a1 = a1;
        r.skipSpaces();
        if (r.peek() === ',') {
          r.next();
          r.skipSpaces();
          const c = r.peek();
          if (c === '+' || c === '~') {
            r.next();
            const n = readNumber(r);
            cmd.a2 = c === '+' ? { kind: 'plus', n } : { kind: 'multiple', n };
          } else {
            const a2 = parseAddress(r, extended);
            if (!a2) r.fail("unexpected `,'", r.pos + 1);
            cmd.a2 = a2!.kind === 'zero' ? r.fail('invalid usage of line address 0') : a2;
          }
          cmd.range = { active: false };
        }
        if (a1.kind === 'zero' && !(cmd.a2 && cmd.a2.kind === 'regex')) r.fail('invalid usage of line address 0', r.pos + 1);
      }
      r.skipSpaces();
      if (r.peek() === '!') {
        r.next();
        cmd.negate = true;
        r.skipSpaces();
        if (r.peek() === '!') r.fail("multiple `!'s", r.pos + 1);
      }
      const name = r.next();
      if (name === undefined) r.fail('missing command');
      cmd.name = name!;
      if (NO_ADDRESS.has(cmd.name) && cmd.a1) {
        if (cmd.name === '#') r.fail("comments don't accept any addresses");
        if (cmd.name === ':') r.fail(': doesn\'t want any addresses');
      }
      if (ONE_ADDRESS.has(cmd.name) && cmd.a2) r.fail('command only uses one address');
      switch (cmd.name) {
        case '{':
          blocks.push({ index: cmds.length, r });
          cmds.push(cmd);
          continue;
        case '}': {
          if (!blocks.length) r.fail("unexpected `}'");
          const open = blocks.pop()!;
          cmds[open.index].jump = cmds.length + 1;
          cmds.push(cmd);
          endOfCommand(r);
          continue;
        }
        case '#':
          while (!r.eof() && r.peek() !== '\n') r.next();
          continue;
        case ':': {
          const label = readLabel(r);
          if (!label) r.fail('":" lacks a label');
          cmd.label = label;
          if (r.peek() === ';') r.next();
          break;
        }
        case 'b':
        case 't':
        case 'T':
          cmd.label = readLabel(r);
          if (r.peek() === ';') r.next();
          break;
        case 'a':
        case 'i':
        case 'c':
          cmd.text = readText(r);
          break;
        case 'r':
        case 'R':
        case 'w':
        case 'W':
          cmd.file = readFilename(r);
          if (!cmd.file) r.fail('missing filename in r/R/w/W commands');
          break;
        case 'q':
        case 'Q':
        case 'l':
        case 'L': {
          r.skipSpaces();
          if (/[0-9]/.test(r.peek() ?? '')) cmd.exitCode = readNumber(r);
          endOfCommand(r);
          break;
        }
        case 's':
          parseSubstitute(r, cmd, extended);
          break;
        case 'y': {
          const delim = r.next();
          const from = delim === undefined ? null : readDelimited(r, delim, false);
          const to = from === null ? null : readDelimited(r, delim!, false);
          if (from === null || to === null) r.fail("unterminated `y' command");
          const unescape = (s: string) => s.replace(/\\(.)/gs, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
          const f = [...unescape(from!)];
          const t = [...unescape(to!)];
          if (f.length !== t.length) r.fail("strings for `y' command are different lengths");
          cmd.map = new Map(f.map((c, i) => [c, t[i]]));
          endOfCommand(r);
          break;
        }
        case '=':
        case 'd':
        case 'D':
        case 'g':
        case 'G':
        case 'h':
        case 'H':
        case 'n':
        case 'N':
        case 'p':
        case 'P':
        case 'x':
        case 'z':
        case 'F':
          endOfCommand(r);
          break;
        default:
          r.fail(`unknown command: \`${cmd.name}'`);
      }
      cmds.push(cmd);
    }
  }
  if (blocks.length) {
    const b = blocks[blocks.length - 1];
    b.r.fail("unmatched `{'", 0);
  }
  const labels = new Map<string, number>();
  cmds.forEach((c, i) => {
    if (c.name === ':') labels.set(c.label!, i);
  });
  for (const c of cmds) {
    if ((c.name === 'b' || c.name === 't' || c.name === 'T') && c.label) {
      const target = labels.get(c.label);
      if (target === undefined) throw new SedLabelError(`can't find label for jump to \`${c.label}'`);
      c.jump = target;
    }
  }
  return cmds;
}

function parseSubstitute(r: Reader, cmd: Command, extended: boolean): void {
  const delim = r.next();
  if (delim === undefined || delim === '\n' || delim === '\\') r.fail("unterminated `s' command");
  const pattern = readDelimited(r, delim!, true);
  if (pattern === null) r.fail("unterminated `s' command");
  const rhs = readDelimited(r, delim!, false);
  if (rhs === null) r.fail("unterminated `s' command");
  let flags = '';
  let global = false;
  let print = 0;
  let occurrence: number | undefined;
  while (true) {
    const c = r.peek();
    if (c === 'g') {
      r.next();
      if (global) r.fail("multiple `g' options to `s' command");
      global = true;
    } else if (c === 'p') {
      r.next();
      if (print) r.fail("multiple `p' options to `s' command");
      print = 1;
    } else if (c === 'i' || c === 'I') {
      r.next();
      flags += 'I';
    } else if (c === 'm' || c === 'M') {
      r.next();
      flags += 'M';
    } else if (c === 'e') {
      r.next();
      cmd.eval = true;
    } else if (c !== undefined && /[0-9]/.test(c)) {
      if (occurrence !== undefined) r.fail("multiple number options to `s' command");
      const n = readNumber(r);
      if (n === 0) r.fail("number option to `s' command may not be zero");
      occurrence = n;
    } else if (c === 'w') {
      r.next();
      cmd.file = readFilename(r);
      if (!cmd.file) r.fail('missing filename in r/R/w/W commands');
      break;
    } else if (c === undefined || c === '\n' || c === ';' || c === '}' || c === '#' || isSpace(c)) {
      endOfCommand(r);
      break;
    } else r.fail("unknown option to `s'", r.pos + 1);
  }
  cmd.re = compile(pattern!, flags, extended, r);
  cmd.replacement = parseReplacement(rhs!, countGroups(cmd.re), r);
  cmd.global = global;
  cmd.print = print;
  cmd.occurrence = occurrence ?? 1;
}
