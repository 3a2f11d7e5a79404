import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeType, resolveStaticPath, startSite } from '../e2e/browser';

function fixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'cka-dist-'));
  mkdirSync(join(root, 'zh-cn'));
  writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(root, 'zh-cn', 'index.html'), '<h1>首页</h1>');
  writeFileSync(join(root, '404.html'), '<h1>missing</h1>');
  writeFileSync(join(root, 'a.wasm'), Buffer.from([0, 97, 115, 109]));
  return root;
}

describe('static server', () => {
  it('resolves directories to index.html and refuses to leave the root', () => {
    const root = fixture();
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/zh-cn')).toBe(join(root, 'zh-cn', 'index.html'));
    expect(resolveStaticPath(root, '/zh-cn/?q=1#x')).toBe(join(root, 'zh-cn', 'index.html'));
    expect(resolveStaticPath(root, '/../etc/passwd')).toBeUndefined();
    expect(resolveStaticPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeUndefined();
    expect(resolveStaticPath(root, '/missing/')).toBeUndefined();
  });

  it('knows the types a browser is strict about', () => {
    expect(mimeType('x.wasm')).toBe('application/wasm');
    expect(mimeType('x.mjs')).toMatch(/^text\/javascript/);
    expect(mimeType('x.js')).toMatch(/^text\/javascript/);
    expect(mimeType('x.css')).toMatch(/^text\/css/);
    expect(mimeType('x.unknown')).toBe('application/octet-stream');
  });

  it('serves files with their type and 404.html with status 404', async () => {
    const site = await startSite(fixture());
    try {
      const home = await fetch(site.url('/'));
      expect(home.status).toBe(200);
      expect(home.headers.get('content-type')).toMatch(/^text\/html/);
      const wasm = await fetch(site.url('/a.wasm'));
      expect(wasm.headers.get('content-type')).toBe('application/wasm');
      const missing = await fetch(site.url('/nope/'));
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('missing');
      expect(site.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await site.close();
    }
  });
});
