/**
 * CommonMark's emphasis rules were written for languages that put spaces between words. In
 * Chinese, `通过**发现（discovery）**机制` leaves the closing `**` between a bracket and a letter,
 * so it is not "right-flanking" and the reader sees literal asterisks. This plugin finds
 * `**…**` pairs left as plain text inside one text node and turns them into strong emphasis,
 * which is what the author meant. Code (inline or block) is never touched: it is not text.
 */
interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

const STRONG_RE = /\*\*(?=[^\s*])([^*]*?[^\s*])\*\*/g;

/** The pieces of a text value: plain strings and the contents of `**…**` pairs. */
export function splitStrong(value: string): Array<{ strong: boolean; text: string }> {
  const out: Array<{ strong: boolean; text: string }> = [];
  let last = 0;
  for (const match of value.matchAll(STRONG_RE)) {
    const at = match.index!;
    if (at > last) out.push({ strong: false, text: value.slice(last, at) });
    out.push({ strong: true, text: match[1] });
    last = at + match[0].length;
  }
  if (last < value.length) out.push({ strong: false, text: value.slice(last) });
  return out;
}

function visit(node: MdNode): void {
  const children = node.children;
  if (!children) return;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'text' && child.value?.includes('**')) {
      const pieces = splitStrong(child.value);
      if (pieces.some((p) => p.strong)) {
        const nodes: MdNode[] = pieces.map((p) =>
          p.strong ? { type: 'strong', children: [{ type: 'text', value: p.text }] } : { type: 'text', value: p.text },
        );
        children.splice(i, 1, ...nodes);
        i += nodes.length - 1;
      }
    } else {
      visit(child);
    }
  }
}

export function remarkCjkStrong() {
  return (tree: unknown) => visit(tree as MdNode);
}
