/** The jq filter language (a useful subset): lexer and parser to an AST. */

export type Ast =
  | { k: 'identity' }
  | { k: 'recurse' }
  | { k: 'field'; of: Ast; name: Ast; opt: boolean }
  | { k: 'iterate'; of: Ast; opt: boolean }
  | { k: 'slice'; of: Ast; from?: Ast; to?: Ast }
  | { k: 'literal'; v: unknown }
  | { k: 'string'; parts: (string | Ast)[]; format?: string }
  | { k: 'array'; e?: Ast }
  | { k: 'object'; entries: { key: Ast; value?: Ast }[] }
  | { k: 'pipe' | 'comma' | 'alt' | 'and' | 'or'; a: Ast; b: Ast }
  | { k: 'binop'; op: string; a: Ast; b: Ast }
  | { k: 'neg'; e: Ast }
  | { k: 'assign'; op: string; path: Ast; value: Ast }
  | { k: 'call'; name: string; args: Ast[] }
  | { k: 'var'; name: string }
  | { k: 'as'; source: Ast; name: string; body: Ast }
  | { k: 'if'; cond: Ast; then: Ast; elifs: { cond: Ast; then: Ast }[]; else?: Ast }
  | { k: 'reduce'; source: Ast; name: string; init: Ast; update: Ast }
  | { k: 'try'; body: Ast; catch?: Ast }
  | { k: 'format'; name: string };

export class JqSyntaxError extends Error {}

type Tok = { t: 'num' | 'str' | 'ident' | 'field' | 'var' | 'op' | 'format' | 'eof'; v: string; parts?: (string | Tok[])[] };

const OPS = ['?//', '|=', '+=', '-=', '*=', '/=', '%=', '//=', '==', '!=', '<=', '>=', '//', '..', '.', '[', ']', '{', '}', '(', ')', '|', ',', ':', ';', '=', '<', '>', '+', '-', '*', '/', '%', '?', '$'];

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '"') {
      const parts: (string | Tok[])[] = [];
      let buf = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\') {
          const n = src[i + 1];
          if (n === '(') {
            let depth = 1;
            let j = i + 2;
            while (j < src.length && depth) {
              if (src[j] === '(') depth++;
              else if (src[j] === ')') depth--;
              j++;
            }
            parts.push(buf);
            buf = '';
            parts.push(lex(src.slice(i + 2, j - 1)));
            i = j;
            continue;
          }
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
          if (n === 'u') {
            buf += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          if (map[n] === undefined) throw new JqSyntaxError(`invalid escape`);
          buf += map[n];
          i += 2;
          continue;
        }
        buf += src[i++];
      }
      if (i >= src.length) throw new JqSyntaxError('unterminated string');
      i++;
      parts.push(buf);
      toks.push({ t: 'str', v: '', parts });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i))!;
      toks.push({ t: 'num', v: m[0] });
      i += m[0].length;
      continue;
    }
    if (c === '.' && /[A-Za-z_]/.test(src[i + 1] ?? '')) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1))!;
      toks.push({ t: 'field', v: m[0] });
      i += 1 + m[0].length;
      continue;
    }
    if (c === '$' && /[A-Za-z_]/.test(src[i + 1] ?? '')) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1))!;
      toks.push({ t: 'var', v: m[0] });
      i += 1 + m[0].length;
      continue;
    }
    if (c === '@') {
      const m = /^[A-Za-z0-9]+/.exec(src.slice(i + 1));
      toks.push({ t: 'format', v: m ? m[0] : '' });
      i += 1 + (m ? m[0].length : 0);
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i))!;
      toks.push({ t: 'ident', v: m[0] });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new JqSyntaxError(`unexpected INVALID_CHARACTER`);
    toks.push({ t: 'op', v: op });
    i += op.length;
  }
  toks.push({ t: 'eof', v: '' });
  return toks;
}

export function parseJq(src: string): Ast {
  const p = new Parser(lex(src));
  const ast = p.pipe();
  if (p.peek().t !== 'eof') p.unexpected();
  return ast;
}

class Parser {
  private i = 0;
  constructor(private toks: Tok[]) {}
  peek(): Tok {
    return this.toks[Math.min(this.i, this.toks.length - 1)];
  }
  next(): Tok {
    const t = this.peek();
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  isIdent(v: string): boolean {
    const t = this.peek();
    return t.t === 'ident' && t.v === v;
  }
  expectOp(v: string): void {
    if (!this.isOp(v)) this.unexpected();
    this.i++;
  }
  expectIdent(v: string): void {
    if (!this.isIdent(v)) this.unexpected();
    this.i++;
  }
  unexpected(): never {
    const t = this.peek();
    const what = t.t === 'eof' ? '$end' : t.t === 'ident' ? 'IDENT' : t.t === 'num' ? 'LITERAL' : t.t === 'str' ? 'QQSTRING_START' : `'${t.v}'`;
    throw new JqSyntaxError(`syntax error, unexpected ${what}`);
  }

  pipe(): Ast {
    if (this.isIdent('def')) this.unexpected();
    const left = this.comma();
    if (this.isIdent('as')) {
      this.next();
      const v = this.next();
      if (v.t !== 'var') this.unexpected();
      this.expectOp('|');
      return { k: 'as', source: left, name: v.v, body: this.pipe() };
    }
    if (this.isOp('|')) {
      this.next();
      return { k: 'pipe', a: left, b: this.pipe() };
    }
    return left;
  }

  comma(): Ast {
    let a = this.alt();
    while (this.isOp(',')) {
      this.next();
      a = { k: 'comma', a, b: this.alt() };
    }
    return a;
  }

  alt(): Ast {
    const a = this.assign();
    if (this.isOp('//')) {
      this.next();
      return { k: 'alt', a, b: this.alt() };
    }
    return a;
  }

  assign(): Ast {
    const a = this.or();
    const t = this.peek();
    if (t.t === 'op' && ['=', '|=', '+=', '-=', '*=', '/=', '%=', '//='].includes(t.v)) {
      this.next();
      return { k: 'assign', op: t.v, path: a, value: this.alt() };
    }
    return a;
  }

  or(): Ast {
    let a = this.and();
    while (this.isIdent('or')) {
      this.next();
      a = { k: 'or', a, b: this.and() };
    }
    return a;
  }

  and(): Ast {
    let a = this.compare();
    while (this.isIdent('and')) {
      this.next();
      a = { k: 'and', a, b: this.compare() };
    }
    return a;
  }

  compare(): Ast {
    const a = this.additive();
    const t = this.peek();
    if (t.t === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      this.next();
      return { k: 'binop', op: t.v, a, b: this.additive() };
    }
    return a;
  }

  additive(): Ast {
    let a = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().v;
      a = { k: 'binop', op, a, b: this.multiplicative() };
    }
    return a;
  }

  multiplicative(): Ast {
    let a = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next().v;
      a = { k: 'binop', op, a, b: this.unary() };
    }
    return a;
  }

  unary(): Ast {
    if (this.isOp('-')) {
      this.next();
      return { k: 'neg', e: this.postfix() };
    }
    return this.postfix();
  }

  postfix(): Ast {
    let e = this.term();
    for (;;) {
      const t = this.peek();
      if (t.t === 'field') {
        this.next();
        e = { k: 'field', of: e, name: { k: 'literal', v: t.v }, opt: this.optional() };
      } else if (t.t === 'op' && t.v === '.' && this.toks[this.i + 1]?.t === 'str') {
        this.next();
        const s = this.stringLit();
        e = { k: 'field', of: e, name: s, opt: this.optional() };
      } else if (t.t === 'op' && t.v === '.' && this.toks[this.i + 1]?.t === 'op' && this.toks[this.i + 1].v === '[') {
        this.next();
      } else if (t.t === 'op' && t.v === '[') {
        e = this.bracket(e);
      } else if (t.t === 'op' && t.v === '?') {
        this.next();
        e = { k: 'try', body: e };
      } else break;
    }
    return e;
  }

  private optional(): boolean {
    if (this.isOp('?')) {
      this.next();
      return true;
    }
    return false;
  }

  private bracket(of: Ast): Ast {
    this.expectOp('[');
    if (this.isOp(']')) {
      this.next();
      return { k: 'iterate', of, opt: this.optional() };
    }
    if (this.isOp(':')) {
      this.next();
      const to = this.pipe();
      this.expectOp(']');
      return { k: 'slice', of, to };
    }
    const idx = this.pipe();
    if (this.isOp(':')) {
      this.next();
      const to = this.isOp(']') ? undefined : this.pipe();
      this.expectOp(']');
      return { k: 'slice', of, from: idx, to };
    }
    this.expectOp(']');
    return { k: 'field', of, name: idx, opt: this.optional() };
  }

  private stringLit(format?: string): Ast {
    const t = this.next();
    if (t.t !== 'str') this.unexpected();
    const parts = t.parts!.map((p) => (typeof p === 'string' ? p : new Parser([...p]).pipeAll()));
    return { k: 'string', parts, format };
  }

  pipeAll(): Ast {
    const a = this.pipe();
    if (this.peek().t !== 'eof') this.unexpected();
    return a;
  }

  term(): Ast {
    const t = this.peek();
    switch (t.t) {
      case 'num':
        this.next();
        return { k: 'literal', v: Number(t.v) };
      case 'str':
        return this.stringLit();
      case 'field':
        this.next();
        return { k: 'field', of: { k: 'identity' }, name: { k: 'literal', v: t.v }, opt: this.optional() };
      case 'var':
        this.next();
        return { k: 'var', name: t.v };
      case 'format': {
        this.next();
        if (this.peek().t === 'str') return this.stringLit(t.v);
        return { k: 'format', name: t.v };
      }
      case 'ident':
        return this.identTerm();
      case 'op':
        switch (t.v) {
          case '.':
            this.next();
            if (this.peek().t === 'str') return { k: 'field', of: { k: 'identity' }, name: this.stringLit(), opt: this.optional() };
            return { k: 'identity' };
          case '..':
            this.next();
            return { k: 'recurse' };
          case '(': {
            this.next();
            const e = this.pipe();
            this.expectOp(')');
            return e;
          }
          case '[': {
            this.next();
            if (this.isOp(']')) {
              this.next();
              return { k: 'array' };
            }
            const e = this.pipe();
            this.expectOp(']');
            return { k: 'array', e };
          }
          case '{':
            return this.object();
        }
    }
    return this.unexpected();
  }

  private object(): Ast {
    this.expectOp('{');
    const entries: { key: Ast; value?: Ast }[] = [];
    while (!this.isOp('}')) {
      const t = this.next();
      let key: Ast;
      if (t.t === 'ident' || (t.t === 'num' && false)) key = { k: 'literal', v: t.v };
      else if (t.t === 'var') {
        entries.push({ key: { k: 'literal', v: t.v }, value: { k: 'var', name: t.v } });
        if (!this.isOp('}')) this.expectOp(',');
        continue;
      } else if (t.t === 'str') {
        this.i--;
        key = this.stringLit();
      } else if (t.t === 'op' && t.v === '(') {
        key = this.pipe();
        this.expectOp(')');
      } else {
        this.i--;
        this.unexpected();
      }
      let value: Ast | undefined;
      if (this.isOp(':')) {
        this.next();
        value = this.objectValue();
      }
      entries.push({ key, value });
      if (!this.isOp('}')) this.expectOp(',');
    }
    this.next();
    return { k: 'object', entries };
  }

  private objectValue(): Ast {
    // Object values bind tighter than ',' (use parentheses for more).
    let a = this.alt();
    while (this.isOp('|')) {
      this.next();
      a = { k: 'pipe', a, b: this.alt() };
    }
    return a;
  }

  private identTerm(): Ast {
    const name = this.next().v;
    if (name === 'null') return { k: 'literal', v: null };
    if (name === 'true') return { k: 'literal', v: true };
    if (name === 'false') return { k: 'literal', v: false };
    if (name === 'if') {
      const cond = this.pipe();
      this.expectIdent('then');
      const then = this.pipe();
      const elifs: { cond: Ast; then: Ast }[] = [];
      let els: Ast | undefined;
      while (this.isIdent('elif')) {
        this.next();
        const c = this.pipe();
        this.expectIdent('then');
        elifs.push({ cond: c, then: this.pipe() });
      }
      if (this.isIdent('else')) {
        this.next();
        els = this.pipe();
      }
      this.expectIdent('end');
      return { k: 'if', cond, then, elifs, else: els };
    }
    if (name === 'reduce') {
      const source = this.postfix();
      this.expectIdent('as');
      const v = this.next();
      if (v.t !== 'var') this.unexpected();
      this.expectOp('(');
      const init = this.pipe();
      this.expectOp(';');
      const update = this.pipe();
      this.expectOp(')');
      return { k: 'reduce', source, name: v.v, init, update };
    }
    if (name === 'try') {
      const body = this.postfix();
      if (this.isIdent('catch')) {
        this.next();
        return { k: 'try', body, catch: this.postfix() };
      }
      return { k: 'try', body };
    }
    const args: Ast[] = [];
    if (this.isOp('(')) {
      this.next();
      args.push(this.pipe());
      while (this.isOp(';')) {
        this.next();
        args.push(this.pipe());
      }
      this.expectOp(')');
    }
    return { k: 'call', name, args };
  }
}
