/**
 * How k8s.io/apimachinery/pkg/util/yaml cuts a YAML stream into documents before go-yaml sees
 * them (YAMLToJSONDecoder over YAMLReader over LineReader, v0.33): line by line (bufio's ReadLine
 * drops "\n" and "\r\n", each line gets "\n" back, an unterminated last line too), a line
 * starting with "---" ends the document when nothing but blanks or a comment follows, and is an
 * error otherwise; one that opens a document is left in it. So go-yaml never sees CRLF, and its line numbers count from the document's start.
 */

export type StreamPiece = { doc: string } | { error: string };

/** Unicode spaces as Go's strings.TrimSpace knows them. */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** The documents of a stream in order; an error piece ends it. Empty documents are not returned. */
export function splitYamlStream(text: string): StreamPiece[] {
  const out: StreamPiece[] = [];
  const lines = text.split('\n');
  // A final "\n" leaves no last line: ReadLine reports EOF there.
  if (lines[lines.length - 1] === '') lines.pop();
  const all = lines.map((l) => l + '\n');
  let buffer = '';
  for (let line of all) {
    if (line.endsWith('\r\n')) line = line.slice(0, -2) + '\n';
    if (line.startsWith('---')) {
      const rest = line.slice(3).replace(GO_SPACE, '');
      if (rest && rest[0] !== '#') {
        out.push({ error: `invalid Yaml document separator: ${rest}` });
        return out;
      }
      if (buffer) {
        out.push({ doc: buffer });
        buffer = '';
        continue;
      }
      // A separator opening a document stays in it: go-yaml sees "---" and counts its line.
    }
    buffer += line;
  }
  if (buffer) out.push({ doc: buffer });
  return out;
}

/** Whether the stream is read as JSON (its first non-space character is '{'). */
export function isJsonStream(text: string): boolean {
  return /^\s*\{/.test(text);
}
