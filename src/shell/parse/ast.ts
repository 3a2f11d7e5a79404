/** The syntax tree of the shell language, close to bash's own grammar. */

export type WordPart =
  /** Literal text; `quoted` when it came from quotes or a backslash (no globbing, no splitting). */
  | { type: 'lit'; value: string; quoted: boolean }
  /** "…": its parts expand without word splitting or globbing. */
  | { type: 'dq'; parts: WordPart[] }
  | ParamPart
  | { type: 'cmdsub'; body: ListNode; backtick: boolean }
  | { type: 'arith'; expr: Word }
  | { type: 'procsub'; dir: '<' | '>'; body: ListNode };

export interface ParamPart {
  type: 'param';
  /** Variable name, positional digits, or a special parameter (@ * # ? - $ ! 0). */
  name: string;
  /** Array subscript as written inside [ ], e.g. '@', '0', 'i+1'. */
  index?: Word;
  /** ${#x} */
  length?: boolean;
  /** ${!x} */
  indirect?: boolean;
  /** Operator such as ':-', '-', ':=', '#', '%%', '/', '//', '/#', '/%', '^^', ',,', ':' (substring). */
  op?: string;
  arg?: Word;
  /** Replacement for '/' operators; length for ':' substrings. */
  arg2?: Word;
  /** Written as ${…} (braces) rather than $name. */
  braced: boolean;
}

export interface Word {
  parts: WordPart[];
  /** The source text, for messages and function listings. */
  raw: string;
}

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redirect {
  op: RedirOp;
  /** Explicit descriptor (2> …); defaults by operator. */
  fd?: number;
  target: Word;
  /** For << and <<-: the body (literal when the delimiter was quoted). */
  heredoc?: { body: Word; quoted: boolean; delimiter: string; complete: boolean };
}

export interface Assignment {
  name: string;
  index?: Word;
  append: boolean;
  value?: Word;
  /** name=(a b c) */
  array?: Word[];
  raw: string;
}

export interface SimpleCommand {
  type: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirs: Redirect[];
  line: number;
}

export interface ListItem {
  cmd: Command;
  async: boolean;
}

export interface ListNode {
  type: 'list';
  items: ListItem[];
  line: number;
}

export interface AndOr {
  type: 'andor';
  first: Command;
  rest: Array<{ op: '&&' | '||'; cmd: Command }>;
  line: number;
}

export interface Pipeline {
  type: 'pipeline';
  cmds: Command[];
  /** |& after the command at the same index: stderr goes into the pipe too. */
  withStderr: boolean[];
  negate: boolean;
  /** Preceded by the `time` keyword. */
  timed?: boolean;
  line: number;
}

interface CompoundBase {
  redirs: Redirect[];
  line: number;
}

export interface Subshell extends CompoundBase {
  type: 'subshell';
  body: ListNode;
}
export interface Group extends CompoundBase {
  type: 'group';
  body: ListNode;
}
export interface If extends CompoundBase {
  type: 'if';
  clauses: Array<{ cond: ListNode; body: ListNode }>;
  elseBody?: ListNode;
}
export interface For extends CompoundBase {
  type: 'for';
  name: string;
  /** null: iterate over "$@". */
  words: Word[] | null;
  body: ListNode;
}
export interface ArithFor extends CompoundBase {
  type: 'arithfor';
  init: Word;
  cond: Word;
  step: Word;
  body: ListNode;
}
export interface While extends CompoundBase {
  type: 'while';
  until: boolean;
  cond: ListNode;
  body: ListNode;
}
export interface CaseItem {
  patterns: Word[];
  body: ListNode | null;
  terminator: ';;' | ';&' | ';;&';
}
export interface Case extends CompoundBase {
  type: 'case';
  word: Word;
  items: CaseItem[];
}
export interface FuncDef extends CompoundBase {
  type: 'funcdef';
  name: string;
  body: Command;
  source: string;
}
export interface CondCmd extends CompoundBase {
  type: 'cond';
  expr: CondExpr;
}
export interface ArithCmd extends CompoundBase {
  type: 'arithcmd';
  expr: Word;
}

export type CondExpr =
  | { type: 'word'; word: Word }
  | { type: 'unary'; op: string; arg: Word }
  | { type: 'binary'; op: string; left: Word; right: Word }
  | { type: 'not'; expr: CondExpr }
  | { type: 'and' | 'or'; left: CondExpr; right: CondExpr };

export type Command =
  | SimpleCommand
  | ListNode
  | AndOr
  | Pipeline
  | Subshell
  | Group
  | If
  | For
  | ArithFor
  | While
  | Case
  | FuncDef
  | CondCmd
  | ArithCmd;

/** A parse failure, as bash reports it. */
export interface SyntaxError {
  /** e.g. "syntax error near unexpected token `then'" or "syntax error: unexpected end of file". */
  message: string;
  line: number;
  /** The source line shown on bash's second line (`if then'), when bash shows one. */
  lineText?: string;
}

/** A non-fatal parser message (here-document delimited by end-of-file). */
export interface ParseWarning {
  message: string;
  line: number;
}

export type ParseResult =
  | { kind: 'command'; node: ListNode; warnings: ParseWarning[] }
  | { kind: 'eof' }
  /** Input ended too early: an interactive shell asks for more; a script prints `error`. */
  | { kind: 'incomplete'; error: SyntaxError; unclosedQuote: boolean }
  | { kind: 'error'; error: SyntaxError };
