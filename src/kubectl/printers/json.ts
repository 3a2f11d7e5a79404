/**
 * JSON as kubectl prints it: Go's json.MarshalIndent with four spaces, HTML characters escaped.
 * Typed objects (what generators build) keep their Go field order; objects from the server are
 * unstructured maps, which Go encodes with sorted keys.
 */
import { goJson, goJsonString } from '../../sim/go-json';

function encode(v: unknown, indent: string, step: string, sortKeys: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const inner = indent + step;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + encode(x, inner, step, sortKeys)).join(',\n')}\n${indent}]`;
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  if (sortKeys) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${goJsonString(k)}: ${encode(obj[k], inner, step, sortKeys)}`).join(',\n')}\n${indent}}`;
}

export function toJson(value: unknown, options: { sortKeys?: boolean; indent?: string } = {}): string {
  return encode(value, '', options.indent ?? '    ', options.sortKeys ?? false) + '\n';
}

/** Compact JSON as json.Marshal writes it (used for last-applied-configuration). */
export function toCompactJson(value: unknown, sortKeys = true): string {
  return goJson(value, sortKeys);
}
