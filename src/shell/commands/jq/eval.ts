/** Evaluating jq filters: every filter maps one input to a list of outputs. */
import type { Ast } from './parse';
import { RangeBoundsError, stream, TICK } from './stream';

export { TICK };

export class JqError extends Error {}

/**
 * jq's allocator gave up: it prints `error: cannot allocate memory` and aborts. Our streams are
 * arrays, so a range too long to hold (or endless: `range(0; infinite)`, `range(nan)`) ends
 * here instead of filling memory until the JavaScript engine aborts.
 */
export class JqOutOfMemory extends Error {}
const MAX_RANGE = 4_000_000;

type Env = Map<string, unknown>;
type Path = (string | number)[];

export function typeOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? 'null';
  return s.length > 11 ? s.slice(0, 10) + '...' : s;
}

function describe(v: unknown): string {
  return `${typeOf(v)} (${short(v)})`;
}

const ORDER = ['null', 'boolean', 'number', 'string', 'array', 'object'];

export function compare(a: unknown, b: unknown): number {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta !== tb) {
    if (ta === 'boolean' && tb === 'boolean') return 0;
    return ORDER.indexOf(ta) - ORDER.indexOf(tb);
  }
  if (ta === 'boolean') return Number(a) - Number(b);
  if (ta === 'number') return (a as number) - (b as number);
  if (ta === 'string') return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  if (ta === 'array') {
    const x = a as unknown[];
    const y = b as unknown[];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = compare(x[i], y[i]);
      if (c) return c;
    }
    return x.length - y.length;
  }
  if (ta === 'object') {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const kc = compare(Object.keys(x).sort(), Object.keys(y).sort());
    if (kc) return kc;
    for (const k of Object.keys(x).sort()) {
      const c = compare(x[k], y[k]);
      if (c) return c;
    }
  }
  return 0;
}

const truthy = (v: unknown) => v !== null && v !== undefined && v !== false;

function index(v: unknown, k: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof k === 'string') {
    if (typeOf(v) !== 'object') throw new JqError(`Cannot index ${typeOf(v)} with string "${k}"`);
    const r = (v as Record<string, unknown>)[k];
    return r === undefined ? null : r;
  }
  if (typeof k === 'number') {
    if (!Array.isArray(v)) throw new JqError(`Cannot index ${typeOf(v)} with number`);
    const i = Math.floor(k) < 0 ? v.length + Math.floor(k) : Math.floor(k);
    return v[i] === undefined ? null : v[i];
  }
  throw new JqError(`Cannot index ${typeOf(v)} with ${typeOf(k)}`);
}

function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeOf(v) === 'object') return Object.values(v as object);
  throw new JqError(`Cannot iterate over ${describe(v)}`);
}

function getPath(v: unknown, p: Path): unknown {
  let cur = v;
  for (const k of p) cur = index(cur, k);
  return cur;
}

function setPath(v: unknown, p: Path, value: unknown): unknown {
  if (!p.length) return value;
  const [k, ...rest] = p;
  if (typeof k === 'number') {
    if (v !== null && !Array.isArray(v)) throw new JqError(`Cannot index ${typeOf(v)} with number`);
    const arr = Array.isArray(v) ? [...v] : [];
    const i = k < 0 ? arr.length + k : k;
    while (arr.length < i) arr.push(null);
    arr[i] = setPath(arr[i] ?? null, rest, value);
    return arr;
  }
  if (v !== null && typeOf(v) !== 'object') throw new JqError(`Cannot index ${typeOf(v)} with "${k}"`);
  const obj = { ...((v as Record<string, unknown>) ?? {}) };
  obj[k] = setPath(obj[k] ?? null, rest, value);
  return obj;
}

function deletePaths(v: unknown, paths: Path[]): unknown {
  const sorted = [...paths].sort((a, b) => compare(b, a));
  let out = v;
  for (const p of sorted) {
    if (!p.length) return null;
    const parent = getPath(out, p.slice(0, -1));
    const k = p[p.length - 1];
    if (Array.isArray(parent) && typeof k === 'number') {
      const copy = [...parent];
      copy.splice(k < 0 ? copy.length + k : k, 1);
      out = setPath(out, p.slice(0, -1), copy);
    } else if (parent && typeof parent === 'object' && typeof k === 'string') {
      const copy = { ...(parent as Record<string, unknown>) };
      delete copy[k];
      out = setPath(out, p.slice(0, -1), copy);
    }
  }
  return out;
}

function arith(op: string, a: unknown, b: unknown): unknown {
  const ta = typeOf(a);
  const tb = typeOf(b);
  switch (op) {
    case '+':
      if (a === null) return b;
      if (b === null) return a;
      if (ta === 'number' && tb === 'number') return (a as number) + (b as number);
      if (ta === 'string' && tb === 'string') return (a as string) + (b as string);
      if (ta === 'array' && tb === 'array') return [...(a as unknown[]), ...(b as unknown[])];
      if (ta === 'object' && tb === 'object') return { ...(a as object), ...(b as object) };
      break;
    case '-':
      if (ta === 'number' && tb === 'number') return (a as number) - (b as number);
      if (ta === 'array' && tb === 'array') return (a as unknown[]).filter((x) => !(b as unknown[]).some((y) => compare(x, y) === 0));
      break;
    case '*':
      if (ta === 'number' && tb === 'number') return (a as number) * (b as number);
      if (ta === 'string' && tb === 'number') return (b as number) > 0 ? (a as string).repeat(Math.ceil(b as number)) : null;
      if (ta === 'object' && tb === 'object') return deepMerge(a as Record<string, unknown>, b as Record<string, unknown>);
      break;
    case '/':
      if (ta === 'number' && tb === 'number') {
        if (b === 0) throw new JqError(`${describe(a)} and ${describe(b)} cannot be divided because the divisor is zero`);
        return (a as number) / (b as number);
      }
      if (ta === 'string' && tb === 'string') return (a as string).split(b as string);
      break;
    case '%':
      if (ta === 'number' && tb === 'number') {
        if (Math.trunc(b as number) === 0) throw new JqError(`${describe(a)} and ${describe(b)} cannot be divided because the divisor is zero`);
        return Math.trunc(a as number) % Math.trunc(b as number);
      }
      break;
  }
  const verb = { '+': 'added', '-': 'subtracted', '*': 'multiplied', '/': 'divided', '%': 'divided' }[op];
  throw new JqError(`${describe(a)} and ${describe(b)} cannot be ${verb}`);
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = typeOf(out[k]) === 'object' && typeOf(v) === 'object' ? deepMerge(out[k] as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

function toStr(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function applyFormat(name: string, v: unknown): string {
  switch (name) {
    case 'text':
      return toStr(v);
    case 'json':
      return JSON.stringify(v);
    case 'base64':
      return btoa(String.fromCharCode(...new TextEncoder().encode(toStr(v))));
    case 'base64d':
      return new TextDecoder().decode(Uint8Array.from(atob(toStr(v)), (c) => c.charCodeAt(0)));
    case 'uri':
      return encodeURIComponent(toStr(v));
    case 'html':
      return toStr(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
    case 'sh':
      return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? `'${x.replace(/'/g, `'\\''`)}'` : JSON.stringify(x))).join(' ');
    case 'csv':
    case 'tsv': {
      if (!Array.isArray(v)) throw new JqError(`${describe(v)} cannot be ${name}-formatted, only an array can be`);
      return v
        .map((x) => {
          if (typeof x === 'string') return name === 'csv' ? `"${x.replace(/"/g, '""')}"` : x.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
          if (x === null) return '';
          return JSON.stringify(x);
        })
        .join(name === 'csv' ? ',' : '\t');
    }
  }
  throw new JqError(`${name} is not a valid format`);
}

export class JqEvaluator {
  constructor(private envVars: Record<string, string>) {}

  eval(ast: Ast, input: unknown, env: Env): unknown[] {
    switch (ast.k) {
      case 'identity':
        return [input];
      case 'recurse':
        return this.recurseAll(input);
      case 'literal':
        return [ast.v];
      case 'field': {
        const out: unknown[] = [];
        for (const base of this.eval(ast.of, input, env)) {
          for (const k of this.eval(ast.name, input, env)) {
            try {
              out.push(index(base, k));
            } catch (e) {
              if (!ast.opt) throw e;
            }
          }
        }
        return out;
      }
      case 'iterate': {
        const out: unknown[] = [];
        for (const base of this.eval(ast.of, input, env)) {
          try {
            out.push(...iterate(base));
          } catch (e) {
            if (!ast.opt) throw e;
          }
        }
        return out;
      }
      case 'slice': {
        const out: unknown[] = [];
        for (const base of this.eval(ast.of, input, env)) {
          if (base === null) {
            out.push(null);
            continue;
          }
          const from = ast.from ? (this.eval(ast.from, input, env)[0] as number | null) : null;
          const to = ast.to ? (this.eval(ast.to, input, env)[0] as number | null) : null;
          if (typeof base === 'string' || Array.isArray(base)) out.push(base.slice(from ?? 0, to ?? undefined));
          else throw new JqError(`Cannot index ${typeOf(base)} with object`);
        }
        return out;
      }
      case 'string': {
        let results = [''];
        for (const p of ast.parts) {
          if (typeof p === 'string') results = results.map((r) => r + p);
          else {
            const vals = this.eval(p, input, env);
            results = results.flatMap((r) => vals.map((v) => r + (ast.format ? applyFormat(ast.format, v) : toStr(v))));
          }
        }
        return results;
      }
      case 'format':
        return [applyFormat(ast.name, input)];
      case 'array':
        return [ast.e ? this.eval(ast.e, input, env) : []];
      case 'object': {
        let objs: Record<string, unknown>[] = [{}];
        for (const entry of ast.entries) {
          const keys = this.eval(entry.key, input, env);
          const next: Record<string, unknown>[] = [];
          for (const o of objs) {
            for (const k of keys) {
              if (typeof k !== 'string') throw new JqError(`Object keys must be strings`);
              const vals = entry.value ? this.eval(entry.value, input, env) : [index(input, k)];
              for (const v of vals) next.push({ ...o, [k]: v });
            }
          }
          objs = next;
        }
        return objs;
      }
      case 'pipe':
        return this.eval(ast.a, input, env).flatMap((v) => this.eval(ast.b, v, env));
      case 'comma':
        return [...this.eval(ast.a, input, env), ...this.eval(ast.b, input, env)];
      case 'alt': {
        let left: unknown[] = [];
        try {
          left = this.eval(ast.a, input, env).filter(truthy);
        } catch {
          left = [];
        }
        return left.length ? left : this.eval(ast.b, input, env);
      }
      case 'and':
        return this.eval(ast.a, input, env).flatMap((a) => (truthy(a) ? this.eval(ast.b, input, env).map(truthy) : [false]));
      case 'or':
        return this.eval(ast.a, input, env).flatMap((a) => (truthy(a) ? [true] : this.eval(ast.b, input, env).map(truthy)));
      case 'binop': {
        const bs = this.eval(ast.b, input, env);
        const as = this.eval(ast.a, input, env);
        const out: unknown[] = [];
        for (const b of bs) {
          for (const a of as) {
            switch (ast.op) {
              case '==':
                out.push(compare(a, b) === 0);
                break;
              case '!=':
                out.push(compare(a, b) !== 0);
                break;
              case '<':
                out.push(compare(a, b) < 0);
                break;
              case '<=':
                out.push(compare(a, b) <= 0);
                break;
              case '>':
                out.push(compare(a, b) > 0);
                break;
              case '>=':
                out.push(compare(a, b) >= 0);
                break;
              default:
                out.push(arith(ast.op, a, b));
            }
          }
        }
        return out;
      }
      case 'neg':
        return this.eval(ast.e, input, env).map((v) => {
          if (typeof v !== 'number') throw new JqError(`${describe(v)} cannot be negated`);
          return -v;
        });
      case 'var': {
        if (ast.name === 'ENV' || ast.name === '__loc__') return [{ ...this.envVars }];
        if (!env.has(ast.name)) throw new JqError(`$${ast.name} is not defined`);
        return [env.get(ast.name)];
      }
      case 'as':
        return this.eval(ast.source, input, env).flatMap((v) => this.eval(ast.body, input, new Map(env).set(ast.name, v)));
      case 'if': {
        return this.eval(ast.cond, input, env).flatMap((c) => {
          if (truthy(c)) return this.eval(ast.then, input, env);
          for (const e of ast.elifs) {
            const r = this.eval(e.cond, input, env);
            if (truthy(r[0])) return this.eval(e.then, input, env);
          }
          return ast.else ? this.eval(ast.else, input, env) : [input];
        });
      }
      case 'reduce': {
        let acc = this.eval(ast.init, input, env);
        for (const v of this.eval(ast.source, input, env)) {
          const e2 = new Map(env).set(ast.name, v);
          acc = acc.flatMap((a) => this.eval(ast.update, a, e2)).slice(-1);
        }
        return acc;
      }
      case 'try':
        try {
          return this.eval(ast.body, input, env);
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
          return ast.catch ? this.eval(ast.catch, e.message, env) : [];
        }
      case 'assign':
        return this.assign(ast, input, env);
      case 'call':
        return this.call(ast.name, ast.args, input, env);
    }
  }

  /** Every output of a lazy evaluation; one that never stops fills memory, as jq's arrays do. */
  private collect(source: Generator<unknown>): unknown[] {
    const out: unknown[] = [];
    try {
      for (const v of source) {
        if (v === TICK) continue;
        if (out.push(v) > MAX_RANGE) throw new JqOutOfMemory();
      }
    } catch (e) {
      if (e instanceof RangeBoundsError) throw new JqError(e.message);
      throw e;
    }
    return out;
  }

  /** The outputs of a filter one at a time, with TICK between turns of its loops (the program's top level). */
  *outputs(ast: Ast, input: unknown, env: Env): Generator<unknown> {
    try {
      yield* stream(this, ast, input, env);
    } catch (e) {
      if (e instanceof RangeBoundsError) throw new JqError(e.message);
      throw e;
    }
  }

  private recurseAll(v: unknown): unknown[] {
    const out: unknown[] = [v];
    if (Array.isArray(v)) for (const x of v) out.push(...this.recurseAll(x));
    else if (typeOf(v) === 'object') for (const x of Object.values(v as object)) out.push(...this.recurseAll(x));
    return out;
  }

  /** Paths selected by a path expression (., .a, .[n], .[], select(f), recurse, pipes, commas). */
  paths(ast: Ast, input: unknown, env: Env, prefix: Path = []): Path[] {
    const here = getPath(input, prefix);
    switch (ast.k) {
      case 'identity':
        return [prefix];
      case 'recurse': {
        const out: Path[] = [];
        const walk = (p: Path) => {
          out.push(p);
          const v = getPath(input, p);
          if (Array.isArray(v)) v.forEach((_, i) => walk([...p, i]));
          else if (typeOf(v) === 'object') Object.keys(v as object).forEach((k) => walk([...p, k]));
        };
        walk(prefix);
        return out;
      }
      case 'field':
        return this.paths(ast.of, input, env, prefix).flatMap((p) => this.eval(ast.name, here, env).map((k) => [...p, k as string | number]));
      case 'iterate':
        return this.paths(ast.of, input, env, prefix).flatMap((p) => {
          const v = getPath(input, p);
          if (Array.isArray(v)) return v.map((_, i) => [...p, i]);
          if (typeOf(v) === 'object') return Object.keys(v as object).map((k) => [...p, k]);
          if (v === null) return [];
          throw new JqError(`Cannot iterate over ${describe(v)}`);
        });
      case 'pipe':
        return this.paths(ast.a, input, env, prefix).flatMap((p) => this.paths(ast.b, input, env, p));
      case 'comma':
        return [...this.paths(ast.a, input, env, prefix), ...this.paths(ast.b, input, env, prefix)];
      case 'call':
        if (ast.name === 'select') return this.eval(ast.args[0], here, env).some(truthy) ? [prefix] : [];
        if (ast.name === 'empty') return [];
        if (ast.name === 'recurse' && !ast.args.length) return this.paths({ k: 'recurse' }, input, env, prefix);
        if (ast.name === 'first' && ast.args.length) return this.paths(ast.args[0], input, env, prefix).slice(0, 1);
        break;
      case 'if': {
        const c = this.eval(ast.cond, here, env)[0];
        if (truthy(c)) return this.paths(ast.then, input, env, prefix);
        return ast.else ? this.paths(ast.else, input, env, prefix) : [prefix];
      }
      case 'try':
        try {
          return this.paths(ast.body, input, env, prefix);
        } catch {
          return [];
        }
    }
    throw new JqError(`Invalid path expression with result ${short(this.eval(ast, here, env)[0])}`);
  }

  private assign(ast: Extract<Ast, { k: 'assign' }>, input: unknown, env: Env): unknown[] {
    const paths = this.paths(ast.path, input, env);
    if (ast.op === '=') {
      return this.eval(ast.value, input, env).map((v) => paths.reduce((acc, p) => setPath(acc, p, v), input));
    }
    if (ast.op === '|=') {
      return [paths.reduce((acc, p) => setPath(acc, p, this.eval(ast.value, getPath(acc, p), env)[0] ?? null), input)];
    }
    const op = ast.op.slice(0, -1);
    return this.eval(ast.value, input, env).map((rhs) =>
      paths.reduce((acc, p) => {
        const cur = getPath(acc, p);
        return setPath(acc, p, op === '//' ? (truthy(cur) ? cur : rhs) : arith(op, cur, rhs));
      }, input),
    );
  }

  private call(name: string, args: Ast[], input: unknown, env: Env): unknown[] {
    const arg = (i: number, v: unknown = input) => this.eval(args[i], v, env);
    const one = (i: number) => arg(i)[0];
    const arity = `${name}/${args.length}`;
    switch (arity) {
      case 'empty/0':
        return [];
      case 'not/0':
        return [!truthy(input)];
      case 'length/0':
        if (input === null) return [0];
        if (typeof input === 'string' || Array.isArray(input)) return [[...(Array.isArray(input) ? input : [...input])].length];
        if (typeof input === 'number') return [Math.abs(input)];
        if (typeOf(input) === 'object') return [Object.keys(input as object).length];
        throw new JqError(`${describe(input)} has no length`);
      case 'utf8bytelength/0':
        return [new TextEncoder().encode(String(input)).length];
      case 'keys/0':
      case 'keys_unsorted/0':
        if (Array.isArray(input)) return [input.map((_, i) => i)];
        if (typeOf(input) === 'object') return [name === 'keys' ? Object.keys(input as object).sort() : Object.keys(input as object)];
        throw new JqError(`${describe(input)} has no keys`);
      case 'values/0':
        return truthy(input) ? [input] : [];
      case 'has/1': {
        const k = one(0);
        if (Array.isArray(input)) return [typeof k === 'number' && k >= 0 && k < input.length];
        if (typeOf(input) === 'object') return [Object.prototype.hasOwnProperty.call(input, k as string)];
        throw new JqError(`Cannot check whether ${typeOf(input)} has a ${typeOf(k)} key`);
      }
      case 'in/1':
        return this.call('has', [{ k: 'literal', v: input }], one(0), env);
      case 'map/1':
        return [iterate(input).flatMap((v) => arg(0, v))];
      case 'map_values/1': {
        if (Array.isArray(input)) return [input.map((v) => arg(0, v)[0]).filter((_, i) => arg(0, input[i]).length)];
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(input as object)) {
          const r = arg(0, v);
          if (r.length) out[k] = r[0];
        }
        return [out];
      }
      case 'select/1':
        return arg(0).filter(truthy).map(() => input);
      case 'recurse/0':
        return this.recurseAll(input);
      case 'recurse/1': {
        const out: unknown[] = [];
        const go = (v: unknown) => {
          out.push(v);
          for (const c of (() => {
            try {
              return arg(0, v);
            } catch {
              return [];
            }
          })())
            go(c);
        };
        go(input);
        return out;
      }
      case 'type/0':
        return [typeOf(input)];
      case 'add/0': {
        const items = iterate(input);
        return [items.reduce((a, b) => arith('+', a, b), null)];
      }
      case 'any/0':
        return [iterate(input).some(truthy)];
      case 'all/0':
        return [iterate(input).every(truthy)];
      case 'any/1':
        return [iterate(input).some((v) => arg(0, v).some(truthy))];
      case 'all/1':
        return [iterate(input).every((v) => arg(0, v).every(truthy))];
      case 'flatten/0':
      case 'flatten/1': {
        const depth = args.length ? (one(0) as number) : Infinity;
        const flat = (a: unknown[], d: number): unknown[] => a.flatMap((x) => (Array.isArray(x) && d > 0 ? flat(x, d - 1) : [x]));
        return [flat(input as unknown[], depth)];
      }
      case 'range/1':
      case 'range/2': {
        const [from, upto] = args.length === 1 ? [0, one(0)] : [one(0), one(1)];
        if (typeof from !== 'number' || typeof upto !== 'number') throw new JqError('Range bounds must be numeric');
        const count = upto > from ? Math.ceil(upto - from) : upto <= from ? 0 : NaN;
        if (!(count <= MAX_RANGE)) throw new JqOutOfMemory();
        return Array.from({ length: count }, (_, i) => from + i);
      }
      case 'floor/0':
        return [Math.floor(input as number)];
      case 'ceil/0':
        return [Math.ceil(input as number)];
      case 'round/0':
        return [Math.round(input as number)];
      case 'sqrt/0':
        return [Math.sqrt(input as number)];
      case 'fabs/0':
        return [Math.abs(input as number)];
      case 'tostring/0':
        return [toStr(input)];
      case 'tonumber/0': {
        if (typeof input === 'number') return [input];
        const n = Number(input);
        if (typeof input !== 'string' || input.trim() === '' || Number.isNaN(n)) throw new JqError(`Cannot parse '${input}' as JSON`);
        return [n];
      }
      case 'tojson/0':
        return [JSON.stringify(input)];
      case 'fromjson/0':
        try {
          return [JSON.parse(input as string)];
        } catch {
          throw new JqError(`${input} (while parsing '${input}')`);
        }
      case 'ascii_downcase/0':
        return [(input as string).toLowerCase()];
      case 'ascii_upcase/0':
        return [(input as string).toUpperCase()];
      case 'ltrimstr/1': {
        const p = one(0);
        return [typeof input === 'string' && typeof p === 'string' && input.startsWith(p) ? input.slice(p.length) : input];
      }
      case 'rtrimstr/1': {
        const p = one(0);
        return [typeof input === 'string' && typeof p === 'string' && p && input.endsWith(p) ? input.slice(0, -p.length) : input];
      }
      case 'startswith/1':
        if (typeof input !== 'string') throw new JqError('startswith() requires string inputs');
        return [input.startsWith(one(0) as string)];
      case 'endswith/1':
        if (typeof input !== 'string') throw new JqError('endswith() requires string inputs');
        return [input.endsWith(one(0) as string)];
      case 'split/1':
        if (typeof input !== 'string') throw new JqError('split input and separator must be strings');
        return [input.split(one(0) as string)];
      case 'join/1': {
        const sep = one(0) as string;
        return [iterate(input).map((x) => (x === null ? '' : typeof x === 'string' ? x : JSON.stringify(x))).join(sep)];
      }
      case 'test/1':
      case 'test/2':
        return [new RegExp(one(0) as string, ((args.length > 1 ? one(1) : '') as string).replace(/[gnpslx]/g, '')).test(input as string)];
      case 'match/1': {
        const m = new RegExp(one(0) as string).exec(input as string);
        return m ? [{ offset: m.index, length: m[0].length, string: m[0], captures: m.slice(1).map((c) => ({ string: c ?? null })) }] : [];
      }
      case 'capture/1': {
        const m = new RegExp(one(0) as string).exec(input as string);
        return m ? [{ ...(m.groups ?? {}) }] : [];
      }
      case 'sub/2':
      case 'gsub/2':
      case 'sub/3':
      case 'gsub/3': {
        const flags = (args.length > 2 ? (one(2) as string) : '') + (name === 'gsub' ? 'g' : '');
        const re = new RegExp(one(0) as string, [...new Set(flags.replace(/[^gimsuy]/g, ''))].join(''));
        return [(input as string).replace(re, (...m) => {
          const groups = typeof m[m.length - 1] === 'object' ? (m[m.length - 1] as Record<string, string>) : {};
          return toStr(this.eval(args[1], groups, env)[0]);
        })];
      }
      case 'contains/1':
        return [contains(input, one(0))];
      case 'inside/1':
        return [contains(one(0), input)];
      case 'to_entries/0':
        return [Object.entries(input as object).map(([key, value]) => ({ key, value }))];
      case 'from_entries/0': {
        const out: Record<string, unknown> = {};
        for (const e of iterate(input) as Record<string, unknown>[]) {
          const k = e.key ?? e.k ?? e.name ?? e.Name ?? e.Key ?? e.K;
          out[typeof k === 'string' ? k : JSON.stringify(k)] = e.value ?? e.v ?? e.Value ?? e.V ?? null;
        }
        return [out];
      }
      case 'with_entries/1': {
        const entries = Object.entries(input as object).map(([key, value]) => ({ key, value }));
        return this.call('from_entries', [], entries.flatMap((e) => arg(0, e)), env);
      }
      case 'sort/0':
        return [[...(input as unknown[])].sort(compare)];
      case 'sort_by/1':
        return [[...(input as unknown[])].map((v) => ({ v, k: arg(0, v) })).sort((a, b) => compare(a.k, b.k)).map((x) => x.v)];
      case 'group_by/1': {
        const sorted = [...(input as unknown[])].map((v) => ({ v, k: arg(0, v) })).sort((a, b) => compare(a.k, b.k));
        const groups: unknown[][] = [];
        let last: unknown = Symbol();
        for (const x of sorted) {
          if (groups.length && compare(last, x.k) === 0) groups[groups.length - 1].push(x.v);
          else groups.push([x.v]);
          last = x.k;
        }
        return [groups];
      }
      case 'unique/0':
        return [[...(input as unknown[])].sort(compare).filter((v, i, a) => i === 0 || compare(a[i - 1], v) !== 0)];
      case 'unique_by/1':
        return [this.call('group_by', args, input, env)[0] as unknown[][]].map((gs) => gs.map((g) => g[0]));
      case 'min/0':
        return [(input as unknown[]).length ? [...(input as unknown[])].sort(compare)[0] : null];
      case 'max/0':
        return [(input as unknown[]).length ? [...(input as unknown[])].sort(compare).pop() : null];
      case 'min_by/1':
      case 'max_by/1': {
        const s = this.call('sort_by', args, input, env)[0] as unknown[];
        return [s.length ? (name === 'min_by' ? s[0] : s[s.length - 1]) : null];
      }
      case 'reverse/0':
        return [typeof input === 'string' ? [...input].reverse().join('') : [...((input as unknown[]) ?? [])].reverse()];
      case 'first/0':
        return [index(input, 0)];
      case 'last/0':
        return [index(input, -1)];
      case 'first/1':
      case 'limit/2':
      case 'repeat/1':
      case 'while/2':
      case 'until/2':
      case 'range/3':
        // Generators that may not end: taken one output at a time (stream.ts).
        return this.collect(stream(this, { k: 'call', name, args }, input, env));
      case 'last/1':
        return arg(0).slice(-1);
      case 'nth/1':
        return [index(input, one(0))];
      case 'env/0':
        return [{ ...this.envVars }];
      case 'del/1':
        return [deletePaths(input, this.paths(args[0], input, env))];
      case 'to_array/0':
        return [Array.isArray(input) ? input : [input]];
      case 'paths/0': {
        const all = this.paths({ k: 'recurse' }, input, env).filter((p) => p.length);
        return all;
      }
      case 'path/1':
        return this.paths(args[0], input, env);
      case 'getpath/1':
        return [getPath(input, one(0) as Path)];
      case 'setpath/2':
        return [setPath(input, one(0) as Path, one(1))];
      case 'delpaths/1':
        return [deletePaths(input, one(0) as Path[])];
      case 'error/0':
        throw new JqError(toStr(input));
      case 'error/1':
        throw new JqError(toStr(one(0)));
      case 'input_line_number/0':
        return [0];
      case 'numbers/0':
      case 'strings/0':
      case 'booleans/0':
      case 'nulls/0':
      case 'arrays/0':
      case 'objects/0':
      case 'iterables/0':
      case 'scalars/0': {
        const t = typeOf(input);
        const want = name === 'iterables' ? ['array', 'object'] : name === 'scalars' ? ['null', 'boolean', 'number', 'string'] : [name.slice(0, -1) === 'boolean' ? 'boolean' : name.replace(/s$/, '')];
        return want.includes(t) ? [input] : [];
      }
      case 'splits/1':
        return (input as string).split(new RegExp(one(0) as string));
      case 'ascii/0':
        return [String.fromCharCode(input as number)];
      case 'isempty/1':
        return [this.collect(limit1(stream(this, args[0], input, env))).length === 0];
      case 'tostream/0':
        return this.paths({ k: 'recurse' }, input, env).filter((p) => { const v = getPath(input, p); return typeOf(v) !== 'object' && !Array.isArray(v); }).map((p) => [p, getPath(input, p)]);
      case 'now/0':
        return [Date.now() / 1000];
      case 'indices/1':
      case 'index/1':
      case 'rindex/1': {
        const t = one(0);
        if (typeof input !== 'string' || typeof t !== 'string') return [null];
        const idx: number[] = [];
        for (let i = input.indexOf(t); i >= 0 && t; i = input.indexOf(t, i + 1)) idx.push(i);
        return [name === 'indices' ? idx : name === 'index' ? (idx[0] ?? null) : (idx[idx.length - 1] ?? null)];
      }
    }
    throw new JqError(`${name}/${args.length} is not defined`);
  }
}

function contains(a: unknown, b: unknown): boolean {
  if (typeOf(a) !== typeOf(b)) throw new JqError(`${describe(a)} and ${describe(b)} cannot have their containment checked`);
  if (typeof a === 'string') return a.includes(b as string);
  if (Array.isArray(a)) return (b as unknown[]).every((y) => a.some((x) => typeOf(x) === typeOf(y) && contains(x, y)));
  if (typeOf(a) === 'object') return Object.entries(b as object).every(([k, v]) => k in (a as object) && typeOf((a as Record<string, unknown>)[k]) === typeOf(v) && contains((a as Record<string, unknown>)[k], v));
  return compare(a, b) === 0;
}

export { getPath, setPath };

/** Names of the builtins (name/arity), to reject undefined functions at compile time as jq does. */
export const BUILTIN_NAMES = new Set(
  'repeat/1 while/2 until/2 range/3 empty/0 not/0 length/0 utf8bytelength/0 keys/0 keys_unsorted/0 values/0 has/1 in/1 map/1 map_values/1 select/1 recurse/0 recurse/1 type/0 add/0 any/0 all/0 any/1 all/1 flatten/0 flatten/1 range/1 range/2 floor/0 ceil/0 round/0 sqrt/0 fabs/0 tostring/0 tonumber/0 tojson/0 fromjson/0 ascii_downcase/0 ascii_upcase/0 ltrimstr/1 rtrimstr/1 startswith/1 endswith/1 split/1 join/1 test/1 test/2 match/1 capture/1 sub/2 gsub/2 sub/3 gsub/3 contains/1 inside/1 to_entries/0 from_entries/0 with_entries/1 sort/0 sort_by/1 group_by/1 unique/0 unique_by/1 min/0 max/0 min_by/1 max_by/1 reverse/0 first/0 last/0 first/1 last/1 limit/2 nth/1 env/0 del/1 to_array/0 paths/0 path/1 getpath/1 setpath/2 delpaths/1 error/0 error/1 input_line_number/0 numbers/0 strings/0 booleans/0 nulls/0 arrays/0 objects/0 iterables/0 scalars/0 splits/1 ascii/0 isempty/1 tostream/0 now/0 indices/1 index/1 rindex/1'.split(' '),
);

/** The first call to an undefined function in a filter, as `name/arity`, if any. */
export function undefinedCall(ast: Ast): string | null {
  let found: string | null = null;
  const visit = (node: unknown) => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { k?: string; name?: string; args?: unknown[] };
    if (n.k === 'call' && !BUILTIN_NAMES.has(`${n.name}/${n.args!.length}`)) {
      found = `${n.name}/${n.args!.length}`;
      return;
    }
    Object.values(node).forEach(visit);
  };
  visit(ast);
  return found;
}

/** The first output of a lazy evaluation, or none (isempty must not run the rest of an endless one). */
function* limit1(source: Generator<unknown>): Generator<unknown> {
  for (const v of source) {
    yield v;
    if (v !== TICK) return;
  }
}
