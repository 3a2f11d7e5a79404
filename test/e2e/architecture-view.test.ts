/**
 * The architecture view in the browser: open it beside the terminal, create a Deployment, and see the
 * simulator's own calls appear in order — kubectl to the API server, etcd, the scheduler binding Pods
 * to real node names, the kubelets reporting back. Accessible, at phone and desktop widths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, distExists, launchBrowser, newPage, runAxe, screenshot, startSite, type Site } from './browser';
import { typeInTerminal, waitForScreen } from './terminal-helpers';

describe.skipIf(!distExists())('architecture view', () => {
  let site: Site;
  let browser: Browser;
  beforeAll(async () => {
    site = await startSite();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('shows the real path of a Deployment, in order, with node names', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 1000 });
    await page.goto(site.url('/architecture/'));
    await waitForScreen(page, (t) => t.includes('root@cka01:~#'), 30_000);
    await page.click('[data-cka-viz-toggle]');
    await page.waitForSelector('[data-cka-viz-svg] [data-id="kubelet:cka02"]');
    await typeInTerminal(page, 'kubectl create deployment web --image=nginx --replicas=3\n');
    await waitForScreen(page, (t) => t.includes('deployment.apps/web created'), 30_000);
    // Steps are shown one after the other; wait until a kubelet has reported back.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-cka-viz-log] li')].some((li) => /kubelet on cka0[23]/.test(li.textContent ?? '')), null, { timeout: 60_000 });
    const log = await page.$$eval('[data-cka-viz-log] li', (items) => items.map((li) => li.textContent ?? '').reverse());
    const first = (re: RegExp) => log.findIndex((line) => re.test(line));
    expect(first(/^kubectl: POST deployments/)).toBeGreaterThanOrEqual(0);
    expect(first(/^write deployments default\/web/)).toBeGreaterThan(first(/^kubectl: POST deployments/));
    expect(first(/^scheduler: POST pods\/binding web-/)).toBeGreaterThan(first(/^write deployments default\/web/));
    expect(log.some((l) => /kubelet on cka0[23]/.test(l))).toBe(true);
    expect(describeViolations(await runAxe(page))).toBe('');
    await screenshot(page, 'architecture-view-1400');
    expect(problems()).toEqual([]);
  });

  it('is readable on a phone', async () => {
    const { page, problems } = await newPage(browser, { width: 390, height: 844 });
    await page.goto(site.url('/zh-cn/architecture/'));
    await page.click('[data-cka-pane-toggle]');
    await page.click('[data-cka-viz-toggle]');
    await page.waitForSelector('[data-cka-viz-svg] [data-id="apiserver"]');
    expect(describeViolations(await runAxe(page))).toBe('');
    await screenshot(page, 'architecture-view-390');
    expect(problems()).toEqual([]);
  });
});
