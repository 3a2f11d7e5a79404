/**
 * JSON as Go's encoding/json writes it: strings HTML-safe (<, >, & and U+2028/9 as \u escapes,
 * other control characters as \u00XX), and json.Marshal's compact form with map keys sorted
 * bytewise. Shared by everything that must produce kubectl's or kustomize's exact bytes (the
 * last-applied annotation, `kubectl get --raw`, kustomize's name hashes).
 */

/** A string as encoding/json writes it. */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029 || c < 0x20) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * json.Marshal of an unstructured value: compact; undefined members left out; object keys sorted
 * bytewise as Go sorts a map's (sortKeys false keeps a typed struct's own field order).
 */
export function goJson(value: unknown, sortKeys = true): string {
  const compact = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return goJsonString(v);
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (Array.isArray(v)) return `[${v.map(compact).join(',')}]`;
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
    if (sortKeys) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${goJsonString(k)}:${compact(obj[k])}`).join(',')}}`;
  };
  return compact(value);
}

/**
 * json.MarshalIndent(v, "", indent): one member or element a line, `[]` and `{}` for empty ones,
 * undefined members left out; keys sorted only for unstructured maps (sortKeys).
 */
export function goJsonIndent(value: unknown, indent: string, sortKeys = false): string {
  const encode = (v: unknown, at: string): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return goJsonString(v);
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    const inner = at + indent;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[\n${v.map((x) => inner + encode(x, inner)).join(',\n')}\n${at}]`;
    }
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
    if (sortKeys) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((k) => `${inner}${goJsonString(k)}: ${encode(obj[k], inner)}`).join(',\n')}\n${at}}`;
  };
  return encode(value, '');
}

/**
 * Go's %v of a value decoded from JSON into interface{} (unstructured objects): <nil>, strings as
 * they are, maps as map[k:v …] with sorted keys, lists as [a b …]. Numbers print as JavaScript
 * writes them, which is Go's for the whole numbers and short fractions objects hold.
 */
export function goValueString(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValueString).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goValueString(o[k])}`).join(' ')}]`;
  }
  return String(v);
}
