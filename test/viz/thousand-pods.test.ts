/**
 * At 1,000 pods the view aggregates: bursts of the same call fold into one step with a count, the
 * log and the queue stay bounded, the animation hurries, and a node shows how many pods it runs
 * (a number, never a box per pod).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { VizFeed, type VizBatch } from '../../src/terminal/worker/viz-feed';
import { absorb, dwellMs, initialView } from '../../src/viz/model';
import { foldSteps } from '../../src/viz/steps';
import { layout } from '../../src/components/viz/layout';

const noTimers = { setInterval: () => 0, clearInterval: () => {} };

describe('a thousand pods', () => {
  it('fold into a bounded, aggregated picture', async () => {
    const world = bootWorld('cluster');
    const batches: VizBatch[] = [];
    const feed = new VizFeed(world, (b) => batches.push(b), noTimers);
    feed.start();
    const { status } = await runScript(world, 'cka01', 'kubectl create deployment big --image=nginx --replicas=1000 >/dev/null');
    expect(status).toBe(0);
    // batches as the page gets them (one per flush), for 40 s of simulated time
    let view = initialView(['cka01', 'cka02', 'cka03']);
    let entries = 0;
    let maxDwell = 0;
    for (let i = 0; i < 40; i++) {
      world.clock.advance(1000);
      feed.flush();
    }
    for (const batch of batches) {
      view = absorb(view, batch.steps);
      const folded = foldSteps(batch.steps);
      // every step is accounted for
      expect(folded.reduce((n, s) => n + s.count, 0)).toBe(batch.steps.length);
      entries += folded.length;
      maxDwell = Math.max(maxDwell, view.queue.length > 10 ? dwellMs(view) : 0);
      expect(view.log.length).toBeLessThanOrEqual(view.limit);
      expect(view.queue.length).toBeLessThanOrEqual(view.limit);
    }
    const steps = batches.flatMap((b) => b.steps);
    expect(steps.length).toBeGreaterThan(5000);
    // far fewer entries than calls: the bursts are folded
    expect(entries).toBeLessThan(steps.length / 10);
    expect(view.log.some((s) => s.from === 'scheduler' && s.count >= 50)).toBe(true);
    // and with a backlog the animation hurries
    expect(maxDwell).toBeLessThan(700);
    // the nodes carry a count of their pods; the drawing has the same boxes as with three pods
    const nodes = batches[batches.length - 1].nodes;
    const running = nodes.reduce((n, node) => n + (node.pods ?? 0), 0);
    // two workers of at most 110 pods each (the kubelet's max-pods) take what fits; the rest wait
    expect(running).toBeGreaterThanOrEqual(200);
    expect(layout(view.nodes)).toHaveLength(5 + 2 * 3);
  }, 120_000);
});
