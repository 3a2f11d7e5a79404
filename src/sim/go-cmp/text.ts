/**
 * go-cmp's text tree (report_text.go): wraps, lists of records and lines, laid out on one line
 * when they fit and nothing inside is marked, else one record a line with keys aligned in columns.
 * Markers are followed by a plain space (go-cmp's deterministic form; a real process may use
 * U+00A0 instead, at random).
 */
export type DiffMode = '' | ' ' | '-' | '+';

/** d|r.Diff in go-cmp: the marker a nested record inherits ('-' 0x2D and '+' 0x2B win over ' ' 0x20). */
const orMode = (d: DiffMode, r: DiffMode): DiffMode => (r === '' ? d : d === '' || d === ' ' ? r : d === r ? d : '-');

export class TextLine {
  constructor(readonly text: string) {}
  len(): number {
    return Buffer.byteLength(this.text);
  }
}

export class TextWrap {
  constructor(
    public prefix: string,
    public value: TextNode,
    public suffix = '',
  ) {}
  len(): number {
    return Buffer.byteLength(this.prefix) + this.value.len() + Buffer.byteLength(this.suffix);
  }
}

export interface TextRecord {
  diff: DiffMode;
  key: string;
  value: TextNode;
  elideComma?: boolean;
  comment?: DiffStats | string;
}

export class TextList {
  constructor(public records: TextRecord[] = []) {}
  len(): number {
    let n = 0;
    this.records.forEach((r, i) => {
      n += Buffer.byteLength(r.key) + (r.key ? 2 : 0) + r.value.len();
      if (i < this.records.length - 1) n += 2;
    });
    return n;
  }
  push(r: Omit<TextRecord, 'diff' | 'key'> & Partial<TextRecord>): void {
    this.records.push({ diff: '', key: '', ...r });
  }
  /** AppendEllipsis: a "..." record, its statistics merged into a trailing one. */
  appendEllipsis(ds?: DiffStats): void {
    const last = this.records[this.records.length - 1];
    const has = ds && !ds.isZero();
    if (!last || !equalNodes(last.value, ELLIPSIS)) {
      this.records.push({ diff: '', key: '', value: ELLIPSIS, elideComma: true, comment: has ? ds : undefined });
    } else if (has) last.comment = last.comment instanceof DiffStats ? last.comment.append(ds!) : ds;
  }
}

export type TextNode = TextLine | TextWrap | TextList;

export const NIL = new TextLine('nil');
export const ELLIPSIS = new TextLine('...');

export function equalNodes(a: TextNode, b: TextNode): boolean {
  if (a instanceof TextLine) return b instanceof TextLine && a.text === b.text;
  if (a instanceof TextWrap) return b instanceof TextWrap && a.prefix === b.prefix && a.suffix === b.suffix && equalNodes(a.value, b.value);
  if (!(b instanceof TextList) || a.records.length !== b.records.length) return false;
  return a.records.every((r, i) => {
    const s = b.records[i];
    return r.diff === s.diff && r.key === s.key && equalNodes(r.value, s.value) && commentText(r.comment) === commentText(s.comment);
  });
}

const commentText = (c: TextRecord['comment']) => (c === undefined ? undefined : String(c));

const MAX_COLUMN = 80;

/** The indentation of a line: the marker and a space, then one tab a level. */
function indent(n: number, d: DiffMode): string {
  const mark = d === '-' ? '- ' : d === '+' ? '+ ' : '  ';
  return mark + '\t'.repeat(n);
}

/** formatCompactTo: the node on one line, and the node with every part that fits one line replaced by that line. */
function compact(node: TextNode, d: DiffMode): [string, TextNode] {
  if (node instanceof TextLine) return [node.text, node];
  if (node instanceof TextWrap) {
    const [inner, value] = compact(node.value, d);
    node.value = value;
    const text = node.prefix + inner + node.suffix;
    return value instanceof TextLine ? [text, new TextLine(text)] : [text, node];
  }
  const records = node.records.map((r) => ({ ...r }));
  let text = '';
  let multiLine = false;
  records.forEach((r, i) => {
    if (r.diff === '+' || r.diff === '-') multiLine = true;
    text += r.key + (r.key ? ': ' : '');
    const [inner, value] = compact(r.value, orMode(d, r.diff));
    text += inner;
    r.value = value;
    if (!(value instanceof TextLine)) multiLine = true;
    if (r.comment !== undefined) multiLine = true;
    if (i < records.length - 1) text += ', ';
  });
  if ((d === '+' || d === '-') && Buffer.byteLength(text) > MAX_COLUMN) multiLine = true;
  return multiLine ? [text, new TextList(records)] : [text, new TextLine(text)];
}

/** alignLens: for runs of records not skipped, the padding that brings each to the longest. */
function alignLens(records: TextRecord[], skip: (r: TextRecord) => boolean, len: (r: TextRecord) => number): number[] {
  const lens = new Array<number>(records.length).fill(0);
  let start = 0;
  let end = 0;
  let max = 0;
  const flush = () => {
    for (let j = start; j < end; j++) lens[j] = max - len(records[j]);
  };
  records.forEach((r, i) => {
    if (skip(r)) {
      flush();
      start = end = i + 1;
      max = 0;
    } else {
      max = Math.max(max, len(r));
      end = i + 1;
    }
  });
  flush();
  return lens;
}

const runes = (s: string) => [...s].length;

function expand(node: TextNode, d: DiffMode, n: number): string {
  if (node instanceof TextLine) return node.text;
  if (node instanceof TextWrap) return node.prefix + expand(node.value, d, n) + node.suffix;
  const records = node.records;
  const keyPad = alignLens(records, (r) => r.key === '' || !(r.value instanceof TextLine), (r) => runes(r.key));
  const valuePad = alignLens(
    records,
    (r) => !(r.value instanceof TextLine) || equalNodes(r.value, ELLIPSIS) || r.comment === undefined,
    (r) => runes((r.value as TextLine).text),
  );
  // A list of bare single-line values is batched, several to a line.
  const simple = records.length > 0 && records.every((r) => r.diff === '' && r.key === '' && r.value instanceof TextLine && r.comment === undefined);
  let b = '';
  if (simple) {
    let batch = '';
    const emit = () => {
      if (batch) b += `\n${indent(n + 1, d)}${batch.replace(/ +$/, '')}`;
      batch = '';
    };
    for (const r of records) {
      const line = (r.value as TextLine).text;
      if (Buffer.byteLength(batch) + Buffer.byteLength(line) + 2 > MAX_COLUMN) emit();
      batch += `${line}, `;
    }
    emit();
    return `${b}\n${indent(n, d)}`;
  }
  records.forEach((r, i) => {
    const mode = orMode(d, r.diff);
    b += `\n${indent(n + 1, mode)}`;
    if (r.key) b += `${r.key}: `;
    b += ' '.repeat(keyPad[i]);
    b += expand(r.value, mode, n + 1);
    if (!r.elideComma) b += ',';
    b += ' '.repeat(valuePad[i]);
    if (r.comment !== undefined) b += ` // ${String(r.comment)}`;
  });
  return `${b}\n${indent(n, d)}`;
}

/** textNode.String(): the tree laid out, with a leading indent and a trailing newline. */
export function render(node: TextNode): string {
  if (node instanceof TextList) node = new TextWrap('{', node, '}');
  const [, laid] = compact(node, '');
  return `${indent(0, '')}${expand(laid, '', 0)}\n`;
}

/** Counts of a run of records, printed as "2 identical fields" or "1 removed and 2 inserted elements". */
export class DiffStats {
  constructor(
    readonly name: string,
    public numIgnored = 0,
    public numIdentical = 0,
    public numRemoved = 0,
    public numInserted = 0,
    public numModified = 0,
  ) {}
  isZero(): boolean {
    return this.numIgnored + this.numIdentical + this.numRemoved + this.numInserted + this.numModified === 0;
  }
  numDiff(): number {
    return this.numRemoved + this.numInserted + this.numModified;
  }
  append(o: DiffStats): DiffStats {
    return new DiffStats(this.name, this.numIgnored + o.numIgnored, this.numIdentical + o.numIdentical, this.numRemoved + o.numRemoved, this.numInserted + o.numInserted, this.numModified + o.numModified);
  }
  copy(): DiffStats {
    return this.append(new DiffStats(this.name));
  }
  toString(): string {
    const labels = ['ignored', 'identical', 'removed', 'inserted', 'modified'];
    const counts = [this.numIgnored, this.numIdentical, this.numRemoved, this.numInserted, this.numModified];
    const parts = counts.flatMap((c, i) => (c > 0 ? [`${c} ${labels[i]}`] : []));
    const sum = counts.reduce((a, b) => a + b, 0);
    let name = this.name;
    if (sum > 1) {
      name += 's';
      if (name.endsWith('ys')) name = `${name.slice(0, -2)}ies`;
    }
    if (parts.length === 0) return '';
    if (parts.length <= 2) return `${parts.join(' and ')} ${name}`;
    return `${parts.slice(0, -1).join(', ')}, and ${parts[parts.length - 1]} ${name}`;
  }
}
