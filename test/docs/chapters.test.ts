/**
 * The chapters as a whole: both locales have the same files and the same heading skeleton, every
 * chapter carries the frontmatter the site and the terminal need, opens with what the learner will be
 * able to do, ends with a summary, compiles as MDX, and imports diagrams that exist.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compile } from '@mdx-js/mdx';
import { describe, expect, it } from 'vitest';
import { chapterExists, chapterPath, chapterSlugs, docsDir, locales, readChapter, scanMarkdown, splitFrontmatter } from './chapters';

const scenarios = new Set(['cluster', 'machines', 'upgrade']);
/** Pages that belong to the site frame, not to this set of chapters. */
const sitePages = new Set(['index.mdx', 'labs.mdx', 'exam.mdx']);

const firstHeading: Record<string, string> = { en: 'What you will be able to do', 'zh-cn': '学完本章你能做到' };
const lastHeading: Record<string, string> = { en: 'Summary', 'zh-cn': '小结' };

function skeleton(source: string): string[] {
  return scanMarkdown(splitFrontmatter(source).body)
    .headings.filter((heading) => heading.depth === 2 || heading.depth === 3)
    .map((heading) => '#'.repeat(heading.depth));
}

describe('chapter files', () => {
  it('both locales hold the same chapter files', () => {
    const english = readdirSync(docsDir).filter((name) => name.endsWith('.mdx') && !sitePages.has(name)).sort();
    const chinese = readdirSync(join(docsDir, 'zh-cn')).filter((name) => name.endsWith('.mdx') && !sitePages.has(name)).sort();
    expect(chinese).toEqual(english);
    expect(english).toEqual(chapterSlugs.map((slug) => `${slug}.mdx`).sort());
  });
});

for (const slug of chapterSlugs) {
  describe(slug, () => {
    const missing = locales.filter((locale) => !chapterExists(slug, locale));
    if (missing.length > 0) {
      it('exists in both locales', () => expect(missing).toEqual([]));
      return;
    }
    for (const locale of locales) {
      describe(locale, () => {
        const source = readChapter(slug, locale);
        const { frontmatter, body } = splitFrontmatter(source);
        const { headings } = scanMarkdown(body);

        it('has the frontmatter fields', () => {
          expect(typeof frontmatter.title === 'string' && frontmatter.title.length > 0).toBe(true);
          expect(typeof frontmatter.description === 'string' && frontmatter.description.length > 0).toBe(true);
          expect(frontmatter.sidebar?.order).toBe(chapterSlugs.indexOf(slug) + 1);
          expect(scenarios.has(String(frontmatter.sim?.scenario))).toBe(true);
        });

        it('opens with what the learner will be able to do and ends with a summary', () => {
          const sections = headings.filter((heading) => heading.depth === 2).map((heading) => heading.text);
          expect(sections[0]).toBe(firstHeading[locale]);
          expect(sections.at(-1)).toBe(lastHeading[locale]);
        });

        it('uses no level-1 heading (the title comes from the frontmatter)', () => {
          expect(headings.filter((heading) => heading.depth === 1)).toEqual([]);
        });

        it('compiles as MDX', async () => {
          await expect(compile(body)).resolves.toBeDefined();
        });

        it('links only to chapters that exist', () => {
          const links = [...body.matchAll(/\]\(\.\.\/([a-z0-9-]+)\/[^)]*\)/g)].map((match) => match[1]);
          for (const target of links) expect(chapterSlugs as readonly string[], target).toContain(target);
          // The exam chapter maps every competency to a chapter, so it must have found its links.
          if (slug === 'cka-exam') expect(links.length).toBeGreaterThan(20);
        });

        it('imports diagrams that exist, in its own language', () => {
          const imports = [...body.matchAll(/^import\s+(\w+)\s+from\s+'([^']+\.astro)';/gm)];
          for (const [, name, path] of imports) {
            expect(existsSync(resolve(dirname(chapterPath(slug, locale)), path)), path).toBe(true);
            const uses = [...body.matchAll(new RegExp(`<${name}\\s+lang="([^"]+)"\\s*/>`, 'g'))].map((match) => match[1]);
            expect(uses.length, `${name} is imported and used`).toBeGreaterThan(0);
            for (const lang of uses) expect(lang).toBe(locale === 'en' ? 'en' : 'zh-CN');
          }
        });
      });
    }

    it('has the same ## and ### skeleton in both locales', () => {
      expect(skeleton(readChapter(slug, 'zh-cn'))).toEqual(skeleton(readChapter(slug, 'en')));
    });

    it('has the same asides and the same kinds of code blocks, in the same order, in both locales', () => {
      const shape = (locale: 'en' | 'zh-cn') => {
        const body = splitFrontmatter(readChapter(slug, locale)).body;
        return {
          asides: [...body.matchAll(/<Aside type="(\w+)"/g)].map((match) => match[1]),
          blocks: scanMarkdown(body).blocks.map((block) => block.lang),
        };
      };
      expect(shape('zh-cn')).toEqual(shape('en'));
    });

    it('runs the same world in both locales', () => {
      const en = splitFrontmatter(readChapter(slug, 'en')).frontmatter;
      const zh = splitFrontmatter(readChapter(slug, 'zh-cn')).frontmatter;
      expect(zh.sim).toEqual(en.sim);
      expect(zh.sidebar).toEqual(en.sidebar);
    });
  });
}
