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

function itemPath(type: Extract<FieldType, { k: 'list' }>, item: unknown, index: number): string {
  if (type.rel === 'set') return `[=${smdValue(item)}]`;
  if (type.rel === 'map' && isObject(item)) return `[${type.keys.filter((k) => k in item).map((k) => `${k}=${smdValue(item[k])}`).join(',')}]`;
  return `[${index}]`;
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
      value.forEach((item, i) => walk(item, type.elem, `${path}${itemPath(type, item, i)}`, out, leaf));
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
