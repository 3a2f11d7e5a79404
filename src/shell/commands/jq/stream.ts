/**
 * Lazy evaluation of the filters that can run on forever: `repeat(f)`, `while`, `until`, `range`,
 * `recurse(f)`, and the pipes and commas around them. The evaluator (eval.ts) maps an input to the
 * whole list of its outputs; these generators give one output at a time, so `limit(3; repeat(1))`
 * and `first(range(1e9))` end as in jq, and `jq -n 'repeat(1)'` prints as it goes. Each turn of a
 * loop also yields TICK, with no output, so the program can let Ctrl-C in (`until(false; .)`
 * outputs nothing and never ends). Everything else is evaluated by the evaluator.
 */
import type { Ast } from './parse';

/** A loop went round once: no output, a chance to be interrupted. */
export const TICK: unique symbol = Symbol('jq-tick');
export type Tick = typeof TICK;

export interface Evaluates {
  eval(ast: Ast, input: unknown, env: Map<string, unknown>): unknown[];
}

type Env = Map<string, unknown>;

const truthy = (v: unknown) => v !== null && v !== undefined && v !== false;

/** Does evaluating this node need the lazy path (it holds one of the endless generators)? */
export function isLazy(ast: Ast): boolean {
  switch (ast.k) {
    case 'pipe':
    case 'comma':
      return isLazy(ast.a) || isLazy(ast.b);
    case 'call':
      return LAZY_CALLS.has(`${ast.name}/${ast.args.length}`) || ((ast.name === 'limit' || ast.name === 'first') && ast.args.some(isLazy));
    default:
      return false;
  }
}

const LAZY_CALLS = new Set(['repeat/1', 'while/2', 'until/2', 'range/1', 'range/2', 'range/3', 'recurse/1', 'limit/2', 'first/1']);

/** The outputs of `ast` on `input`, one at a time, with TICKs between loop turns. */
export function* stream(ev: Evaluates, ast: Ast, input: unknown, env: Env): Generator<unknown> {
  if (!isLazy(ast)) {
    yield* ev.eval(ast, input, env);
    return;
  }
  if (ast.k === 'pipe') {
    for (const v of stream(ev, ast.a, input, env)) {
      if (v === TICK) yield TICK;
      else yield* stream(ev, ast.b, v, env);
    }
    return;
  }
  if (ast.k === 'comma') {
    yield* stream(ev, ast.a, input, env);
    yield* stream(ev, ast.b, input, env);
    return;
  }
  if (ast.k !== 'call') return;
  const arg = (i: number, v: unknown = input) => ev.eval(ast.args[i], v, env);
  switch (`${ast.name}/${ast.args.length}`) {
    case 'repeat/1': {
      // jq 1.6 applies f to the input again and again: `1 | repeat(.+1, .+5)` is 2, 6, 2, 6, …
      const outs = arg(0);
      for (;;) {
        yield TICK;
        yield* outs;
      }
    }
    case 'while/2':
      yield* loop(ev, ast.args[0], ast.args[1], input, env, 'while');
      return;
    case 'until/2':
      yield* loop(ev, ast.args[0], ast.args[1], input, env, 'until');
      return;
    case 'range/1':
      for (const upto of arg(0)) yield* range(0, upto, 1);
      return;
    case 'range/2':
      for (const from of arg(0)) for (const upto of arg(1)) yield* range(from, upto, 1);
      return;
    case 'range/3':
      for (const from of arg(0)) for (const upto of arg(1)) for (const by of arg(2)) yield* range(from, upto, by);
      return;
    case 'recurse/1': {
      // Depth first, as `def recurse(f): def r: ., (f | r); r;` — with an explicit stack.
      const stack: Iterator<unknown>[] = [[input][Symbol.iterator]()];
      while (stack.length) {
        const next = stack[stack.length - 1].next();
        if (next.done) {
          stack.pop();
          continue;
        }
        yield TICK;
        yield next.value;
        stack.push(stream(ev, ast.args[0], next.value, env));
      }
      return;
    }
    case 'limit/2':
      for (const n of arg(0)) yield* limit(n as number, stream(ev, ast.args[1], input, env));
      return;
    case 'first/1':
      yield* limit(1, stream(ev, ast.args[0], input, env));
      return;
  }
}

/** jq 1.6's limit: a negative count passes everything; otherwise outputs until the count is reached (at least one). */
function* limit(n: number, source: Generator<unknown>): Generator<unknown> {
  if (typeof n !== 'number') return;
  let count = 0;
  for (const v of source) {
    if (v === TICK) {
      yield TICK;
      continue;
    }
    yield v;
    if (n >= 0 && ++count >= n) {
      source.return(undefined);
      return;
    }
  }
}

/** `range($from; $upto; $by)`: numbers from `from` while below (above, for a negative step) `upto`. */
function* range(from: unknown, upto: unknown, by: unknown): Generator<unknown> {
  if (typeof from !== 'number' || typeof upto !== 'number' || typeof by !== 'number') throw new RangeBoundsError();
  if (by > 0) for (let x = from; x < upto; x += by) yield* [TICK, x];
  else if (by < 0) for (let x = from; x > upto; x += by) yield* [TICK, x];
}

/** Raised for non-numeric range bounds; the evaluator turns it into jq's message. */
export class RangeBoundsError extends Error {
  constructor() {
    super('Range bounds must be numeric');
  }
}

/**
 * `while(cond; update)`: `., (update | _while)` while cond holds; `until(cond; update)`: the first
 * value for which cond holds. Iterative while each step has one condition and one update (the usual
 * `.+1`); forks as jq does otherwise.
 */
function* loop(ev: Evaluates, cond: Ast, update: Ast, input: unknown, env: Env, kind: 'while' | 'until'): Generator<unknown> {
  let v = input;
  for (;;) {
    yield TICK;
    const conds = ev.eval(cond, v, env);
    if (conds.length !== 1) {
      for (const c of conds) yield* loopStep(ev, cond, update, v, env, kind, truthy(c));
      return;
    }
    const holds = truthy(conds[0]);
    if (kind === 'until' && holds) {
      yield v;
      return;
    }
    if (kind === 'while') {
      if (!holds) return;
      yield v;
    }
    const next = ev.eval(update, v, env);
    if (next.length !== 1) {
      for (const u of next) yield* loop(ev, cond, update, u, env, kind);
      return;
    }
    v = next[0];
  }
}

function* loopStep(ev: Evaluates, cond: Ast, update: Ast, v: unknown, env: Env, kind: 'while' | 'until', holds: boolean): Generator<unknown> {
  if (kind === 'until') {
    if (holds) yield v;
    else for (const u of ev.eval(update, v, env)) yield* loop(ev, cond, update, u, env, kind);
    return;
  }
  if (!holds) return;
  yield v;
  for (const u of ev.eval(update, v, env)) yield* loop(ev, cond, update, u, env, kind);
}
