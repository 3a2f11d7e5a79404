/**
 * Architecture view benchmark (needs the built site, dist/, and Chromium):
 * - viz.events_per_s: diagram steps per second the view absorbs in Chromium while its frames stay
 *   under 50 ms (95th percentile of requestAnimationFrame gaps).
 *
 * The steps are the simulator's own: a 1,000-replica Deployment run in Node through the worker's
 * feed. In the page they are handed to the view as the terminal hands them (`cka:viz-steps`, one
 * batch per feed flush), at rising rates, until frames get slower than the budget.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from '../cli/bench';
import { bootWorld, runScript } from '../runtime/session';
import { VizFeed, VIZ_FLUSH_MS, type VizBatch } from '../terminal/worker/viz-feed';
import { VIZ_STEPS_EVENT } from '../components/viz/events';
import type { DiagramStep } from '../viz/steps';
import { result } from './_measure';

const CHAPTER_PATH = '/architecture/';
const FRAME_BUDGET_MS = 50;
const RATES = [250, 500, 1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 512000];
const SECONDS_PER_RATE = 2;

/** Real steps of a large rollout, as the feed batches them. */
async function recordSteps(): Promise<{ steps: DiagramStep[]; nodes: VizBatch['nodes'] }> {
  const world = bootWorld('cluster');
  const batches: VizBatch[] = [];
  const feed = new VizFeed(world, (b) => batches.push(b), { setInterval: () => 0, clearInterval: () => undefined });
  feed.start();
  await runScript(world, 'cka01', 'kubectl create deployment big --image=nginx --replicas=1000 >/dev/null');
  for (let i = 0; i < 60; i++) {
    world.clock.advance(500);
    feed.flush();
  }
  feed.stop();
  const nodes = batches.filter((b) => b.nodes.length).at(-1)?.nodes ?? [];
  return { steps: batches.flatMap((b) => b.steps), nodes };
}

/**
 * Runs in the page (as text: the bundler's helpers do not exist there). For each rate, one batch
 * per feed flush for a few seconds, while requestAnimationFrame records the gaps between frames.
 */
const IN_PAGE = `async ({ pool, nodes, rate, seconds, flushMs, eventName }) => {
  let next = Math.floor(Math.random() * pool.length);
  {
    const gaps = [];
    let running = true;
    let last = 0;
    const frame = (t) => {
      if (last) gaps.push(t - last);
      last = t;
      if (running) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    const perBatch = Math.max(1, Math.round((rate * flushMs) / 1000));
    const start = performance.now();
    let sent = 0;
    while (performance.now() - start < seconds * 1000) {
      const steps = [];
      for (let k = 0; k < perBatch; k++) steps.push(pool[next++ % pool.length]);
      window.dispatchEvent(new CustomEvent(eventName, { detail: { steps, nodes, apiUp: true } }));
      sent += perBatch;
      await new Promise((r) => setTimeout(r, flushMs));
    }
    const elapsed = (performance.now() - start) / 1000;
    running = false;
    await new Promise((r) => setTimeout(r, 300));
    gaps.sort((a, b) => a - b);
    const p95 = gaps.length ? gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * 0.95))] : 1e9;
    return { rate, achieved: sent / elapsed, p95, max: gaps.length ? gaps[gaps.length - 1] : 1e9 };
  }
}`;

interface RateResult {
  rate: number;
  achieved: number;
  p95: number;
  max: number;
}

export async function run(): Promise<BenchResult[]> {
  const root = join(process.cwd(), 'dist');
  if (!existsSync(join(root, 'index.html')) || !existsSync('/usr/bin/chromium')) {
    console.error('bench viz: skipped, dist/ is not built (run `npm run build` first) or Chromium is missing');
    return [];
  }
  const { steps, nodes } = await recordSteps();
  const browserHelpers = '../../test/e2e/browser';
  const { startSite, launchBrowser } = (await import(browserHelpers)) as typeof import('../../test/e2e/browser');
  const site = await startSite();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(site.url(CHAPTER_PATH));
    await page.click('[data-cka-viz-toggle]');
    await page.waitForSelector('[data-cka-viz-svg] [data-id="apiserver"]');
    // The terminal's world boots in its worker first: measure the view, not the boot.
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-cka-terminal]')?.dataset.ckaReady === 'true', undefined, { timeout: 60_000 });
    await page.evaluate(`window.__ckaVizPool = ${JSON.stringify({ steps, nodes })}`);
    const measure = async (rate: number) => {
      const args = { rate, seconds: SECONDS_PER_RATE, flushMs: VIZ_FLUSH_MS, eventName: VIZ_STEPS_EVENT };
      const r = (await page.evaluate(`(${IN_PAGE})({ pool: window.__ckaVizPool.steps, nodes: window.__ckaVizPool.nodes, ...${JSON.stringify(args)} })`)) as RateResult;
      console.error(`bench viz: ${r.rate}/s offered → ${Math.round(r.achieved)}/s absorbed, frame gap p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`);
      return r;
    };
    // Rising rates until frames miss the budget twice at the same rate (once may be a neighbour's load).
    let best = 0;
    for (const rate of RATES) {
      let r = await measure(rate);
      if (r.p95 > FRAME_BUDGET_MS) r = await measure(rate);
      if (r.p95 > FRAME_BUDGET_MS) break;
      best = r.achieved;
    }
    return [result('viz.events_per_s', Math.round(best), 'events/s')];
  } finally {
    await browser.close();
    await site.close();
  }
}
