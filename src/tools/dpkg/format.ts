/**
 * dpkg-query's --showformat (lib/dpkg/pkg-format.c): literal text with the escapes \n \t \r and
 * \<any> for the character itself, and `${field;width}` references; a positive width right-aligns,
 * a negative one left-aligns, and either cuts a longer value to that many bytes.
 */
import type { DpkgPackage } from './database';
import { fieldValue } from './fields';

type FormatNode = { kind: 'text'; text: string } | { kind: 'field'; name: string; width: number };

/** The parsed format, or the message of `error in show format: …`. */
export function parseFormat(fmt: string): FormatNode[] | string {
  const nodes: FormatNode[] = [];
  let i = 0;
  while (i < fmt.length) {
    if (fmt[i] === '$' && fmt[i + 1] === '{') {
      const close = fmt.indexOf('}', i);
      if (close < 0) return 'missing closing brace';
      const body = fmt.slice(i + 2, close);
      const semi = body.indexOf(';');
      let width = 0;
      if (semi >= 0) {
        const w = strtol(body.slice(semi + 1));
        if (w.rest !== '') return `invalid character '${w.rest[0]}' in field width`;
        if (w.value < -(2 ** 31) || w.value > 2 ** 31 - 1) return 'field width is out of range';
        width = w.value;
      }
      nodes.push({ kind: 'field', name: semi >= 0 ? body.slice(0, semi) : body, width });
      i = close + 1;
      continue;
    }
    // Literal text runs to the next `${`.
    let end = i + 1;
    while (end < fmt.length && !(fmt[end] === '$' && fmt[end + 1] === '{')) end++;
    nodes.push({ kind: 'text', text: unescape(fmt, i, end) });
    i = end;
  }
  if (!nodes.length) return 'may not be empty string';
  return nodes;
}

/** parsestring: a backslash takes the next character, even one past the run (the `$` of `${`). */
function unescape(fmt: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    if (fmt[i] !== '\\') {
      out += fmt[i];
      continue;
    }
    const c = fmt[++i] ?? '';
    out += c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
    if (c === '') break;
  }
  return out;
}

/** strtol(s, &end, 0): leading blanks, a sign, 0x hex or 0 octal or decimal; `rest` is what follows. */
function strtol(s: string): { value: number; rest: string } {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) return { value: 0, rest: s };
  const digits = m[2];
  const magnitude = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits[0] === '0' ? parseInt(digits, 8) : parseInt(digits, 10);
  return { value: m[1] === '-' ? -magnitude : magnitude, rest: s.slice(m[0].length) };
}

function pad(text: string, width: number): string {
  if (width === 0) return text;
  const bytes = new TextEncoder().encode(text).length;
  const fill = ' '.repeat(Math.max(0, Math.abs(width) - bytes));
  const padded = width > 0 ? fill + text : text + fill;
  return cutBytes(padded, Math.abs(width));
}

function cutBytes(text: string, max: number): string {
  const bytes = new TextEncoder().encode(text);
  return bytes.length <= max ? text : new TextDecoder().decode(bytes.slice(0, max));
}

export function renderFormat(nodes: FormatNode[], pkg: DpkgPackage): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else {
      const value = fieldValue(pkg, node.name);
      if (value !== undefined) out += pad(value, node.width);
    }
  }
  return out;
}
