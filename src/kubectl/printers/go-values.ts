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
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSharpV(x, model)).join(', ')}}`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]interface {}{${keys.map((k) => `${goQuote(k)}:${goSharpV(o[k], model)}`).join(', ')}}`;
}
