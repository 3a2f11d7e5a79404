/**
 * Our browser code never writes markup from strings: no innerHTML, outerHTML, insertAdjacentHTML,
 * document.write, eval or new Function in the site's client scripts (the CSP forbids eval anyway;
 * this keeps user input out of the DOM as markup).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIRS = ['src/components/chapter', 'src/components/site', 'src/components/starlight'];
const FORBIDDEN = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function\s*\(|set:html/;

describe('site client code', () => {
  for (const dir of DIRS) {
    for (const file of readdirSync(join(process.cwd(), dir))) {
      if (!/\.(ts|astro)$/.test(file)) continue;
      it(`${dir}/${file} builds no markup from strings`, () => {
        const source = readFileSync(join(process.cwd(), dir, file), 'utf8');
        expect(source.match(FORBIDDEN)?.[0]).toBeUndefined();
      });
    }
  }
});
