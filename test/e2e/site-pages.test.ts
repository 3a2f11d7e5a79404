/**
 * Every page of the built site, in both locales, opens without a console error, an uncaught
 * exception, a failed request or a Content-Security-Policy violation, with the right <html lang>.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { distExists, newPage, type Site, useSiteAndBrowser } from './browser';
import { builtPages } from './pages';

const built = distExists();
if (!built) console.warn('dist/ is missing: run `npm run build` before `npm run test:e2e`');

describe.skipIf(!built)('site pages', () => {
  let site: Site;
  let browser: Browser;
  useSiteAndBrowser((s, b) => ((site = s), (browser = b)));

  const pages = builtPages();

  it('builds the home, labs and 404 pages in both locales', () => {
    expect(pages).toEqual(expect.arrayContaining(['/', '/zh-cn/', '/labs/', '/zh-cn/labs/', '/404.html']));
  });

  for (const path of pages) {
    it(`opens ${path} cleanly`, async () => {
      const { page, problems } = await newPage(browser);
      const response = await page.goto(site.url(path), { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      await page.waitForTimeout(150); // let deferred module scripts run
      const lang = await page.getAttribute('html', 'lang');
      expect(lang).toBe(path.startsWith('/zh-cn/') ? 'zh-CN' : 'en');
      const title = await page.title();
      expect(title.length).toBeGreaterThan(3);
      const description = await page.getAttribute('meta[name="description"]', 'content');
      expect(description?.length ?? 0).toBeGreaterThan(10);
      expect(problems()).toEqual([]);
      await page.context().close();
    });
  }

  it('serves the 404 page with status 404 for an unknown address', async () => {
    const { page, problems } = await newPage(browser);
    const response = await page.goto(site.url('/no-such-page/'));
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toContain('Page not found');
    const unexpected = problems().filter((p) => !(p.kind === 'http' && p.text.endsWith('/no-such-page/ (page)')));
    expect(unexpected).toEqual([]);
    await page.context().close();
  });
});
