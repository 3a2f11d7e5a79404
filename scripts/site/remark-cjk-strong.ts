/**
 * CommonMark's emphasis rules were written for languages that put spaces between words. In
 * Chinese, `通过**发现（discovery）**机制` leaves the closing `**` between a bracket and a letter,
 * so it is not "right-flanking": the reader sees literal asterisks, or worse, the parser pairs the
 * wrong delimiters (`**污点（taint）**会排斥……**容忍（toleration）**的` makes the words *between* the
 * two terms bold). When a run of inline content still shows a literal `**`, this plugin re-reads
 * that run's delimiters left to right, as the author wrote them in pairs, and rebuilds the strong
 * emphasis. Runs without a leftover `**` are left exactly as parsed; code is never touched.
 */
interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

const MARK = Symbol('**');
type Item = MdNode | typeof MARK;

/** The pieces of a text value: plain strings and the `**` delimiters between them. */
export function splitMarks(value: string): Array<string | typeof MARK> {
  const out: Array<string | typeof MARK> = [];
  const parts = value.split('**');
  parts.forEach((part, i) => {
    if (i > 0) out.push(MARK);
    if (part) out.push(part);
  });
  return out;
}

/** The run as a flat list: text split at `**`, strong nodes opened back into their delimiters. */
function flatten(children: MdNode[]): Item[] {
  const items: Item[] = [];
  for (const child of children) {
    if (child.type === 'text' && child.value !== undefined) {
      for (const piece of splitMarks(child.value)) items.push(piece === MARK ? MARK : { type: 'text', value: piece });
    } else if (child.type === 'strong' && child.children) {
      items.push(MARK, ...flatten(child.children), MARK);
    } else {
      items.push(child);
    }
  }
  return items;
}

/** Pairs delimiters left to right; an unpaired last one stays literal text. */
function rebuild(items: Item[]): MdNode[] {
  const out: MdNode[] = [];
  const markCount = items.filter((i) => i === MARK).length;
  const pairable = markCount - (markCount % 2);
  let seen = 0;
  let open: MdNode[] | null = null;
  const push = (node: MdNode) => {
    const target = open ?? out;
    const last = target[target.length - 1];
    if (node.type === 'text' && last?.type === 'text') last.value += node.value ?? '';
    else target.push(node);
  };
  for (const item of items) {
    if (item !== MARK) {
      push(item);
      continue;
    }
    seen++;
    if (seen > pairable) {
      push({ type: 'text', value: '**' });
    } else if (open === null) {
      open = [];
    } else {
      const strong: MdNode = { type: 'strong', children: open };
      open = null;
      if (strong.children!.length) out.push(strong);
    }
  }
  return out;
}

const hasLeftover = (children: MdNode[]) => children.some((c) => c.type === 'text' && c.value?.includes('**'));

function visit(node: MdNode): void {
  if (!node.children) return;
  if (hasLeftover(node.children)) node.children = rebuild(flatten(node.children));
  for (const child of node.children) visit(child);
}

export function remarkCjkStrong() {
  return (tree: unknown) => visit(tree as MdNode);
}
