/**
 * kubectl's JSONPath dialect (client-go util/jsonpath): text with {actions}; fields `.a`,
 * `['a.b']`, recursive descent `..a`, indexes and slices `[0]`, `[-1]`, `[1:3]`, `[*]`, unions
 * `[a,b]`, filters `?(@.x=="y")`, `{range …}…{end}`, string literals `{"\n"}`. Several results of
 * one action print separated by single spaces; strings print raw, other values as compact JSON.
 */
import { fail } from '../errors';
import { goJson, goJsonIndent, goValueString } from '../../sim/go-json';
import { GoFloat, goNumberText, goSharpV, isGoFloat, markFloats, TemplateNumber, unmarkFloats, type NumberModel } from './go-values';
import { goFormatFloat } from '../../sim/go-float';

type Step =
  | { t: 'root' }
  | { t: 'current' }
  | { t: 'field'; names: string[] }
  | { t: 'recursive' }
  | { t: 'all' }
  | { t: 'index'; start?: number; end?: number; single: boolean; step?: number }
  | { t: 'union'; parts: Step[][] }
  | { t: 'filter'; left: Step[] | Literal; op?: string; right?: Step[] | Literal };

interface Literal {
  literal: unknown;
}

type Node =
  | { t: 'text'; text: string }
  | { t: 'expr'; steps: Step[] }
  | { t: 'literal'; value: string }
  | { t: 'range'; steps: Step[]; body: Node[] };

export interface JsonPathTemplate {
  nodes: Node[];
  source: string;
}

class Parser {
  pos = 0;
  constructor(readonly src: string, readonly whole: string) {}

  eof(): boolean {
    return this.pos >= this.src.length;
  }

  peek(n = 0): string {
    return this.src[this.pos + n] ?? '';
  }

  error(msg: string): never {
    throw fail(`error parsing jsonpath ${this.whole}, ${msg}`);
  }

  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  quoted(): string {
    const q = this.src[this.pos++];
    let out = '';
    while (!this.eof() && this.peek() !== q) {
      if (this.peek() === '\\') {
        this.pos++;
        const c = this.src[this.pos++];
        out += c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
      } else out += this.src[this.pos++];
    }
    if (this.eof()) this.error('unterminated string');
    this.pos++;
    return out;
  }

  ident(): string {
    let out = '';
    while (!this.eof()) {
      const c = this.peek();
      if (c === '\\' && this.peek(1) === '.') {
        out += '.';
        this.pos += 2;
        continue;
      }
      if (/[A-Za-z0-9_\-/:$*]/.test(c) || c.charCodeAt(0) > 127) {
        out += c;
        this.pos++;
      } else break;
    }
    return out;
  }

  /** A path: $, @, .a, ..a, [..], possibly empty. */
  path(stopAt: string): Step[] {
    const steps: Step[] = [];
    while (!this.eof() && !stopAt.includes(this.peek())) {
      const c = this.peek();
      if (c === '$') {
        this.pos++;
        steps.push({ t: 'root' });
      } else if (c === '@') {
        this.pos++;
        steps.push({ t: 'current' });
      } else if (c === '.') {
        if (this.peek(1) === '.') {
          this.pos += 2;
          steps.push({ t: 'recursive' });
          if (this.peek() !== '[' && this.peek() !== '.') {
            const id = this.ident();
            if (id === '*') steps.push({ t: 'all' });
            else if (id) steps.push({ t: 'field', names: [id] });
          }
        } else {
          this.pos++;
          const id = this.ident();
          if (id === '*') steps.push({ t: 'all' });
          else if (id) steps.push({ t: 'field', names: [id] });
        }
      } else if (c === '[') {
        steps.push(this.bracket());
      } else if (c === ' ') {
        break;
      } else {
        const id = this.ident();
        if (!id) this.error(`unrecognized character in action: U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
        steps.push({ t: 'field', names: [id] });
      }
    }
    return steps;
  }

  bracket(): Step {
    this.pos++; // [
    this.skipSpaces();
    if (this.peek() === '?') {
      this.pos++;
      if (this.peek() !== '(') this.error('unexpected character after ?');
      this.pos++;
      const step = this.filter();
      this.skipSpaces();
      if (this.peek() !== ']') this.error('unclosed filter');
      this.pos++;
      return step;
    }
    if (this.peek() === '*') {
      this.pos++;
      if (this.peek() !== ']') this.error('unclosed array expect ]');
      this.pos++;
      return { t: 'all' };
    }
    if (this.peek() === "'" || this.peek() === '"') {
      const names: string[] = [];
      for (;;) {
        this.skipSpaces();
        names.push(this.quoted());
        this.skipSpaces();
        if (this.peek() === ',') {
          this.pos++;
          continue;
        }
        break;
      }
      if (this.peek() !== ']') this.error('unclosed array expect ]');
      this.pos++;
      return { t: 'field', names };
    }
    const end = this.src.indexOf(']', this.pos);
    if (end < 0) this.error('unclosed array expect ]');
    const inner = this.src.slice(this.pos, end).trim();
    this.pos = end + 1;
    if (/^-?\d*(:-?\d*){0,2}$/.test(inner) && inner !== '') {
      const parts = inner.split(':');
      const num = (s: string | undefined) => (s === undefined || s === '' ? undefined : Number(s));
      if (parts.length === 1) return { t: 'index', start: num(parts[0]), single: true };
      return { t: 'index', start: num(parts[0]), end: num(parts[1]), step: num(parts[2]), single: false };
    }
    const parts = inner.split(',').map((p) => new Parser(p.trim().startsWith('.') || p.trim().startsWith('@') ? p.trim() : '.' + p.trim(), this.whole).path(''));
    return { t: 'union', parts };
  }

  operand(): Step[] | Literal {
    this.skipSpaces();
    const c = this.peek();
    if (c === "'" || c === '"') return { literal: this.quoted() };
    const m = /^[+-]?[\d.]+/.exec(this.src.slice(this.pos));
    if (m) {
      this.pos += m[0].length;
      // parseNumber: strconv.Atoi first (an int), else ParseFloat (a float64).
      const float = !/^[+-]?\d+$/.test(m[0]);
      const value = Number(m[0]);
      if (Number.isNaN(value)) this.error(`cannot parse number ${m[0]}`);
      return { literal: new TemplateNumber(value, float) };
    }
    if (this.src.startsWith('true', this.pos)) {
      this.pos += 4;
      return { literal: true };
    }
    if (this.src.startsWith('false', this.pos)) {
      this.pos += 5;
      return { literal: false };
    }
    return this.path(' )=!<>');
  }

  filter(): Step {
    const left = this.operand();
    this.skipSpaces();
    // parseFilter takes any run of these characters as the operator; evalFilter knows six.
    const m = /^[!<>=]+/.exec(this.src.slice(this.pos));
    if (!m) {
      if (this.peek() !== ')') this.error('unexpected token in filter');
      this.pos++;
      return { t: 'filter', left };
    }
    this.pos += m[0].length;
    const right = this.operand();
    this.skipSpaces();
    if (this.peek() !== ')') this.error('unclosed filter');
    this.pos++;
    return { t: 'filter', left, op: m[0], right };
  }
}

/** Split a template into text and actions, matching braces outside quotes. */
export function parseJsonPath(template: string): JsonPathTemplate {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  let text = '';
  const flushText = () => {
    if (text) stack[stack.length - 1].push({ t: 'text', text });
    text = '';
  };
  while (i < template.length) {
    const c = template[i];
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    flushText();
    let j = i + 1;
    let quote = '';
    for (; j < template.length; j++) {
      const d = template[j];
      if (quote) {
        if (d === '\\') j++;
        else if (d === quote) quote = '';
      } else if (d === '"' || d === "'") quote = d;
      else if (d === '}') break;
    }
    if (j >= template.length) throw fail(`error parsing jsonpath ${template}, unclosed action`);
    const action = template.slice(i + 1, j).trim();
    i = j + 1;
    if (action === 'end') {
      if (stack.length === 1) throw fail(`error parsing jsonpath ${template}, not in range, nothing to end`);
      stack.pop();
      continue;
    }
    if (action.startsWith('range ') || action === 'range') {
      const p = new Parser(action.slice(5).trim(), template);
      const node: Node = { t: 'range', steps: p.path(''), body: [] };
      stack[stack.length - 1].push(node);
      stack.push(node.body);
      continue;
    }
    for (const part of splitAction(action)) {
      if ((part.startsWith('"') && part.endsWith('"')) || (part.startsWith("'") && part.endsWith("'") && part.length > 1)) {
        const p = new Parser(part, template);
        stack[stack.length - 1].push({ t: 'literal', value: p.quoted() });
      } else {
        const p = new Parser(part, template);
        stack[stack.length - 1].push({ t: 'expr', steps: p.path('') });
      }
    }
  }
  flushText();
  if (stack.length > 1) throw fail(`error parsing jsonpath ${template}, unclosed range`);
  return { nodes: root, source: template };
}

/** One action may hold several space-separated parts (e.g. `{.a "x"}`); split outside quotes/brackets. */
function splitAction(action: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quote = '';
  let depth = 0;
  for (let i = 0; i < action.length; i++) {
    const c = action[i];
    if (quote) {
      cur += c;
      if (c === '\\') cur += action[++i] ?? '';
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === '[' || c === '(') {
      depth++;
      cur += c;
    } else if (c === ']' || c === ')') {
      depth--;
      cur += c;
    } else if (c === ' ' && depth === 0) {
      if (cur) parts.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) parts.push(cur);
  return parts;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoFloat);
}

function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function evalSteps(steps: Step[], current: unknown[], root: unknown, model: NumberModel): unknown[] {
  let values = current;
  for (const step of steps) {
    const next: unknown[] = [];
    switch (step.t) {
      case 'root':
        next.push(root);
        break;
      case 'current':
        next.push(...values);
        break;
      case 'field':
        for (const v of values) {
          for (const name of step.names) {
            if (isObj(v) && Object.prototype.hasOwnProperty.call(v, name)) next.push(v[name]);
          }
        }
        break;
      case 'all':
        for (const v of values) {
          if (Array.isArray(v)) next.push(...v);
          else if (isObj(v)) for (const k of sortedKeys(v)) next.push(v[k]);
        }
        break;
      case 'recursive': {
        const walk = (v: unknown) => {
          const children = Array.isArray(v) ? v : isObj(v) ? sortedKeys(v).map((k) => v[k]) : [];
          if (children.length === 0) return;
          next.push(v);
          for (const c of children) walk(c);
        };
        for (const v of values) walk(v);
        break;
      }
      case 'index':
        for (const v of values) {
          if (v === null || v === undefined) continue;
          if (!Array.isArray(v)) throw new ExecutionError(`${goTypeName(v, model)} is not array or slice`);
          const len = v.length;
          if (step.single) {
            let i = step.start ?? 0;
            if (i < 0) i += len;
            if (i < 0 || i >= len) throw new ExecutionError(`array index out of bounds: index ${i}, length ${len}`);
            next.push(v[i]);
          } else {
            const slice = sliceBounds(step, len);
            // client-go stops at the first empty slice, keeping what it has collected.
            if (!slice) break;
            for (let i = slice.start; i < slice.end; i += slice.step) next.push(v[i]);
          }
        }
        break;
      case 'union':
        for (const part of step.parts) next.push(...evalSteps(part, values, root, model));
        break;
      case 'filter':
        for (const v of values) {
          if (v === null || v === undefined) continue;
          if (!Array.isArray(v)) throw new ExecutionError(`${goValueString(v)} is not array or slice and cannot be filtered`);
          for (const item of v) if (matches(step, item, root, model)) next.push(item);
        }
        break;
    }
    values = next;
  }
  return values;
}

/** The Go type of a decoded JSON value, as reflect names it in errors. */
function goTypeName(v: unknown, model: NumberModel): string {
  if (typeof v === 'number') return isGoFloat(v, model) ? 'float64' : 'int64';
  if (v instanceof GoFloat) return 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** An error while walking the data; executeJsonPath reports it the way kubectl reports a template error. */
class ExecutionError extends Error {}

/**
 * client-go's evalArray for `[start:end:step]`: negative bounds count from the end, bounds past the
 * array and a start after the end are errors, and a step that is not positive is refused (it
 * would never reach the end). Null when the slice is empty.
 */
function sliceBounds(step: Extract<Step, { t: 'index' }>, len: number): { start: number; end: number; step: number } | null {
  let start = step.start ?? 0;
  let end = step.end ?? len;
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start === end) return null;
  if (start >= len || start < 0) throw new ExecutionError(`array index out of bounds: index ${start}, length ${len}`);
  if (end > len || end < 0) throw new ExecutionError(`array index out of bounds: index ${end - 1}, length ${len}`);
  if (start > end) throw new ExecutionError(`starting index ${start} is greater than ending index ${end}`);
  if (step.step !== undefined && step.step <= 0) throw new ExecutionError('step must be > 0');
  return { start, end, step: step.step ?? 1 };
}

function operandValues(o: Step[] | Literal, item: unknown, root: unknown, model: NumberModel): unknown[] {
  if (!Array.isArray(o)) return [o.literal];
  return evalSteps(o, [item], root, model);
}

/** The reflect kind the template package compares by (third_party/forked/golang/template basicKind). */
type GoKind = 'bool' | 'int' | 'float' | 'string';

function goKind(v: unknown, model: NumberModel): GoKind {
  if (v instanceof TemplateNumber) return v.float ? 'float' : 'int';
  if (typeof v === 'number') return isGoFloat(v, model) ? 'float' : 'int';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  throw new ExecutionError('invalid type for comparison');
}

const plain = (v: unknown): unknown => (v instanceof TemplateNumber || v instanceof GoFloat ? v.value : v);

/** template.Equal: values of one kind compare, values of two kinds are an error. */
function goEqual(a: unknown, b: unknown, model: NumberModel): boolean {
  if (goKind(a, model) !== goKind(b, model)) throw new ExecutionError('incompatible types for comparison');
  return plain(a) === plain(b);
}

/** template.Less: as Equal, and booleans do not order. */
function goLess(a: unknown, b: unknown, model: NumberModel): boolean {
  const kind = goKind(a, model);
  if (kind !== goKind(b, model)) throw new ExecutionError('incompatible types for comparison');
  if (kind === 'bool') throw new ExecutionError('invalid type for comparison');
  return (plain(a) as number | string) < (plain(b) as number | string);
}

const COMPARE: Record<string, (a: unknown, b: unknown, model: NumberModel) => boolean> = {
  '==': goEqual,
  '!=': (a, b, m) => !goEqual(a, b, m),
  '<': goLess,
  '<=': (a, b, m) => goLess(a, b, m) || goEqual(a, b, m),
  '>': (a, b, m) => !(goLess(a, b, m) || goEqual(a, b, m)),
  '>=': (a, b, m) => !goLess(a, b, m),
};

/** evalFilter for one item: a path alone asks whether it finds anything; an operator compares one value with one. */
function matches(step: Extract<Step, { t: 'filter' }>, item: unknown, root: unknown, model: NumberModel): boolean {
  const left = operandValues(step.left, item, root, model);
  // "exists": the path finds something, whatever it is (false and null too).
  if (!step.op || !step.right) return left.length > 0;
  if (left.length === 0) return false;
  if (left.length > 1) throw new ExecutionError('can only compare one element at a time');
  const right = operandValues(step.right, item, root, model);
  if (right.length === 0) return false;
  if (right.length > 1) throw new ExecutionError('can only compare one element at a time');
  const a = left[0];
  const b = right[0];
  const compare = COMPARE[step.op];
  if (!compare) throw new ExecutionError(`unrecognized filter operator ${step.op}`);
  return compare(a, b, model);
}

/** How PrintResults writes one result: maps and lists as json.Marshal, other values as fmt's %v. */
function toText(v: unknown, model: NumberModel): string {
  if (typeof v === 'string') return v;
  // A JSON null prints as null (kubectl's JSONPath printer), a Go nil that is not JSON as <nil>.
  if (v === null) return 'null';
  if (v === undefined) return '<nil>';
  if (typeof v === 'number') return goNumberText(v, model);
  if (v instanceof GoFloat) return goFormatFloat(v.value);
  if (typeof v === 'boolean') return String(v);
  return goJson(unmarkFloats(v));
}

export function executeJsonPath(
  template: JsonPathTemplate,
  data: unknown,
  options: { asJson?: boolean; allowMissingKeys?: boolean; typed?: boolean; floats?: readonly (string | number)[][] } = {},
): string {
  if (options.floats?.length) data = markFloats(data, options.floats);
  // A typed object reaches the engine through encoding/json: all its numbers are float64.
  const model: NumberModel = { allFloat: options.typed === true };
  const collected: unknown[] = [];
  const templateError = (message: string) =>
    fail(`error executing jsonpath ${JSON.stringify(template.source)}: Error executing template: ${message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template.source}\n\tobject given to jsonpath engine was:\n\t\t${goSharpV(data, model)}\n\n\n`);
  const evaluate = (steps: Step[], current: unknown): unknown[] => {
    try {
      return evalSteps(steps, [current], data, model);
    } catch (e) {
      if (e instanceof ExecutionError) throw templateError(e.message);
      throw e;
    }
  };
  const run = (nodes: Node[], current: unknown): string => {
    let out = '';
    for (const node of nodes) {
      if (node.t === 'text') out += node.text;
      else if (node.t === 'literal') out += node.value;
      else if (node.t === 'expr') {
        const results = evaluate(node.steps, current);
        if (results.length === 0 && options.allowMissingKeys === false) throw templateError(`${describeMissing(node.steps)} is not found`);
        collected.push(...results);
        out += results.map((r) => toText(r, model)).join(' ');
      } else {
        const results = evaluate(node.steps, current);
        const items = results.length === 1 && Array.isArray(results[0]) ? results[0] : results;
        for (const item of items) out += run(node.body, item);
      }
    }
    return out;
  };
  const text = run(template.nodes, data);
  if (options.asJson) return goJsonIndent(unmarkFloats(collected), '    ', true) + '\n';
  return text;
}

function describeMissing(steps: Step[]): string {
  const last = [...steps].reverse().find((s) => s.t === 'field');
  return last && last.t === 'field' ? last.names[0] : 'value';
}

/**
 * What a template's first field expression finds in `data` (FindResults' first list): the values
 * --sort-by compares; [] when the field is missing.
 */
export function jsonPathFirstResults(template: JsonPathTemplate, data: unknown): unknown[] {
  const node = template.nodes.find((n): n is Extract<Node, { steps: Step[] }> => n.t === 'expr' || n.t === 'range');
  if (!node) return [];
  try {
    return evalSteps(node.steps, [data], data, { allFloat: false });
  } catch {
    return [];
  }
}
