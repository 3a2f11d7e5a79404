/**
 * The number literals of a JSON or merge patch that JSON.parse reads otherwise than Go's decoder
 * (kubectl sends a patch that looks like JSON as it was typed). The patched object's JSON keeps
 * each literal's bytes, and the JSON decoder parses an integer field with strconv.ParseInt: 3.0,
 * 1e3 and 4.00 fail there ('json: cannot unmarshal number 3.0 into Go struct field …') where
 * JavaScript sees whole numbers, and 2.50 or a number too long for a float is named as sent.
 */
import { definition, fieldType, SCALAR_DEFS } from '../schema';

/** A number kept as the literal the client sent, in a patch and in what it is merged into. */
export class RawNumber {
  constructor(readonly literal: string) {}
}

/** Path (the keys and indices from the patch's root) → a literal JavaScript writes otherwise. */
export type Literals = Map<string, { path: string[]; literal: string }>;

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The literals of valid JSON text that String(JSON.parse(literal)) does not give back. */
export function unusualNumbers(text: string): Literals {
  const found: Literals = new Map();
  // Cheap way out for the usual patch: no fraction, exponent or long digit run anywhere.
  if (!/\d[.eE]|\d{16}/.test(text)) return found;
  let i = 0;
  const path: string[] = [];
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      space();
      const close = c === '{' ? '}' : ']';
      for (let n = 0; text[i] !== close; n++) {
        space();
        let key = String(n);
        if (c === '{') {
          key = string();
          space();
          i++; // ':'
        }
        path.push(key);
        value();
        path.pop();
        space();
        if (text[i] === ',') i++;
      }
      i++;
      return;
    }
    if (c === '"') {
      string();
      return;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) {
      while (i < text.length && /[a-z]/.test(text[i])) i++; // true, false, null
      return;
    }
    i += m[0].length;
    if (String(Number(m[0])) !== m[0]) found.set(JSON.stringify(path), { path: [...path], literal: m[0] });
  };
  value();
  return found;
}

/**
 * The patch with its unusual numbers as RawNumber, at the paths the literals name (a copy: the
 * patch itself is left as it is).
 */
export function withRawNumbers(patch: unknown, literals: Literals): unknown {
  const copy = (v: unknown, at: string[]): unknown => {
    if (typeof v === 'number') {
      const lit = literals.get(JSON.stringify(at));
      return lit ? new RawNumber(lit.literal) : v;
    }
    if (Array.isArray(v)) return v.map((x, i) => copy(x, [...at, String(i)]));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x, [...at, k])]));
    return v;
  };
  return literals.size ? copy(patch, []) : patch;
}

/** Where a literal of the patch lands in the patched object: the same path for a merge patch; below an operation's path for a JSON patch. */
export function landingPaths(literals: Literals, patchType: string, patch: unknown, patched: unknown): { path: string[]; literal: string }[] {
  if (patchType !== 'application/json-patch+json') return [...literals.values()];
  const ops = Array.isArray(patch) ? (patch as { op?: string; path?: unknown }[]) : [];
  const out: { path: string[]; literal: string }[] = [];
  for (const { path, literal } of literals.values()) {
    const op = ops[Number(path[0])];
    if (path[1] !== 'value' || !op || (op.op !== 'add' && op.op !== 'replace') || typeof op.path !== 'string') continue;
    const target = op.path === '' ? [] : op.path.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (target[target.length - 1] === '-') {
      let list: unknown = patched;
      for (const p of target.slice(0, -1)) list = (list as Record<string, unknown> | undefined)?.[p];
      target[target.length - 1] = String(Array.isArray(list) ? list.length - 1 : 0);
    }
    out.push({ path: [...target, ...path.slice(2)], literal });
  }
  return out;
}

const INTEGER_TYPES: Record<string, string> = { int32: 'int32', int64: 'int64', integer: 'int' };

/**
 * The JSON decoder's error for the first literal that lands in an integer field (or an
 * IntOrString, whose number is an int32) and that strconv.ParseInt refuses, if any.
 */
export function literalDecodeError(landings: { path: string[]; literal: string }[], defName: string): string | undefined {
  for (const { path, literal } of landings) {
    let type = `#${defName}`;
    let structName = '';
    const fields: string[] = [];
    for (const step of path) {
      if (type.startsWith('[]') || type.startsWith('{}')) {
        type = type.slice(2);
        continue;
      }
      const def = type.startsWith('#') ? type.slice(1) : '';
      const spec = SCALAR_DEFS[def] ? undefined : definition(def)?.p?.[step];
      if (!spec) {
        type = '';
        break;
      }
      structName = def.split('.').pop()!;
      fields.push(step);
      type = fieldType(spec);
    }
    const goType = INTEGER_TYPES[type] ?? (type === '#util.intstr.IntOrString' ? 'int32' : undefined);
    if (!goType || !refusedByParseInt(literal, goType)) continue;
    return `json: cannot unmarshal number ${literal} into Go struct field ${structName}.${fields.join('.')} of type ${goType}`;
  }
  return undefined;
}

/** strconv.ParseInt(literal, 10, bits) fails: a fraction or exponent, or a value past the type's bounds. */
function refusedByParseInt(literal: string, goType: string): boolean {
  if (!/^-?\d+$/.test(literal)) return true;
  const bound = goType === 'int32' ? 2n ** 31n : 2n ** 63n;
  const n = BigInt(literal);
  return n >= bound || n < -bound;
}
