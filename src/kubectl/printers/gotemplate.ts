/**
 * The basics of Go templates as `-o go-template=…` uses them: {{.a.b}}, {{range .items}}…{{end}},
 * {{if …}}…{{else}}…{{end}}, {{"\n"}}, {{index .m "key"}}, {{len .x}}, {{printf "%s" .a}}.
 */
import { goValueString } from '../../sim/go-json';
import { fail } from '../errors';

/** An action keeps where its `{{` starts, for the line number of a parse error. */
type Tok = { t: 'text'; v: string } | { t: 'action'; v: string; at: number };

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      toks.push({ t: 'text', v: src.slice(i) });
      break;
    }
    if (open > i) toks.push({ t: 'text', v: src.slice(i, open) });
    const close = src.indexOf('}}', open);
    if (close < 0) throw fail(`error parsing template ${src}, template: output:1: unclosed action`);
    let action = src.slice(open + 2, close);
    let trimLeft = false;
    let trimRight = false;
    if (action.startsWith('- ')) {
      trimLeft = true;
      action = action.slice(2);
    }
    if (action.endsWith(' -')) {
      trimRight = true;
      action = action.slice(0, -2);
    }
    if (trimLeft && toks.length && toks[toks.length - 1].t === 'text') {
      const last = toks[toks.length - 1];
      last.v = last.v.replace(/\s+$/, '');
    }
    toks.push({ t: 'action', v: action.trim(), at: open });
    i = close + 2;
    if (trimRight) while (i < src.length && /\s/.test(src[i])) i++;
  }
  return toks;
}

/**
 * Go parses the whole template before running it: every if/range/with needs its {{end}}, an
 * {{end}} or {{else}} needs an open block, and nothing but {{end}} may follow a plain {{else}}.
 * Checking this first also keeps the executor from waiting for an {{end}} that never comes.
 */
function checkBlocks(src: string, toks: Tok[]): void {
  const error = (at: number, what: string) => {
    const line = src.slice(0, at).split('\n').length;
    return fail(`error parsing template ${src}, template: output:${line}: ${what}`);
  };
  const open: { hadElse: boolean }[] = [];
  for (const tok of toks) {
    if (tok.t !== 'action') continue;
    const a = tok.v;
    if (/^(if|range|with)\s/.test(a)) open.push({ hadElse: false });
    else if (a === 'end') {
      if (!open.pop()) throw error(tok.at, 'unexpected {{end}}');
    } else if (a === 'else' || a.startsWith('else ')) {
      const block = open[open.length - 1];
      if (!block) throw error(tok.at, 'unexpected {{else}}');
      if (block.hadElse) throw error(tok.at, 'expected end; found {{else}}');
      if (a === 'else') block.hadElse = true;
    }
  }
  if (open.length) throw error(src.length, 'unexpected EOF');
}

/** An action's tokens: strings, parentheses, pipes and words; `glued` when no space precedes it. */
interface ActionToken {
  t: 'str' | '(' | ')' | '|' | 'word';
  v: string;
  glued: boolean;
}

function actionTokens(action: string): ActionToken[] {
  const out: ActionToken[] = [];
  let i = 0;
  let glued = false;
  while (i < action.length) {
    const c = action[i];
    if (/\s/.test(c)) {
      i++;
      glued = false;
      continue;
    }
    if (c === '(' || c === ')' || c === '|') {
      out.push({ t: c, v: c, glued });
      i++;
      glued = true;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < action.length && action[j] !== '"') j += action[j] === '\\' ? 2 : 1;
      out.push({ t: 'str', v: JSON.parse(action.slice(i, j + 1)) as string, glued });
      i = j + 1;
    } else if (c === '`') {
      const j = action.indexOf('`', i + 1);
      const end = j < 0 ? action.length : j;
      out.push({ t: 'str', v: action.slice(i + 1, end), glued });
      i = end + 1;
    } else {
      let j = i;
      while (j < action.length && !/[\s()|]/.test(action[j])) j++;
      out.push({ t: 'word', v: action.slice(i, j), glued });
      i = j;
    }
    glued = true;
  }
  return out;
}

function lookup(path: string, dot: unknown, vars: Record<string, unknown>): unknown {
  let base: unknown = dot;
  let rest = path;
  if (path.startsWith('$')) {
    const m = /^\$[A-Za-z0-9_]*/.exec(path)!;
    base = vars[m[0]];
    rest = path.slice(m[0].length);
  }
  if (rest === '.' || rest === '') return base;
  return fields(base, rest);
}

/** `.a.b` on a value: undefined past anything that is not a map. */
function fields(base: unknown, chain: string): unknown {
  for (const key of chain.split('.').filter(Boolean)) {
    if (base && typeof base === 'object' && !Array.isArray(base)) base = (base as Record<string, unknown>)[key];
    else return undefined;
  }
  return base;
}

function evalArg(w: string, dot: unknown, vars: Record<string, unknown>): unknown {
  if (/^-?\d+(\.\d+)?$/.test(w)) return Number(w);
  if (w === 'true' || w === 'false') return w === 'true';
  if (w === 'nil') return null;
  return lookup(w, dot, vars);
}

type Operand = { kind: 'value'; value: unknown } | { kind: 'word'; word: string };

const FUNCTIONS: Record<string, (args: unknown[]) => unknown> = {
  index: ([obj, ...keys]) => {
    let v: unknown = obj;
    for (const k of keys) v = v == null ? undefined : (v as Record<string, unknown>)[String(k)];
    return v;
  },
  len: ([v]) => (Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : String(v ?? '').length),
  printf: ([format, ...rest]) => {
    let i = 0;
    return String(format).replace(/%[sdvq%]/g, (spec) => (spec === '%%' ? '%' : spec === '%q' ? JSON.stringify(String(rest[i++])) : goValueString(rest[i++])));
  },
  print: (args) => args.map((a) => goValueString(a)).join(''),
  println: (args) => `${args.map((a) => goValueString(a)).join(' ')}\n`,
  not: ([v]) => !truthy(v),
  eq: ([a, ...bs]) => bs.some((b) => a === b),
  ne: ([a, b]) => a !== b,
  lt: ([a, b]) => (a as number) < (b as number),
  le: ([a, b]) => (a as number) <= (b as number),
  gt: ([a, b]) => (a as number) > (b as number),
  ge: ([a, b]) => (a as number) >= (b as number),
  and: (args) => args.find((v) => !truthy(v)) ?? args[args.length - 1],
  or: (args) => args.find(truthy) ?? args[args.length - 1],
  base64decode: ([v]) => atob(String(v ?? '')),
};

/**
 * A pipeline as text/template runs it: commands separated by `|`, each command's result passed as
 * the last argument of the next; an operand is a constant, a field chain (.a.b, $v.a), or a
 * parenthesised pipeline, possibly followed by fields (`(index .items 0).metadata.name`).
 */
function evalPipeline(action: string, dot: unknown, vars: Record<string, unknown>): unknown {
  const toks = actionTokens(action);
  let pos = 0;
  const pipeline = (): unknown => {
    let piped: { value: unknown } | undefined;
    for (;;) {
      const operands: Operand[] = [];
      while (pos < toks.length && toks[pos].t !== '|' && toks[pos].t !== ')') {
        const tok = toks[pos++];
        if (tok.t === '(') {
          let value = pipeline();
          if (toks[pos]?.t === ')') pos++;
          // Fields right after the parenthesis apply to its value.
          if (pos < toks.length && toks[pos].t === 'word' && toks[pos].glued && toks[pos].v.startsWith('.')) value = fields(value, toks[pos++].v);
          operands.push({ kind: 'value', value });
        } else if (tok.t === 'str') operands.push({ kind: 'value', value: tok.v });
        else operands.push({ kind: 'word', word: tok.v });
      }
      const value = (o: Operand) => (o.kind === 'value' ? o.value : evalArg(o.word, dot, vars));
      const head = operands[0];
      const fn = head?.kind === 'word' ? FUNCTIONS[head.word] : undefined;
      let result: unknown;
      if (fn) result = fn([...operands.slice(1).map(value), ...(piped ? [piped.value] : [])]);
      else result = head ? value(head) : undefined;
      if (pos < toks.length && toks[pos].t === '|') {
        pos++;
        piped = { value: result };
        continue;
      }
      return result;
    }
  };
  return pipeline();
}

function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
}

/** What {{…}} prints: <no value> for a missing key or a nil value, else Go's %v. */
function formatValue(v: unknown): string {
  return v === undefined || v === null ? '<no value>' : goValueString(v);
}

interface Frame {
  kind: 'range' | 'if' | 'with';
}

export function executeGoTemplate(src: string, data: unknown): string {
  const toks = tokenize(src);
  checkBlocks(src, toks);
  let pos = 0;
  const vars: Record<string, unknown> = { $: data };
  const block = (dot: unknown, execute: boolean, _frame?: Frame): { out: string; stop: string } => {
    let out = '';
    while (pos < toks.length) {
      const tok = toks[pos++];
      if (tok.t === 'text') {
        if (execute) out += tok.v;
        continue;
      }
      const a = tok.v;
      if (a === 'end' || a === 'else' || a.startsWith('else ')) return { out, stop: a };
      if (a.startsWith('/*')) continue;
      if (a.startsWith('range ')) {
        let expr = a.slice(6).trim();
        let keyVar: string | undefined;
        let valVar: string | undefined;
        const m = /^(\$\w*)\s*(?:,\s*(\$\w*))?\s*:=\s*(.*)$/.exec(expr);
        if (m) {
          if (m[2]) {
            keyVar = m[1];
            valVar = m[2];
          } else valVar = m[1];
          expr = m[3];
        }
        const coll = execute ? evalPipeline(expr, dot, vars) : undefined;
        const start = pos;
        const items: [unknown, unknown][] = Array.isArray(coll)
          ? coll.map((v, i) => [i, v])
          : coll && typeof coll === 'object'
            ? Object.keys(coll).sort().map((k) => [k, (coll as Record<string, unknown>)[k]])
            : [];
        if (!execute || items.length === 0) {
          const r = block(dot, false);
          if (r.stop === 'else') out += block(dot, execute).out;
          continue;
        }
        let stop = 'end';
        for (const [k, v] of items) {
          pos = start;
          if (keyVar) vars[keyVar] = k;
          if (valVar) vars[valVar] = v;
          const r = block(v, true);
          out += r.out;
          stop = r.stop;
        }
        if (stop === 'else') block(dot, false);
        continue;
      }
      if (a.startsWith('if ') || a.startsWith('with ')) {
        const isWith = a.startsWith('with ');
        const cond = execute ? evalPipeline(a.slice(isWith ? 5 : 3), dot, vars) : undefined;
        const take = execute && truthy(cond);
        let r = block(isWith && take ? cond : dot, take);
        out += r.out;
        let done = take;
        while (r.stop !== 'end') {
          if (r.stop.startsWith('else if ')) {
            const c2 = execute && !done ? truthy(evalPipeline(r.stop.slice(8), dot, vars)) : false;
            r = block(dot, c2);
            out += r.out;
            done = done || c2;
          } else {
            r = block(dot, execute && !done);
            out += r.out;
          }
        }
        continue;
      }
      if (!execute) continue;
      const assign = /^(\$\w+)\s*:=\s*(.*)$/.exec(a);
      if (assign) {
        vars[assign[1]] = evalPipeline(assign[2], dot, vars);
        continue;
      }
      out += formatValue(evalPipeline(a, dot, vars));
    }
    return { out, stop: '' };
  };
  return block(data, true).out;
}
