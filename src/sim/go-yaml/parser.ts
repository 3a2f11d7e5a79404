/**
 * go-yaml v2's parser (parserc.go): the state machine that turns tokens into events, one event per
 * call, asking the scanner for tokens only as it needs them. Its errors carry the token's start as
 * the problem mark (printed one line early, see error.ts) and the collection's start as context.
 */
import { GoYamlSyntaxError, type Mark } from './error';
import type { Scanner } from './scanner';
import { T, type ScalarStyle, type Token } from './tokens';

export type EventType = 'StreamStart' | 'StreamEnd' | 'DocumentStart' | 'DocumentEnd' | 'Alias' | 'Scalar' | 'SequenceStart' | 'SequenceEnd' | 'MappingStart' | 'MappingEnd';

export interface YamlEvent {
  type: EventType;
  start: Mark;
  anchor?: string;
  tag?: string;
  value?: string;
  style?: ScalarStyle;
  /** A scalar's end (its token's). */
  end?: Mark;
  /** A collection written in flow style ([…], {…}). */
  flow?: boolean;
}

const enum S {
  StreamStart,
  ImplicitDocumentStart,
  DocumentStart,
  DocumentContent,
  DocumentEnd,
  BlockNode,
  BlockNodeOrIndentlessSequence,
  FlowNode,
  BlockSequenceFirstEntry,
  BlockSequenceEntry,
  IndentlessSequenceEntry,
  BlockMappingFirstKey,
  BlockMappingKey,
  BlockMappingValue,
  FlowSequenceFirstEntry,
  FlowSequenceEntry,
  FlowSequenceEntryMappingKey,
  FlowSequenceEntryMappingValue,
  FlowSequenceEntryMappingEnd,
  FlowMappingFirstKey,
  FlowMappingKey,
  FlowMappingValue,
  FlowMappingEmptyValue,
  End,
}

const DEFAULT_TAGS: [string, string][] = [
  ['!', '!'],
  ['!!', 'tag:yaml.org,2002:'],
];

export class Parser {
  private state = S.StreamStart;
  private readonly states: S[] = [];
  private readonly marks: Mark[] = [];
  private tagDirectives: [string, string][] = [];

  constructor(private readonly s: Scanner) {}

  private error(problem: string, problemMark: Mark, context = '', contextMark?: Mark): never {
    throw new GoYamlSyntaxError('parser', problem, problemMark, context, contextMark);
  }

  private peek(): Token {
    return this.s.peek();
  }

  private skip(): void {
    this.s.skipToken();
  }

  private pop(): void {
    this.state = this.states.pop()!;
  }

  /** The next event, or undefined once the stream has ended. */
  next(): YamlEvent | undefined {
    if (this.s.streamEndProduced || this.state === S.End) return undefined;
    return this.handlers[this.state]();
  }

  private readonly handlers: Record<S, () => YamlEvent> = {
    [S.StreamStart]: () => {
      const t = this.peek();
      if (t.type !== T.StreamStart) this.error('did not find expected <stream-start>', t.start);
      this.state = S.ImplicitDocumentStart;
      this.skip();
      return { type: 'StreamStart', start: t.start };
    },
    [S.ImplicitDocumentStart]: () => this.documentStart(true),
    [S.DocumentStart]: () => this.documentStart(false),
    [S.DocumentContent]: () => {
      const t = this.peek();
      if ([T.VersionDirective, T.TagDirective, T.DocumentStart, T.DocumentEnd, T.StreamEnd].includes(t.type)) {
        this.pop();
        return this.emptyScalar(t.start);
      }
      return this.node(true, false);
    },
    [S.DocumentEnd]: () => {
      const t = this.peek();
      if (t.type === T.DocumentEnd) this.skip();
      this.tagDirectives = [];
      this.state = S.DocumentStart;
      return { type: 'DocumentEnd', start: t.start };
    },
    [S.BlockNode]: () => this.node(true, false),
    [S.BlockNodeOrIndentlessSequence]: () => this.node(true, true),
    [S.FlowNode]: () => this.node(false, false),
    [S.BlockSequenceFirstEntry]: () => this.blockSequenceEntry(true),
    [S.BlockSequenceEntry]: () => this.blockSequenceEntry(false),
    [S.IndentlessSequenceEntry]: () => this.indentlessSequenceEntry(),
    [S.BlockMappingFirstKey]: () => this.blockMappingKey(true),
    [S.BlockMappingKey]: () => this.blockMappingKey(false),
    [S.BlockMappingValue]: () => this.blockMappingValue(),
    [S.FlowSequenceFirstEntry]: () => this.flowSequenceEntry(true),
    [S.FlowSequenceEntry]: () => this.flowSequenceEntry(false),
    [S.FlowSequenceEntryMappingKey]: () => this.flowSequenceEntryMappingKey(),
    [S.FlowSequenceEntryMappingValue]: () => this.flowSequenceEntryMappingValue(),
    [S.FlowSequenceEntryMappingEnd]: () => {
      const t = this.peek();
      this.state = S.FlowSequenceEntry;
      return { type: 'MappingEnd', start: t.start };
    },
    [S.FlowMappingFirstKey]: () => this.flowMappingKey(true),
    [S.FlowMappingKey]: () => this.flowMappingKey(false),
    [S.FlowMappingValue]: () => this.flowMappingValue(false),
    [S.FlowMappingEmptyValue]: () => this.flowMappingValue(true),
    [S.End]: () => {
      throw new Error('go-yaml parser: no event after the end');
    },
  };

  private emptyScalar(mark: Mark): YamlEvent {
    return { type: 'Scalar', start: mark, value: '', style: 'plain' };
  }

  private documentStart(implicit: boolean): YamlEvent {
    let t = this.peek();
    if (!implicit) {
      while (t.type === T.DocumentEnd) {
        this.skip();
        t = this.peek();
      }
    }
    if (implicit && ![T.VersionDirective, T.TagDirective, T.DocumentStart, T.StreamEnd].includes(t.type)) {
      this.processDirectives();
      this.states.push(S.DocumentEnd);
      this.state = S.BlockNode;
      return { type: 'DocumentStart', start: t.start };
    }
    if (t.type === T.StreamEnd) {
      this.state = S.End;
      this.skip();
      return { type: 'StreamEnd', start: t.start };
    }
    const start = t.start;
    this.processDirectives();
    t = this.peek();
    if (t.type !== T.DocumentStart) this.error('did not find expected <document start>', t.start);
    this.states.push(S.DocumentEnd);
    this.state = S.DocumentContent;
    this.skip();
    return { type: 'DocumentStart', start };
  }

  private processDirectives(): void {
    let t = this.peek();
    let version = false;
    while (t.type === T.VersionDirective || t.type === T.TagDirective) {
      if (t.type === T.VersionDirective) {
        if (version) this.error('found duplicate %YAML directive', t.start);
        if (t.major !== 1 || t.minor !== 1) this.error('found incompatible YAML document', t.start);
        version = true;
      } else this.appendTagDirective(t.value ?? '', t.suffix ?? '', false, t.start);
      this.skip();
      t = this.peek();
    }
    for (const [handle, prefix] of DEFAULT_TAGS) this.appendTagDirective(handle, prefix, true, t.start);
  }

  private appendTagDirective(handle: string, prefix: string, allowDuplicates: boolean, mark: Mark): void {
    if (this.tagDirectives.some(([h]) => h === handle)) {
      if (allowDuplicates) return;
      this.error('found duplicate %TAG directive', mark);
    }
    this.tagDirectives.push([handle, prefix]);
  }

  private node(block: boolean, indentlessSequence: boolean): YamlEvent {
    let t = this.peek();
    if (t.type === T.Alias) {
      this.pop();
      this.skip();
      return { type: 'Alias', start: t.start, anchor: t.value };
    }
    const start = t.start;
    let anchor: string | undefined;
    let tagToken: Token | undefined;
    const takeAnchor = () => {
      anchor = t.value;
      this.skip();
      t = this.peek();
    };
    const takeTag = () => {
      tagToken = t;
      this.skip();
      t = this.peek();
    };
    // An anchor and a tag, in either order.
    const first = t.type;
    if (first === T.Anchor) takeAnchor();
    else if (first === T.Tag) takeTag();
    if (first === T.Anchor && (t.type as T) === T.Tag) takeTag();
    else if (first === T.Tag && (t.type as T) === T.Anchor) takeAnchor();
    let tag: string | undefined;
    if (tagToken) {
      if (!tagToken.value) tag = tagToken.suffix;
      else {
        const directive = this.tagDirectives.find(([h]) => h === tagToken!.value);
        if (directive) tag = directive[1] + (tagToken.suffix ?? '');
        if (!tag) this.error('found undefined tag handle', tagToken.start, 'while parsing a node', start);
      }
    }
    if (indentlessSequence && t.type === T.BlockEntry) {
      this.state = S.IndentlessSequenceEntry;
      return { type: 'SequenceStart', start, anchor, tag };
    }
    if (t.type === T.Scalar) {
      this.pop();
      this.skip();
      return { type: 'Scalar', start, anchor, tag, value: t.value, style: t.style, end: t.end };
    }
    const collections: [T, S, EventType][] = [
      [T.FlowSequenceStart, S.FlowSequenceFirstEntry, 'SequenceStart'],
      [T.FlowMappingStart, S.FlowMappingFirstKey, 'MappingStart'],
      ...(block
        ? ([
            [T.BlockSequenceStart, S.BlockSequenceFirstEntry, 'SequenceStart'],
            [T.BlockMappingStart, S.BlockMappingFirstKey, 'MappingStart'],
          ] as [T, S, EventType][])
        : []),
    ];
    const collection = collections.find(([type]) => type === t.type);
    if (collection) {
      this.state = collection[1];
      return { type: collection[2], start, anchor, tag, flow: t.type === T.FlowSequenceStart || t.type === T.FlowMappingStart };
    }
    if (anchor !== undefined || tag) {
      this.pop();
      return { type: 'Scalar', start, anchor, tag, value: '', style: 'plain' };
    }
    this.error('did not find expected node content', t.start, block ? 'while parsing a block node' : 'while parsing a flow node', start);
  }

  /** The first call of a collection's state: its start token's mark is the context of its errors. */
  private enter(first: boolean): void {
    if (!first) return;
    this.marks.push(this.peek().start);
    this.skip();
  }

  private blockSequenceEntry(first: boolean): YamlEvent {
    this.enter(first);
    let t = this.peek();
    if (t.type === T.BlockEntry) {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (t.type !== T.BlockEntry && t.type !== T.BlockEnd) {
        this.states.push(S.BlockSequenceEntry);
        return this.node(true, false);
      }
      this.state = S.BlockSequenceEntry;
      return this.emptyScalar(mark);
    }
    const context = this.marks.pop()!;
    if (t.type === T.BlockEnd) {
      this.pop();
      this.skip();
      return { type: 'SequenceEnd', start: t.start };
    }
    this.error("did not find expected '-' indicator", t.start, 'while parsing a block collection', context);
  }

  private indentlessSequenceEntry(): YamlEvent {
    let t = this.peek();
    if (t.type === T.BlockEntry) {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (![T.BlockEntry, T.Key, T.Value, T.BlockEnd].includes(t.type)) {
        this.states.push(S.IndentlessSequenceEntry);
        return this.node(true, false);
      }
      this.state = S.IndentlessSequenceEntry;
      return this.emptyScalar(mark);
    }
    this.pop();
    return { type: 'SequenceEnd', start: t.start };
  }

  private blockMappingKey(first: boolean): YamlEvent {
    this.enter(first);
    let t = this.peek();
    if (t.type === T.Key) {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (![T.Key, T.Value, T.BlockEnd].includes(t.type)) {
        this.states.push(S.BlockMappingValue);
        return this.node(true, true);
      }
      this.state = S.BlockMappingValue;
      return this.emptyScalar(mark);
    }
    const context = this.marks.pop()!;
    if (t.type === T.BlockEnd) {
      this.pop();
      this.skip();
      return { type: 'MappingEnd', start: t.start };
    }
    this.error('did not find expected key', t.start, 'while parsing a block mapping', context);
  }

  private blockMappingValue(): YamlEvent {
    let t = this.peek();
    if (t.type === T.Value) {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (![T.Key, T.Value, T.BlockEnd].includes(t.type)) {
        this.states.push(S.BlockMappingKey);
        return this.node(true, true);
      }
      this.state = S.BlockMappingKey;
      return this.emptyScalar(mark);
    }
    this.state = S.BlockMappingKey;
    return this.emptyScalar(t.start);
  }

  private flowSequenceEntry(first: boolean): YamlEvent {
    this.enter(first);
    let t = this.peek();
    if (t.type !== T.FlowSequenceEnd) {
      if (!first) {
        if (t.type !== T.FlowEntry) {
          const context = this.marks.pop()!;
          this.error("did not find expected ',' or ']'", t.start, 'while parsing a flow sequence', context);
        }
        this.skip();
        t = this.peek();
      }
      if (t.type === T.Key) {
        this.state = S.FlowSequenceEntryMappingKey;
        this.skip();
        return { type: 'MappingStart', start: t.start };
      }
      if (t.type !== T.FlowSequenceEnd) {
        this.states.push(S.FlowSequenceEntry);
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.skip();
    return { type: 'SequenceEnd', start: t.start };
  }

  private flowSequenceEntryMappingKey(): YamlEvent {
    const t = this.peek();
    if (![T.Value, T.FlowEntry, T.FlowSequenceEnd].includes(t.type)) {
      this.states.push(S.FlowSequenceEntryMappingValue);
      return this.node(false, false);
    }
    const mark = t.end;
    this.skip();
    this.state = S.FlowSequenceEntryMappingValue;
    return this.emptyScalar(mark);
  }

  private flowSequenceEntryMappingValue(): YamlEvent {
    let t = this.peek();
    if (t.type === T.Value) {
      this.skip();
      t = this.peek();
      if (t.type !== T.FlowEntry && t.type !== T.FlowSequenceEnd) {
        this.states.push(S.FlowSequenceEntryMappingEnd);
        return this.node(false, false);
      }
    }
    this.state = S.FlowSequenceEntryMappingEnd;
    return this.emptyScalar(t.start);
  }

  private flowMappingKey(first: boolean): YamlEvent {
    this.enter(first);
    let t = this.peek();
    if (t.type !== T.FlowMappingEnd) {
      if (!first) {
        if (t.type !== T.FlowEntry) {
          const context = this.marks.pop()!;
          this.error("did not find expected ',' or '}'", t.start, 'while parsing a flow mapping', context);
        }
        this.skip();
        t = this.peek();
      }
      if (t.type === T.Key) {
        this.skip();
        t = this.peek();
        if (![T.Value, T.FlowEntry, T.FlowMappingEnd].includes(t.type)) {
          this.states.push(S.FlowMappingValue);
          return this.node(false, false);
        }
        this.state = S.FlowMappingValue;
        return this.emptyScalar(t.start);
      }
      if (t.type !== T.FlowMappingEnd) {
        this.states.push(S.FlowMappingEmptyValue);
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.skip();
    return { type: 'MappingEnd', start: t.start };
  }

  private flowMappingValue(empty: boolean): YamlEvent {
    let t = this.peek();
    if (empty) {
      this.state = S.FlowMappingKey;
      return this.emptyScalar(t.start);
    }
    if (t.type === T.Value) {
      this.skip();
      t = this.peek();
      if (t.type !== T.FlowEntry && t.type !== T.FlowMappingEnd) {
        this.states.push(S.FlowMappingKey);
        return this.node(false, false);
      }
    }
    this.state = S.FlowMappingKey;
    return this.emptyScalar(t.start);
  }
}
