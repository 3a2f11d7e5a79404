/**
 * tmux in the chapter terminal in Chromium: start it, split the window, run a command in the
 * new pane, detach and attach again. Serves dist/ (or the build in $CKA_E2E_DIST).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DIST, launchBrowser, newPage, screenshot, startSite, type Site } from './browser';
import { CHAPTER } from './pages';
import { typeInTerminal, waitForScreen } from './terminal-helpers';

const root = process.env.CKA_E2E_DIST ?? DIST;
const PROMPT = 'root@cka01:~#';

describe.skipIf(!existsSync(join(root, 'index.html')))('tmux in the page terminal', () => {
  let site: Site;
  let browser: Browser;
  beforeAll(async () => {
    site = await startSite(root);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('splits the window, runs a command in each pane, detaches and attaches again', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(site.url(CHAPTER));
    await waitForScreen(page, (t) => t.split('\n').pop() === PROMPT);
    await typeInTerminal(page, 'tmux\n');
    await waitForScreen(page, (t) => /\[0\] 0:bash\*\s+"cka01" \d\d:\d\d/.test(t));
    await typeInTerminal(page, 'echo left-pane\n');
    await waitForScreen(page, (t) => t.includes('\nleft-pane'));
    await page.keyboard.press('Control+b');
    await page.keyboard.type('%');
    await waitForScreen(page, (t) => (t.match(/│/g) ?? []).length > 10);
    await typeInTerminal(page, 'hostname\n');
    const split = await waitForScreen(page, (t) => /│cka01$/m.test(t));
    expect(split).toMatch(/^left-pane +│/m);
    await screenshot(page, 'tmux-split-1400');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('d');
    await waitForScreen(page, (t) => t.includes('[detached (from session 0)]'));
    await typeInTerminal(page, 'tmux attach\n');
    await waitForScreen(page, (t) => /│cka01$/m.test(t) && t.includes('left-pane'));
    expect(problems()).toEqual([]);
  });
});
