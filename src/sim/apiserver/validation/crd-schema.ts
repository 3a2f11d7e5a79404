/**
 * Custom resources against their CRD's structural schema (openAPIV3Schema): pruning of unknown
 * fields (or a strict-decoding error), defaults, and validation with the apiextensions texts
 * ("spec.replicas in body must be of type integer: \"string\"").
 */
import type { Cause } from '../errors';
import type { RequestContext } from '../context';
import { storageKey } from '../storage';
import type { KubeObject } from '../types';
import { goValue } from './names';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export interface JSONSchema {
  type?: string;
  properties?: Record<string, JSONSchema>;
  items?: JSONSchema;
  additionalProperties?: JSONSchema | boolean;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
}

/** The schema of the CRD version that serves ctx's custom resource. */
export function schemaFor(ctx: RequestContext): JSONSchema | undefined {
  const crdInfo = ctx.server.registry.get('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!;
  const crd = ctx.server.storage.get(storageKey(crdInfo.etcdPrefix, undefined, `${ctx.info.resource}.${ctx.info.group}`))?.obj;
  const versions = ((crd?.spec as Obj | undefined)?.versions as Obj[] | undefined) ?? [];
  const v = versions.find((x) => x.name === ctx.info.version);
  return ((v?.schema as Obj | undefined)?.openAPIV3Schema as JSONSchema | undefined) ?? undefined;
}

/** Drop fields the schema does not know (recording their paths) and fill defaults. */
export function pruneAndDefault(value: unknown, schema: JSONSchema | undefined, path: string, unknown: string[]): void {
  if (!schema || schema['x-kubernetes-preserve-unknown-fields']) {
    if (schema?.properties && isObj(value)) for (const [k, s] of Object.entries(schema.properties)) if (k in value) pruneAndDefault(value[k], s, join(path, k), unknown);
    return;
  }
  if (isObj(value)) {
    if (schema.properties) {
      for (const k of Object.keys(value)) {
        if (path === '' && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
        const s = Object.prototype.hasOwnProperty.call(schema.properties, k) ? schema.properties[k] : undefined;
        if (!s) {
          unknown.push(join(path, k));
          delete value[k];
        } else pruneAndDefault(value[k], s, join(path, k), unknown);
      }
      for (const [k, s] of Object.entries(schema.properties)) if (value[k] === undefined && s.default !== undefined) value[k] = JSON.parse(JSON.stringify(s.default));
    } else if (isObj(schema.additionalProperties)) {
      for (const k of Object.keys(value)) pruneAndDefault(value[k], schema.additionalProperties, join(path, k), unknown);
    }
  } else if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => pruneAndDefault(item, schema.items, `${path}[${i}]`, unknown));
  }
}

function join(path: string, k: string): string {
  return path ? `${path}.${k}` : k;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function validateAgainst(value: unknown, schema: JSONSchema | undefined, path: string): Cause[] {
  if (!schema) return [];
  const causes: Cause[] = [];
  const t = typeOf(value);
  const field = path || '<root>';
  if (schema['x-kubernetes-int-or-string']) {
    if (t !== 'integer' && t !== 'string') causes.push(typeCause(field, t, 'integer or string'));
    return causes;
  }
  if (schema.type && value !== null) {
    const ok = schema.type === t || (schema.type === 'number' && t === 'integer');
    if (!ok) return [typeCause(field, t, schema.type)];
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    causes.push({ reason: 'FieldValueNotSupported', field, message: `Unsupported value: ${goValue(value)}: supported values: ${schema.enum.map((e) => goValue(e)).join(', ')}` });
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) causes.push({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${value}: ${field} in body should be greater than or equal to ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum) causes.push({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${value}: ${field} in body should be less than or equal to ${schema.maximum}` });
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) causes.push({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${goValue(value)}: ${field} in body should be at least ${schema.minLength} chars long` });
    if (schema.maxLength !== undefined && value.length > schema.maxLength) causes.push({ reason: 'FieldValueTooLong', field, message: `Too long: may not be more than ${schema.maxLength} bytes` });
    if (schema.pattern) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(schema.pattern);
      } catch {
        re = undefined;
      }
      if (re && !re.test(value)) causes.push({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${goValue(value)}: ${field} in body should match '${schema.pattern}'` });
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) causes.push({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${value.length}: ${field} in body should have at least ${schema.minItems} items` });
    if (schema.maxItems !== undefined && value.length > schema.maxItems) causes.push({ reason: 'FieldValueTooMany', field, message: `Too many: ${value.length}: must have at most ${schema.maxItems} items` });
    if (schema.items) value.forEach((item, i) => causes.push(...validateAgainst(item, schema.items, `${path}[${i}]`)));
  }
  if (isObj(value)) {
    for (const r of schema.required ?? []) if (value[r] === undefined) causes.push({ reason: 'FieldValueRequired', field: join(path, r), message: 'Required value' });
    for (const [k, s] of Object.entries(schema.properties ?? {})) {
      if (path === '' && (k === 'metadata' || k === 'apiVersion' || k === 'kind')) continue;
      if (value[k] !== undefined) causes.push(...validateAgainst(value[k], s, join(path, k)));
    }
    if (isObj(schema.additionalProperties)) for (const [k, v] of Object.entries(value)) causes.push(...validateAgainst(v, schema.additionalProperties, join(path, k)));
  }
  return causes;
}

function typeCause(field: string, actual: string, expected: string): Cause {
  return { reason: 'FieldValueTypeInvalid', field, message: `Invalid value: "${actual}": ${field} in body must be of type ${expected}: "${actual}"` };
}

/** Validation of a custom resource: its schema's rules (metadata is checked by the common code). */
export function validateCustomResource(ctx: RequestContext, obj: KubeObject): Cause[] {
  return validateAgainst(obj, schemaFor(ctx), '');
}
