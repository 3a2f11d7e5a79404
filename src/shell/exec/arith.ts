/**
 * Shell arithmetic ($((…)), ((…)), let, array subscripts): 64-bit-ish integers (JS BigInt for
 * exact wrap-around), C precedence, assignments, ++/--, ternary, comma, bases (0x1f, 017,
 * 2#101). Errors carry bash's message: `1+ : syntax error: operand expected (error token is "+ ")`.
 */

export interface ArithVars {
  get(name: string, index?: string): string | undefined;
  set(name: string, value: string, index?: string): void;
  /** Report use of an unset variable under `set -u` (throws its own error). */
  unset?(name: string): void;
}

export class ArithError extends Error {
  constructor(
    /** The whole expression, as bash quotes it. */
    readonly expr: string,
    readonly reason: string,
    readonly token: string,
  ) {
    super(`${expr}: ${reason} (error token is "${token}")`);
  }
}

type Tok = { t: 'num'; v: bigint; s: number } | { t: 'id'; v: string; s: number } | { t: 'op'; v: string; s: number } | { t: 'eof'; s: number };

const OPS = ['<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '^', '|', '?', ':', ',', '(', ')', '[', ']'];

const MASK = (1n << 64n) - 1n;
function wrap(v: bigint): bigint {
  v &= MASK;
  return v >= 1n << 63n ? v - (1n << 64n) : v;
}

export function evalArith(text: string, vars: ArithVars, depth = 0): bigint {
  const p = new ArithParser(text, vars, depth);
  return p.run();
}

class ArithParser {
  private src: string;
  private pos = 0;
  private tok!: Tok;
  private lastTokStart = 0;
  private noeval = 0;

  constructor(
    text: string,
    private vars: ArithVars,
    private depth: number,
  ) {
    this.src = text.replace(/^[ \t\n]+/, '');
  }

  run(): bigint {
    if (this.depth > 100) this.fail('expression recursion level exceeded', 0);
    this.next();
    if (this.tok.t === 'eof') return 0n;
    const v = this.comma();
    if ((this.tok as Tok).t !== 'eof') this.fail('syntax error in expression', this.tok.s);
    return v;
  }

  private fail(reason: string, at: number): never {
    throw new ArithError(this.src, reason, this.src.slice(at));
  }

  private next(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
    const s = this.pos;
    if (this.pos >= this.src.length) {
      this.tok = { t: 'eof', s };
      return;
    }
    this.lastTokStart = s;
    const rest = this.src.slice(this.pos);
    let m = /^[0-9][0-9A-Za-z_@#]*/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      this.tok = { t: 'num', v: this.parseNumber(m[0], s), s };
      return;
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      this.tok = { t: 'id', v: m[0], s };
      return;
    }
    for (const op of OPS) {
      if (rest.startsWith(op)) {
        this.pos += op.length;
        this.tok = { t: 'op', v: op, s };
        return;
      }
    }
    this.fail('syntax error: invalid arithmetic operator', s);
  }

  private parseNumber(text: string, at: number): bigint {
    let base = 10;
    let digits = text;
    const hash = text.indexOf('#');
    if (hash > 0) {
      base = Number(text.slice(0, hash));
      digits = text.slice(hash + 1);
      if (base < 2 || base > 64) this.fail('invalid arithmetic base', at);
    } else if (/^0[xX]/.test(text)) {
      base = 16;
      digits = text.slice(2);
    } else if (text.length > 1 && text[0] === '0') {
      base = 8;
      digits = text.slice(1);
    }
    let v = 0n;
    const B = BigInt(base);
    for (const ch of digits) {
      let d: number;
      if (ch >= '0' && ch <= '9') d = ch.charCodeAt(0) - 48;
      else if (ch >= 'a' && ch <= 'z') d = ch.charCodeAt(0) - 87;
      else if (ch >= 'A' && ch <= 'Z') d = base <= 36 ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 29;
      else if (ch === '@') d = 62;
      else if (ch === '_') d = 63;
      else d = 99;
      if (d >= base) this.fail('value too great for base', at);
      v = wrap(v * B + BigInt(d));
    }
    return v;
  }

  private isOp(v: string): boolean {
    return this.tok.t === 'op' && this.tok.v === v;
  }

  private comma(): bigint {
    let v = this.assign();
    while (this.isOp(',')) {
      this.next();
      v = this.assign();
    }
    return v;
  }

  private assign(): bigint {
    if (this.tok.t === 'id') {
      const save = { pos: this.pos, tok: this.tok, last: this.lastTokStart };
      const name = this.tok.v;
      this.next();
      let index: string | undefined;
      if (this.isOp('[')) index = this.subscript();
      const t = this.tok as Tok;
      if (t.t === 'op' && /^([-+*/%&^|]|<<|>>)?=$/.test(t.v) && t.v !== '==') {
        this.next();
        const rhs = this.assign();
        let v = rhs;
        if (t.v !== '=') v = this.binary(t.v.slice(0, -1), this.readVar(name, index), rhs, t.s);
        if (!this.noeval) this.vars.set(name, String(v), index);
        return v;
      }
      this.pos = save.pos;
      this.tok = save.tok;
      this.lastTokStart = save.last;
    }
    return this.ternary();
  }

  private subscript(): string {
    // at '[': evaluate the inner expression text lazily as a string key
    const start = this.pos;
    let depth = 1;
    let i = start;
    for (; i < this.src.length; i++) {
      if (this.src[i] === '[') depth++;
      else if (this.src[i] === ']' && --depth === 0) break;
    }
    if (i >= this.src.length) this.fail('syntax error: invalid arithmetic operator', start);
    const inner = this.src.slice(start, i);
    this.pos = i + 1;
    this.next();
    return inner;
  }

  private ternary(): bigint {
    const c = this.logOr();
    if (!this.isOp('?')) return c;
    this.next();
    if (!c) this.noeval++;
    const a = this.assign();
    if (!c) this.noeval--;
    if (!this.isOp(':')) this.fail("`:' expected for conditional expression", this.tok.s);
    this.next();
    if (c) this.noeval++;
    const b = this.assign();
    if (c) this.noeval--;
    return c ? a : b;
  }

  private logOr(): bigint {
    let v = this.logAnd();
    while (this.isOp('||')) {
      this.next();
      if (v) this.noeval++;
      const r = this.logAnd();
      if (v) this.noeval--;
      v = v || r ? 1n : 0n;
    }
    return v;
  }

  private logAnd(): bigint {
    let v = this.bitOr();
    while (this.isOp('&&')) {
      this.next();
      if (!v) this.noeval++;
      const r = this.bitOr();
      if (!v) this.noeval--;
      v = v && r ? 1n : 0n;
    }
    return v;
  }

  private level(ops: string[], depth: number): bigint {
    let v = this.operand(depth);
    while (this.tok.t === 'op' && ops.includes(this.tok.v)) {
      const op = this.tok.v;
      this.next();
      const r = this.operand(depth);
      v = this.binary(op, v, r, this.lastTokStart);
    }
    return v;
  }

  private bitOr(): bigint {
    return this.level(['|'], 0);
  }

  /** Binary operator levels from loosest to tightest. */
  private static readonly LEVELS: string[][] = [['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

  private operand(depth: number): bigint {
    return depth + 1 < ArithParser.LEVELS.length ? this.level(ArithParser.LEVELS[depth + 1], depth + 1) : this.power();
  }

  private power(): bigint {
    const base = this.unary();
    if (this.isOp('**')) {
      this.next();
      const exp = this.power();
      return this.binary('**', base, exp, this.lastTokStart);
    }
    return base;
  }

  private binary(op: string, a: bigint, b: bigint, at: number): bigint {
    switch (op) {
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) {
          if (this.noeval) return 0n;
          this.fail('division by 0', at);
        }
        return wrap(op === '/' ? a / b : a % b);
      case '**':
        if (b < 0n) this.fail('exponent less than 0', at);
        return wrap(a ** b);
      case '<<': return wrap(a << (b & 63n));
      case '>>': return wrap(a >> (b & 63n));
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '&': return wrap(a & b);
      case '^': return wrap(a ^ b);
      case '|': return wrap(a | b);
    }
    return 0n;
  }

  private unary(): bigint {
    const t = this.tok;
    if (t.t === 'op') {
      switch (t.v) {
        case '-':
          this.next();
          return wrap(-this.unary());
        case '+':
          this.next();
          return this.unary();
        case '!':
          this.next();
          return this.unary() ? 0n : 1n;
        case '~':
          this.next();
          return wrap(~this.unary());
        case '++':
        case '--': {
          this.next();
          const id = this.tok;
          if (id.t !== 'id') this.fail('syntax error: operand expected', this.tok.t === 'eof' ? this.lastTokStart : this.tok.s);
          this.next();
          let index: string | undefined;
          if (this.isOp('[')) index = this.subscript();
          const v = wrap(this.readVar(id.v, index) + (t.v === '++' ? 1n : -1n));
          if (!this.noeval) this.vars.set(id.v, String(v), index);
          return v;
        }
      }
    }
    return this.postfix();
  }

  private postfix(): bigint {
    const t = this.tok;
    if (t.t === 'id') {
      this.next();
      let index: string | undefined;
      if (this.isOp('[')) index = this.subscript();
      const v = this.readVar(t.v, index);
      if (this.isOp('++') || this.isOp('--')) {
        const op = (this.tok as { v: string }).v;
        this.next();
        if (!this.noeval) this.vars.set(t.v, String(wrap(v + (op === '++' ? 1n : -1n))), index);
      }
      return v;
    }
    return this.primary();
  }

  private primary(): bigint {
    const t = this.tok;
    if (t.t === 'num') {
      this.next();
      return t.v;
    }
    if (t.t === 'op' && t.v === '(') {
      this.next();
      const v = this.comma();
      if (!this.isOp(')')) this.fail("missing `)'", this.tok.t === 'eof' ? this.lastTokStart : this.tok.s);
      this.next();
      return v;
    }
    this.fail('syntax error: operand expected', t.t === 'eof' ? this.lastTokStart : t.s);
  }

  private readVar(name: string, index?: string): bigint {
    const raw = this.vars.get(name, index);
    if (raw === undefined) {
      this.vars.unset?.(name);
      return 0n;
    }
    const s = raw.trim();
    if (s === '') return 0n;
    if (/^-?[0-9]+$/.test(s)) return wrap(BigInt(s));
    if (this.noeval) return 0n;
    return evalArith(s, this.vars, this.depth + 1);
  }
}
