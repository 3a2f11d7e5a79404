import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { remarkCjkStrong, splitStrong } from '../../scripts/site/remark-cjk-strong';

describe('splitStrong', () => {
  it('finds the pairs CommonMark leaves as text in Chinese', () => {
    expect(splitStrong('kubectl 通过**发现（discovery）**机制得知')).toEqual([
      { strong: false, text: 'kubectl 通过' },
      { strong: true, text: '发现（discovery）' },
      { strong: false, text: '机制得知' },
    ]);
  });

  it('leaves lone or spaced asterisks alone', () => {
    for (const text of ['a ** b', '**', '** x**', '**x **', '2**3', 'a * b * c']) {
      expect(splitStrong(text).every((p) => !p.strong)).toBe(true);
    }
  });

  it('keeps every character outside the delimiters', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const pieces = splitStrong(text);
        const rebuilt = pieces.map((p) => (p.strong ? `**${p.text}**` : p.text)).join('');
        expect(rebuilt).toBe(text);
      }),
    );
  });
});

describe('remarkCjkStrong', () => {
  it('turns text pairs into strong nodes and never touches code', () => {
    const tree = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: '通过**发现（discovery）**机制' },
            { type: 'inlineCode', value: 'a**b**c' },
          ],
        },
        { type: 'code', value: 'echo **x**' },
      ],
    };
    remarkCjkStrong()(tree);
    const paragraph = tree.children[0] as { children: Array<Record<string, unknown>> };
    expect(paragraph.children).toEqual([
      { type: 'text', value: '通过' },
      { type: 'strong', children: [{ type: 'text', value: '发现（discovery）' }] },
      { type: 'text', value: '机制' },
      { type: 'inlineCode', value: 'a**b**c' },
    ]);
    expect(tree.children[1]).toEqual({ type: 'code', value: 'echo **x**' });
  });
});
