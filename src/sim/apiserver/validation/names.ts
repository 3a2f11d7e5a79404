/** Name validation with apimachinery's texts (k8s.io/apimachinery/pkg/util/validation). */
import type { Cause } from '../errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const MSG = {
  subdomain:
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  label:
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  dns1035:
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
};

export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path';

/** Messages for a value against a rule (empty when valid). */
export function nameErrors(value: string, rule: NameRule): string[] {
  const out: string[] = [];
  switch (rule) {
    case 'subdomain':
      if (value.length > 253) out.push('must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN.test(value)) out.push(MSG.subdomain);
      break;
    case 'label':
      if (value.length > 63) out.push('must be no more than 63 characters');
      if (!DNS1123_LABEL.test(value)) out.push(MSG.label);
      break;
    case 'dns1035':
      if (value.length > 63) out.push('must be no more than 63 characters');
      if (!DNS1035_LABEL.test(value)) out.push(MSG.dns1035);
      break;
    case 'path':
      if (value === '.' || value === '..') out.push(`may not be '${value}'`);
      for (const bad of ['/', '%']) if (value.includes(bad)) out.push(`may not contain '${bad}'`);
      break;
  }
  return out;
}

export function invalid(field: string, value: unknown, message: string): Cause {
  return { reason: 'FieldValueInvalid', field, message: `Invalid value: ${goValue(value)}: ${message}` };
}

export function required(field: string, message = ''): Cause {
  return { reason: 'FieldValueRequired', field, message: message ? `Required value: ${message}` : 'Required value' };
}

export function notSupported(field: string, value: unknown, supported: string[]): Cause {
  return {
    reason: 'FieldValueNotSupported',
    field,
    message: `Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
  };
}

export function forbiddenField(field: string, message: string): Cause {
  return { reason: 'FieldValueForbidden', field, message: `Forbidden: ${message}` };
}

export function duplicate(field: string, value: unknown): Cause {
  return { reason: 'FieldValueDuplicate', field, message: `Duplicate value: ${goValue(value)}` };
}

/** How field.Error prints a value: strings quoted, numbers bare, maps as Go's %#v. */
export function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
  if (typeof v === 'object' && Object.values(v).every((x) => typeof x === 'string')) {
    const entries = Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify((v as Record<string, string>)[k])}`);
    return `map[string]string{${entries.join(', ')}}`;
  }
  return JSON.stringify(v);
}
