/**
 * The first thing server-side apply does with an applied configuration: turn it into a typed value
 * of the kind's schema (structured-merge-diff's ObjectToTyped). A field the schema does not declare,
 * or a value of the wrong type (a string for replicas, a number for an image), fails there,
 * whatever the field validation asked for, with SMD's path of the field (items of a
 * keyed list named by their keys, of a set by their value, of an atomic list by their index); the
 * API server passes that error on as it is, a 500 with no reason.
 */
import type { Status } from '../types';
import { definition, fieldType, type FieldSpec } from '../schema';
import { structFieldsOf, typeOfDefinition, type FieldType } from './field-types';
import { goTypeOf, smdSharpV, smdV } from './smd-values';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An SMD path element's value: JSON, as its value.ToString writes scalars. */
const smdValue = (v: unknown) => JSON.stringify(v);

/**
 * The defaults of list keys, which SMD puts in an item's key when the item leaves them out:
 * ContainerPort's and ServicePort's protocol (+default="TCP" in k8s.io/api core/v1).
 */
const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

/**
 * An item's place in its list as SMD writes it: `[k=v,…]` by its keys (sorted by name, defaults
 * filled in) in a keyed list, `[=v]` in a set, `[i]` in an atomic list; or the error that makes SMD
 * give up on the rest of the list (listItemToPathElement).
 */
function itemPath(type: Extract<FieldType, { k: 'list' }>, item: unknown, index: number): { path: string } | { error: string } {
  if (type.rel === 'atomic') return { path: `[${index}]` };
  if (type.rel === 'set') {
    if (item === null) return { error: "associative list without keys has an element that's an explicit null" };
    if (Array.isArray(item)) return { error: 'not supported: associative list with lists as elements' };
    if (isObject(item)) return { error: "associative list without keys has an element that's a map type" };
    return { path: `[=${smdValue(item)}]` };
  }
  if (item === null) return { error: 'associative list with keys may not have a null element' };
  if (!isObject(item)) return { error: 'associative list with keys may not have non-map elements' };
  const parts: string[] = [];
  for (const k of [...type.keys].sort()) {
    const v = k in item ? item[k] : KEY_DEFAULTS[k];
    if (v === undefined) return { error: `associative list with keys has an element that omits key field ${JSON.stringify(k)} (and doesn't have default value)` };
    parts.push(`${k}=${smdValue(v)}`);
  }
  return { path: `[${parts.join(',')}]` };
}

/**
 * SMD's scalar check (validateScalar) of a field's OpenAPI type: integers and numbers are numeric,
 * booleans boolean, a string without format a string; anything else (quantities, times,
 * int-or-string, free-form objects) is not checked here.
 */
const NUMERIC = new Set(['int32', 'int64', 'integer', 'number', 'float64', 'double']);

function scalarError(value: unknown, leaf: string | undefined): string | undefined {
  if (leaf === undefined) return undefined;
  if (NUMERIC.has(leaf)) return typeof value === 'number' ? undefined : `expected numeric (int or float), got ${goTypeOf(value)}`;
  if (leaf === 'boolean') return typeof value === 'boolean' ? undefined : `expected boolean, got ${smdV(value)}`;
  if (leaf === 'string') return typeof value === 'string' ? undefined : `expected string, got ${smdSharpV(value)}`;
  return undefined;
}

/** The OpenAPI type of the scalars a field holds ('int32' of '[]int32', 'string' of '{}string'), if any. */
function leafOf(spec: FieldSpec | undefined): string | undefined {
  if (spec === undefined) return undefined;
  const t = fieldType(spec).replace(/^(\[\]|\{\})+/, '');
  return t.startsWith('#') ? undefined : t;
}

function walk(value: unknown, type: FieldType, path: string, out: string[], leaf?: string): void {
  if (value === null || value === undefined) return;
  switch (type.k) {
    case 'struct': {
      if (!isObject(value)) return void out.push(`${path}: expected map, got ${smdV(value)}`);
      const fields = structFieldsOf(type.def).types;
      const specs = definition(type.def)?.p ?? {};
      for (const [name, v] of Object.entries(value)) {
        const t = fields.get(name);
        if (!t) out.push(`${path}.${name}: field not declared in schema`);
        else walk(v, t, `${path}.${name}`, out, leafOf(specs[name]));
      }
      return;
    }
    case 'map':
      if (!isObject(value)) return void out.push(`${path}: expected map, got ${smdV(value)}`);
      for (const [k, v] of Object.entries(value)) walk(v, type.elem, `${path}.${k}`, out, leaf);
      return;
    case 'list':
      if (!Array.isArray(value)) return void out.push(`${path}: expected list, got ${smdV(value)}`);
      for (const [i, item] of value.entries()) {
        const place = itemPath(type, item, i);
        if ('error' in place) return void out.push(`${path}: element ${i}: ${place.error}`);
        walk(item, type.elem, `${path}${place.path}`, out, leaf);
      }
      return;
    case 'scalar': {
      const error = scalarError(value, leaf);
      if (error) out.push(`${path}: ${error}`);
      return;
    }
    default:
      return;
  }
}

/** SMD's ValidationErrors text: one error alone, several under "errors:". */
function validationErrors(errs: string[]): string {
  return errs.length === 1 ? errs[0] : ['errors:', ...errs.map((e) => `  ${e}`)].join('\n');
}

/**
 * The error of an applied configuration with fields its kind does not declare or values of the
 * wrong type, or undefined.
 * `gvk` as Go prints a GroupVersionKind ("apps/v1, Kind=Deployment", "/v1, Kind=Pod").
 */
export function undeclaredFieldsError(applied: unknown, definition: string | undefined, gvk: string): Status | undefined {
  if (!definition || !isObject(applied)) return undefined;
  const errs: string[] = [];
  walk(applied, typeOfDefinition(definition), '', errs);
  if (errs.length === 0) return undefined;
  const meta = isObject(applied.metadata) ? applied.metadata : {};
  const message = `failed to create typed patch object (${String(meta.namespace ?? '')}/${String(meta.name ?? '')}; ${gvk}): ${validationErrors(errs)}`;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 };
}
