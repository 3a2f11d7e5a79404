/**
 * The chapter page: text beside the terminal pane with a resizable divider on wide screens, a
 * toggle that slides the pane in on narrow ones, run buttons that send `cka:run`, and the lazy
 * loading contract (`cka:pane-open`). Screenshots go to test-artifacts/.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { distExists, newPage, screenshot, type Site, useSiteAndBrowser } from './browser';
import { CHAPTER, CHAPTER_ZH } from './pages';

const built = distExists();

describe.skipIf(!built)('chapter layout', () => {
  let site: Site;
  let browser: Browser;
  useSiteAndBrowser((s, b) => ((site = s), (browser = b)));

  it('shows text, divider and terminal side by side at 1400 px', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(site.url(CHAPTER));
    const text = await page.locator('.cka-split__text').boundingBox();
    const divider = page.locator('[role="separator"][data-cka-divider]');
    const pane = page.locator('[data-cka-pane]');
    await expect(divider.isVisible()).resolves.toBe(true);
    await expect(pane.isVisible()).resolves.toBe(true);
    const paneBox = await pane.boundingBox();
    expect(text && paneBox).toBeTruthy();
    expect(paneBox!.x).toBeGreaterThan(text!.x + text!.width - 1);
    expect(paneBox!.width).toBeGreaterThan(320);
    expect(await page.locator('[data-cka-pane] .cka-pane__body > *').count()).toBeGreaterThan(0);
    // Shown on load, so the terminal has been told to load.
    await expect(pane.getAttribute('data-cka-active')).resolves.toBe('');
    await expect(page.locator('[data-cka-pane-toggle]').isVisible()).resolves.toBe(false);
    await screenshot(page, 'chapter-en-1400');
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('resizes with the keyboard and the pointer, and remembers the width', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(site.url(CHAPTER));
    const pane = page.locator('[data-cka-pane]');
    const divider = page.locator('[data-cka-divider]');
    const before = (await pane.boundingBox())!.width;

    await divider.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const wider = (await pane.boundingBox())!.width;
    expect(wider).toBeGreaterThan(before + 40);
    const valueNow = Number(await divider.getAttribute('aria-valuenow'));
    expect(valueNow).toBeGreaterThan(0);

    const box = (await divider.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + 150, box.y + 200, { steps: 5 });
    await page.mouse.up();
    const dragged = (await pane.boundingBox())!.width;
    expect(Math.abs(dragged - (wider - 150 + box.width / 2))).toBeLessThan(12);

    await page.reload();
    const remembered = (await page.locator('[data-cka-pane]').boundingBox())!.width;
    expect(Math.abs(remembered - dragged)).toBeLessThan(2);
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('hides the pane at 390 px until the Terminal toggle slides it in', async () => {
    const { page, problems } = await newPage(browser, { width: 390, height: 844 });
    await page.goto(site.url(CHAPTER_ZH));
    const toggle = page.locator('[data-cka-pane-toggle]');
    const pane = page.locator('[data-cka-pane]');
    await expect(toggle.isVisible()).resolves.toBe(true);
    await expect(toggle.textContent()).resolves.toContain('终端');
    await expect(pane.isVisible()).resolves.toBe(false);
    await expect(pane.getAttribute('data-cka-active')).resolves.toBeNull();
    await screenshot(page, 'chapter-zh-390-closed');

    const opened = page.evaluate(
      () => new Promise<boolean>((ok) => window.addEventListener('cka:pane-open', (e) => ok((e as CustomEvent).detail.first), { once: true })),
    );
    await toggle.click();
    await expect(opened).resolves.toBe(true);
    await page.waitForTimeout(300); // slide-in transition
    await expect(pane.isVisible()).resolves.toBe(true);
    // Focus moves into the pane (the toggle hides while the pane is open).
    await expect(page.evaluate(() => document.querySelector('[data-cka-pane]')!.contains(document.activeElement))).resolves.toBe(true);
    const box = (await pane.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(391);
    await screenshot(page, 'chapter-zh-390-open');

    // Escape inside the terminal belongs to the program there (vim); on the pane's controls it closes.
    await page.locator('[data-cka-pane-close]').focus();
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    await expect(pane.isVisible()).resolves.toBe(false);
    await expect(page.evaluate(() => document.activeElement?.hasAttribute('data-cka-pane-toggle'))).resolves.toBe(true);
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('puts a run button on shell blocks that dispatches cka:run with the command', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(site.url(CHAPTER));
    const runButtons = page.locator('.expressive-code .cka-run');
    expect(await runButtons.count()).toBeGreaterThan(0);
    const first = runButtons.first();
    const expected = await first.evaluate((button) => {
      const code = button.closest('figure')!.querySelector<HTMLElement>('button[data-code]')!.dataset.code!;
      return code.replace(/\u007f/g, '\n').replace(/\n+$/, '');
    });
    const received = page.evaluate(
      () => new Promise<string>((ok) => window.addEventListener('cka:run', (e) => ok((e as CustomEvent).detail.command), { once: true })),
    );
    await first.click();
    await expect(received).resolves.toBe(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('gives run buttons to shell blocks only, never to output blocks', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(site.url(CHAPTER));
    const blocks = await page.locator('.expressive-code pre[data-language]').evaluateAll((pres) =>
      pres.map((pre) => ({
        language: (pre as HTMLElement).dataset.language,
        output: pre.closest('[data-cka-output]') !== null,
        run: pre.closest('figure')!.querySelector('.cka-run') !== null,
      })),
    );
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const shell = ['bash', 'sh', 'shell'].includes(block.language ?? '') && !block.output;
      expect(block.run, JSON.stringify(block)).toBe(shell);
    }
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('opens the pane on a narrow screen when a run button is pressed', async () => {
    const { page, problems } = await newPage(browser, { width: 390, height: 844 });
    await page.goto(site.url(CHAPTER));
    const events = page.evaluate(
      () =>
        new Promise<string[]>((ok) => {
          const seen: string[] = [];
          window.addEventListener('cka:pane-open', () => seen.push('open'));
          window.addEventListener('cka:run', () => {
            seen.push('run');
            ok(seen);
          });
        }),
    );
    await page.locator('.expressive-code .cka-run').first().click();
    await expect(events).resolves.toEqual(['open', 'run']);
    await page.waitForTimeout(300);
    await expect(page.locator('[data-cka-pane]').isVisible()).resolves.toBe(true);
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('loads no terminal code on a narrow screen until the pane is opened', async () => {
    const { page, problems } = await newPage(browser, { width: 390, height: 844 });
    const scripts: string[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.push(await response.text().catch(() => ''));
    });
    await page.goto(site.url(CHAPTER), { waitUntil: 'networkidle' });
    // xterm.js names its input element "xterm-helper-textarea"; no script loaded so far may hold it.
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((code) => code.includes('xterm-helper-textarea'))).toEqual([]);
    await expect(page.locator('.xterm').count()).resolves.toBe(0);
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('keeps the text readable with JavaScript off', async () => {
    const { page } = await newPage(browser, { width: 390, height: 844, javaScriptEnabled: false });
    await page.goto(site.url(CHAPTER));
    await expect(page.locator('main h1').isVisible()).resolves.toBe(true);
    await expect(page.locator('main h2').first().isVisible()).resolves.toBe(true);
    // No dead toggle without the script that drives it.
    await expect(page.locator('[data-cka-pane-toggle]').isVisible()).resolves.toBe(false);
    await page.context().close();
  });
});
