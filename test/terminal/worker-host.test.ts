/** The worker's host on its own: messages in, messages out, as the page would see them. */
import { describe, expect, it } from 'vitest';
import { programs } from '../../src/shell/commands/index';
import type { WorkerToPage } from '../../src/terminal/worker/protocol';
import { memorySnapshotCache, type SnapshotCache } from '../../src/terminal/worker/snapshot-cache';
import { labWorld } from '../../src/terminal/worker/labs';
import { TerminalHost } from '../../src/terminal/worker/terminal-host';
import { HeadlessRig } from './support/headless';

function setup(cache?: SnapshotCache, labs?: typeof labWorld) {
  const messages: WorkerToPage[] = [];
  const rig = new HeadlessRig(80, 24);
  // Intervals by handle: advance() runs each once (the clock driver, saves, the second stage's fallback).
  const intervals = new Map<number, () => void>();
  let nextHandle = 1;
  let now = 0;
  const host = new TerminalHost(
    (m) => {
      messages.push(m);
      if (m.type === 'output') rig.io.write(m.data);
    },
    {
      setInterval: (fn) => {
        intervals.set(nextHandle, fn);
        return nextHandle++;
      },
      clearInterval: (handle) => void intervals.delete(handle as number),
      now: () => now,
    },
    cache,
    'build-1',
    labs,
  );
  const settle = async () => {
    for (let i = 0; i < 10; i++) await rig.flush();
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const fn of [...intervals.values()]) fn();
    await settle();
  };
  return { host, messages, rig, settle, advance };
}

describe('terminal worker host', () => {
  it('boots the world and shows the prompt, runs typed keys and run-button commands', async () => {
    const { host, messages, rig, settle } = setup();
    await host.handle({ type: 'init', scenario: 'machines', host: 'cka01', cols: 80, rows: 24, histories: {} });
    await settle();
    expect(messages.some((m) => m.type === 'ready')).toBe(true);
    expect(rig.screen()).toBe('root@cka01:~#');
    await host.handle({ type: 'data', data: 'hostname\r' });
    await settle();
    await host.handle({ type: 'run', command: 'echo from-button' });
    await settle();
    expect(rig.screen()).toBe('root@cka01:~# hostname\ncka01\nroot@cka01:~# echo from-button\nfrom-button\nroot@cka01:~#');
    expect(messages).toContainEqual({ type: 'history', key: 'cka01:root', entries: ['hostname', 'echo from-button'] });
  });

  it('restores history sent by the page and resets to a fresh world', async () => {
    const { host, rig, settle } = setup();
    await host.handle({ type: 'init', scenario: 'machines', host: 'cka01', cols: 80, rows: 24, histories: { 'cka01:root': ['kubectl get nodes'] } });
    await settle();
    await host.handle({ type: 'data', data: 'touch marker\r' });
    await settle();
    await host.handle({ type: 'reset' });
    await settle();
    await host.handle({ type: 'data', data: 'ls marker\r' });
    await settle();
    expect(rig.screen()).toContain("ls: cannot access 'marker': No such file or directory");
    await host.handle({ type: 'data', data: 'history\r' });
    await settle();
    expect(rig.screen()).toContain('    1  kubectl get nodes\n');
    await host.handle({ type: 'data', data: '\x1b[A\x1b[A\x1b[A\x1b[A' });
    await settle();
    expect(rig.screen().split('\n').pop()).toBe('root@cka01:~# kubectl get nodes');
  });

  // Needs the shell's `sleep` (another part of the project); runs once it exists.
  it.runIf('sleep' in programs)('lets sleep finish as real time passes (realtime clock)', async () => {
    const { host, rig, settle, advance } = setup();
    await host.handle({ type: 'init', scenario: 'machines', host: 'cka01', cols: 80, rows: 24, histories: {} });
    await settle();
    await host.handle({ type: 'data', data: 'sleep 1; echo woke\r' });
    await settle();
    expect(rig.screen()).not.toContain('\nwoke');
    await advance(600);
    expect(rig.screen()).not.toContain('\nwoke');
    await advance(600);
    expect(rig.screen()).toContain('\nwoke\nroot@cka01:~#');
  });

  it('completes kubectl resource names from the live cluster', async () => {
    const { host, rig, settle } = setup();
    await host.handle({ type: 'init', scenario: 'cluster', host: 'cka01', cols: 80, rows: 24, histories: {} });
    await settle();
    await host.handle({ type: 'data', data: 'kubectl get no\t' });
    await settle();
    expect(rig.screen().split('\n').pop()).toBe('root@cka01:~# kubectl get nodes');
    await host.handle({ type: 'data', data: ' cka0\t\t' });
    await settle();
    expect(rig.screen()).toContain('cka01  cka02  cka03');
  });

  it('builds a scenario once, then starts from its snapshot', async () => {
    const inner = memorySnapshotCache();
    const puts: string[] = [];
    const cache: SnapshotCache = { get: (k) => inner.get(k), put: (k, w) => (puts.push(k), inner.put(k, w)) };
    const first = setup(cache);
    await first.host.handle({ type: 'init', scenario: 'machines', host: 'cka01', cols: 80, rows: 24, histories: {} });
    await first.settle();
    expect(puts).toEqual(['machines@build-1']);
    const second = setup(cache);
    await second.host.handle({ type: 'init', scenario: 'machines', host: 'cka01', cols: 80, rows: 24, histories: {} });
    await second.host.handle({ type: 'data', data: 'hostname\r' });
    await second.settle();
    expect(puts).toEqual(['machines@build-1']);
    expect(second.rig.screen()).toBe('root@cka01:~# hostname\ncka01\nroot@cka01:~#');
  });

  it("starts a lab's world: its scenario and setup steps", async () => {
    const { host, rig, settle, messages } = setup(undefined, labWorld);
    await host.handle({ type: 'init', scenario: 'cluster', lab: 'troubleshoot-service', host: 'cka01', cols: 100, rows: 24, histories: {} });
    await settle();
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    await host.handle({ type: 'data', data: 'kubectl get svc shop\r' });
    await settle();
    expect(rig.screen()).toMatch(/\nshop +ClusterIP +10\.\S+ +<none> +80\/TCP /);
  });
});
