/**
 * The awk interpreter (mawk flavour). Runs synchronously over text already read; output, w-files
 * and commands (system(), print | "cmd") are queued in order and carried out by the program
 * afterwards, so what the user sees comes out in the right order.
 */
import type { AwkProgram, Expr, FuncDef, LValue, Stmt } from './ast';
import { compileRegex, RegexError } from '../lib/regex';
import { formatString } from '../lib/format';
import { byteLength } from '../lib/io';
import { compare, numToStr, StrNum, toBool, toNum, toStr, UNINIT, type AwkArray, type Value } from './values';

export type OutputAction = { kind: 'text'; text: string } | { kind: 'file'; path: string; text: string; append: boolean } | { kind: 'spawn'; cmd: string; stdin?: string };

export interface AwkHost {
  /** Read a whole file for getline < file and the main input; null when unreadable. */
  readFile(path: string): string | null;
  readStdin(): string;
  /** Standard input chunk by chunk (null at the end); when present the main input streams. */
  readStdinChunk?(): Promise<string | null>;
  /** Carry out queued output before waiting for more input. */
  flush?(): Promise<void>;
  env: Record<string, string>;
  /** Called for every queued output action. */
  emit(action: OutputAction): void;
  /**
   * Called at each turn of a loop of statements: now and then a promise (queued output carried out,
   * the event loop had a turn) that is true when Ctrl-C interrupted the program.
   */
  checkpoint?(): Promise<boolean> | undefined;
}

export class AwkRuntimeError extends Error {}

/** Ctrl-C reached a running program: awk dies of SIGINT (status 130). */
export class AwkInterrupted {}

/**
 * `$n = v` and `NF = n` make n fields. mawk grows the record until memory runs out (`$1e9 = 1`,
 * `NF = 2^1024`); we stop sooner than a real machine would, with the same message, instead of
 * filling an array until the JavaScript engine aborts.
 */
const MAX_FIELDS = 4_000_000;

class NextSignal {}
class NextFileSignal {}
class ExitSignal {
  constructor(readonly code: number) {}
}
class ReturnSignal {
  constructor(readonly value: Value) {}
}
class BreakSignal {}
class ContinueSignal {}

const NEXT = new NextSignal();
const NEXTFILE = new NextFileSignal();
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

/** What a thrown value means to the loop whose turn threw it: stop (break), go on (continue), or not the loop's (rethrown). */
function stopsLoop(e: unknown): boolean {
  if (e === BREAK) return true;
  if (e === CONTINUE) return false;
  throw e;
}

type Cell = { value: Value | AwkArray };

/** Reads records from one text by RS. */
class RecordReader {
  private pos = 0;
  constructor(
    private text: string,
    /** False while more text may still arrive from a pipe. */
    public finished = true,
  ) {}

  append(chunk: string): void {
    this.text = this.text.slice(this.pos) + chunk;
    this.pos = 0;
  }

  /** Whether next() can answer without more input. */
  ready(rs: string): boolean {
    if (this.finished) return true;
    if (rs.length === 1) return this.text.indexOf(rs, this.pos) >= 0;
    return false;
  }

  next(rs: string): string | null {
    if (!this.ready(rs)) return null;
    const t = this.text;
    if (rs === '') {
      while (this.pos < t.length && t[this.pos] === '\n') this.pos++;
      if (this.pos >= t.length) return null;
      const m = /\n\n+/g;
      m.lastIndex = this.pos;
      const r = m.exec(t);
      const end = r ? r.index : t.length;
      let rec = t.slice(this.pos, end);
      this.pos = r ? r.index + r[0].length : t.length;
      if (!r && rec.endsWith('\n')) rec = rec.slice(0, -1);
      return rec;
    }
    if (this.pos >= t.length) return null;
    if (rs.length === 1) {
      const i = t.indexOf(rs, this.pos);
      const end = i < 0 ? t.length : i;
      const rec = t.slice(this.pos, end);
      this.pos = i < 0 ? t.length : i + 1;
      return rec;
    }
    const re = new RegExp(compileRegex(rs, { extended: true, sedEscapes: true }).source, 'gs');
    re.lastIndex = this.pos;
    const r = re.exec(t);
    const end = r && r[0].length ? r.index : t.length;
    const rec = t.slice(this.pos, end);
    this.pos = r && r[0].length ? r.index + r[0].length : t.length;
    return rec;
  }
}

export class AwkInterpreter {
  private globals = new Map<string, Cell>();
  private frames: Map<string, Cell>[] = [];
  private record = '';
  private fields: string[] | null = [];
  private nf = 0;
  private regexCache = new Map<string, RegExp>();
  private rangeActive: boolean[] = [];
  private fileReaders = new Map<string, RecordReader | null>();
  private outFiles = new Set<string>();
  private pipes = new Map<string, string>();
  private argIndex = 1;
  private mainReader: RecordReader | null = null;
  private mainDone = false;
  private randSeed = 0;
  private prevSeed = 0;
  private rngState = 0;
  exitCode = 0;

  constructor(
    private prog: AwkProgram,
    private host: AwkHost,
    argv: string[],
    assigns: [string, string][],
  ) {
    const set = (n: string, v: Value) => this.globals.set(n, { value: v });
    set('FS', ' ');
    set('OFS', ' ');
    set('ORS', '\n');
    set('RS', '\n');
    set('NR', 0);
    set('FNR', 0);
    set('SUBSEP', '\x1c');
    set('CONVFMT', '%.6g');
    set('OFMT', '%.6g');
    set('RSTART', 0);
    set('RLENGTH', -1);
    set('FILENAME', '');
    const env: AwkArray = new Map();
    for (const [k, v] of Object.entries(host.env)) env.set(k, new StrNum(v));
    this.globals.set('ENVIRON', { value: env });
    const av: AwkArray = new Map();
    argv.forEach((a, i) => av.set(String(i), new StrNum(a)));
    this.globals.set('ARGV', { value: av });
    set('ARGC', argv.length);
    for (const [k, v] of assigns) this.assignVar(k, v);
    this.rangeActive = prog.rules.map(() => false);
    this.srand(0);
  }

  private assignVar(name: string, raw: string): void {
    this.setVar(name, new StrNum(processEscapes(raw)));
  }

  // ---- variables ----------------------------------------------------------------------------

  private cell(name: string): Cell {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.has(name)) return frame.get(name)!;
    let c = this.globals.get(name);
    if (!c) {
      c = { value: UNINIT };
      this.globals.set(name, c);
    }
    return c;
  }

  private getVar(name: string): Value {
    if (name === 'NF') return this.getNF();
    const v = this.cell(name).value;
    if (v instanceof Map) throw new AwkRuntimeError(`can't use array ${name} in scalar context`);
    return v;
  }

  private setVar(name: string, v: Value): void {
    if (name === 'NF') {
      this.setNF(Math.trunc(toNum(v)));
      return;
    }
    const c = this.cell(name);
    if (c.value instanceof Map) throw new AwkRuntimeError(`can't assign to ${name}; it's an array name.`);
    c.value = v;
  }

  private array(name: string): AwkArray {
    const c = this.cell(name);
    if (c.value instanceof Map) return c.value;
    if (c.value !== UNINIT) throw new AwkRuntimeError(`can't use scalar ${name} as array`);
    const m: AwkArray = new Map();
    c.value = m;
    return m;
  }

  private get convfmt(): string {
    return toStr(this.getVar('CONVFMT'), '%.6g');
  }

  private str(v: Value): string {
    return toStr(v, this.convfmt);
  }

  private subscript(subs: Expr[]): string {
    const parts = subs.map((e) => {
      const v = this.eval(e);
      if (typeof v === 'number' && Number.isInteger(v)) return String(v);
      return this.str(v);
    });
    return parts.length === 1 ? parts[0] : parts.join(this.str(this.getVar('SUBSEP')));
  }

  // ---- fields -------------------------------------------------------------------------------

  private setRecord(text: string): void {
    this.record = text;
    this.fields = null;
  }

  private split(): void {
    if (this.fields !== null) return;
    this.fields = this.splitWith(this.record, this.getVar('FS'), this.str(this.getVar('RS')) === '');
    this.nf = this.fields.length;
  }

  private splitWith(text: string, fsValue: Value, paragraph = false): string[] {
    const fs = this.str(fsValue);
    if (text === '') return [];
    if (fs === ' ') return text.split(/[ \t\n]+/).filter((s, i, a) => s !== '' || (i > 0 && i < a.length - 1));
    let parts: string[];
    if (fs.length === 1 && fs !== '\\') {
      parts = text.split(fs);
    } else if (fs === '') parts = [...text];
    else parts = text.split(this.regex(fs));
    if (paragraph) parts = parts.flatMap((p) => p.split('\n'));
    return parts;
  }

  private getNF(): number {
    this.split();
    return this.nf;
  }

  private setNF(n: number): void {
    if (n < 0) throw new AwkRuntimeError('negative value assigned to NF');
    if (n > MAX_FIELDS) throw new AwkRuntimeError('out of memory');
    this.split();
    const f = this.fields!;
    while (f.length < n) f.push('');
    f.length = Math.max(0, n);
    this.nf = f.length;
    this.rebuild();
  }

  private rebuild(): void {
    this.record = this.fields!.join(this.str(this.getVar('OFS')));
  }

  private getField(i: number): Value {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i === 0) return new StrNum(this.record);
    this.split();
    return i <= this.nf ? new StrNum(this.fields![i - 1]) : UNINIT;
  }

  private setField(i: number, v: Value): void {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i > MAX_FIELDS) throw new AwkRuntimeError('out of memory');
    if (i === 0) {
      this.setRecord(this.str(v));
      return;
    }
    this.split();
    const f = this.fields!;
    while (f.length < i) f.push('');
    f[i - 1] = this.str(v);
    this.nf = f.length;
    this.rebuild();
  }

  // ---- regex --------------------------------------------------------------------------------

  private regex(src: string): RegExp {
    let r = this.regexCache.get(src);
    if (!r) {
      try {
        r = compileRegex(src, { extended: true, sedEscapes: true });
      } catch (e) {
        if (e instanceof RegexError) throw new AwkRuntimeError(`regular expression compile failed (${e.message})\n${src}`);
        throw e;
      }
      this.regexCache.set(src, r);
    }
    return r;
  }

  private regexOf(e: Expr): RegExp {
    if (e.k === 're') return this.regex(e.src);
    return this.regex(this.str(this.eval(e)));
  }

  // ---- expressions --------------------------------------------------------------------------

  eval(e: Expr): Value {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 're': {
        const r = this.regex(e.src);
        return r.test(this.record) ? 1 : 0;
      }
      case 'group':
        return this.eval(e.e);
      case 'var':
        return this.getVar(e.name);
      case 'field':
        return this.getField(Math.trunc(toNum(this.eval(e.e))));
      case 'idx': {
        const arr = this.array(e.name);
        const key = this.subscript(e.subs);
        const v = arr.get(key);
        if (v === undefined) {
          arr.set(key, UNINIT);
          return UNINIT;
        }
        return v;
      }
      case 'assign':
        return this.assign(e.target, e.op, e.e);
      case 'cond':
        return toBool(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'and':
        return toBool(this.eval(e.a)) && toBool(this.eval(e.b)) ? 1 : 0;
      case 'or':
        return toBool(this.eval(e.a)) || toBool(this.eval(e.b)) ? 1 : 0;
      case 'in':
        return this.array(e.name).has(this.subscript(e.subs)) ? 1 : 0;
      case 'match': {
        const s = this.str(this.eval(e.a));
        const r = this.regexOf(e.re);
        return r.test(s) !== e.neg ? 1 : 0;
      }
      case 'bin':
        return this.binary(e.op, e.a, e.b);
      case 'un': {
        const v = this.eval(e.e);
        if (e.op === '!') return toBool(v) ? 0 : 1;
        const n = toNum(v);
        return e.op === '-' ? -n : n;
      }
      case 'incdec': {
        const old = toNum(this.read(e.target));
        const nv = e.op === '++' ? old + 1 : old - 1;
        this.write(e.target, nv);
        return e.prefix ? nv : old;
      }
      case 'builtin':
        return this.builtin(e.name, e.args);
      case 'call':
        return this.call(e.name, e.args);
      case 'getline':
        return this.getline(e);
    }
  }

  private read(t: LValue): Value {
    return this.eval(t);
  }

  private write(t: LValue, v: Value): void {
    if (t.k === 'var') this.setVar(t.name, v);
    else if (t.k === 'field') this.setField(Math.trunc(toNum(this.eval(t.e))), v);
    else this.array(t.name).set(this.subscript(t.subs), v);
  }

  private assign(t: LValue, op: string, e: Expr): Value {
    let v: Value;
    if (op === '=') {
      v = this.eval(e);
      if (v === UNINIT) v = UNINIT;
      else if (v instanceof StrNum) v = new StrNum(v.s);
    } else {
      // Evaluate the target's subscript once, as awk does, by resolving it to a concrete lvalue.
      const target = this.concrete(t);
      const a = toNum(this.read(target));
      const b = toNum(this.eval(e));
      v = arith(op.slice(0, -1), a, b);
      this.write(target, v);
      return v;
    }
    this.write(t, v);
    return v;
  }

  private concrete(t: LValue): LValue {
    if (t.k === 'idx') return { k: 'idx', name: t.name, subs: [{ k: 'str', v: this.subscript(t.subs) }] };
    if (t.k === 'field') return { k: 'field', e: { k: 'num', v: Math.trunc(toNum(this.eval(t.e))) } };
    return t;
  }

  private binary(op: string, ea: Expr, eb: Expr): Value {
    if (op === 'concat') return this.str(this.eval(ea)) + this.str(this.eval(eb));
    const a = this.eval(ea);
    const b = this.eval(eb);
    switch (op) {
      case '<':
        return compare(a, b, this.convfmt) < 0 ? 1 : 0;
      case '<=':
        return compare(a, b, this.convfmt) <= 0 ? 1 : 0;
      case '>':
        return compare(a, b, this.convfmt) > 0 ? 1 : 0;
      case '>=':
        return compare(a, b, this.convfmt) >= 0 ? 1 : 0;
      case '==':
        return compare(a, b, this.convfmt) === 0 ? 1 : 0;
      case '!=':
        return compare(a, b, this.convfmt) !== 0 ? 1 : 0;
    }
    return arith(op, toNum(a), toNum(b));
  }

  private call(name: string, argExprs: Expr[]): Value {
    const f = this.enterFunction(name, argExprs);
    try {
      this.execBlock(f.body);
      return UNINIT;
    } catch (s) {
      if (s instanceof ReturnSignal) return s.value;
      throw s;
    } finally {
      this.frames.pop();
    }
  }

  /** A call statement (`f()` on its own) whose function loops: run where the loop can be interrupted. */
  private async callAsync(name: string, argExprs: Expr[]): Promise<void> {
    const f = this.enterFunction(name, argExprs);
    try {
      for (const s of f.body) await this.execAsync(s);
    } catch (s) {
      if (!(s instanceof ReturnSignal)) throw s;
    } finally {
      this.frames.pop();
    }
  }

  /** Bind the arguments (arrays by reference) and push the function's frame; the caller pops it. */
  private enterFunction(name: string, argExprs: Expr[]): FuncDef {
    const f = this.prog.funcs.get(name);
    if (!f) throw new AwkRuntimeError(`function ${name} never defined`);
    if (argExprs.length > f.params.length) throw new AwkRuntimeError(`too many arguments in call to ${name}`);
    const frame = new Map<string, Cell>();
    f.params.forEach((p, i) => {
      const a = argExprs[i];
      if (!a) {
        frame.set(p, { value: UNINIT });
        return;
      }
      if (a.k === 'var') {
        const c = this.cell(a.name);
        if (c.value instanceof Map) {
          frame.set(p, { value: c.value });
          return;
        }
        if (c.value === UNINIT && f.arrayParams.has(p)) {
          c.value = new Map();
          frame.set(p, { value: c.value });
          return;
        }
      }
      frame.set(p, { value: this.eval(a) });
    });
    if (this.frames.length > 1000) throw new AwkRuntimeError('function call nesting too deep');
    this.frames.push(frame);
    return f;
  }

  private builtin(name: string, args: Expr[]): Value {
    const s = (i: number) => this.str(this.eval(args[i]));
    const n = (i: number) => toNum(this.eval(args[i]));
    switch (name) {
      case 'length': {
        // mawk counts bytes, not characters.
        if (!args.length) return byteLength(this.record);
        const a = args[0];
        if (a.k === 'var') {
          const c = this.cell(a.name).value;
          if (c instanceof Map) return c.size;
        }
        return byteLength(s(0));
      }
      case 'substr': {
        const str = [...s(0)];
        let start = Math.trunc(n(1));
        let len = args.length > 2 ? Math.trunc(n(2)) : Infinity;
        if (start < 1) {
          // mawk 1.3.4 keeps the length when the start is before the string.
          len = len === Infinity ? len : len - start;
          start = 1;
        }
        if (len <= 0) return '';
        return str.slice(start - 1, len === Infinity ? undefined : start - 1 + len).join('');
      }
      case 'index': {
        const t = s(1);
        return s(0).indexOf(t) + 1;
      }
      case 'split': {
        const text = s(0);
        if (args[1]?.k !== 'var' && args[1]?.k !== 'idx') throw new AwkRuntimeError('split: second argument is not an array');
        const target = args[1] as { name: string };
        const arr = this.array(target.name);
        arr.clear();
        let parts: string[];
        if (args.length > 2) {
          const sepE = args[2];
          if (sepE.k === 're') parts = text === '' ? [] : text.split(this.regex(sepE.src));
          else parts = this.splitWith(text, this.eval(sepE));
        } else parts = this.splitWith(text, this.getVar('FS'));
        parts.forEach((p, i) => arr.set(String(i + 1), new StrNum(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.regexOf(args[0]);
        const repl = s(1);
        const target: LValue = args[2] && (args[2].k === 'var' || args[2].k === 'field' || args[2].k === 'idx') ? this.concrete(args[2]) : { k: 'field', e: { k: 'num', v: 0 } };
        const text = args[2] && target !== args[2] && !(args[2].k === 'var' || args[2].k === 'field' || args[2].k === 'idx') ? s(2) : this.str(this.read(target));
        const { result, count } = substitute(re, text, repl, name === 'gsub');
        if (count > 0) this.write(target, result);
        return count;
      }
      case 'match': {
        const str = s(0);
        const re = this.regexOf(args[1]);
        const m = new RegExp(re.source, re.flags.replace('g', '')).exec(str);
        if (!m) {
          this.setVar('RSTART', 0);
          this.setVar('RLENGTH', -1);
          return 0;
        }
        const start = [...str.slice(0, m.index)].length + 1;
        this.setVar('RSTART', start);
        this.setVar('RLENGTH', [...m[0]].length);
        return start;
      }
      case 'sprintf': {
        if (!args.length) return '';
        return this.format(args, 'sprintf');
      }
      case 'sin':
        return Math.sin(n(0));
      case 'cos':
        return Math.cos(n(0));
      case 'atan2':
        return Math.atan2(n(0), n(1));
      case 'exp':
        return Math.exp(n(0));
      case 'log':
        return Math.log(n(0));
      case 'sqrt':
        return Math.sqrt(n(0));
      case 'int':
        return Math.trunc(n(0));
      case 'rand':
        return this.rand();
      case 'srand': {
        const prev = this.prevSeed;
        this.srand(args.length ? n(0) : 0);
        return prev;
      }
      case 'tolower':
        return s(0).replace(/[A-Z]+/g, (m) => m.toLowerCase());
      case 'toupper':
        return s(0).replace(/[a-z]+/g, (m) => m.toUpperCase());
      case 'system': {
        this.flushPipes();
        this.host.emit({ kind: 'spawn', cmd: s(0) });
        return 0;
      }
      case 'close': {
        const name = s(0);
        if (this.pipes.has(name)) {
          this.host.emit({ kind: 'spawn', cmd: name, stdin: this.pipes.get(name)! });
          this.pipes.delete(name);
          return 0;
        }
        if (this.outFiles.delete(name) || this.fileReaders.delete(name)) return 0;
        return -1;
      }
      case 'fflush':
        return 0;
    }
    throw new AwkRuntimeError(`unknown function ${name}`);
  }

  private srand(seed: number): void {
    this.prevSeed = this.randSeed;
    this.randSeed = seed;
    this.rngState = (Math.trunc(seed) ^ 0x5deece66d) >>> 0;
  }

  private rand(): number {
    // xorshift32: deterministic, good enough for awk scripts.
    let x = this.rngState || 1;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.rngState = x;
    return x / 4294967296;
  }

  private format(args: Expr[], who: string): string {
    const fmt = this.str(this.eval(args[0]));
    const vals = args.slice(1).map((a) => this.eval(a));
    const r = formatString(
      fmt,
      vals.map((v) => ({ num: () => toNum(v), str: () => this.str(v), isNumber: typeof v === 'number' || (v instanceof StrNum && v.num !== null) })),
    );
    if (r.missing) {
      // mawk prints what it formatted before the conversion that had no argument.
      if (who === 'printf') this.host.emit({ kind: 'text', text: r.text.slice(0, r.missingAt) });
      throw new AwkRuntimeError(`not enough arguments passed to ${who}("${fmt}")`);
    }
    return r.text;
  }

  private getline(e: Extract<Expr, { k: 'getline' }>): Value {
    // Commands cannot run inside the synchronous interpreter: `cmd | getline` reads nothing.
    if (e.cmd) return 0;
    if (e.file) {
      const name = this.str(this.eval(e.file));
      let reader = this.fileReaders.get(name);
      if (reader === undefined) {
        const text = name === '-' || name === '/dev/stdin' ? this.host.readStdin() : this.host.readFile(name);
        reader = text === null ? null : new RecordReader(text);
        this.fileReaders.set(name, reader);
      }
      if (!reader) return -1;
      const rec = reader.next(this.str(this.getVar('RS')));
      if (rec === null) return 0;
      if (e.target) this.write(e.target, new StrNum(rec));
      else {
        this.setRecord(rec);
      }
      return 1;
    }
    const rec = this.nextMainRecord();
    if (rec === null) return 0;
    this.setVar('NR', toNum(this.getVar('NR')) + 1);
    this.setVar('FNR', toNum(this.getVar('FNR')) + 1);
    if (e.target) this.write(e.target, new StrNum(rec));
    else this.setRecord(rec);
    return 1;
  }

  // ---- main input ---------------------------------------------------------------------------

  private nextMainRecord(): string | null {
    while (!this.mainDone) {
      if (this.mainReader) {
        const rec = this.mainReader.next(this.str(this.getVar('RS')));
        if (rec !== null) return rec;
        this.mainReader = null;
      }
      if (!this.openNextFile()) {
        this.mainDone = true;
        return null;
      }
    }
    return null;
  }

  /** The main loop's record reader: waits for a live pipe when the next record is not in yet. */
  private async nextMainRecordAsync(): Promise<string | null> {
    while (!this.mainDone) {
      if (this.mainReader) {
        const rs = this.str(this.getVar('RS'));
        while (!this.mainReader.ready(rs) && this.host.readStdinChunk) {
          await this.host.flush?.();
          const chunk = await this.host.readStdinChunk();
          if (chunk === null) this.mainReader.finished = true;
          else this.mainReader.append(chunk);
        }
        const rec = this.mainReader.next(rs);
        if (rec !== null) return rec;
        this.mainReader = null;
      }
      if (!this.openNextFile()) {
        this.mainDone = true;
        return null;
      }
    }
    return null;
  }

  private stdinReader(): RecordReader {
    return this.host.readStdinChunk ? new RecordReader('', false) : new RecordReader(this.host.readStdin());
  }

  private usedFileOperand = false;

  private openNextFile(): boolean {
    const argv = this.array('ARGV');
    const argc = toNum(this.getVar('ARGC'));
    while (this.argIndex < argc) {
      const arg = argv.get(String(this.argIndex++));
      if (arg === undefined) continue;
      const a = this.str(arg);
      if (a === '') continue;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
      if (m) {
        this.assignVar(m[1], m[2]);
        continue;
      }
      this.usedFileOperand = true;
      this.setVar('FILENAME', a);
      this.setVar('FNR', 0);
      if (a === '-' || a === '/dev/stdin') {
        this.mainReader = this.stdinReader();
        return true;
      }
      const text = this.host.readFile(a);
      if (text === null) throw new AwkRuntimeError(`cannot open ${a} (No such file or directory)`);
      this.mainReader = new RecordReader(text);
      return true;
    }
    if (!this.usedFileOperand) {
      this.usedFileOperand = true;
      // mawk names standard input "-" once it starts reading it.
      this.setVar('FILENAME', '-');
      this.setVar('FNR', 0);
      this.mainReader = this.stdinReader();
      return true;
    }
    return false;
  }

  // ---- statements ---------------------------------------------------------------------------

  private out(text: string, redir: Extract<Stmt, { k: 'print' }>['redir']): void {
    if (!redir) {
      this.host.emit({ kind: 'text', text });
      return;
    }
    const target = this.str(this.eval(redir.target));
    if (redir.mode === '|') {
      this.pipes.set(target, (this.pipes.get(target) ?? '') + text);
      return;
    }
    if (target === '/dev/stdout' || target === '-') {
      this.host.emit({ kind: 'text', text });
      return;
    }
    if (target === '/dev/stderr') {
      this.host.emit({ kind: 'file', path: '/dev/stderr', text, append: true });
      return;
    }
    const first = !this.outFiles.has(target);
    this.outFiles.add(target);
    this.host.emit({ kind: 'file', path: target, text, append: !(first && redir.mode === '>') });
  }

  private flushPipes(): void {
    for (const [cmd, text] of this.pipes) this.host.emit({ kind: 'spawn', cmd, stdin: text });
    this.pipes.clear();
  }

  private execBlock(body: Stmt[]): void {
    for (const s of body) this.exec(s);
  }

  private exec(s: Stmt): void {
    switch (s.k) {
      case 'expr':
        this.eval(s.e);
        return;
      case 'print': {
        const ofmt = this.str(this.getVar('OFMT'));
        const parts = s.args.length
          ? s.args.map((a) => {
              const v = this.eval(a);
              return typeof v === 'number' ? numToStr(v, ofmt) : this.str(v);
            })
          : [this.record];
        this.out(parts.join(this.str(this.getVar('OFS'))) + this.str(this.getVar('ORS')), s.redir);
        return;
      }
      case 'printf':
        this.out(this.format(s.args, 'printf'), s.redir);
        return;
      case 'if':
        if (toBool(this.eval(s.c))) this.exec(s.then);
        else if (s.else) this.exec(s.else);
        return;
      case 'while':
        while (toBool(this.eval(s.c))) {
          if (this.loopBody(s.body)) break;
        }
        return;
      case 'do':
        do {
          if (this.loopBody(s.body)) break;
        } while (toBool(this.eval(s.c)));
        return;
      case 'for':
        if (s.init) this.exec(s.init);
        while (!s.c || toBool(this.eval(s.c))) {
          if (this.loopBody(s.body)) break;
          if (s.step) this.exec(s.step);
        }
        return;
      case 'forin': {
        const arr = this.array(s.arr);
        for (const k of [...arr.keys()]) {
          if (!arr.has(k)) continue;
          this.write(s.v, new StrNum(k));
          if (this.loopBody(s.body)) break;
        }
        return;
      }
      case 'block':
        this.execBlock(s.body);
        return;
      case 'next':
        throw NEXT;
      case 'nextfile':
        throw NEXTFILE;
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'exit':
        throw new ExitSignal(s.e ? Math.trunc(toNum(this.eval(s.e))) : this.exitCode);
      case 'return':
        throw new ReturnSignal(s.e ? this.eval(s.e) : UNINIT);
      case 'delete': {
        const arr = this.array(s.name);
        if (s.subs) arr.delete(this.subscript(s.subs));
        else arr.clear();
        return;
      }
      case 'getline':
        this.eval(s.e);
        return;
    }
  }

  private iterations = 0;

  /**
   * Runs a loop body; true when the loop must stop (break). Loops run here when they sit inside an
   * expression (a function called for its value), where nothing can wait: such a runaway loop must
   * end by itself. Loops of statements run in execAsync, where Ctrl-C ends them.
   */
  private loopBody(body: Stmt): boolean {
    if (++this.iterations > 20_000_000) throw new AwkRuntimeError('loop iteration limit exceeded');
    return this.turnSync(body);
  }

  /** One turn of a loop body run synchronously; true when the loop must stop (break). */
  private turnSync(body: Stmt): boolean {
    try {
      this.exec(body);
    } catch (e) {
      return stopsLoop(e);
    }
    return false;
  }

  /**
   * A statement that holds a loop (or calls, as a statement, a function that does): run so that the
   * loop lets the event loop in now and then (host.checkpoint), and Ctrl-C ends it as it ends real
   * awk. Everything else runs synchronously, at full speed.
   */
  private async execAsync(s: Stmt): Promise<void> {
    if (!this.loops(s)) return this.exec(s);
    switch (s.k) {
      case 'block':
        for (const x of s.body) await this.execAsync(x);
        return;
      case 'if':
        if (toBool(this.eval(s.c))) await this.execAsync(s.then);
        else if (s.else) await this.execAsync(s.else);
        return;
      case 'while':
        while (toBool(this.eval(s.c))) {
          let stop = this.turn(s.body);
          if (stop !== true && stop !== false) stop = await stop;
          if (stop) break;
        }
        return;
      case 'do':
        do {
          let stop = this.turn(s.body);
          if (stop !== true && stop !== false) stop = await stop;
          if (stop) break;
        } while (toBool(this.eval(s.c)));
        return;
      case 'for':
        if (s.init) this.exec(s.init);
        while (!s.c || toBool(this.eval(s.c))) {
          let stop = this.turn(s.body);
          if (stop !== true && stop !== false) stop = await stop;
          if (stop) break;
          if (s.step) this.exec(s.step);
        }
        return;
      case 'forin': {
        const arr = this.array(s.arr);
        for (const k of [...arr.keys()]) {
          if (!arr.has(k)) continue;
          this.write(s.v, new StrNum(k));
          let stop = this.turn(s.body);
          if (stop !== true && stop !== false) stop = await stop;
          if (stop) break;
        }
        return;
      }
      case 'expr':
        if (s.e.k === 'call') return this.callAsync(s.e.name, s.e.args);
        return this.exec(s);
      default:
        return this.exec(s);
    }
  }

  private async execBlockAsync(body: Stmt[]): Promise<void> {
    for (const s of body) {
      if (this.loops(s)) await this.execAsync(s);
      else this.exec(s);
    }
  }

  /**
   * One turn of a loop of statements; true when the loop must stop (break). A promise only when it
   * has to wait (the event loop's turn, or a nested loop): tight loops run at synchronous speed.
   */
  private turn(body: Stmt): boolean | Promise<boolean> {
    const pause = this.host.checkpoint?.();
    if (pause) {
      return pause.then((interrupted) => {
        if (interrupted) throw new AwkInterrupted();
        return this.runTurn(body);
      });
    }
    return this.runTurn(body);
  }

  private runTurn(body: Stmt): boolean | Promise<boolean> {
    return this.loops(body) ? this.turnAsync(body) : this.turnSync(body);
  }

  private async turnAsync(body: Stmt): Promise<boolean> {
    try {
      await this.execAsync(body);
    } catch (e) {
      return stopsLoop(e);
    }
    return false;
  }

  private readonly loopCache = new WeakMap<Stmt, boolean>();
  private readonly funcLoops = new Map<string, boolean>();

  /** Does running this statement enter a loop of statements (its own, or a called function's)? */
  private loops(s: Stmt): boolean {
    let known = this.loopCache.get(s);
    if (known === undefined) {
      this.loopCache.set(s, false); // a recursive function is not a loop by itself
      known = this.findLoop(s);
      this.loopCache.set(s, known);
    }
    return known;
  }

  private findLoop(s: Stmt): boolean {
    switch (s.k) {
      case 'while':
      case 'do':
      case 'for':
      case 'forin':
        return true;
      case 'block':
        return s.body.some((x) => this.loops(x));
      case 'if':
        return this.loops(s.then) || (!!s.else && this.loops(s.else));
      case 'expr': {
        if (s.e.k !== 'call') return false;
        const name = s.e.name;
        if (!this.funcLoops.has(name)) {
          this.funcLoops.set(name, false);
          this.funcLoops.set(name, this.prog.funcs.get(name)?.body.some((x) => this.loops(x)) ?? false);
        }
        return this.funcLoops.get(name)!;
      }
      default:
        return false;
    }
  }

  /** Run BEGIN, the main loop and END. Returns the exit status. */
  async run(): Promise<number> {
    const begins = this.prog.rules.filter((r) => r.pattern.k === 'begin');
    const ends = this.prog.rules.filter((r) => r.pattern.k === 'end');
    const mains = this.prog.rules.filter((r) => r.pattern.k !== 'begin' && r.pattern.k !== 'end');
    let exiting = false;
    try {
      for (const r of begins) await this.execBlockAsync(r.action ?? []);
    } catch (e) {
      if (e instanceof ExitSignal) {
        this.exitCode = e.code;
        exiting = true;
      } else if (e === NEXT || e === NEXTFILE) throw new AwkRuntimeError('improper use of next');
      else throw e;
    }
    if (!exiting && (mains.length || ends.length)) {
      try {
        while (true) {
          const rec = await this.nextMainRecordAsync();
          if (rec === null) break;
          this.setVar('NR', toNum(this.getVar('NR')) + 1);
          this.setVar('FNR', toNum(this.getVar('FNR')) + 1);
          this.setRecord(rec);
          try {
            for (let i = 0; i < this.prog.rules.length; i++) {
              const r = this.prog.rules[i];
              if (r.pattern.k === 'begin' || r.pattern.k === 'end') continue;
              if (!this.matches(r, i)) continue;
              if (r.action) {
                if (r.action.some((s) => this.loops(s))) await this.execBlockAsync(r.action);
                else this.execBlock(r.action);
              }
              else this.out(this.record + this.str(this.getVar('ORS')), undefined);
            }
          } catch (e) {
            if (e === NEXT) continue;
            if (e === NEXTFILE) {
              this.mainReader = null;
              continue;
            }
            throw e;
          }
        }
      } catch (e) {
        if (e instanceof ExitSignal) this.exitCode = e.code;
        else throw e;
      }
    }
    try {
      for (const r of ends) await this.execBlockAsync(r.action ?? []);
    } catch (e) {
      if (e instanceof ExitSignal) this.exitCode = e.code;
      else throw e;
    }
    this.flushPipes();
    return this.exitCode;
  }

  private matches(r: AwkProgram['rules'][number], i: number): boolean {
    const p = r.pattern;
    if (p.k === 'always') return true;
    if (p.k === 'expr') return toBool(this.eval(p.e));
    if (p.k === 'range') {
      if (!this.rangeActive[i]) {
        if (!toBool(this.eval(p.a))) return false;
        this.rangeActive[i] = !toBool(this.eval(p.b));
        return true;
      }
      if (toBool(this.eval(p.b))) this.rangeActive[i] = false;
      return true;
    }
    return false;
  }

  /** For error messages: FILENAME, FNR, NR. */
  where(): string {
    const g = (n: string) => this.str(this.getVar(n));
    return `\tFILENAME="${g('FILENAME')}" FNR=${g('FNR')} NR=${g('NR')}`;
  }
}

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      // mawk prints inf/nan rather than failing.
      return a / b;
    case '%':
      return a % b;
    case '^':
      return Math.pow(a, b);
  }
  return 0;
}

/** sub/gsub: `&` is the match, `\&` a literal ampersand, `\\` a backslash. */
export function substitute(re: RegExp, text: string, repl: string, global: boolean): { result: string; count: number } {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  let out = '';
  let pos = 0;
  let count = 0;
  let prevEnd = -1;
  while (pos <= text.length) {
    g.lastIndex = pos;
    const m = g.exec(text);
    if (!m) break;
    if (m[0] === '' && m.index === prevEnd) {
      if (m.index >= text.length) break;
      out += text.slice(pos, m.index + 1);
      pos = m.index + 1;
      continue;
    }
    count++;
    out += text.slice(pos, m.index);
    for (let i = 0; i < repl.length; i++) {
      const c = repl[i];
      if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) {
        out += repl[++i];
      } else if (c === '&') out += m[0];
      else out += c;
    }
    prevEnd = m.index + m[0].length;
    if (m[0] === '') {
      if (m.index < text.length) out += text[m.index];
      pos = m.index + 1;
    } else pos = prevEnd;
    if (!global) break;
  }
  if (count === 0) return { result: text, count };
  if (pos < text.length) out += text.slice(pos);
  return { result: out, count };
}

/** Escape processing for -v and command-line assignments. */
function processEscapes(s: string): string {
  return s.replace(/\\(["\\/abfnrtv]|[0-7]{1,3})/g, (_, c: string) => {
    const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    return map[c] ?? String.fromCharCode(parseInt(c, 8));
  });
}

export type { FuncDef };
