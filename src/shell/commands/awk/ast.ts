/** The awk syntax tree. */

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; src: string }
  | { k: 'var'; name: string }
  | { k: 'field'; e: Expr }
  | { k: 'idx'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: LValue; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'un'; op: '-' | '+' | '!'; e: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: LValue }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'getline'; target?: LValue; file?: Expr; cmd?: Expr }
  | { k: 'group'; e: Expr; list?: Expr[] };

export type LValue = { k: 'var'; name: string } | { k: 'field'; e: Expr } | { k: 'idx'; name: string; subs: Expr[] };

export interface Redirect {
  mode: '>' | '>>' | '|';
  target: Expr;
}

export type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'print'; args: Expr[]; redir?: Redirect }
  | { k: 'printf'; args: Expr[]; redir?: Redirect }
  | { k: 'if'; c: Expr; then: Stmt; else?: Stmt }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; c: Expr }
  | { k: 'for'; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { k: 'forin'; v: LValue; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'nextfile' | 'break' | 'continue' }
  | { k: 'exit'; e?: Expr }
  | { k: 'return'; e?: Expr }
  | { k: 'delete'; name: string; subs?: Expr[] }
  | { k: 'getline'; e: Expr };

export type Pattern = { k: 'begin' } | { k: 'end' } | { k: 'expr'; e: Expr } | { k: 'range'; a: Expr; b: Expr } | { k: 'always' };

export interface Rule {
  pattern: Pattern;
  /** Absent: print $0. */
  action?: Stmt[];
}

export interface FuncDef {
  name: string;
  params: string[];
  /** Parameters used as arrays in the body (uninitialised arguments become arrays). */
  arrayParams: Set<string>;
  body: Stmt[];
}

export interface AwkProgram {
  rules: Rule[];
  funcs: Map<string, FuncDef>;
}
