import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLinks } from '../../scripts/site/links';

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cka-links-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  return dir;
}

describe('link checker over the built site', () => {
  it('accepts pages, directories, relative links, assets, fragments and other origins', () => {
    const dir = site({
      'index.html': '<a href="/upgrade/">u</a><a href="upgrade/#plan">p</a><a href="#top">t</a><h1 id="top">x</h1><a href="https://kubernetes.io/docs/">k</a><a href="mailto:a@b">m</a><script src="/_astro/a.js"></script><link rel="stylesheet" href="/_astro/a.css">',
      'upgrade/index.html': '<h2 id="plan">Plan</h2><a href="../">home</a><a href="/index.html?x=1">q</a><img src="../img/d%20x.svg">',
      '_astro/a.js': '',
      '_astro/a.css': '',
      'img/d x.svg': '<svg/>',
    });
    expect(checkLinks(dir)).toEqual({ pages: 2, links: 8, broken: [] });
  });

  it('reports a missing page, a missing asset and a fragment the target lacks', () => {
    const dir = site({
      'index.html': '<a href="/upgarde/">typo</a><a href="/etcd/#restore">f</a><img src="/missing.png">',
      'etcd/index.html': '<h2 id="backup">Backup</h2>',
    });
    expect(checkLinks(dir).broken).toEqual([
      { page: 'index.html', url: '/upgarde/', reason: 'missing' },
      { page: 'index.html', url: '/etcd/#restore', reason: 'fragment' },
      { page: 'index.html', url: '/missing.png', reason: 'missing' },
    ]);
  });
});
