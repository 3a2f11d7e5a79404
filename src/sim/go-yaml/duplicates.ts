/**
 * What yaml.v3 refuses when kustomize turns a resource's node into a map (decode.go): a key given
 * twice in one mapping (decoder.mapping with uniqueKeys: every later key equal to an earlier one,
 * same kind and text, `x` and "x" alike, is "line N: mapping key "x" already defined at line M",
 * and a mapping with such a key is not looked into), or a tag its text does not fit ("cannot
 * decode !!str `x` as a !!timestamp", which ends the decoding at once). The node is written out
 * again first, so the lines are those of kyaml's re-encoding of the document (its own "---" and
 * blank lines gone, a flow collection or a quoted text over several lines on one), and a List's
 * items are re-encoded one by one.
 */
import { parseFirstDocument, type YamlNode } from './decode';
import { scalarValue as decodeScalar } from './resolve';

const isMergeKey = (n: YamlNode) => n.kind === 'scalar' && n.event.value === '<<' && n.event.style === 'plain';

/** The last line a node's text takes (a block scalar's last line of text). */
function lastLine(n: YamlNode, lines: string[]): number {
  if (n.kind === 'scalar') {
    const end = n.event.end ?? n.event.start;
    // A block scalar's token ends where the next line's text starts: that line is not its own.
    let last = end.line > n.event.start.line && /^\s*$/.test((lines[end.line] ?? '').slice(0, end.column)) ? end.line - 1 : end.line;
    while (last > n.event.start.line && /^\s*$/.test(lines[last] ?? '')) last--;
    return last;
  }
  return Math.max(n.event.start.line, ...(n.event.flow && n.end ? [n.end.line] : []), ...n.children.map((c) => lastLine(c, lines)));
}

const scalarValue = (n: YamlNode | undefined) => (n?.kind === 'scalar' ? n.event.value : undefined);

/** The key and value nodes of `key` in a mapping node. */
function field(n: YamlNode, key: string): [YamlNode, YamlNode] | undefined {
  for (let i = 0; i + 1 < n.children.length; i += 2) if (scalarValue(n.children[i]) === key) return [n.children[i], n.children[i + 1]];
  return undefined;
}

/**
 * kustomize rewrites a resource's metadata.annotations before it makes a map of it (its own
 * annotations come and go): the field moves to the end of metadata, one line a distinct key.
 */
interface MovedAnnotations {
  from: number;
  to: number;
  /** The line after which it is written again, and how many lines it takes there. */
  after: number;
  lines: number;
}

function movedAnnotations(resource: YamlNode, lines: string[]): MovedAnnotations | undefined {
  const metadata = resource.kind === 'mapping' ? field(resource, 'metadata')?.[1] : undefined;
  const annotations = metadata?.kind === 'mapping' && !metadata.event.flow ? field(metadata, 'annotations') : undefined;
  if (!metadata || !annotations) return undefined;
  const [key, value] = annotations;
  const keys = new Set(value.kind === 'mapping' ? value.children.filter((_, i) => i % 2 === 0).map((k) => k.event.value) : []);
  return { from: key.event.start.line, to: lastLine(value, lines), after: lastLine(metadata, lines), lines: keys.size ? keys.size + 1 : 0 };
}

/** The line (1-based) each source line (0-based) has in the re-encoded document. */
function reencodedLines(text: string, root: YamlNode, moved: MovedAnnotations[]): (line: number) => number {
  const lines = text.split('\n');
  const dropped = lines.map((l, i) => /^\s*$/.test(l) || (i === 0 && /^---\s*$/.test(l)));
  const walk = (n: YamlNode) => {
    const start = n.event.start.line;
    const end = n.kind === 'scalar' ? n.event.end?.line : n.end?.line;
    if (end !== undefined && end > start) {
      if (n.kind !== 'scalar' ? n.event.flow : n.event.style !== 'literal' && n.event.style !== 'folded') {
        for (let l = start + 1; l <= end; l++) dropped[l] = true;
      } else if (n.kind === 'scalar') {
        // A block scalar keeps its blank lines, not the ones after its last line of text.
        for (let l = start + 1; l < lastLine(n, lines); l++) dropped[l] = false;
      }
    }
    n.children.forEach(walk);
  };
  walk(root);
  const shift = lines.map(() => 0);
  for (const m of moved) {
    for (let l = m.from; l <= m.to; l++) dropped[l] = true;
    for (let l = m.after + 1; l < lines.length; l++) shift[l] += m.lines;
  }
  // A line that is gone (within a flow collection, say) is on the line of the last one kept.
  const kept: number[] = [];
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!dropped[i]) count++;
    kept.push(Math.max(count, 1));
  }
  return (line) => kept[Math.min(line, kept.length - 1)] + shift[line];
}

class TagError extends Error {}

class DuplicateKeys {
  readonly errors: string[] = [];
  private readonly seen = new Set<YamlNode>();
  constructor(
    private readonly lineOf: (line: number) => number,
    /** The annotations mapping kustomize rewrote with distinct keys. */
    private readonly rewritten?: YamlNode,
  ) {}

  check(n: YamlNode): void {
    if (n === this.rewritten) return;
    // An alias's node is looked at once: a "billion laughs" must not run for ever here.
    if (n.kind === 'alias' && n.target) {
      if (this.seen.has(n.target)) return;
      this.seen.add(n.target);
      return this.check(n.target);
    }
    if (n.kind === 'scalar' && n.event.tag) {
      try {
        decodeScalar(n);
      } catch (e) {
        throw new TagError((e as Error).message);
      }
    }
    if (n.kind === 'sequence') return n.children.forEach((c) => this.check(c));
    if (n.kind !== 'mapping') return;
    const keys = n.children.filter((_, i) => i % 2 === 0);
    const before = this.errors.length;
    keys.forEach((ki, i) => {
      for (const kj of keys.slice(i + 1)) {
        if (ki.kind === kj.kind && (ki.event.value ?? '') === (kj.event.value ?? '')) {
          this.errors.push(`line ${this.lineOf(kj.event.start.line)}: mapping key ${JSON.stringify(kj.event.value ?? '')} already defined at line ${this.lineOf(ki.event.start.line)}`);
        }
      }
    });
    if (this.errors.length > before) return;
    for (let i = 0; i + 1 < n.children.length; i += 2) {
      if (isMergeKey(n.children[i])) continue;
      this.check(n.children[i]);
      this.check(n.children[i + 1]);
    }
    for (let i = 0; i + 1 < n.children.length; i += 2) if (isMergeKey(n.children[i])) this.check(n.children[i + 1]);
  }
}

/**
 * kustomize's error for a resource document yaml.v3 parses but cannot make a map of
 * ("map[string]interface {}(nil): yaml: unmarshal errors:\n  line 5: …"); undefined when none.
 */
export function kustomizeMapError(doc: string): string | undefined {
  const parsed = parseFirstDocument(doc, 3);
  if ('error' in parsed || !parsed.root) return undefined;
  const root = parsed.root;
  const lines = doc.split('\n');
  const items = root.kind === 'mapping' && scalarValue(field(root, 'kind')?.[1]) === 'List' ? field(root, 'items')?.[1] : undefined;
  // A List's items become resources of their own, each re-encoded from its first line. (A
  // document's comments above it stay in its re-encoding.)
  const resources = items?.kind === 'sequence' ? items.children : [root];
  const moved = resources.map((r) => movedAnnotations(r, lines));
  const lineOf = reencodedLines(doc, root, moved.filter((m): m is MovedAnnotations => !!m));
  for (const [i, resource] of resources.entries()) {
    const first = items ? lineOf(resource.event.start.line) : 1;
    const annotations = resource.kind === 'mapping' ? field(resource, 'metadata')?.[1] : undefined;
    const check = new DuplicateKeys((line) => lineOf(line) - first + 1, moved[i] && annotations ? field(annotations, 'annotations')?.[1] : undefined);
    try {
      check.check(resource);
    } catch (e) {
      if (e instanceof TagError) return `map[string]interface {}(nil): yaml: ${e.message}`;
      throw e;
    }
    if (check.errors.length) return `map[string]interface {}(nil): yaml: unmarshal errors:\n  ${check.errors.join('\n  ')}`;
  }
  return undefined;
}
