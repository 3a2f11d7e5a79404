import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/sim/clock';

describe('SimClock', () => {
  it('runs timers in time order, ties in scheduling order', () => {
    const c = new SimClock({ startMs: 0 });
    const seen: string[] = [];
    c.setTimeout(() => seen.push('b@10'), 10);
    c.setTimeout(() => seen.push('a@5'), 5);
    c.setTimeout(() => seen.push('c@10'), 10);
    c.advance(20);
    expect(seen).toEqual(['a@5', 'b@10', 'c@10']);
    expect(c.now()).toBe(20);
  });

  it('a timer sees the time it was due at', () => {
    const c = new SimClock({ startMs: 0 });
    let at = -1;
    c.setTimeout(() => (at = c.now()), 7);
    c.advance(100);
    expect(at).toBe(7);
  });

  it('cancelled timers do not run', () => {
    const c = new SimClock({ startMs: 0 });
    let ran = false;
    const h = c.setTimeout(() => (ran = true), 1);
    c.clearTimeout(h);
    c.advance(5);
    expect(ran).toBe(false);
    expect(c.pendingCount()).toBe(0);
  });

  it('keeps whole milliseconds under fractional real-time steps, without drift', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 250, noNaN: true }), { maxLength: 200 }), (steps) => {
        const c = new SimClock({ startMs: 1000, mode: 'realtime' });
        let total = 0;
        for (const s of steps) {
          c.advance(s);
          total += s;
          if (!Number.isInteger(c.now())) return false;
        }
        // Less than a millisecond behind the steps' sum, give or take the rounding in `total` itself.
        return Math.abs(c.now() - 1000 - total) < 1 + 1e-9;
      }),
    );
  });

  // Found by the property above: 249.99999999999997 + 250 rounds to 500 in `total`, while the
  // clock rightly shows 499 ms and carries 0.99999999999997 ms.
  it('carries the fraction of a step that floating point rounds just below a millisecond', () => {
    const c = new SimClock({ startMs: 1000, mode: 'realtime' });
    c.advance(249.99999999999997);
    c.advance(250);
    expect(c.now()).toBe(1499);
    c.advance(1e-9);
    expect(c.now()).toBe(1500);
  });

  it('manual sleep advances the clock; realtime sleep waits for the driver', async () => {
    const manual = new SimClock({ startMs: 0 });
    await manual.sleep(5000);
    expect(manual.now()).toBe(5000);
    const rt = new SimClock({ startMs: 0, mode: 'realtime' });
    let done = false;
    const p = rt.sleep(100).then(() => (done = true));
    rt.advance(50);
    await Promise.resolve();
    expect(done).toBe(false);
    rt.advance(60);
    await p;
    expect(done).toBe(true);
  });

  it("a passive view's sleeper waits for the driver, and a manual driver lets it run at each instant it wakes", async () => {
    const clock = new SimClock({ startMs: 0 });
    const view = clock.passive();
    expect(view.advance(5000)).toBe(0);
    expect(clock.now()).toBe(0);
    const seen: number[] = [];
    const ended = clock.backgroundStarted();
    const process = (async () => {
      for (let i = 0; i < 3; i++) {
        await view.sleep(1500);
        seen.push(view.now());
      }
      ended();
    })();
    // The process's first sleep has not moved time; the driver's sleep carries it through its rounds.
    expect(clock.now()).toBe(0);
    await clock.sleep(4000);
    expect(seen).toEqual([1500, 3000]);
    expect(clock.now()).toBe(4000);
    await clock.sleep(1000);
    await process;
    expect(seen).toEqual([1500, 3000, 4500]);
  });

  it('a passive sleep ends early on abort, and a driver waits for a busy background process before moving time', async () => {
    const clock = new SimClock({ startMs: 0 });
    const stop = new AbortController();
    const p = clock.passive().sleep(10_000, stop.signal);
    stop.abort();
    await p;
    expect(clock.pendingCount()).toBe(0);
    const ended = clock.backgroundStarted();
    let ranAt = -1;
    // Work that resolves outside the clock (a module still loading): the driver turns the event loop until it is done.
    setTimeout(() => {
      ranAt = clock.now();
      ended();
    }, 5);
    await clock.sleep(2000);
    expect(ranAt).toBe(0);
    expect(clock.now()).toBe(2000);
  });

  it('serialises its time', () => {
    const c = new SimClock({ startMs: 42 });
    expect(SimClock.fromJSON(JSON.parse(JSON.stringify(c))).now()).toBe(42);
  });
});
