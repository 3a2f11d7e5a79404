/**
 * Variants of labs and exam questions: seeded parameter generators and a deliberately tiny template
 * language. The only construct is `{{name}}` (spaces allowed inside the braces); a name is an
 * identifier (`[A-Za-z_][A-Za-z0-9_]*`). Anything else between double braces — Go templates such as
 * `kubectl get pods -o go-template='{{.metadata.name}}'` — is not a placeholder and stays as written.
 * There is no logic, no escaping and no evaluation: a template can never run code or loop.
 *
 * Rendering a YAML tree keeps types: a scalar that is exactly one placeholder takes the parameter's
 * value with its type (`replicas: '{{replicas}}'` becomes the number 3), so numeric fields validate.
 */
import { isScalar, visit, type Document, type LineCounter } from 'yaml';
import { z } from 'zod';
import { K8S_NAME_ALPHABET, SeededRandom } from '../sim/random';

export type ParamValue = string | number;
export type ParamValues = Record<string, ParamValue>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
export const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** How a parameter's value is drawn. Exactly one key per generator. */
export const ParamGenerator = z.union([
  /** One of a list: images, node names, namespaces. */
  z.object({ pick: z.array(z.union([z.string(), z.number()])).min(1) }).strict(),
  /** An integer in [min, max]: replica counts, ports. */
  z.object({ int: z.tuple([z.number().int(), z.number().int()]).refine(([a, b]) => a <= b, 'min must not exceed max') }).strict(),
  /** A DNS-1123 name: one of the prefixes (or `prefix`) and, when `suffix` > 0, `-` and random letters. */
  z
    .object({
      name: z
        .object({
          prefixes: z.array(z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)).min(1),
          suffix: z.number().int().min(0).max(10).default(0),
        })
        .strict(),
    })
    .strict(),
  /** A template over parameters declared before this one: `{{image}}:{{tag}}`. */
  z.object({ format: z.string() }).strict(),
  /** A fixed value. */
  z.object({ value: z.union([z.string(), z.number()]) }).strict(),
]);
export type ParamGenerator = z.infer<typeof ParamGenerator>;

/** Names used by a text's placeholders, in order of appearance, duplicates kept. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

export type RenderResult<T> = { ok: true; value: T } | { ok: false; unknown: string[] };

/** Substitute every placeholder of a text; unknown names are reported, never guessed. */
export function renderString(text: string, values: ParamValues): RenderResult<string> {
  const unknown = placeholders(text).filter((n) => !Object.hasOwn(values, n));
  if (unknown.length) return { ok: false, unknown: [...new Set(unknown)] };
  return { ok: true, value: text.replace(PLACEHOLDER, (_, name: string) => String(values[name])) };
}

/** A whole-placeholder string takes the value's type; any other string is rendered as text. */
export function renderScalar(text: string, values: ParamValues): RenderResult<ParamValue> {
  const whole = WHOLE_PLACEHOLDER.exec(text);
  if (whole) return Object.hasOwn(values, whole[1]) ? { ok: true, value: values[whole[1]] } : { ok: false, unknown: [whole[1]] };
  return renderString(text, values);
}

export interface TemplateError {
  line: number;
  message: string;
}

/**
 * Render every string scalar of a parsed YAML document in place (keys too, so maps may be keyed by a
 * parameter). Returns the unknown-name errors with the line of the scalar that used them.
 * `skip` names top-level keys left as written (the `params` block that declares the names).
 */
export function renderDocument(doc: Document, values: ParamValues, lines: LineCounter, skip: string[] = []): TemplateError[] {
  const errors: TemplateError[] = [];
  visit(doc, {
    Pair(_, pair, path) {
      // Top-level pairs sit at depth 1 (the document's map); leave declarations untouched.
      if (path.length === 1 && isScalar(pair.key) && skip.includes(String(pair.key.value))) return visit.SKIP;
      return undefined;
    },
    Scalar(_, node) {
      if (typeof node.value !== 'string' || !node.value.includes('{{')) return;
      const r = renderScalar(node.value, values);
      if (r.ok) node.value = r.value;
      else {
        const line = node.range ? lines.linePos(node.range[0]).line : 1;
        for (const name of r.unknown) errors.push({ line, message: `unknown template parameter "${name}"` });
      }
    },
  });
  return errors;
}

/** Render every string of a plain JS tree (objects, arrays); whole placeholders keep their type. */
export function renderTree<T>(tree: T, values: ParamValues): RenderResult<T> {
  const unknown = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const r = renderScalar(v, values);
      if (r.ok) return r.value;
      r.unknown.forEach((n) => unknown.add(n));
      return v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const value = walk(tree) as T;
  return unknown.size ? { ok: false, unknown: [...unknown] } : { ok: true, value };
}

/** One generator's value. `values` holds the parameters drawn so far (for `format`). */
export function drawParam(gen: ParamGenerator, random: SeededRandom, values: ParamValues): RenderResult<ParamValue> {
  if ('pick' in gen) return { ok: true, value: random.pick(gen.pick) };
  if ('int' in gen) return { ok: true, value: gen.int[0] + random.int(gen.int[1] - gen.int[0] + 1) };
  if ('name' in gen) {
    const prefix = random.pick(gen.name.prefixes);
    return { ok: true, value: gen.name.suffix > 0 ? `${prefix}-${random.string(gen.name.suffix, K8S_NAME_ALPHABET)}` : prefix };
  }
  if ('format' in gen) return renderString(gen.format, values);
  return { ok: true, value: gen.value };
}

/**
 * Draw every parameter, in declaration order, from one seed: same seed → same values. Starts from
 * `base` (defaults); generators override them. Errors name the parameter whose format is broken.
 */
export function drawParams(
  generators: Record<string, ParamGenerator>,
  seed: number | string,
  base: ParamValues = {},
): { values: ParamValues; errors: string[] } {
  const random = new SeededRandom(seed);
  const values: ParamValues = { ...base };
  const errors: string[] = [];
  for (const [name, gen] of Object.entries(generators)) {
    const r = drawParam(gen, random, values);
    if (r.ok) values[name] = r.value;
    else errors.push(`params.${name}: unknown template parameter "${r.unknown.join('", "')}"`);
  }
  return { values, errors };
}
