/**
 * The architecture view in the browser: open it beside the terminal, create a Deployment, and see the
 * simulator's own calls appear in order — kubectl to the API server, etcd, the scheduler binding Pods
 * to real node names, the kubelets reporting back. Accessible, at phone and desktop widths.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, distExists, newPage, runAxe, screenshot, type Site, useSiteAndBrowser } from './browser';
import { typeInTerminal, waitForScreen } from './terminal-helpers';

describe.skipIf(!distExists())('architecture view', () => {
  let site: Site;
  let browser: Browser;
  useSiteAndBrowser((s, b) => ((site = s), (browser = b)));

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
    // the kubelet asks its runtime for the pod's sandbox and containers, on that node's arrow
    await page.waitForFunction(() => [...document.querySelectorAll('[data-cka-viz-log] li')].some((li) => /^kubelet on cka0[23] → containerd: StartContainer nginx \(default\/web-/.test(li.textContent ?? '')), null, { timeout: 60_000 });
    const after = await page.$$eval('[data-cka-viz-log] li', (items) => items.map((li) => li.textContent ?? '').reverse());
    const sandbox = after.findIndex((l) => /^kubelet on cka0[23] → containerd: RunPodSandbox default\/web-/.test(l));
    expect(sandbox).toBeGreaterThan(after.findIndex((l) => /^scheduler: POST pods\/binding web-/.test(l)));
    expect(after.findIndex((l) => /→ containerd: StartContainer nginx/.test(l))).toBeGreaterThan(sandbox);
    expect(describeViolations(await runAxe(page))).toBe('');
    await screenshot(page, 'architecture-view-1400');

    // The detail panel, from the keyboard: the Deployment as etcd stored it at that revision.
    const openDetail = async (pattern: RegExp) => {
      const button = page.locator('[data-cka-viz-log] li button').filter({ hasText: pattern }).last();
      await button.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => {
        const yaml = document.querySelector<HTMLElement>('[data-cka-viz-detail-yaml]');
        return !!yaml && !yaml.hidden && (yaml.textContent ?? '').length > 0;
      });
      const field = (name: string) => page.locator(`[data-cka-viz-detail] [data-field="${name}"]:not([hidden]) dd`).textContent();
      return { field, yaml: (await page.locator('[data-cka-viz-detail-yaml]').textContent()) ?? '' };
    };
    const write = await openDetail(/^write deployments default\/web \(revision \d+\)/);
    expect(await write.field('key')).toBe('/registry/deployments/default/web');
    const revision = await write.field('revision');
    expect(await write.field('resourceVersion')).toBe(revision);
    expect(write.yaml).toContain('kind: Deployment');
    expect(write.yaml).toContain(`resourceVersion: "${revision}"`);
    expect(write.yaml).toMatch(/replicas: 3/);
    // a watch delivery: its event type and the object it carried
    const delivery = await openDetail(/^watch: ADDED pods default\/web-/);
    expect(await delivery.field('event')).toBe('ADDED');
    expect(delivery.yaml).toContain('kind: Pod');
    // a runtime step: the runtime's own record of the container
    const started = await openDetail(/→ containerd: StartContainer nginx/);
    expect(await started.field('node')).toMatch(/^cka0[23]$/);
    expect(started.yaml).toContain('state: CONTAINER_RUNNING');
    expect(describeViolations(await runAxe(page))).toBe('');
    await screenshot(page, 'architecture-view-detail-1400');
    await page.click('[data-cka-viz-detail-close]');
    expect(await page.locator('[data-cka-viz-detail]').isHidden()).toBe(true);
    expect(problems()).toEqual([]);
  });

  it('a stopped kubelet: the node turns NotReady on the diagram within the node monitor grace period', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 1000 });
    await page.goto(site.url('/architecture/'));
    await waitForScreen(page, (t) => t.includes('root@cka01:~#'), 30_000);
    await page.click('[data-cka-viz-toggle]');
    await page.waitForSelector('[data-cka-viz-svg] [data-id="kubelet:cka02"][data-ready="true"]');
    const started = Date.now();
    await typeInTerminal(page, 'ssh cka02 systemctl stop kubelet\n');
    // The page's clock runs in real time: the node-lifecycle controller marks the node after
    // node-monitor-grace-period (50 s) without a heartbeat.
    await page.waitForSelector('[data-cka-viz-svg] [data-id="kubelet:cka02"][data-ready="false"]', { timeout: 90_000 });
    expect(Date.now() - started).toBeLessThan(80_000);
    expect(await page.locator('[data-cka-viz-svg] text').allTextContents()).toContain('kubelet · NotReady');
    expect(await page.locator('[data-cka-viz-svg] [data-id="kubelet:cka03"]').getAttribute('data-ready')).toBe('true');
    expect(problems()).toEqual([]);
  }, 150_000);

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
