/**
 * A work queue of object keys on the simulated clock (client-go's rate-limited work queue):
 * a key added many times before it is processed is processed once; processing happens on a
 * deferred clock task, never inside the watch callback that added the key; a failing key is
 * requeued with per-key exponential back-off (5 ms doubling up to 1000 s, client-go's default).
 */
import type { SimClock, TimerHandle } from '../../clock';

const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1000 * 1000;

export class WorkQueue {
  private pending = new Set<string>();
  private failures = new Map<string, number>();
  private delayed = new Map<string, { at: number; handle: TimerHandle }>();
  private drainScheduled?: TimerHandle;
  private shutDown = false;

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
    this.clock.clearTimeout(this.drainScheduled);
    this.drainScheduled = undefined;
  }

  private drain(): void {
    this.drainScheduled = undefined;
    // Keys added while draining are processed in the same pass (Set iteration sees them).
    for (const key of this.pending) {
      this.pending.delete(key);
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
