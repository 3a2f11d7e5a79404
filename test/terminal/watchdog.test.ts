import { describe, expect, it } from 'vitest';
import type { PageToWorker, WorkerToPage } from '../../src/terminal/worker/protocol';
import { RESTART_NOTICE, SupervisedWorker, type WorkerLike } from '../../src/terminal/page/watchdog';
import { TerminalHost } from '../../src/terminal/worker/terminal-host';

/** A Worker stand-in: records what the page posts; `stuck` ones never answer (a runaway loop). */
class FakeWorker implements WorkerLike {
  posted: PageToWorker[] = [];
  onmessage: ((event: MessageEvent<WorkerToPage>) => void) | null = null;
  terminated = false;
  stuck = false;
  postMessage(message: PageToWorker): void {
    this.posted.push(message);
    if (message.type === 'ping' && !this.stuck) this.emit({ type: 'pong', id: message.id });
  }
  emit(message: WorkerToPage): void {
    this.onmessage?.({ data: message } as MessageEvent<WorkerToPage>);
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** Timers advanced by hand. */
function manualTimers() {
  let now = 0;
  const pending: { at: number; fn: () => void; cleared: boolean }[] = [];
  return {
    setTimeout: (fn: () => void, ms: number) => {
      const t = { at: now + ms, fn, cleared: false };
      pending.push(t);
      return t;
    },
    clearTimeout: (h: unknown) => void ((h as { cleared: boolean }).cleared = true),
    advance(ms: number) {
      now += ms;
      for (const t of pending.splice(0)) {
        if (t.cleared) continue;
        if (t.at <= now) t.fn();
        else pending.push(t);
      }
    },
    live: () => pending.filter((t) => !t.cleared).length,
  };
}

const INIT: Extract<PageToWorker, { type: 'init' }> = { type: 'init', scenario: 'cluster', host: 'cka01', cols: 80, rows: 24, histories: {} };

function setup() {
  const timers = manualTimers();
  const first = new FakeWorker();
  const spawned: FakeWorker[] = [];
  const received: WorkerToPage[] = [];
  const supervised = new SupervisedWorker(first, (m) => received.push(m), {
    spawn: () => {
      const w = new FakeWorker();
      spawned.push(w);
      return w;
    },
    freshInit: (last) => ({ ...last, histories: { 'cka01:root': ['yes | wc -l'] } }),
    timeoutMs: 1000,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
  });
  supervised.send(INIT);
  first.emit({ type: 'ready' });
  return { timers, first, spawned, received, supervised };
}

describe('the worker watchdog', () => {
  it('leaves a worker that answers Ctrl-C alone', () => {
    const { timers, first, spawned, received, supervised } = setup();
    supervised.send({ type: 'data', data: '\x03' });
    expect(first.posted.map((m) => m.type)).toEqual(['init', 'data', 'ping']);
    timers.advance(5000);
    expect(spawned).toHaveLength(0);
    expect(first.terminated).toBe(false);
    expect(supervised.restarts).toBe(0);
    expect(timers.live()).toBe(0);
    // Pongs are the watchdog's business, not the screen's.
    expect(received.map((m) => m.type)).toEqual(['ready']);
  });

  it('replaces a worker that does not answer within the timeout, on the world as last saved', () => {
    const { timers, first, spawned, received, supervised } = setup();
    supervised.send({ type: 'resize', cols: 120, rows: 40 });
    supervised.send({ type: 'painted' });
    supervised.send({ type: 'viz', on: true });
    supervised.send({ type: 'lab-start', lab: 'pods-basics' });
    first.emit({ type: 'output', data: 'y\r\n' });
    first.stuck = true;
    supervised.send({ type: 'data', data: '\x03' });
    timers.advance(999);
    expect(spawned).toHaveLength(0);
    timers.advance(1);
    expect(first.terminated).toBe(true);
    expect(supervised.restarts).toBe(1);
    expect(received.at(-1)).toEqual({ type: 'output', data: RESTART_NOTICE });
    const next = spawned[0];
    expect(next.posted[0]).toEqual({ ...INIT, cols: 120, rows: 40, lab: 'pods-basics', histories: { 'cka01:root': ['yes | wc -l'] } });
    expect(next.posted.slice(1)).toEqual([{ type: 'painted' }, { type: 'viz', on: true }]);
    // Keys go to the new worker; the old one's late messages are dropped.
    supervised.send({ type: 'data', data: 'ls\r' });
    expect(next.posted.at(-1)).toEqual({ type: 'data', data: 'ls\r' });
    first.emit({ type: 'output', data: 'late' });
    expect(received.some((m) => m.type === 'output' && m.data === 'late')).toBe(false);
  });

  it('does not watch a worker that is still booting (not ready yet)', () => {
    const timers = manualTimers();
    const first = new FakeWorker();
    first.stuck = true;
    const spawned: FakeWorker[] = [];
    const spawn = () => {
      const w = new FakeWorker();
      spawned.push(w);
      return w;
    };
    const supervised = new SupervisedWorker(first, () => undefined, { spawn, freshInit: (l) => l, timeoutMs: 1000, ...timers });
    supervised.send(INIT);
    supervised.send({ type: 'data', data: '\x03' });
    timers.advance(5000);
    expect(spawned).toHaveLength(0);
    expect(first.posted.map((m) => m.type)).toEqual(['init', 'data']);
  });

  it('carries out a reset that a stuck worker never did', () => {
    const { timers, first, spawned, supervised } = setup();
    first.stuck = true;
    supervised.send({ type: 'reset' });
    timers.advance(1000);
    expect(spawned[0].posted.map((m) => m.type)).toEqual(['init', 'reset']);
  });

  it('watches the new worker too, and stops watching once terminated', () => {
    const { timers, first, spawned, supervised } = setup();
    first.stuck = true;
    supervised.send({ type: 'data', data: '\x03' });
    timers.advance(1000);
    const second = spawned[0];
    second.stuck = true;
    // Not ready yet: a Ctrl-C during its boot is not watched.
    supervised.send({ type: 'data', data: '\x03' });
    timers.advance(1000);
    expect(spawned).toHaveLength(1);
    second.emit({ type: 'ready' });
    supervised.send({ type: 'data', data: '\x03' });
    supervised.terminate();
    expect(second.terminated).toBe(true);
    timers.advance(1000);
    expect(spawned).toHaveLength(1);
  });
});

describe('the worker host answers pings', () => {
  it('posts a pong with the ping\'s id', async () => {
    const posted: WorkerToPage[] = [];
    const host = new TerminalHost((m) => posted.push(m), { setInterval: () => 0, clearInterval: () => undefined, now: () => 0 });
    await host.handle({ type: 'ping', id: 7 });
    expect(posted).toEqual([{ type: 'pong', id: 7 }]);
  });
});
