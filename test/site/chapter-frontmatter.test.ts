/**
 * Chapters and the site agree: a chapter's `sim.lab` names a lab that exists, both locales of a
 * chapter run the same world, and every chapter in the map has a title and a description.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DOCS = join(process.cwd(), 'content', 'docs');
const LABS = join(process.cwd(), 'labs');

function frontmatter(path: string): Record<string, any> {
  const text = readFileSync(path, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  return match ? (parse(match[1]) ?? {}) : {};
}

const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => /\.mdx?$/.test(f)) : []);

describe('chapter frontmatter', () => {
  for (const [locale, dir] of [
    ['en', DOCS],
    ['zh-cn', join(DOCS, 'zh-cn')],
  ] as const) {
    for (const file of files(dir)) {
      it(`${locale}/${file} has a title, a description and a valid world`, () => {
        const data = frontmatter(join(dir, file));
        expect(typeof data.title).toBe('string');
        expect(String(data.description ?? '').length).toBeGreaterThan(10);
        if (data.sim) {
          expect(['cluster', 'machines', 'upgrade']).toContain(data.sim.scenario);
          if (data.sim.lab) expect(existsSync(join(LABS, data.sim.lab, 'lab.yaml')), `labs/${data.sim.lab}/lab.yaml`).toBe(true);
        }
      });
    }
  }

  for (const file of files(join(DOCS, 'zh-cn'))) {
    it(`zh-cn/${file} runs the same world as its English original`, () => {
      const en = join(DOCS, file);
      if (!existsSync(en)) return;
      expect(frontmatter(join(DOCS, 'zh-cn', file)).sim).toEqual(frontmatter(en).sim);
    });
  }
});
