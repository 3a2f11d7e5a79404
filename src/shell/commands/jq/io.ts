/** Reading a stream of JSON values and printing values the way jq does. */

export class JsonStreamError extends Error {}

/** Split text holding several JSON values (whitespace separated) and parse each. */
export function parseJsonStream(text: string): { value: unknown; endLine: number }[] {
  const out: { value: unknown; endLine: number }[] = [];
  let i = 0;
  let line = 0;
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
      if (depth !== 0) throw new JsonStreamError(`Unfinished JSON term at EOF at line ${line + 2}, column 0`);
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
      throw new JsonStreamError(literalError(text, start, i));
    }
  }
  return out;
}

/** jq's message for a bad token: the first bare word outside strings, positioned after its delimiter. */
function literalError(text: string, start: number, end: number): string {
  let inStr = false;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (/[A-Za-z0-9_.+-]/.test(c)) {
      let j = i;
      while (j < text.length && /[A-Za-z0-9_.+-]/.test(text[j])) j++;
      const word = text.slice(i, j);
      if (!['true', 'false', 'null'].includes(word) && Number.isNaN(Number(word))) {
        const kind = /^[tfn]/.test(word) ? 'Invalid literal' : 'Invalid numeric literal';
        const before = text.slice(0, j + 1);
        const line = before.split('\n').length;
        const col = text[j] === '\n' || j >= text.length ? 0 : j + 1 - (before.lastIndexOf('\n') + 1);
        return `${kind} at line ${text[j] === '\n' ? line : line}, column ${col}`;
      }
      i = j - 1;
    }
  }
  return `Invalid JSON text at line ${text.slice(0, end).split('\n').length}, column 0`;
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
