/**
 * A work queue of object keys on the simulated clock (client-go's rate-limited work queue):
 * a key added many times before it is processed is processed once; processing happens on a
 * deferred clock task, never inside the watch callback that added the key; a failing key is
 * requeued with per-key exponential back-off (5 ms doubling up to 1000 s, client-go's default).
 */
import type { SimClock, TimerHandle } from '../../clock';

const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1000 * 1000;
/** No real reconcile needs a key this often at one simulated instant: beyond it, it is a loop. */
const MAX_RUNS_PER_INSTANT = 100;

export class WorkQueue {
  private pending = new Set<string>();
  private failures = new Map<string, number>();
  private delayed = new Map<string, { at: number; handle: TimerHandle }>();
  private drainScheduled?: TimerHandle;
  private shutDown = false;
  /** How often each key ran at the current instant, and how often a key was held back for looping. */
  private instant = Number.NaN;
  private runsAtInstant = new Map<string, number>();
  private hot = new Map<string, { trips: number; until: number }>();

  constructor(
    private readonly clock: SimClock,
    /** Process one key; return false (or throw) to requeue it with back-off. */
    private readonly process: (key: string) => boolean | void,
  ) {}

  add(key: string): void {
    if (this.shutDown) return;
    this.pending.add(key);
    if (!this.drainScheduled) this.drainScheduled = this.clock.defer(() => this.drain());
  }

  /** Add after a delay; an earlier delayed add of the same key wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.shutDown) return;
    if (delayMs <= 0) return this.add(key);
    const at = this.clock.now() + delayMs;
    const existing = this.delayed.get(key);
    if (existing && existing.at <= at) return;
    if (existing) this.clock.clearTimeout(existing.handle);
    const handle = this.clock.setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, delayMs);
    this.delayed.set(key, { at, handle });
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** n));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  get length(): number {
    return this.pending.size;
  }

  shutdown(): void {
    this.shutDown = true;
    this.pending.clear();
    for (const d of this.delayed.values()) this.clock.clearTimeout(d.handle);
    this.delayed.clear();
    this.runsAtInstant.clear();
    this.hot.clear();
    this.clock.clearTimeout(this.drainScheduled);
    this.drainScheduled = undefined;
  }

  private drain(): void {
    this.drainScheduled = undefined;
    const now = this.clock.now();
    if (now !== this.instant) {
      this.instant = now;
      if (this.runsAtInstant.size) this.runsAtInstant.clear();
    }
    // Keys added while draining are processed in the same pass (Set iteration sees them), but a
    // key already processed in this pass waits for the next one, a new clock task (client-go's
    // dirty set). A key that keeps coming back at one instant (two components undoing each
    // other's work) is held back with growing delays, so that simulated time moves on instead
    // of the world freezing in a loop.
    const done = new Set<string>();
    for (const key of this.pending) {
      if (done.has(key)) {
        if (!this.drainScheduled) this.drainScheduled = this.clock.defer(() => this.drain());
        // Counted only for keys that come back at the same instant: the common path stays cheap.
        this.runsAtInstant.set(key, (this.runsAtInstant.get(key) ?? 0) + 1);
        continue;
      }
      done.add(key);
      this.pending.delete(key);
      if ((this.runsAtInstant.get(key) ?? 0) >= MAX_RUNS_PER_INSTANT) {
        this.runsAtInstant.delete(key);
        // Held back again soon after its last hold: the same loop, so wait twice as long.
        const last = this.hot.get(key);
        const trips = last && now <= last.until ? last.trips + 1 : 1;
        const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** trips);
        this.hot.set(key, { trips, until: now + 2 * delay });
        this.addAfter(key, delay);
        continue;
      }
      let ok: boolean | void;
      try {
        ok = this.process(key);
      } catch {
        ok = false;
      }
      if (ok === false) this.addRateLimited(key);
      else this.forget(key);
      if (this.shutDown) return;
    }
  }
}
