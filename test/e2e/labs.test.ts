/**
 * A lab in the browser: start it beside its chapter, solve a task by typing, press Check and see it
 * pass; reload and the progress and the lab's world are still there; reset returns to the start.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { distExists, newPage, screenshot, type Site, useSiteAndBrowser } from './browser';
import { typeInTerminal, waitForScreen } from './terminal-helpers';

describe.skipIf(!distExists())('labs in the chapter page', () => {
  let site: Site;
  let browser: Browser;
  useSiteAndBrowser((s, b) => ((site = s), (browser = b)));

  it('start, solve a task by typing, check, reload, reset', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 1000 });
    page.on('dialog', (d) => void d.accept());
    await page.goto(site.url('/troubleshooting/'));
    const panel = page.locator('[data-cka-lab="troubleshoot-service"]');
    await expect(panel.count()).resolves.toBe(1);
    await waitForScreen(page, (t) => t.includes('root@cka01:~#'), 30_000);
    // The chapter has several labs and names none: they start closed, as a list to choose from.
    await expect(panel.locator('details').getAttribute('open')).resolves.toBeNull();
    await panel.locator('summary').click();
    await panel.locator('[data-cka-lab-start]').click();
    // The terminal switches to the lab's world: its broken Service exists there.
    await waitForScreen(page, (t) => /root@cka01:~# $/m.test(t.split('\n').pop() ?? '') || t.endsWith('#'), 30_000);
    await typeInTerminal(page, 'kubectl get endpoints shop\n');
    await waitForScreen(page, (t) => /shop\s+<none>/.test(t), 30_000);
    await panel.locator('[data-cka-lab-check]').click();
    await expect(panel.locator('[data-task="endpoints"] [data-cka-messages] li').first().textContent({ timeout: 30_000 })).resolves.toContain('shop');
    await expect(panel.locator('[data-task="endpoints"]').getAttribute('data-state')).resolves.toBe('todo');

    await typeInTerminal(page, `kubectl patch service shop -p '{"spec":{"selector":{"app":"shop"}}}'\n`);
    await waitForScreen(page, (t) => t.includes('service/shop patched'), 30_000);
    await page.waitForTimeout(1500);
    await panel.locator('[data-cka-lab-check]').click();
    await page.waitForFunction(() => document.querySelector('[data-task="endpoints"]')?.getAttribute('data-state') === 'done', null, { timeout: 30_000 });
    await screenshot(page, 'lab-troubleshoot-service-1400');

    // The world is saved a few seconds after the last keystroke; after a reload it is still the learner's.
    await page.waitForTimeout(4000);
    await page.reload();
    const again = page.locator('[data-cka-lab="troubleshoot-service"]');
    await expect(again.locator('[data-task="endpoints"]').getAttribute('data-state')).resolves.toBe('done');
    await expect(again.locator('[data-cka-lab-check]').isVisible()).resolves.toBe(true);
    await waitForScreen(page, (t) => t.includes('root@cka01:~#'), 30_000);
    await typeInTerminal(page, "kubectl get service shop -o jsonpath='{.spec.selector.app}{\"\\n\"}'\n");
    await waitForScreen(page, (t) => /\nshop\n/.test(`${t}\n`), 30_000);

    await again.locator('[data-cka-lab-reset]').click();
    await expect(again.locator('[data-task="endpoints"]').getAttribute('data-state')).resolves.toBe('todo');
    expect(problems()).toEqual([]);
  });
});
