/**
 * YAML as kubectl prints it: sigs.k8s.io/yaml turns the object into JSON and go-yaml v2 emits it,
 * so map keys are sorted, sequences sit at their parent's indentation, strings are plain when
 * YAML 1.1 would read them back as the same string and quoted (single, else double) otherwise,
 * multi-line strings are literal blocks, and long scalars fold at spaces past column 80.
 */
import { goTimestampJson } from './timestamp';
import { goFormatFloat } from '../go-float';

const BEST_WIDTH = 80;

/** Would go-yaml v2 read this plain scalar back as something other than a string? */
export function resolvesToNonString(s: string): boolean {
  if (s === '' || s === '~') return true;
  if (/^(null|Null|NULL)$/.test(s)) return true;
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s)) return true;
  if (/^[-+]?(\.inf|\.Inf|\.INF)$/.test(s) || /^(\.nan|\.NaN|\.NAN)$/.test(s)) return true;
  const first = s[0];
  if (!/[-+.0-9]/.test(first)) return false;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0b[01]+|0x[0-9a-fA-F]+|0o[0-7]+|[0-9]+)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  // base 60 floats (yaml.v2 quotes them for YAML 1.1 readers)
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true;
  // timestamps: what Go's time.Parse reads with go-yaml's layouts (a real date, no space before a zone)
  return goTimestampJson(s) !== undefined;
}

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

/** go-yaml's is_printable: a line feed but no tab or carriage return (those make a string double-quoted). */
function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (
    c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 ||
    (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || (c >= 0x10000 && c <= 0x10ffff)
  );
}

/** libyaml's yaml_emitter_analyze_scalar. */
function analyze(value: string): Analysis {
  if (value.length === 0) return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  let blockIndicators = false;
  let flowIndicators = false;
  if (value.startsWith('---') || value.startsWith('...')) blockIndicators = flowIndicators = true;
  let lineBreaks = false, special = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
  let precededByWhitespace = true;
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) flowIndicators = blockIndicators = true;
      if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (ch === '-' && followedByWhitespace) flowIndicators = blockIndicators = true;
    } else {
      if (',?[]{}'.includes(ch)) flowIndicators = true;
      if (ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (ch === '#' && precededByWhitespace) flowIndicators = blockIndicators = true;
    }
    if (!isPrintable(ch)) special = true;
    const isBreak = ch === '\n' || ch === '\r';
    if (isBreak) lineBreaks = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = previousBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || isBreak;
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.singleQuoted = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.singleQuoted = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowIndicators) a.flowPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function chooseStyle(s: string, simpleKey: boolean): Style {
  let style: Style = 'plain';
  if (!isValidUtf16(s)) style = 'double';
  else if (s.includes('\n')) style = 'literal';
  else if (resolvesToNonString(s)) style = 'double';
  const a = analyze(s);
  if (style === 'plain') {
    if (!a.blockPlain || (s.length === 0 && simpleKey)) style = 'single';
  }
  if (style === 'single' && !a.singleQuoted) style = 'double';
  if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
  return style;
}

function isValidUtf16(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/** Writes text, tracking the column for folding decisions. */
class Out {
  parts: string[] = [];
  column = 0;
  write(s: string): void {
    this.parts.push(s);
    const nl = s.lastIndexOf('\n');
    this.column = nl >= 0 ? [...s.slice(nl + 1)].length : this.column + [...s].length;
  }
  newline(indent: number): void {
    this.write('\n' + ' '.repeat(indent));
  }
}

function writePlain(out: Out, s: string, indent: number, allowBreaks: boolean): void {
  const chars = [...s];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === ' ') {
      if (allowBreaks && !spaces && out.column > BEST_WIDTH && chars[i + 1] !== ' ') out.newline(indent);
      else out.write(ch);
      spaces = true;
    } else {
      out.write(ch);
      spaces = false;
    }
  }
}

function writeSingle(out: Out, s: string, indent: number, allowBreaks: boolean): void {
  out.write("'");
  const chars = [...s];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === ' ') {
      if (allowBreaks && !spaces && out.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') {
        out.newline(indent);
      } else out.write(ch);
      spaces = true;
    } else {
      out.write(ch === "'" ? "''" : ch);
      spaces = false;
    }
  }
  out.write("'");
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\x0b': '\\v', '\f': '\\f', '\r': '\\r',
  '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\x85': '\\N', '\xa0': '\\_', '\u2028': '\\L', '\u2029': '\\P',
};

function writeDouble(out: Out, s: string, indent: number, allowBreaks: boolean): void {
  out.write('"');
  const chars = [...s];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const code = ch.codePointAt(0)!;
    if (!isPrintable(ch) || ch === '\ufeff' || DOUBLE_ESCAPES[ch] !== undefined) {
      const esc = DOUBLE_ESCAPES[ch];
      if (esc) out.write(esc);
      else if (code <= 0xff) out.write('\\x' + code.toString(16).toUpperCase().padStart(2, '0'));
      else if (code <= 0xffff) out.write('\\u' + code.toString(16).toUpperCase().padStart(4, '0'));
      else out.write('\\U' + code.toString(16).toUpperCase().padStart(8, '0'));
      spaces = false;
    } else if (ch === ' ') {
      if (allowBreaks && !spaces && out.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        out.newline(indent);
        if (chars[i + 1] === ' ') out.write('\\');
      } else out.write(ch);
      spaces = true;
    } else {
      out.write(ch);
      spaces = false;
    }
  }
  out.write('"');
}

function writeLiteral(out: Out, s: string, indent: number): void {
  let header = '|';
  if (s.startsWith(' ') || s.startsWith('\n')) header += '2';
  if (!s.endsWith('\n')) header += '-';
  else if (s.length >= 2 && s.endsWith('\n\n')) header += '+';
  else if (s === '\n') header += '+';
  out.write(header);
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  for (const line of body.split('\n')) {
    if (line === '') out.write('\n');
    else out.write('\n' + ' '.repeat(indent) + line);
  }
  out.write('\n');
}

function writeScalarString(out: Out, s: string, indent: number, simpleKey: boolean): boolean {
  const style = chooseStyle(s, simpleKey);
  switch (style) {
    case 'plain':
      writePlain(out, s, indent, !simpleKey);
      return false;
    case 'single':
      writeSingle(out, s, indent, !simpleKey);
      return false;
    case 'double':
      writeDouble(out, s, indent, !simpleKey);
      return false;
    default:
      writeLiteral(out, s, indent);
      return true;
  }
}

/**
 * A number as go-yaml writes what it read from encoding/json's text: digits it reads as an int
 * (a whole number an int64 holds), anything else a float64 in strconv's 'g' form (1e-05, 1e+21).
 */
function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return String(n);
  return goFormatFloat(n);
}

function isEmptyCollection(v: unknown): boolean {
  return (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Writes an inline value after "key: " or "- "; returns true when it already ended the line. */
function writeInline(out: Out, v: unknown, indent: number): boolean {
  if (v === null || v === undefined) out.write('null');
  else if (typeof v === 'boolean') out.write(v ? 'true' : 'false');
  else if (typeof v === 'number') out.write(formatNumber(v));
  else if (typeof v === 'string') return writeScalarString(out, v, indent, false);
  else if (Array.isArray(v)) out.write('[]');
  else out.write('{}');
  return false;
}

function writeMap(out: Out, map: Record<string, unknown>, indent: number, sortKeys: boolean, firstInline: boolean): void {
  const keys = Object.keys(map).filter((k) => map[k] !== undefined);
  if (sortKeys) keys.sort(compareKeys);
  keys.forEach((key, i) => {
    if (!(i === 0 && firstInline)) out.write(' '.repeat(indent));
    writeScalarString(out, key, indent, true);
    out.write(':');
    const v = map[key];
    if (isMap(v) && !isEmptyCollection(v)) {
      out.write('\n');
      writeMap(out, v, indent + 2, sortKeys, false);
    } else if (Array.isArray(v) && v.length > 0) {
      out.write('\n');
      writeSeq(out, v, indent, sortKeys);
    } else {
      out.write(' ');
      if (!writeInline(out, v, indent + 2)) out.write('\n');
    }
  });
}

function writeSeq(out: Out, seq: unknown[], indent: number, sortKeys: boolean): void {
  for (const item of seq) {
    out.write(' '.repeat(indent) + '-');
    if (isMap(item) && !isEmptyCollection(item)) {
      out.write(' ');
      writeMap(out, item, indent + 2, sortKeys, true);
    } else if (Array.isArray(item) && item.length > 0) {
      out.write(' ');
      // nested sequence: go-yaml writes "- - a" with the inner items indented
      const inner = new Out();
      writeSeq(inner, item, indent + 2, sortKeys);
      out.write(inner.parts.join('').slice(indent + 2));
    } else {
      out.write(' ');
      if (!writeInline(out, item, indent + 2)) out.write('\n');
    }
  }
}

/** Go sorts map keys bytewise. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Render a value (an object, usually) as kubectl's YAML printer does. */
export function toYaml(value: unknown, options: { sortKeys?: boolean } = {}): string {
  const sortKeys = options.sortKeys ?? true;
  const out = new Out();
  const v = JSON.parse(JSON.stringify(value ?? null)) as unknown;
  if (isMap(v) && !isEmptyCollection(v)) writeMap(out, v, 0, sortKeys, false);
  else if (Array.isArray(v) && v.length > 0) writeSeq(out, v, 0, sortKeys);
  else if (!writeInline(out, v, 0)) out.write('\n');
  return out.parts.join('');
}
