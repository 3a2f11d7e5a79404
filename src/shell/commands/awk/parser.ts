/**
 * Recursive-descent parser for the awk language (POSIX grammar, mawk's error wording:
 * `line N: syntax error at or near X`).
 */
import type { AwkProgram, Expr, FuncDef, LValue, Pattern, Redirect, Rule, Stmt } from './ast';
import { AwkSyntaxError, tokenize, type Token } from './lexer';

const CONCAT_START = new Set(['num', 'str', 'regex', 'name', 'funcname', 'builtin']);

export function parseProgram(src: string): AwkProgram {
  return new Parser(tokenize(src)).program();
}

class Parser {
  private pos = 0;
  private noGt = 0;
  private noIn = 0;
  private funcs = new Map<string, FuncDef>();
  private currentArrays: Set<string> | null = null;

  constructor(private toks: Token[]) {}

  private peek(o = 0): Token {
    return this.toks[Math.min(this.pos + o, this.toks.length - 1)];
  }
  private next(): Token {
    const t = this.peek();
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }
  private is(text: string, type?: Token['type']): boolean {
    const t = this.peek();
    return t.text === text && (type ? t.type === type : t.type === 'op' || t.type === 'kw');
  }
  private accept(text: string): boolean {
    if (this.is(text)) {
      this.next();
      return true;
    }
    return false;
  }
  private fail(t: Token = this.peek()): never {
    const near = t.type === 'nl' ? 'end of line' : t.type === 'eof' ? 'end of file' : t.text;
    if (t.text === '}' || t.type === 'eof' || t.type === 'nl') {
      let depth = 0;
      const upto = this.toks.indexOf(t);
      for (let i = 0; i < upto; i++) {
        const x = this.toks[i];
        if (x.type === 'op' && x.text === '(') depth++;
        else if (x.type === 'op' && x.text === ')') depth--;
        else if (x.type === 'op' && (x.text === '{' || x.text === '}')) depth = 0;
      }
      if (depth > 0) throw new AwkSyntaxError(t.line, `missing ) near ${near}`);
    }
    throw new AwkSyntaxError(t.line, `syntax error at or near ${near}`);
  }
  private expect(text: string): Token {
    if (!this.is(text)) {
      const t = this.peek();
      if (text === '}' && t.type === 'eof') throw new AwkSyntaxError(t.line, 'missing } near end of file');
      if (text === ')' && (t.text === '}' || t.type === 'eof' || t.type === 'nl'))
        throw new AwkSyntaxError(t.line, `missing ) near ${t.type === 'eof' ? 'end of file' : t.type === 'nl' ? 'end of line' : t.text}`);
      this.fail();
    }
    return this.next();
  }
  private newlines(): void {
    while (this.peek().type === 'nl') this.next();
  }
  private terminators(): void {
    while (this.peek().type === 'nl' || this.is(';')) this.next();
  }

  program(): AwkProgram {
    const rules: Rule[] = [];
    this.terminators();
    while (this.peek().type !== 'eof') {
      if (this.is('}')) {
        const t = this.peek();
        throw new AwkSyntaxError(t.line, "extra '}'", [`line ${t.line}: syntax error at or near end of line`]);
      }
      if (this.is('function')) this.func();
      else rules.push(this.rule());
      this.terminators();
    }
    return { rules, funcs: this.funcs };
  }

  private func(): void {
    this.next();
    const nameTok = this.next();
    if (nameTok.type !== 'funcname' && nameTok.type !== 'name') this.fail(nameTok);
    this.expect('(');
    const params: string[] = [];
    while (!this.is(')')) {
      const p = this.next();
      if (p.type !== 'name') this.fail(p);
      params.push(p.text);
      if (!this.accept(',')) break;
      this.newlines();
    }
    this.expect(')');
    this.newlines();
    const arrays = new Set<string>();
    this.currentArrays = arrays;
    const body = this.block();
    this.currentArrays = null;
    this.funcs.set(nameTok.text, { name: nameTok.text, params, arrayParams: new Set(params.filter((p) => arrays.has(p))), body });
  }

  private rule(): Rule {
    let pattern: Pattern;
    if (this.accept('BEGIN')) pattern = { k: 'begin' };
    else if (this.accept('END')) pattern = { k: 'end' };
    else if (this.is('{')) pattern = { k: 'always' };
    else {
      const a = this.expr();
      if (this.accept(',')) {
        this.newlines();
        pattern = { k: 'range', a, b: this.expr() };
      } else pattern = { k: 'expr', e: a };
    }
    if ((pattern.k === 'begin' || pattern.k === 'end') && !this.is('{')) this.fail();
    if (!this.is('{')) return { pattern };
    return { pattern, action: this.block() };
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    this.terminators();
    while (!this.is('}')) {
      if (this.peek().type === 'eof') this.expect('}');
      body.push(this.statement());
      this.terminators();
    }
    this.next();
    return body;
  }

  /** After a simple statement: `;`, newline, or a following `}`. */
  private endSimple(): void {
    if (this.is(';') || this.peek().type === 'nl') {
      this.next();
      return;
    }
    if (this.is('}') || this.peek().type === 'eof') return;
    this.fail();
  }

  private bodyStatement(): Stmt {
    this.newlines();
    if (this.accept(';')) return { k: 'block', body: [] };
    return this.statement();
  }

  private statement(): Stmt {
    const t = this.peek();
    if (t.type === 'op' && t.text === '{') return { k: 'block', body: this.block() };
    if (t.type === 'kw') {
      switch (t.text) {
        case 'if': {
          this.next();
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          const then = this.bodyStatement();
          const save = this.pos;
          this.terminators();
          if (this.accept('else')) return { k: 'if', c, then, else: this.bodyStatement() };
          this.pos = save;
          return { k: 'if', c, then };
        }
        case 'while': {
          this.next();
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          if (this.is(';')) {
            this.next();
            return { k: 'while', c, body: { k: 'block', body: [] } };
          }
          return { k: 'while', c, body: this.bodyStatement() };
        }
        case 'do': {
          this.next();
          const body = this.bodyStatement();
          this.terminators();
          if (!this.accept('while')) this.fail();
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          this.endSimple();
          return { k: 'do', body, c };
        }
        case 'for':
          return this.forStatement();
        case 'next':
        case 'nextfile':
        case 'break':
        case 'continue':
          this.next();
          this.endSimple();
          return { k: t.text as 'next' };
        case 'exit':
        case 'return': {
          this.next();
          let e: Expr | undefined;
          if (!this.is(';') && !this.is('}') && this.peek().type !== 'nl' && this.peek().type !== 'eof') e = this.expr();
          this.endSimple();
          return { k: t.text as 'exit', e };
        }
        case 'delete': {
          this.next();
          const n = this.next();
          if (n.type !== 'name') this.fail(n);
          this.markArray(n.text);
          let subs: Expr[] | undefined;
          if (this.accept('[')) {
            subs = this.exprList();
            this.expect(']');
          }
          this.endSimple();
          return { k: 'delete', name: n.text, subs };
        }
        case 'print':
        case 'printf':
          return this.printStatement();
      }
    }
    if (this.is(';')) {
      this.next();
      return { k: 'block', body: [] };
    }
    const e = this.expr();
    this.endSimple();
    return { k: 'expr', e };
  }

  private simpleStatement(): Stmt {
    if (this.is('print') || this.is('printf')) return this.printStatement(false);
    return { k: 'expr', e: this.expr() };
  }

  private forStatement(): Stmt {
    this.next();
    this.expect('(');
    // for ((k) in a) and for (k in a)
    if (this.peek().type === 'name' && this.peek(1).text === 'in' && this.peek(1).type === 'kw') {
      const save = this.pos;
      const v = this.next().text;
      this.next();
      const arr = this.next();
      if (arr.type === 'name' && this.is(')')) {
        this.next();
        this.markArray(arr.text);
        return { k: 'forin', v: { k: 'var', name: v }, arr: arr.text, body: this.bodyStatement() };
      }
      this.pos = save;
    }
    const init = this.is(';') ? undefined : this.simpleStatement();
    this.expect(';');
    this.newlines();
    const c = this.is(';') ? undefined : this.expr();
    this.expect(';');
    this.newlines();
    const step = this.is(')') ? undefined : this.simpleStatement();
    this.expect(')');
    if (this.is(';')) {
      this.next();
      return { k: 'for', init, c, step, body: { k: 'block', body: [] } };
    }
    return { k: 'for', init, c, step, body: this.bodyStatement() };
  }

  private printStatement(needEnd = true): Stmt {
    const kind = this.next().text as 'print' | 'printf';
    let args: Expr[] = [];
    const endsArgs = () => this.is(';') || this.is('}') || this.is('>') || this.is('>>') || this.is('|') || this.peek().type === 'nl' || this.peek().type === 'eof';
    if (this.is('(')) {
      // print (a, b) > "f"  versus  print (a)(b) or (a) + 1
      const save = this.pos;
      this.next();
      const list = this.exprList();
      if (this.accept(')') && endsArgs()) args = list;
      else {
        this.pos = save;
        args = this.printArgs();
      }
    } else if (!endsArgs()) args = this.printArgs();
    if (kind === 'printf' && args.length === 0) this.fail();
    let redir: Redirect | undefined;
    if (this.is('>') || this.is('>>') || this.is('|')) {
      const mode = this.next().text as Redirect['mode'];
      redir = { mode, target: this.concat(true) };
    }
    if (needEnd) this.endSimple();
    return { k: kind, args, redir };
  }

  private printArgs(): Expr[] {
    this.noGt++;
    try {
      const list = [this.expr()];
      while (this.accept(',')) {
        this.newlines();
        list.push(this.expr());
      }
      return list;
    } finally {
      this.noGt--;
    }
  }

  private exprList(): Expr[] {
    const saveGt = this.noGt;
    this.noGt = 0;
    try {
      this.newlines();
      const list = [this.expr()];
      while (this.accept(',')) {
        this.newlines();
        list.push(this.expr());
      }
      this.newlines();
      return list;
    } finally {
      this.noGt = saveGt;
    }
  }

  private markArray(name: string): void {
    this.currentArrays?.add(name);
  }

  expr(): Expr {
    return this.ternary();
  }

  private isLValue(e: Expr): e is LValue {
    return e.k === 'var' || e.k === 'field' || e.k === 'idx';
  }

  private ternary(): Expr {
    const c = this.or();
    if (this.is('?')) {
      this.next();
      this.newlines();
      const a = this.ternary();
      this.newlines();
      this.expect(':');
      this.newlines();
      const b = this.ternary();
      return { k: 'cond', c, a, b };
    }
    const t = this.peek();
    if (t.type === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(t.text)) {
      if (!this.isLValue(c)) {
        // `x /= 2` may lex as a regex-less division assign; anything else is an error.
        this.fail();
      }
      this.next();
      this.newlines();
      return { k: 'assign', op: t.text, target: c, e: this.ternary() };
    }
    return c;
  }

  private or(): Expr {
    let a = this.and();
    while (this.is('||')) {
      this.next();
      this.newlines();
      a = { k: 'or', a, b: this.and() };
    }
    return a;
  }

  private and(): Expr {
    let a = this.inExpr();
    while (this.is('&&')) {
      this.next();
      this.newlines();
      a = { k: 'and', a, b: this.inExpr() };
    }
    return a;
  }

  private inExpr(): Expr {
    let a = this.matchExpr();
    while (this.is('in') && !this.noIn) {
      this.next();
      const n = this.next();
      if (n.type !== 'name') this.fail(n);
      this.markArray(n.text);
      a = { k: 'in', subs: a.k === 'group' && a.list ? a.list : [a], name: n.text };
    }
    return a;
  }

  private matchExpr(): Expr {
    let a = this.relational();
    while (this.is('~') || this.is('!~')) {
      const neg = this.next().text === '!~';
      a = { k: 'match', neg, a, re: this.relational() };
    }
    return a;
  }

  private relational(): Expr {
    const a = this.concat(false);
    const t = this.peek();
    if (t.type === 'op' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.text)) {
      if (t.text === '>' && this.noGt) return a;
      this.next();
      return { k: 'bin', op: t.text, a, b: this.concat(false) };
    }
    return a;
  }

  /** Concatenation; `noGetlinePipe` stops before `|` (a print redirection target). */
  private concat(isRedirTarget: boolean): Expr {
    let a = this.additive();
    while (true) {
      const t = this.peek();
      if (!isRedirTarget && t.type === 'op' && t.text === '|' && this.peek(1).text === 'getline') {
        this.next();
        this.next();
        const target = this.optionalLValue();
        a = { k: 'getline', cmd: a, target };
        continue;
      }
      if (isRedirTarget) break;
      const starts = CONCAT_START.has(t.type) || (t.type === 'op' && (t.text === '$' || t.text === '(' || t.text === '!' || t.text === '-' || t.text === '++' || t.text === '--')) || (t.type === 'kw' && t.text === 'getline');
      if (!starts || (t.type === 'op' && (t.text === '-' || t.text === '!'))) break;
      if (t.type === 'kw' && t.text === 'in') break;
      a = { k: 'bin', op: 'concat', a, b: this.additive() };
    }
    return a;
  }

  private additive(): Expr {
    let a = this.multiplicative();
    while (this.is('+') || this.is('-')) {
      const op = this.next().text;
      a = { k: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Expr {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.next().text;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.is('!') || this.is('-') || this.is('+')) {
      const op = this.next().text as '-' | '+' | '!';
      return { k: 'un', op, e: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    if (this.is('^')) {
      this.next();
      return { k: 'bin', op: '^', a: base, b: this.unaryPow() };
    }
    return base;
  }

  private unaryPow(): Expr {
    if (this.is('-') || this.is('+') || this.is('!')) {
      const op = this.next().text as '-' | '+' | '!';
      return { k: 'un', op, e: this.unaryPow() };
    }
    return this.power();
  }

  private postfix(): Expr {
    const e = this.primary();
    if (this.isLValue(e) && (this.is('++') || this.is('--'))) {
      const op = this.next().text as '++' | '--';
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  }

  private optionalLValue(): LValue | undefined {
    const t = this.peek();
    if (t.type === 'name' || (t.type === 'op' && t.text === '$')) {
      const e = this.primary(true);
      if (this.isLValue(e)) return e;
    }
    return undefined;
  }

  private primary(_operandOnly = false): Expr {
    const t = this.next();
    switch (t.type) {
      case 'num':
        return { k: 'num', v: t.value as number };
      case 'str':
        return { k: 'str', v: t.value as string };
      case 'regex':
        return { k: 're', src: t.value as string };
      case 'name': {
        if (this.is('[')) {
          this.next();
          const subs = this.exprList();
          this.expect(']');
          this.markArray(t.text);
          return { k: 'idx', name: t.text, subs };
        }
        return { k: 'var', name: t.text };
      }
      case 'funcname': {
        this.expect('(');
        const args = this.is(')') ? [] : this.exprList();
        this.expect(')');
        return { k: 'call', name: t.text, args };
      }
      case 'builtin': {
        if (!this.is('(')) {
          if (t.text === 'length') return { k: 'builtin', name: 'length', args: [] };
          this.fail();
        }
        this.next();
        const args = this.is(')') ? [] : this.exprList();
        this.expect(')');
        if (t.text === 'split' && args[1]?.k === 'var') this.markArray(args[1].name);
        return { k: 'builtin', name: t.text, args };
      }
      case 'kw':
        if (t.text === 'getline') {
          const target = this.optionalLValue();
          if (this.is('<')) {
            this.next();
            return { k: 'getline', target, file: this.primaryForRedirect() };
          }
          return { k: 'getline', target };
        }
        return this.fail(t);
      case 'op':
        switch (t.text) {
          case '$': {
            let e: Expr;
            if (this.is('++') || this.is('--')) {
              const op = this.next().text as '++' | '--';
              const target = this.primary(true);
              if (!this.isLValue(target)) this.fail();
              e = { k: 'incdec', op, prefix: true, target };
            } else if (this.is('-') || this.is('+') || this.is('!')) {
              const op = this.next().text as '-';
              e = { k: 'un', op, e: this.primary(true) };
            } else e = this.primary(true);
            return { k: 'field', e };
          }
          case '(': {
            const list = this.exprList();
            this.expect(')');
            if (list.length > 1) {
              if (!this.is('in')) this.fail();
              return { k: 'group', e: list[0], list };
            }
            return { k: 'group', e: list[0] };
          }
          case '++':
          case '--': {
            const target = this.primary(true);
            if (!this.isLValue(target)) this.fail();
            return { k: 'incdec', op: t.text, prefix: true, target };
          }
          case '-':
          case '+':
          case '!':
            return { k: 'un', op: t.text, e: this.unary() };
        }
        return this.fail(t);
      default:
        return this.fail(t);
    }
  }

  private primaryForRedirect(): Expr {
    // getline < file: the file is a non-concatenated primary (with $ and grouping).
    return this.primary(true);
  }
}
