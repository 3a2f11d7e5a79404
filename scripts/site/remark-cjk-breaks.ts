/**
 * Chapters are written with wrapped lines. In English a line break inside a paragraph renders as a
 * space, which is right; between two Chinese characters it renders as a stray space too
 * (`Kubernetes API， 对每个请求`), because browsers do not drop segment breaks between CJK
 * characters. This plugin removes a line break (and the indentation after it) when the
 * characters on both sides are CJK or full-width punctuation, also across inline nodes such as
 * strong emphasis. Code is never touched: it is not text.
 */
interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

const CJK_CLASS = '\\u2e80-\\u2fff\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
const CJK = new RegExp(`[${CJK_CLASS}]`);
const BREAK_BETWEEN_CJK = new RegExp(`([${CJK_CLASS}])[ \\t]*\\r?\\n[ \\t]*(?=[${CJK_CLASS}])`, 'g');

export const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);

/** Line breaks between two CJK characters inside one string, removed. */
export function joinCjkLines(value: string): string {
  return value.replace(BREAK_BETWEEN_CJK, '$1');
}

/** The first or last character a reader sees in an inline node (undefined for code and images). */
function edgeChar(node: MdNode, end: 'first' | 'last'): string | undefined {
  if (node.type === 'text') return end === 'first' ? node.value?.[0] : node.value?.[node.value.length - 1];
  if (!node.children?.length) return undefined;
  return edgeChar(node.children[end === 'first' ? 0 : node.children.length - 1], end);
}

function visit(node: MdNode): void {
  const children = node.children;
  if (!children) return;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'text' && child.value !== undefined) {
      child.value = joinCjkLines(child.value);
      // A break at the edge of this text node, next to an inline node that starts or ends in CJK.
      const next = children[i + 1];
      const trailing = /([^\s])[ \t]*\r?\n[ \t]*$/.exec(child.value);
      if (trailing && next && isCjk(trailing[1]) && isCjk(edgeChar(next, 'first'))) {
        child.value = child.value.slice(0, trailing.index + 1);
      }
      const previous = children[i - 1];
      const leading = /^[ \t]*\r?\n[ \t]*([^\s])/.exec(child.value);
      if (leading && previous && isCjk(leading[1]) && isCjk(edgeChar(previous, 'last'))) {
        child.value = child.value.slice(leading[0].length - 1);
      }
    } else {
      visit(child);
    }
  }
}

export function remarkCjkBreaks() {
  return (tree: unknown) => visit(tree as MdNode);
}
