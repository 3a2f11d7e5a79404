/**
 * The terminal on a chapter page in Chromium: the prompt appears, commands answer, vim edits a
 * file that cat then shows, a run button types its command, the terminal follows the window's
 * size, and the terminal code is a separate chunk loaded with the pane.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, distExists, newPage, runAxe, screenshot, type Site, useSiteAndBrowser } from './browser';
import { CHAPTER } from './pages';
import { typeInTerminal, waitForScreen } from './terminal-helpers';

const built = distExists();
const PROMPT = 'root@cka01:~#';
const lastLine = (text: string) => text.split('\n').pop() ?? '';

describe.skipIf(!built)('terminal in the page', () => {
  let site: Site;
  let browser: Browser;
  useSiteAndBrowser((s, b) => ((site = s), (browser = b)));

  it('shows the prompt, answers hostname, edits a file in vim and cats it', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(site.url(CHAPTER));
    await waitForScreen(page, (t) => lastLine(t) === PROMPT);
    await typeInTerminal(page, 'hostname\n');
    await waitForScreen(page, (t) => t.includes('hostname\ncka01\n' + PROMPT));

    await typeInTerminal(page, 'vim pod.yaml\n');
    await waitForScreen(page, (t) => t.includes('"pod.yaml" [New]'));
    await typeInTerminal(page, 'ikind: Pod');
    await page.keyboard.press('Escape');
    await typeInTerminal(page, ':wq\n');
    await waitForScreen(page, (t) => lastLine(t) === PROMPT && t.includes('vim pod.yaml'));
    await typeInTerminal(page, 'cat pod.yaml\n');
    const screen = await waitForScreen(page, (t) => t.includes('cat pod.yaml\nkind: Pod\n' + PROMPT));
    expect(screen).toContain('kind: Pod');
    await screenshot(page, 'terminal-vim-cat-1400');
    expect(problems()).toEqual([]);
  });

  it('types the command of a run button', async () => {
    const { page } = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(site.url(CHAPTER));
    await waitForScreen(page, (t) => lastLine(t) === PROMPT);
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('cka:run', { detail: { command: 'echo from-a-button' } })));
    await waitForScreen(page, (t) => t.includes('echo from-a-button\nfrom-a-button'));
  });

  it('follows the size of the window', async () => {
    const { page } = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(site.url(CHAPTER));
    await waitForScreen(page, (t) => lastLine(t) === PROMPT);
    const columns = async (marker: string) => {
      await typeInTerminal(page, `echo ${marker}=$COLUMNS\n`);
      const text = await waitForScreen(page, (t) => new RegExp(`\\n${marker}=\\d+\\n`).test(t));
      return Number(new RegExp(`\\n${marker}=(\\d+)\\n`).exec(text)![1]);
    };
    const wide = await columns('wide');
    await page.setViewportSize({ width: 1150, height: 800 });
    await page.waitForTimeout(400);
    const narrow = await columns('narrow');
    expect(wide).toBeGreaterThan(40);
    expect(narrow).toBeLessThan(wide);
    await screenshot(page, 'terminal-resized-1150');
  });

  it('resets the machines with the reset button and offers the screen-reader mode', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(site.url(CHAPTER));
    await waitForScreen(page, (t) => lastLine(t) === PROMPT);
    await typeInTerminal(page, 'touch marker; ls marker\n');
    await waitForScreen(page, (t) => t.includes('\nmarker\n'));
    await page.locator('[data-cka-reset]').click();
    await waitForScreen(page, (t) => t === PROMPT);
    await typeInTerminal(page, 'ls marker\n');
    await waitForScreen(page, (t) => t.includes("ls: cannot access 'marker': No such file or directory"));
    const reader = page.locator('[data-cka-reader]');
    await reader.click();
    await expect(reader.getAttribute('aria-pressed')).resolves.toBe('true');
    await page.waitForSelector('[data-cka-term] .xterm-accessibility', { state: 'attached' });
    expect(problems()).toEqual([]);
  });

  it('keeps the history of the machine across a reload', async () => {
    const { page } = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(site.url(CHAPTER));
    await waitForScreen(page, (t) => lastLine(t) === PROMPT);
    await typeInTerminal(page, 'echo remembered\n');
    await waitForScreen(page, (t) => t.includes('\nremembered\n'));
    await page.reload();
    await waitForScreen(page, (t) => lastLine(t) === PROMPT);
    await page.locator('[data-cka-term] .xterm-helper-textarea').focus();
    await page.keyboard.press('ArrowUp');
    await waitForScreen(page, (t) => lastLine(t) === `${PROMPT} echo remembered`);
  });

  it('follows the light and dark themes and passes axe', async () => {
    const { page } = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(site.url(CHAPTER));
    await waitForScreen(page, (t) => lastLine(t) === PROMPT);
    const background = () => page.evaluate(() => getComputedStyle(document.querySelector('[data-cka-term] .xterm-scrollable-element')!).backgroundColor);
    const dark = await background();
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await page.waitForTimeout(200);
    const light = await background();
    expect(dark).not.toBe(light);
    expect(light).toBe('rgb(251, 251, 252)');
    const violations = (await runAxe(page)).filter((v) => v.nodes.some((n) => /cka-term|xterm/.test(n.target.join(' ') + n.html)));
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('loads the terminal as a separate chunk, only when the pane opens', async () => {
    const { page } = await newPage(browser, { width: 800, height: 900 });
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(site.url(CHAPTER));
    await page.waitForTimeout(500);
    const before = scripts.length;
    expect(await page.locator('[data-cka-term] .xterm').count()).toBe(0);
    await page.locator('.cka-pane-toggle').click();
    await waitForScreen(page, (t) => lastLine(t) === PROMPT);
    expect(scripts.length).toBeGreaterThan(before);
  });
});
