import { describe, expect, it } from 'vitest';
import { aliasDocsPath, remarkDocsPathAlias } from '../../scripts/site/docs-path-alias';

const options = { root: '/repo', from: 'content/docs', to: 'src/content/docs' };

describe('aliasDocsPath', () => {
  it('maps chapters in content/docs to where Starlight expects them', () => {
    expect(aliasDocsPath('/repo/content/docs/architecture.mdx', options)).toBe('/repo/src/content/docs/architecture.mdx');
    expect(aliasDocsPath('/repo/content/docs/zh-cn/labs.mdx', options)).toBe('/repo/src/content/docs/zh-cn/labs.mdx');
  });

  it('leaves other files alone', () => {
    expect(aliasDocsPath('/repo/src/pages/x.md', options)).toBeUndefined();
    expect(aliasDocsPath('/repo/content/docs-old/x.mdx', options)).toBeUndefined();
    expect(aliasDocsPath('/elsewhere/content/docs/x.mdx', options)).toBeUndefined();
  });

  it('normalises Windows separators', () => {
    expect(aliasDocsPath('/repo/content/docs\\zh-cn\\a.mdx', options)).toBe('/repo/src/content/docs/zh-cn/a.mdx');
  });
});

describe('remarkDocsPathAlias', () => {
  it('rewrites the vfile path and ignores files without one', () => {
    const transform = remarkDocsPathAlias(options)();
    const file: { path?: string } = { path: '/repo/content/docs/zh-cn/a.mdx' };
    transform(null, file);
    expect(file.path).toBe('/repo/src/content/docs/zh-cn/a.mdx');
    const anonymous: { path?: string } = {};
    transform(null, anonymous);
    expect(anonymous.path).toBeUndefined();
  });
});
