/**
 * axe-core on the home page, a chapter and the labs index in both locales, at a desktop and a
 * phone width: no serious or critical violation.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, distExists, newPage, runAxe, screenshot, type Site, useSiteAndBrowser } from './browser';
import { CHAPTER, CHAPTER_ZH } from './pages';

const built = distExists();
const PAGES = ['/', '/zh-cn/', CHAPTER, CHAPTER_ZH, '/labs/', '/zh-cn/labs/'];

describe.skipIf(!built)('accessibility (axe-core)', () => {
  let site: Site;
  let browser: Browser;
  useSiteAndBrowser((s, b) => ((site = s), (browser = b)));

  const variants = [
    { width: 1400, colorScheme: 'dark' },
    { width: 390, colorScheme: 'dark' },
    { width: 1400, colorScheme: 'light' },
  ] as const;
  for (const { width, colorScheme } of variants) {
    for (const path of PAGES) {
      it(`${path} at ${width} px, ${colorScheme}`, async () => {
        const { page, problems } = await newPage(browser, { width, height: width > 1000 ? 900 : 844, colorScheme });
        await page.goto(site.url(path));
        const violations = await runAxe(page);
        expect(describeViolations(violations)).toBe("");
        const name = `${path.replace(/\//g, '_')}-${width}-${colorScheme}`;
        await screenshot(page, `page${name}`);
        expect(problems()).toEqual([]);
        await page.context().close();
      });
    }
  }
});
