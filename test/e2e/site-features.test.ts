/**
 * Starlight features through our CSP, offline: the language switch keeps you on the same page,
 * Pagefind search finds chapter text, the theme switch works and is remembered, the labs index
 * reads progress from localStorage; and the CSP detector itself notices a violation.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { distExists, newPage, screenshot, type Site, useSiteAndBrowser } from './browser';
import { CHAPTER, CHAPTER_ZH } from './pages';

const built = distExists();

describe.skipIf(!built)('site features', () => {
  let site: Site;
  let browser: Browser;
  useSiteAndBrowser((s, b) => ((site = s), (browser = b)));

  it('switches language and stays on the same page, both ways', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 900 });
    for (const [from, to, value] of [
      [CHAPTER, CHAPTER_ZH, '/zh-cn/'],
      [CHAPTER_ZH, CHAPTER, '/'],
      ['/labs/', '/zh-cn/labs/', '/zh-cn/'],
      ['/', '/zh-cn/', '/zh-cn/'],
    ]) {
      await page.goto(site.url(from));
      const select = page.locator('header starlight-lang-select select');
      const option = await select.locator('option').evaluateAll(
        (options, prefix) => (options as HTMLOptionElement[]).find((o) => new URL(o.value, location.href).pathname.startsWith(prefix) && (prefix !== '/' || !o.value.includes('/zh-cn/')))?.value,
        value,
      );
      expect(option, `${from} → ${to}`).toBeTruthy();
      await Promise.all([page.waitForURL(site.url(to)), select.selectOption(option!)]);
      expect(new URL(page.url()).pathname).toBe(to);
      await expect(page.getAttribute('html', 'lang')).resolves.toBe(to.startsWith('/zh-cn/') ? 'zh-CN' : 'en');
    }
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('offers the other language on the home page on a phone, where there is no language menu', async () => {
    const { page, problems } = await newPage(browser, { width: 390, height: 844 });
    for (const [from, to] of [
      ['/', '/zh-cn/'],
      ['/zh-cn/', '/'],
    ]) {
      await page.goto(site.url(from));
      const link = page.locator(`a[hreflang][href="${to}"]`);
      await expect(link.isVisible()).resolves.toBe(true);
      await Promise.all([page.waitForURL(site.url(to)), link.click()]);
    }
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('searches with Pagefind (WebAssembly) under the CSP', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(site.url('/'));
    await page.locator('button[data-open-modal]').first().click();
    const input = page.locator('#starlight__search input.pagefind-ui__search-input');
    await input.waitFor({ state: 'visible' });
    await input.fill('kube-apiserver');
    await input.press('Enter'); // Pagefind's form must not navigate (its action is javascript:)
    const results = page.locator('#starlight__search .pagefind-ui__result-link');
    await results.first().waitFor({ state: 'visible', timeout: 15_000 });
    const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    // Results are pages of this site (the index is local), and the chapter that explains it is one.
    for (const href of hrefs) expect(href).toMatch(/^\//);
    expect(hrefs.some((href) => href.startsWith('/architecture/'))).toBe(true);
    await screenshot(page, 'search-en-1400');
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('switches between dark and light and remembers the choice', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 900, colorScheme: 'dark' });
    await page.goto(site.url(CHAPTER));
    await expect(page.getAttribute('html', 'data-theme')).resolves.toBe('dark');
    await page.locator('header starlight-theme-select select').selectOption('light');
    await expect(page.getAttribute('html', 'data-theme')).resolves.toBe('light');
    await page.reload();
    await expect(page.getAttribute('html', 'data-theme')).resolves.toBe('light');
    await screenshot(page, 'chapter-en-1400-light');
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('shows lab progress from localStorage, and "not started" without it', async () => {
    const fresh = await newPage(browser, { width: 1400, height: 900 });
    await fresh.page.goto(site.url('/labs/'));
    const items = fresh.page.locator('[data-lab-id]');
    const count = await items.count();
    if (count === 0) {
      await expect(fresh.page.locator('[data-cka-labs-empty]').isVisible()).resolves.toBe(true);
      await fresh.page.context().close();
      return;
    }
    const ids = await items.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.labId!));
    for (const status of await fresh.page.locator('[data-lab-status]').allTextContents()) expect(status.trim()).toBe('not started');
    await fresh.page.context().close();

    const progress = { [ids[0]]: { tasksDone: 1, tasks: 3 }, ...(ids[1] ? { [ids[1]]: { tasksDone: 2, tasks: 2 } } : {}) };
    const seeded = await newPage(browser, {
      width: 1400,
      height: 900,
      initScript: `localStorage.setItem('cka-lab:progress', ${JSON.stringify(JSON.stringify(progress))});`,
    });
    await seeded.page.goto(site.url('/zh-cn/labs/'));
    const statuses = await seeded.page.locator('[data-lab-status]').allTextContents();
    expect(statuses[0].trim()).toBe('已完成 1/3 个任务');
    if (ids[1]) expect(statuses[1].trim()).toBe('已完成');
    await screenshot(seeded.page, 'labs-zh-1400');
    expect(seeded.problems()).toEqual([]);
    await seeded.page.context().close();
  });

  it('notices a CSP violation when one happens (the detector works)', async () => {
    const { page, cspViolations } = await newPage(browser);
    await page.goto(site.url('/'));
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
    });
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect(cspViolations().length).toBeGreaterThan(0);
    await page.context().close();
  });
});
