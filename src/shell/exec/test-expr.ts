/**
 * Conditional expressions: the `test` / `[` builtin (argument-count rules of POSIX, then a
 * small grammar with ! -a -o and parentheses) and the operators shared with `[[ ]]`.
 */
import type { FsView } from '../../sim/machine/fs';

export class TestError extends Error {}

export interface TestEnv {
  fs: FsView;
  uid: number;
  gid: number;
  isSet(name: string): boolean;
  optionOn(name: string): boolean;
  /** Integers for -eq & co: test wants decimal integers, [[ ]] evaluates arithmetic. */
  toInt(text: string): bigint;
}

const UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v', '-R']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

export function isUnaryOp(op: string): boolean {
  return UNARY.has(op);
}

export function isBinaryOp(op: string): boolean {
  return BINARY.has(op);
}

export function unaryTest(op: string, arg: string, env: TestEnv): boolean {
  const fs = env.fs;
  const st = () => {
    try {
      return fs.stat(arg);
    } catch {
      return null;
    }
  };
  switch (op) {
    case '-z':
      return arg.length === 0;
    case '-n':
      return arg.length > 0;
    case '-e':
    case '-a':
      return !!st();
    case '-f':
      return st()?.type === 'file';
    case '-d':
      return st()?.type === 'dir';
    case '-c':
      return st()?.type === 'chardev';
    case '-b':
    case '-p':
    case '-S':
      return false;
    case '-h':
    case '-L':
      try {
        return fs.lstat(arg)?.type === 'symlink';
      } catch {
        return false;
      }
    case '-s': {
      const s = st();
      return !!s && s.size > 0;
    }
    case '-r':
      return safe(() => fs.canRead(arg));
    case '-w':
      return safe(() => fs.canWrite(arg)) || (env.uid === 0 && !!st());
    case '-x': {
      const s = st();
      if (!s) return false;
      if (s.type === 'dir') return env.uid === 0 || safe(() => fs.can(fs.inode(arg)!, 1));
      return safe(() => fs.canExecute(arg));
    }
    case '-u':
      return ((st()?.mode ?? 0) & 0o4000) !== 0;
    case '-g':
      return ((st()?.mode ?? 0) & 0o2000) !== 0;
    case '-k':
      return ((st()?.mode ?? 0) & 0o1000) !== 0;
    case '-O':
      return st()?.uid === env.uid;
    case '-G':
      return st()?.gid === env.gid;
    case '-N':
      return !!st();
    case '-t':
      return false;
    case '-v':
    case '-R':
      return env.isSet(arg);
    case '-o':
      return env.optionOn(arg);
  }
  throw new TestError(`${op}: unary operator expected`);
}

function safe(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return false;
  }
}

export function binaryTest(op: string, a: string, b: string, env: TestEnv): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-eq':
      return env.toInt(a) === env.toInt(b);
    case '-ne':
      return env.toInt(a) !== env.toInt(b);
    case '-lt':
      return env.toInt(a) < env.toInt(b);
    case '-le':
      return env.toInt(a) <= env.toInt(b);
    case '-gt':
      return env.toInt(a) > env.toInt(b);
    case '-ge':
      return env.toInt(a) >= env.toInt(b);
    case '-nt':
    case '-ot': {
      const sa = safe2(() => env.fs.stat(a));
      const sb = safe2(() => env.fs.stat(b));
      if (op === '-nt') return !!sa && (!sb || sa.mtimeMs > sb.mtimeMs);
      return !!sb && (!sa || sa.mtimeMs < sb.mtimeMs);
    }
    case '-ef':
      return env.fs.realpath(a) !== null && env.fs.realpath(a) === env.fs.realpath(b);
  }
  throw new TestError(`${op}: binary operator expected`);
}

function safe2<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

/** Decimal integer for `test`: optional blanks and sign, else "integer expression expected". */
export function testInt(text: string): bigint {
  const t = text.trim();
  if (!/^[-+]?\d+$/.test(t)) throw new TestError(`${text}: integer expression expected`);
  return BigInt(t);
}

/** Evaluate `test` arguments (without the closing `]`). */
export function evalTestArgs(args: string[], env: TestEnv): boolean {
  const n = args.length;
  if (n === 0) return false;
  if (n === 1) return args[0] !== '';
  if (n === 2) {
    if (args[0] === '!') return args[1] === '';
    if (UNARY.has(args[0])) return unaryTest(args[0], args[1], env);
    throw new TestError(`${args[0]}: unary operator expected`);
  }
  if (n === 3) {
    if (BINARY.has(args[1])) return binaryTest(args[1], args[0], args[2], env);
    if (args[1] === '-a') return args[0] !== '' && args[2] !== '';
    if (args[1] === '-o') return args[0] !== '' || args[2] !== '';
    if (args[0] === '!') return !evalTestArgs(args.slice(1), env);
    if (args[0] === '(' && args[2] === ')') return args[1] !== '';
    throw new TestError(`${args[1]}: binary operator expected`);
  }
  if (n === 4) {
    if (args[0] === '!') return !evalTestArgs(args.slice(1), env);
    if (args[0] === '(' && args[3] === ')') return evalTestArgs(args.slice(1, 3), env);
  }
  const p = new TestParser(args, env);
  const v = p.or();
  if (p.pos < args.length) throw new TestError(p.pos === 0 ? `${args[0]}: unary operator expected` : 'too many arguments');
  return v;
}

class TestParser {
  pos = 0;
  constructor(
    private args: string[],
    private env: TestEnv,
  ) {}

  or(): boolean {
    let v = this.and();
    while (this.args[this.pos] === '-o') {
      this.pos++;
      const r = this.and();
      v = v || r;
    }
    return v;
  }

  and(): boolean {
    let v = this.not();
    while (this.args[this.pos] === '-a') {
      this.pos++;
      const r = this.not();
      v = v && r;
    }
    return v;
  }

  not(): boolean {
    if (this.args[this.pos] === '!') {
      this.pos++;
      return !this.not();
    }
    return this.primary();
  }

  primary(): boolean {
    const a = this.args;
    if (this.pos >= a.length) throw new TestError('argument expected');
    if (a[this.pos] === '(') {
      this.pos++;
      const v = this.or();
      if (a[this.pos] !== ')') throw new TestError("`)' expected");
      this.pos++;
      return v;
    }
    if (this.pos + 2 < a.length + 0 && BINARY.has(a[this.pos + 1])) {
      const v = binaryTest(a[this.pos + 1], a[this.pos], a[this.pos + 2], this.env);
      this.pos += 3;
      return v;
    }
    if (UNARY.has(a[this.pos]) && this.pos + 1 < a.length) {
      const v = unaryTest(a[this.pos], a[this.pos + 1], this.env);
      this.pos += 2;
      return v;
    }
    return a[this.pos++] !== '';
  }
}
