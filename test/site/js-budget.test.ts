import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { measurePageJs, staticImports } from '../../scripts/site/js-budget';

describe('staticImports', () => {
  it('finds static imports and re-exports, not dynamic import()', () => {
    const code =
      'import{a as b}from"./a.js";import"./side.js";export{c}from"../c.js";' +
      'const t=()=>import("./lazy.js");import x from "/_astro/root.js";import y from "yaml"';
    expect(staticImports(code)).toEqual(['./a.js', './side.js', '../c.js', '/_astro/root.js']);
  });
});

describe('measurePageJs', () => {
  it('follows the static graph from the page and leaves lazy chunks out', () => {
    const dist = mkdtempSync(join(tmpdir(), 'cka-budget-'));
    mkdirSync(join(dist, '_astro'));
    mkdirSync(join(dist, 'chapter'));
    const files: Record<string, string> = {
      '_astro/page.js': 'import{x}from"./shared.js";const go=()=>import("./terminal.js");',
      '_astro/shared.js': 'export const x=1;',
      '_astro/terminal.js': 'export const huge="' + 'x'.repeat(5000) + '";',
      '_astro/ec.js': 'copy()',
    };
    for (const [path, code] of Object.entries(files)) writeFileSync(join(dist, path), code);
    writeFileSync(
      join(dist, 'chapter', 'index.html'),
      '<html><head><script>theme()</script><script type="module" src="/_astro/page.js"></script></head>' +
        '<body><script type="module" src="/_astro/ec.js"></script><script type="module">import "/_astro/shared.js"</script></body></html>',
    );
    const budget = measurePageJs(dist, 'chapter/index.html');
    expect(budget.files).toEqual(['_astro/ec.js', '_astro/page.js', '_astro/shared.js']);
    expect(budget.inlineScripts).toBe(2);
    const pieces = [files['_astro/page.js'], files['_astro/ec.js'], files['_astro/shared.js'], 'theme()', 'import "/_astro/shared.js"'];
    expect(budget.rawBytes).toBe(pieces.reduce((n, p) => n + Buffer.byteLength(p), 0));
    expect(budget.gzipBytes).toBe(pieces.reduce((n, p) => n + gzipSync(Buffer.from(p), { level: 9 }).length, 0));
  });
});
