/**
 * The worker's boot in two stages: the prompt comes up on the restored machines before the cluster's
 * code has loaded; a command typed at once waits for the cluster and then sees it.
 */
import { describe, expect, it, vi } from 'vitest';
import type { WorldJSON } from '../../src/sim/world';
import type { WorkerToPage } from '../../src/terminal/worker/protocol';
import { HeadlessRig } from './support/headless';

describe('two-stage boot of the terminal worker', () => {
  it('shows the prompt before the cluster is restored, and runs kubectl once it is', async () => {
    // A snapshot made by a process that has all of the code…
    const { bootWorld } = await import('../../src/runtime/session');
    const snapshot = JSON.parse(JSON.stringify(bootWorld('cluster').toJSON())) as WorldJSON;
    // …restored by a fresh module graph that has only the worker's first stage loaded.
    vi.resetModules();
    const { TerminalHost } = await import('../../src/terminal/worker/terminal-host');
    const { memorySnapshotCache } = await import('../../src/terminal/worker/snapshot-cache');
    const cache = memorySnapshotCache();
    await cache.put('cluster@build-1', snapshot);
    const rig = new HeadlessRig(100, 24);
    const messages: WorkerToPage[] = [];
    const world = () => (host as unknown as { world: { attachments: Map<string, unknown> } }).world;
    let clusterAtReady: boolean | undefined;
    let tick: (() => void) | undefined;
    let now = 0;
    const host: InstanceType<typeof TerminalHost> = new TerminalHost(
      (m) => {
        messages.push(m);
        if (m.type === 'output') rig.io.write(m.data);
        if (m.type === 'ready') clusterAtReady = world().attachments.has('cluster');
      },
      { setInterval: (fn, ms) => (ms === 100 ? (tick = fn) : undefined, 1), clearInterval: () => undefined, now: () => now },
      cache,
      'build-1',
    );
    await host.handle({ type: 'init', scenario: 'cluster', host: 'cka01', cols: 100, rows: 24, histories: {} });
    expect(messages.some((m) => m.type === 'ready')).toBe(true);
    expect(clusterAtReady).toBe(false);
    // The second stage waits for the page's screen: nothing loads while the page mounts it.
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 5));
    expect(world().attachments.has('cluster')).toBe(false);
    // Typed right away: Enter starts the second stage and waits for it.
    await host.handle({ type: 'data', data: 'kubectl get nodes\r' });
    // Real time passes (the page's clock driver ticks every 100 ms).
    // (Loading the cluster's code takes a while in Node, where every file is transformed on import.)
    for (let i = 0; i < 3000 && !/cka03/.test(rig.screen()); i++) {
      now += 100;
      tick?.();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(rig.screen()).toMatch(/cka01\s+Ready\s+control-plane/);
    expect(rig.screen()).toMatch(/cka03\s+Ready\s+<none>/);
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
  }, 60_000);
});

describe('second stage started by the page', () => {
  it("loads the cluster when the page says its screen shows the prompt ('painted')", async () => {
    const { TerminalHost } = await import('../../src/terminal/worker/terminal-host');
    const { memorySnapshotCache } = await import('../../src/terminal/worker/snapshot-cache');
    const { bootWorld } = await import('../../src/runtime/session');
    const cache = memorySnapshotCache();
    await cache.put('cluster@build-2', JSON.parse(JSON.stringify(bootWorld('cluster').toJSON())) as WorldJSON);
    const host = new TerminalHost(() => undefined, { setInterval: () => 1, clearInterval: () => undefined, now: () => 0 }, cache, 'build-2');
    await host.handle({ type: 'init', scenario: 'cluster', host: 'cka01', cols: 80, rows: 24, histories: {} });
    const viz = () => (host as unknown as { viz?: unknown }).viz;
    expect(viz()).toBeUndefined();
    await host.handle({ type: 'painted' });
    for (let i = 0; i < 3000 && !viz(); i++) await new Promise((r) => setTimeout(r, 10));
    // The architecture view's feed exists once the cluster's code is in.
    expect(viz()).toBeDefined();
  }, 60_000);
});
