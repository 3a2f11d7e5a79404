import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { clusterOf } from '../../src/sim/cluster/attach';
import { VizFeed, type VizBatch } from '../../src/terminal/worker/viz-feed';

const noTimers = { setInterval: () => 0, clearInterval: () => {} };

describe('architecture view feed', () => {
  it('sends nothing while closed, and the real path of a Deployment while open', async () => {
    const world = bootWorld('cluster');
    const batches: VizBatch[] = [];
    const feed = new VizFeed(world, (b) => batches.push(b), noTimers);
    await runScript(world, 'cka01', 'kubectl get nodes');
    expect(batches).toEqual([]);
    feed.start();
    expect(batches[0].nodes.map((n) => n.name)).toEqual(['cka01', 'cka02', 'cka03']);
    await runScript(world, 'cka01', 'kubectl create deployment web --image=nginx --replicas=3; sleep 20');
    feed.flush();
    const arrows = batches.flatMap((b) => b.steps).map((s) => `${s.from}->${s.to}`);
    const first = (a: string) => arrows.indexOf(a);
    // kubectl → apiserver → etcd → the deployment controller → ReplicaSet … → scheduler binds → kubelet reports
    expect(first('kubectl->apiserver')).toBeGreaterThanOrEqual(0);
    expect(first('apiserver->etcd')).toBeGreaterThan(first('kubectl->apiserver'));
    expect(arrows).toContain('scheduler->apiserver');
    expect(arrows.some((a) => /^kubelet:cka0[23]->apiserver$/.test(a))).toBe(true);
    // The pod reaches its kubelet through the watch the API server serves per node.
    expect(arrows.some((a) => /^apiserver->kubelet:cka0[23]$/.test(a))).toBe(true);
    const binding = batches.flatMap((b) => b.steps).find((s) => s.from === 'scheduler' && s.detail.path?.endsWith('/binding'));
    expect(binding?.caption.en).toMatch(/^scheduler: POST pods\/binding web-/);
    feed.stop();
    const before = batches.length;
    await runScript(world, 'cka01', 'kubectl scale deployment web --replicas=1; sleep 5');
    feed.flush();
    expect(batches.length).toBe(before);
  });

  it('shows a node turning NotReady when its kubelet stops', async () => {
    const world = bootWorld('cluster');
    const batches: VizBatch[] = [];
    const feed = new VizFeed(world, (b) => batches.push(b), noTimers);
    feed.start();
    clusterOf(world)!.kubelet('cka03').stop();
    world.clock.advance(60_000);
    feed.flush();
    const last = batches[batches.length - 1];
    expect(last.nodes.find((n) => n.name === 'cka03')).toMatchObject({ name: 'cka03', ready: false });
    expect(last.apiUp).toBe(true);
  });
});
