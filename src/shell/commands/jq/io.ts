/** Reading a stream of JSON values and printing values the way jq does. */

export class JsonStreamError extends Error {}

/** Split text holding several JSON values (whitespace separated) and parse each. */
export function parseJsonStream(text: string): { value: unknown; endLine: number }[] {
  const out: { value: unknown; endLine: number }[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  const ws = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  while (i < n) {
    while (i < n && ws(text[i])) {
      if (text[i] === '\n') line++;
      i++;
    }
    if (i >= n) break;
    const start = i;
    const c = text[i];
    if (c === '{' || c === '[') {
      let depth = 0;
      let inStr = false;
      for (; i < n; i++) {
        const ch = text[i];
        if (ch === '\n') line++;
        if (inStr) {
          if (ch === '\\') i++;
          else if (ch === '"') inStr = false;
          continue;
        }
        if (ch === '"') inStr = true;
        else if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') {
          depth--;
          if (depth === 0) {
            i++;
            break;
          }
        }
      }
      if (depth !== 0) throw new JsonStreamError(`Unfinished JSON term at EOF at line ${line + 1}, column 0`);
    } else if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else {
      while (i < n && !ws(text[i]) && !'{["'.includes(text[i])) i++;
    }
    const slice = text.slice(start, i);
    try {
      out.push({ value: JSON.parse(slice), endLine: line });
    } catch {
      const col = text.slice(0, i).length - text.lastIndexOf('\n', i - 1) - 1;
      if (/^[A-Za-z]/.test(slice) || /^[-0-9]/.test(slice)) throw new JsonStreamError(`Invalid ${/^[A-Za-z]/.test(slice) ? 'literal' : 'numeric literal'} at line ${line}, column ${col + 1}`);
      throw new JsonStreamError(`Invalid JSON text at line ${line}, column ${col}`);
    }
  }
  return out;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

export interface PrintOptions {
  raw: boolean;
  compact: boolean;
  indent: string;
  sortKeys: boolean;
  ascii: boolean;
}

export function formatJson(v: unknown, o: PrintOptions): string {
  const value = o.sortKeys ? sortKeys(v) : v;
  if (o.raw && typeof value === 'string') return value;
  let s = o.compact ? JSON.stringify(value) : JSON.stringify(value, null, o.indent);
  if (s === undefined) s = 'null';
  if (o.ascii) s = s.replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  return s;
}
