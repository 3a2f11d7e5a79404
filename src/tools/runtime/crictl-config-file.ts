/**
 * crictl's own config file, /etc/crictl.yaml, read and written as cri-tools v1.33 does
 * (pkg/common/file.go): yaml.v3 parses it into a node tree, each key of the top mapping must be
 * one of six options, and a write sets the value of every node of that key in place (keeping its
 * quoting and tag) and appends the options the file lacks, then marshals the tree again.
 */
import { parseFirstDocument, type YamlNode } from '../../sim/go-yaml/decode';
import { resolvePlain } from '../../sim/go-yaml/resolve';

export const CRICTL_OPTIONS = ['runtime-endpoint', 'image-endpoint', 'timeout', 'debug', 'pull-image-on-create', 'disable-pull-on-run'] as const;
export type CrictlOption = (typeof CRICTL_OPTIONS)[number];

export interface CrictlConfig {
  'runtime-endpoint': string;
  'image-endpoint': string;
  timeout: number;
  debug: boolean;
  'pull-image-on-create': boolean;
  'disable-pull-on-run': boolean;
}

type Style = 'plain' | 'single' | 'double' | 'literal' | 'folded';

/** One scalar of the file as yaml.v3's Node keeps it: text, quoting, tag (resolved or explicit). */
interface ScalarNode {
  value: string;
  style: Style;
  tag: string;
  /** Whether the tag was written in the file (TaggedStyle: the encoder writes it back). */
  explicitTag: boolean;
}

interface Pair {
  key: ScalarNode;
  value: ScalarNode;
  /** Comment lines just above the key. */
  head: string[];
  /** The comment after the value on its line. */
  line?: string;
}

/** The file as the config code holds it: its pairs (in order) and the options they give. */
export interface CrictlConfigFile {
  config: CrictlConfig;
  pairs: Pair[];
  /** A comment block at the top, apart from the first key (the document's head comment). */
  docHead: string[];
  /** Comment lines after the last key. */
  foot: string[];
}

export const defaultCrictlConfig = (): CrictlConfig => ({ 'runtime-endpoint': '', 'image-endpoint': '', timeout: 0, debug: false, 'pull-image-on-create': false, 'disable-pull-on-run': false });

const TAG = 'tag:yaml.org,2002:';
const shortTag = (t: string) => (t.startsWith(TAG) ? `!!${t.slice(TAG.length)}` : t);

/** What yaml.v3 resolves a plain text to (resolve.go): YAML 1.2's null and booleans, Go's numbers, timestamps. */
export function yamlV3Tag(text: string): string {
  if (['', '~', 'null', 'Null', 'NULL'].includes(text)) return '!!null';
  if (['true', 'True', 'TRUE', 'false', 'False', 'FALSE'].includes(text)) return '!!bool';
  if (text === '<<') return '!!merge';
  if (/^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/.test(text)) return '!!float';
  if (/^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?(Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)?$/.test(text)) return '!!timestamp';
  if (/^[-+.0-9]/.test(text)) {
    const v = resolvePlain(text);
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map)) return 'int' in v ? '!!int' : '!!float';
  }
  return '!!str';
}

/** Go's strconv.Atoi. */
function atoi(s: string): number | undefined {
  if (!/^[-+]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? Number(n) : undefined;
}

/** Go's strconv.ParseBool. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

export const atoiError = (s: string) => (atoi(s) === undefined ? `strconv.Atoi: parsing ${JSON.stringify(s)}: ${/^[-+]?[0-9]+$/.test(s) ? 'value out of range' : 'invalid syntax'}` : undefined);
export const parseBoolError = (s: string) => `strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax`;

/**
 * One option's value into the config (setValue and getConfigOptions share the conversions);
 * the conversion's error otherwise.
 */
export function applyOption(config: CrictlConfig, key: CrictlOption, value: string): string | undefined {
  if (key === 'runtime-endpoint' || key === 'image-endpoint') config[key] = value;
  else if (key === 'timeout') {
    const n = atoi(value);
    if (n === undefined) return atoiError(value);
    config.timeout = n;
  } else {
    const b = parseGoBool(value);
    if (b === undefined) return parseBoolError(value);
    config[key] = b;
  }
  return undefined;
}

export const isCrictlOption = (k: string): k is CrictlOption => (CRICTL_OPTIONS as readonly string[]).includes(k);

function scalarOf(n: YamlNode): ScalarNode {
  if (n.kind === 'alias') return { value: n.event.anchor ?? '', style: 'plain', tag: '', explicitTag: false };
  if (n.kind !== 'scalar') return { value: '', style: 'plain', tag: n.kind === 'mapping' ? '!!map' : '!!seq', explicitTag: false };
  const style = (n.event.style ?? 'plain') as Style;
  const explicit = n.event.tag && n.event.tag !== '!' ? shortTag(n.event.tag) : '';
  const value = n.event.value ?? '';
  return { value, style, tag: explicit || (style === 'plain' ? yamlV3Tag(value) : '!!str'), explicitTag: !!explicit };
}

/** The comments of the file's lines, by line: full-line ones and those after a value. */
function comments(text: string): { full: Map<number, string>; trailing: Map<number, string>; blank: Set<number> } {
  const full = new Map<number, string>();
  const trailing = new Map<number, string>();
  const blank = new Set<number>();
  text.split('\n').forEach((line, i) => {
    if (/^\s*#/.test(line)) full.set(i, line.trim());
    else if (/^\s*$/.test(line)) blank.add(i);
    else {
      // A '#' after a blank, outside quotes, starts a comment.
      let quote = '';
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '#' && /\s/.test(line[j - 1] ?? ' ')) {
          trailing.set(i, line.slice(j).trim());
          break;
        }
      }
    }
  });
  return { full, trailing, blank };
}

/**
 * ReadConfig: the file's text into its options, or the error (yaml.v3's, or the option check's:
 * "Config option 'x' is not valid", "parsing config option 'timeout': strconv.Atoi: …").
 */
export function readCrictlConfig(text: string): CrictlConfigFile | { error: string } {
  const parsed = parseFirstDocument(text, 3);
  if ('error' in parsed) return { error: parsed.error.goMessage(3) };
  const file: CrictlConfigFile = { config: defaultCrictlConfig(), pairs: [], docHead: [], foot: [] };
  const root = parsed.root;
  // getConfigOptions reads the top node's children two by two: a scalar's are none.
  if (!root || root.kind === 'scalar' || root.kind === 'alias') return file;
  const { full, trailing, blank } = comments(text);
  let lastLine = -1;
  for (let i = 0; i + 1 < root.children.length; i += 2) {
    const key = scalarOf(root.children[i]);
    const value = scalarOf(root.children[i + 1]);
    if (!isCrictlOption(key.value)) return { error: `Config option '${key.value}' is not valid` };
    const error = applyOption(file.config, key.value, value.value);
    if (error) return { error: `parsing config option '${key.value}': ${error}` };
    const keyLine = root.children[i].event.start.line;
    const head: string[] = [];
    for (let l = keyLine - 1; l > lastLine && full.has(l); l--) head.unshift(full.get(l)!);
    // The first key's comments, apart from it by a blank line, belong to the document.
    if (i === 0 && head.length === 0) {
      let l = keyLine - 1;
      while (l >= 0 && blank.has(l)) l--;
      const top: string[] = [];
      for (; l >= 0 && full.has(l); l--) top.unshift(full.get(l)!);
      file.docHead = top;
    }
    file.pairs.push({ key, value, head, line: trailing.get(root.children[i + 1].event.start.line) });
    lastLine = root.children[i + 1].event.start.line;
  }
  const lines = text.split('\n');
  for (let l = lastLine + 1; l < lines.length; l++) if (full.has(l)) file.foot.push(full.get(l)!);
  return file;
}

/** The tag setConfigOption gives a new option's value. */
const NEW_TAG: Record<CrictlOption, string> = { 'runtime-endpoint': '!!str', 'image-endpoint': '!!str', timeout: '!!int', debug: '!!bool', 'pull-image-on-create': '!!bool', 'disable-pull-on-run': '!!bool' };

const optionText = (config: CrictlConfig, k: CrictlOption) => String(config[k]);

/** setConfigOptions: every option's value into its nodes, missing options appended. */
function setOptions(file: CrictlConfigFile): void {
  for (const k of CRICTL_OPTIONS) {
    const pairs = file.pairs.filter((p) => p.key.value === k);
    for (const p of pairs) p.value = { ...p.value, value: optionText(file.config, k) };
    if (!pairs.length) file.pairs.push({ key: { value: k, style: 'plain', tag: '!!str', explicitTag: false }, value: { value: optionText(file.config, k), style: 'plain', tag: NEW_TAG[k], explicitTag: false }, head: [] });
  }
}

/** Whether libyaml's emitter may write the text plain in block context (yaml_emitter_analyze_scalar). */
function plainAllowed(s: string): boolean {
  if (s === '' || /^\s|\s$/.test(s) || /[\n\r\u0085\u2028\u2029]/.test(s)) return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (/^[#,[\]{}&*!|>'"%@`]/.test(s)) return false;
  if (/^[-?:](\s|$)/.test(s)) return false;
  if (/:(\s|$)/.test(s) || /\s#/.test(s)) return false;
  // Characters the emitter would escape.
  return !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]/.test(s);
}

const singleQuoted = (s: string) => `'${s.replace(/'/g, "''")}'`;
const doubleQuoted = (s: string) =>
  `"${s.replace(/[\\"\x00-\x1f\x7f]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\0': '\\0' })[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`)}"`;

/**
 * One scalar as yaml.v3's encoder writes a node: a tag the text would resolve to anyway is
 * dropped; a str the text would not resolve to is quoted; the node's own quoting is kept.
 */
function emitScalar(n: ScalarNode): string {
  let tag = n.tag;
  let force = false;
  // A tag written in the file (TaggedStyle) is written back as it is.
  if (!n.explicitTag) {
    if (tag === '!!str' && n.style !== 'plain') tag = '';
    else if (yamlV3Tag(n.value) === tag) tag = '';
    else if (tag === '!!str') {
      tag = '';
      force = true;
    }
  }
  let text: string;
  if (n.style === 'double' || (force && n.style === 'plain')) text = doubleQuoted(n.value);
  else if (n.style === 'single') text = singleQuoted(n.value);
  else text = plainAllowed(n.value) ? n.value : singleQuoted(n.value);
  return tag ? `${tag} ${text}` : text;
}

/** WriteConfig's text: the options set into the file's nodes, marshalled. */
export function writeCrictlConfig(file: CrictlConfigFile): string {
  setOptions(file);
  const out: string[] = [];
  if (file.docHead.length) out.push(...file.docHead, '');
  for (const p of file.pairs) {
    out.push(...p.head);
    out.push(`${emitScalar(p.key)}: ${emitScalar(p.value)}${p.line ? ` ${p.line}` : ''}`);
  }
  if (file.foot.length) out.push('', ...file.foot);
  return out.join('\n') + '\n';
}

/** A fresh file as WriteConfig(nil) writes it: every option at its zero value. */
export function emptyCrictlConfigFile(): CrictlConfigFile {
  return { config: defaultCrictlConfig(), pairs: [], docHead: [], foot: [] };
}
