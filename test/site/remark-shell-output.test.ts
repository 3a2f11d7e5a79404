import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isShellOutput, remarkShellOutput, SHELL_LANGUAGES } from '../../scripts/site/remark-shell-output';

describe('isShellOutput', () => {
  it('is true only for shell blocks whose meta has the word output', () => {
    expect(isShellOutput('bash', 'output')).toBe(true);
    expect(isShellOutput('sh', 'title="x" output')).toBe(true);
    expect(isShellOutput('shell', 'outputs')).toBe(false);
    expect(isShellOutput('bash', '')).toBe(false);
    expect(isShellOutput('text', 'output')).toBe(false);
    expect(isShellOutput(null, 'output')).toBe(false);
  });

  it('never marks a non-shell language, whatever the meta', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (lang, meta) => {
        if (!SHELL_LANGUAGES.has(lang)) expect(isShellOutput(lang, meta)).toBe(false);
      }),
    );
  });
});

describe('remarkShellOutput', () => {
  it('wraps marked blocks, at any depth, in a data-cka-output div', () => {
    const tree = {
      type: 'root',
      children: [
        { type: 'code', lang: 'bash', meta: 'output', value: 'NAME READY' },
        { type: 'code', lang: 'bash', meta: null, value: 'kubectl get pods' },
        { type: 'blockquote', children: [{ type: 'code', lang: 'sh', meta: 'output', value: 'ok' }] },
      ],
    };
    remarkShellOutput()(tree);
    const [first, second, quote] = tree.children as Array<Record<string, any>>;
    expect(first.type).toBe('ckaShellOutput');
    expect(first.data).toEqual({ hName: 'div', hProperties: { dataCkaOutput: '' } });
    expect(first.children[0].value).toBe('NAME READY');
    expect(second.type).toBe('code');
    expect(quote.children[0].type).toBe('ckaShellOutput');
  });
});
