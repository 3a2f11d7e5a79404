/**
 * go-yaml's (gopkg.in/yaml.v2, through sigs.k8s.io/yaml) syntax errors for the YAML library's: the
 * `yaml: line N: …` that kubectl, kustomize, client-go's kubeconfig loader and the kubelet's static
 * pod reader all print for a file that does not parse. The YAML library names other faults and
 * often counts one line further than go-yaml: these are the closest equivalents.
 */
import type { YAMLError } from 'yaml';

export * from './go-yaml/index';

/** Go yaml's wording for the YAML library's error codes (closest equivalents). */
export function goYamlMessage(code: string, message: string): string {
  if (code === 'BAD_INDENT' && message.startsWith('Flow')) return 'did not find expected node content';
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR') return 'did not find expected key';
  if (code === 'MULTILINE_IMPLICIT_KEY' || code === 'BLOCK_AS_IMPLICIT_KEY') return 'could not find expected \':\'';
  if (code === 'UNEXPECTED_TOKEN') return 'did not find expected <document start>';
  if (code === 'DUPLICATE_KEY') return 'mapping key already defined';
  if (code === 'TAB_AS_INDENT') return 'found character that cannot start any token';
  return 'mapping values are not allowed in this context';
}

/** A misplaced line at the column of a block sequence's dashes: go-yaml wanted another "- ". */
function expectsDash(lines: string[], lineIndex: number): boolean {
  const indent = (l: string) => l.length - l.trimStart().length;
  const at = indent(lines[lineIndex] ?? '');
  for (let i = lineIndex - 1; i >= 0; i--) {
    if (lines[i].trim() === '') continue;
    if (indent(lines[i]) < at) return false;
    if (indent(lines[i]) === at) return /^-( |$)/.test(lines[i].trimStart());
  }
  return false;
}

/**
 * An implicit key the YAML library saw run over two lines: go-yaml scans it as a plain scalar that
 * goes on, and fails on the later line. A key first on its line was a key go-yaml required (at the
 * block's indentation): "could not find expected ':'"; one after "- " or "key: " goes on as a
 * value and meets the next ':' where no mapping value may be.
 */
function multilineKeyError(err: YAMLError, text: string): string {
  const [start, end] = err.linePos ?? [];
  const before = (text.split('\n')[(start?.line ?? 1) - 1] ?? '').slice(0, (start?.col ?? 1) - 1);
  return `yaml: line ${end?.line ?? start?.line ?? 1}: ${before.trim() === '' ? "could not find expected ':'" : 'mapping values are not allowed in this context'}`;
}

const samePlace = (a: YAMLError, b: YAMLError) => a.linePos?.[0]?.line === b.linePos?.[0]?.line && a.linePos?.[0]?.col === b.linePos?.[0]?.col;

/**
 * go-yaml's words and line for the YAML library's error (its line is 1-based like go-yaml's, but
 * often one further). `all`: the document's other errors, when one of them tells more of the same place.
 */
export function goYamlError(err: YAMLError, text: string, all: readonly YAMLError[] = []): string {
  const line = err.linePos?.[0]?.line ?? 1;
  const first = err.message.split('\n')[0];
  if (err.code === 'MISSING_CHAR' && /closing .?quote/.test(first)) return `yaml: line ${line}: found unexpected end of stream`;
  if (err.code === 'TAB_AS_INDENT') return `yaml: line ${line}: found character that cannot start any token`;
  const multiline = err.code === 'MULTILINE_IMPLICIT_KEY' ? err : all.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY' && samePlace(e, err));
  if (multiline) return multilineKeyError(multiline, text);
  if (first.startsWith('Nested mappings')) return `yaml: line ${line}: mapping values are not allowed in this context`;
  // The key's line is over and no ':' came: go-yaml notices on the next line.
  if (first.startsWith('Implicit map keys need to be followed by map values')) return `yaml: line ${line + 1}: could not find expected ':'`;
  const before = Math.max(1, line - 1);
  const unclosed = /^Flow (?:map|sequence) in block collection must be sufficiently indented and end with a ([\]}])/.exec(first);
  if (unclosed) {
    // Right after the bracket or a comma go-yaml wants an item; after an item, the next ',' or the end.
    const lines = text.split('\n').slice(0, line - 1);
    const last = lines.join('\n').trimEnd().slice(-1);
    return `yaml: line ${before}: ${'[{,'.includes(last) && last ? 'did not find expected node content' : `did not find expected ',' or '${unclosed[1]}'`}`;
  }
  if (/^Flow (map|sequence)/.test(first)) return `yaml: line ${before}: did not find expected node content`;
  if (first.startsWith('A block sequence may not be used as an implicit map key')) return `yaml: line ${before}: did not find expected key`;
  if (err.code === 'BAD_INDENT' && expectsDash(text.split('\n'), line - 1)) return `yaml: line ${before}: did not find expected '-' indicator`;
  return `yaml: line ${before}: ${goYamlMessage(err.code, first)}`;
}
