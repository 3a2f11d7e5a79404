import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { remarkCjkStrong, splitMarks } from '../../scripts/site/remark-cjk-strong';

type Node = { type: string; value?: string; children?: Node[] };
const text = (value: string): Node => ({ type: 'text', value });
const strong = (...children: Node[]): Node => ({ type: 'strong', children });
const paragraph = (...children: Node[]): Node => ({ type: 'paragraph', children });
const run = (tree: Node) => {
  remarkCjkStrong()(tree);
  return tree;
};

/** Markdown-ish text of a run, to compare content before and after. */
function plain(nodes: Node[]): string {
  return nodes.map((n) => (n.type === 'strong' ? `**${plain(n.children!)}**` : n.type === 'text' ? n.value : `<${n.type}>`)).join('');
}

describe('remarkCjkStrong', () => {
  it('makes a pair left as text strong', () => {
    // micromark leaves this whole line as one text node.
    const tree = run(paragraph(text('kubectl 通过**发现（discovery）**机制得知')));
    expect(tree.children).toEqual([text('kubectl 通过'), strong(text('发现（discovery）')), text('机制得知')]);
  });

  it('re-pairs delimiters the parser paired wrongly', () => {
    // `节点上的**污点（taint）**会排斥所有没有相应**容忍（toleration）**的 Pod` as micromark parses it.
    const tree = run(
      paragraph(text('节点上的**污点（taint）'), strong(text('会排斥所有没有相应')), text('容忍（toleration）**的 Pod')),
    );
    expect(tree.children).toEqual([
      text('节点上的'),
      strong(text('污点（taint）')),
      text('会排斥所有没有相应'),
      strong(text('容忍（toleration）')),
      text('的 Pod'),
    ]);
  });

  it('leaves correctly parsed runs and code alone', () => {
    const parsed = paragraph(text('a '), strong(text('b')), text(' c'), { type: 'inlineCode', value: 'x**y**z' });
    expect(run(structuredClone(parsed))).toEqual(parsed);
    const block = { type: 'root', children: [{ type: 'code', value: 'echo **x**' }] };
    expect(run(structuredClone(block))).toEqual(block);
  });

  it('keeps an odd delimiter as literal text', () => {
    expect(run(paragraph(text('2**3 是 8')))).toEqual(paragraph(text('2**3 是 8')));
  });

  it('never loses or invents content', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('**', '中', 'a', '（', '）', ' '), fc.string({ maxLength: 3 }).filter((s) => !s.includes('*'))), { maxLength: 12 }), (pieces) => {
        const source = pieces.join('');
        const tree = run(paragraph(text(source)));
        const out = plain(tree.children!);
        // Same characters once delimiters are dropped; delimiters only vanish in pairs.
        expect(out.replace(/\*/g, '')).toBe(source.replace(/\*/g, ''));
        const count = (s: string) => s.split('**').length - 1;
        expect((count(source) - count(out)) % 2).toBe(0);
      }),
    );
  });
});

describe('splitMarks', () => {
  it('splits at delimiters', () => {
    expect(splitMarks('a**b**').map((p) => (typeof p === 'string' ? p : '|'))).toEqual(['a', '|', 'b', '|']);
  });
});
