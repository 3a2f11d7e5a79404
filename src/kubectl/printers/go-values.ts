/**
 * The Go values kubectl's JSONPath printer walks, told apart where JavaScript has one number type.
 * An unstructured object (read from a file or the server) holds its integers as int64 and other
 * numbers as float64; a typed object (built on the client: create, run, expose, set --local) is
 * turned into a map through encoding/json first (cli-runtime printers/jsonpath.go), so every
 * number in it is a float64. fmt prints a float64 as %v does (1e+06), an int64 as digits.
 */
import { goFormatFloat } from '../../sim/go-float';
import { goQuote } from '../../sim/go-quote';

/** The largest magnitude an int64 holds: a JSON integer within it decodes as int64, anything else as float64. */
const INT64_LIMIT = 2 ** 63;

/** A number written in a template (a filter's operand): an int unless it has a decimal point. */
export class TemplateNumber {
  constructor(readonly value: number, readonly float: boolean) {}
}

/**
 * A float64 of an unstructured object whose value is whole: JavaScript cannot tell it from an
 * int64, so the places that hold one (a JSON merge patch's 1e6) are marked before printing.
 */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** The data with the numbers at `paths` held as GoFloat (in place: the printers work on a copy). */
export function markFloats(data: unknown, paths: readonly (string | number)[][]): unknown {
  for (const path of paths) {
    let container: unknown = data;
    for (const key of path.slice(0, -1)) container = container && typeof container === 'object' ? (container as Record<string | number, unknown>)[key] : undefined;
    const last = path.at(-1);
    if (last === undefined || !container || typeof container !== 'object') continue;
    const holder = container as Record<string | number, unknown>;
    if (typeof holder[last] === 'number') holder[last] = new GoFloat(holder[last] as number);
  }
  return data;
}

/** The data as JSON again: GoFloat marks back to numbers (json.Marshal writes a float64 as digits). */
export function unmarkFloats(v: unknown): unknown {
  if (v instanceof GoFloat) return v.value;
  if (Array.isArray(v)) return v.map(unmarkFloats);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unmarkFloats(x)]));
  return v;
}

/** Whether the objects' numbers are all float64 (typed objects) or int64 where whole. */
export interface NumberModel {
  allFloat: boolean;
}

export function isGoFloat(n: number, model: NumberModel): boolean {
  return model.allFloat || !Number.isInteger(n) || Math.abs(n) >= INT64_LIMIT;
}

/** fmt's %v of a number from the object. */
export function goNumberText(n: number, model: NumberModel): string {
  return isGoFloat(n, model) ? goFormatFloat(n) : String(n);
}

/**
 * fmt's %#v of the map handed to the JSONPath engine, as its error message shows it:
 * map[string]interface {}{"k":v, …} with sorted keys, []interface {}{…}, interface {}(nil).
 */
export function goSharpV(v: unknown, model: NumberModel): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumberText(v, model);
  if (v instanceof GoFloat) return goFormatFloat(v.value);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSharpV(x, model)).join(', ')}}`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]interface {}{${keys.map((k) => `${goQuote(k)}:${goSharpV(o[k], model)}`).join(', ')}}`;
}
