import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { joinCjkLines, remarkCjkBreaks } from '../../scripts/site/remark-cjk-breaks';

type Node = { type: string; value?: string; children?: Node[] };
const text = (value: string): Node => ({ type: 'text', value });
const run = (children: Node[]) => {
  const tree: Node = { type: 'root', children: [{ type: 'paragraph', children }] };
  remarkCjkBreaks()(tree);
  return tree.children![0].children!;
};

describe('joinCjkLines', () => {
  it('joins wrapped Chinese lines without a space', () => {
    expect(joinCjkLines('对每个请求做认证，\n执行准入')).toBe('对每个请求做认证，执行准入');
    expect(joinCjkLines('它本身无状态，\n  可以在负载均衡器后面')).toBe('它本身无状态，可以在负载均衡器后面');
  });

  it('keeps breaks next to Latin text, which render as the space English needs', () => {
    expect(joinCjkLines('通过 HTTPS\n提供')).toBe('通过 HTTPS\n提供');
    expect(joinCjkLines('提供\nKubernetes API')).toBe('提供\nKubernetes API');
    expect(joinCjkLines('a line\nanother line')).toBe('a line\nanother line');
  });

  it('only ever removes whitespace', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('中', '文', '，', 'a', ' ', '\n', '\t', 'B'), { maxLength: 30 }), (chars) => {
        const source = chars.join('');
        expect(joinCjkLines(source).replace(/\s/g, '')).toBe(source.replace(/\s/g, ''));
      }),
    );
  });
});

describe('remarkCjkBreaks', () => {
  it('joins across strong emphasis, not across code', () => {
    const out = run([
      text('以\n'),
      { type: 'strong', children: [text('静态 Pod')] },
      text('\n的形式运行：读取\n'),
      { type: 'inlineCode', value: '/etc/kubernetes/manifests' },
      text('\n里的清单'),
    ]);
    expect(out).toEqual([
      text('以'),
      { type: 'strong', children: [text('静态 Pod')] },
      text('\n的形式运行：读取\n'),
      { type: 'inlineCode', value: '/etc/kubernetes/manifests' },
      text('\n里的清单'),
    ]);
  });

  it('joins a break after strong text that ends in Chinese', () => {
    const out = run([{ type: 'strong', children: [text('控制平面')] }, text('\n负责调度')]);
    expect(out).toEqual([{ type: 'strong', children: [text('控制平面')] }, text('负责调度')]);
  });

  it('leaves code blocks alone', () => {
    const tree: Node = { type: 'root', children: [{ type: 'code', value: '中\n文' }] };
    remarkCjkBreaks()(tree);
    expect(tree.children![0].value).toBe('中\n文');
  });
});
