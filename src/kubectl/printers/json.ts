/**
 * JSON as kubectl prints it: Go's json.MarshalIndent with four spaces, HTML characters escaped.
 * Typed objects (what generators build) keep their Go field order; objects from the server are
 * unstructured maps, which Go encodes with sorted keys.
 */
function escapeString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029 || c < 0x20) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

function encode(v: unknown, indent: string, step: string, sortKeys: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return escapeString(v);
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
  return `{\n${keys.map((k) => `${inner}${escapeString(k)}: ${encode(obj[k], inner, step, sortKeys)}`).join(',\n')}\n${indent}}`;
}

export function toJson(value: unknown, options: { sortKeys?: boolean; indent?: string } = {}): string {
  return encode(value, '', options.indent ?? '    ', options.sortKeys ?? false) + '\n';
}

/** Compact JSON as json.Marshal writes it (used for last-applied-configuration). */
export function toCompactJson(value: unknown, sortKeys = true): string {
  const compact = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return escapeString(v);
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (Array.isArray(v)) return `[${v.map(compact).join(',')}]`;
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
    if (sortKeys) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${escapeString(k)}:${compact(obj[k])}`).join(',')}}`;
  };
  return compact(value);
}
