/**
 * yaml.Unmarshal's reading of its input (gopkg.in/yaml.v2 decode.go, yaml.go), as far as errors
 * go: the reader's check of the characters (as the scanner reaches them, reader.ts), then the
 * events of the FIRST document only (what follows it is never scanned past the next token),
 * aliases resolved against the anchors seen so far, then the decoder's own failures. The first error wins, with go-yaml's text.
 */
import { GoYamlSyntaxError, type Mark } from './error';
import { Parser, type YamlEvent } from './parser';
import { readInput } from './reader';
import { Scanner } from './scanner';

export interface YamlNode {
  kind: 'scalar' | 'mapping' | 'sequence' | 'alias';
  event: YamlEvent;
  children: YamlNode[];
  /** For an alias: the node its anchor named. */
  target?: YamlNode;
  /** For a collection: where its end event starts. */
  end?: Mark;
}

class EventReader {
  private event: YamlEvent | undefined;
  private readonly anchors = new Map<string, YamlNode>();

  constructor(private readonly parser: Parser) {}

  peek(): YamlEvent {
    this.event ??= this.parser.next();
    if (!this.event) throw new GoYamlSyntaxError('decoder', 'attempted to go past the end of stream; corrupted value?', undefined);
    return this.event;
  }

  take(): YamlEvent {
    const e = this.peek();
    this.event = undefined;
    return e;
  }

  private anchor(node: YamlNode): YamlNode {
    if (node.event.anchor) this.anchors.set(node.event.anchor, node);
    return node;
  }

  /** One node and everything in it (parser.parse). */
  node(): YamlNode {
    const e = this.peek();
    if (e.type === 'Scalar') return this.anchor({ kind: 'scalar', event: this.take(), children: [] });
    if (e.type === 'Alias') {
      const target = this.anchors.get(e.anchor ?? '');
      if (!target) throw new GoYamlSyntaxError('decoder', `unknown anchor '${e.anchor}' referenced`, undefined);
      return { kind: 'alias', event: this.take(), children: [], target };
    }
    const kind = e.type === 'MappingStart' ? 'mapping' : 'sequence';
    const node = this.anchor({ kind, event: this.take(), children: [] });
    const end = kind === 'mapping' ? 'MappingEnd' : 'SequenceEnd';
    while (this.peek().type !== end) node.children.push(this.node());
    node.end = this.take().start;
    return node;
  }
}

/** The first document's root node (undefined for an empty stream), or go-yaml's error. */
export function parseFirstDocument(text: string, version: 2 | 3 = 2): { root: YamlNode | undefined } | { error: GoYamlSyntaxError } {
  try {
    const { codePoints, chunks } = readInput(text);
    const events = new EventReader(new Parser(new Scanner(codePoints, version === 3 ? 2 : 0, chunks)));
    events.take(); // STREAM-START
    if (events.peek().type === 'StreamEnd') return { root: undefined };
    events.take(); // DOCUMENT-START
    const root = events.node();
    events.take(); // DOCUMENT-END
    return { root };
  } catch (e) {
    if (e instanceof GoYamlSyntaxError) return { error: e };
    throw e;
  }
}
