/**
 * How structured-merge-diff's validation errors print a value of an applied configuration. The API
 * server decodes the configuration with encoding/json (sigs.k8s.io/yaml), so every number is a
 * float64; SMD holds each value as a *value.valueUnstructured, which %v prints as &{…} and %#v as
 * &value.valueUnstructured{Value:…}; %T names the Go type of the value itself.
 */
import { goFormatFloat } from '../../go-float';
import { goQuote } from '../../go-quote';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** %T of a decoded JSON value. */
export function goTypeOf(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** %v of a decoded JSON value (maps with their keys sorted, as fmt prints them). */
function plainV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goFormatFloat(v);
  if (Array.isArray(v)) return `[${v.map(plainV).join(' ')}]`;
  if (isObject(v)) return `map[${Object.keys(v).sort(byBytes).map((k) => `${k}:${plainV(v[k])}`).join(' ')}]`;
  return String(v);
}

/** %#v of a decoded JSON value held in an interface{}. */
function sharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goFormatFloat(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(sharpV).join(', ')}}`;
  if (isObject(v)) return `map[string]interface {}{${Object.keys(v).sort(byBytes).map((k) => `${goQuote(k)}:${sharpV(v[k])}`).join(', ')}}`;
  return String(v);
}

/** %v of SMD's value of v: &{v}. */
export const smdV = (v: unknown): string => `&{${plainV(v)}}`;

/** %#v of SMD's value of v: &value.valueUnstructured{Value:v}. */
export const smdSharpV = (v: unknown): string => `&value.valueUnstructured{Value:${sharpV(v)}}`;
