/**
 * JSON as kubectl prints it: Go's json.MarshalIndent with four spaces, HTML characters escaped.
 * Typed objects (what generators build) keep their Go field order; objects from the server are
 * unstructured maps, which Go encodes with sorted keys.
 */
import { goJson, goJsonIndent } from '../../sim/go-json';

export function toJson(value: unknown, options: { sortKeys?: boolean; indent?: string } = {}): string {
  return goJsonIndent(value, options.indent ?? '    ', options.sortKeys ?? false) + '\n';
}

/** Compact JSON as json.Marshal writes it (used for last-applied-configuration). */
export function toCompactJson(value: unknown, sortKeys = true): string {
  return goJson(value, sortKeys);
}
