/**
 * Simulated time: a discrete-event clock.
 *
 * Components never poll. They schedule timers (heartbeats, back-off, grace periods, cron
 * schedules) and react to watch events; an idle world therefore costs nothing, and moving the
 * clock forward runs only the timers that fall due, in time order (ties in scheduling order).
 *
 * Who moves the clock:
 * - 'manual' (tests, headless CLI): nothing moves unless someone calls advance(); `sleep` and
 *   `kubectl wait` advance it at once.
 * - 'realtime' (browser): a driver calls advance() with the real elapsed time; sleepers wait.
 *
 * Timers hold closures, so they are not serialised: a world restored from JSON recreates its
 * components, which reschedule their timers from their state (level-triggered, as in Kubernetes).
 */
export type ClockMode = 'manual' | 'realtime';

export interface TimerHandle {
  readonly id: number;
}

interface Timer extends TimerHandle {
  at: number;
  fn: () => void;
  cancelled: boolean;
}

/** 2026-01-15T08:00:00Z: a fixed start so that outputs are repeatable. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 0, 15, 8, 0, 0);

/** See SimClock.countAtInstant: bursts of a big cluster stay far below this. */
export const MAX_TIMERS_PER_INSTANT = 100_000;

/** How long (real ms) a manual driver waits for a background process that is busy but not on the clock. */
const BACKGROUND_PATIENCE_MS = 2000;

/** A turn of the event loop: every pending promise continuation runs first. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

export class SimClock {
  private nowMs: number;
  private nextId = 1;
  private heap: Timer[] = [];
  private running = false;
  /** Timers run so far at the instant `instantMs`: a guard against work that reschedules itself forever. */
  private instantMs = Number.NaN;
  private ranAtInstant = 0;
  /** Fractions of a millisecond handed to advance() (real-time drivers measure with
   *  performance.now()), carried over so that now() stays a whole number of ms without drifting. */
  private carryMs = 0;
  mode: ClockMode;

  constructor(options: { startMs?: number; mode?: ClockMode } = {}) {
    this.nowMs = options.startMs ?? DEFAULT_EPOCH_MS;
    this.mode = options.mode ?? 'manual';
  }

  /** Milliseconds since the Unix epoch, in simulated time. */
  now(): number {
    return this.nowMs;
  }

  date(): Date {
    return new Date(this.nowMs);
  }

  /** RFC 3339 with second precision, as Kubernetes writes timestamps. */
  rfc3339(ms: number = this.nowMs): string {
    // Every write of a simulated instant stamps the same second (managedFields, events, conditions).
    // Keyed by the second: writes at different milliseconds of one second (lease renewals of many
    // nodes) share the text too.
    const second = Math.floor(ms / 1000);
    if (second !== this.lastRfc3339Second) {
      this.lastRfc3339Second = second;
      this.lastRfc3339 = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    return this.lastRfc3339;
  }

  private lastRfc3339Second = NaN;
  private lastRfc3339 = '';

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const timer: Timer = { id: this.nextId++, at: this.nowMs + Math.max(0, Math.ceil(delayMs)), fn, cancelled: false };
    this.push(timer);
    return timer;
  }

  /** Run fn as soon as the current work is done, at the current simulated time. */
  defer(fn: () => void): TimerHandle {
    return this.setTimeout(fn, 0);
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle) (handle as Timer).cancelled = true;
  }

  /** Time of the next pending timer, if any. */
  nextAt(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.at;
  }

  pendingCount(): number {
    return this.heap.filter((t) => !t.cancelled).length;
  }

  /** Run every timer due now (including those that due timers schedule for now). */
  runDue(): number {
    return this.runUntil(this.nowMs);
  }

  /** Move time forward by ms, running every timer that falls due on the way, in order. */
  advance(ms: number): number {
    this.carryMs += Math.max(0, ms);
    const whole = Math.floor(this.carryMs);
    this.carryMs -= whole;
    return this.runUntil(this.nowMs + whole);
  }

  /** Move time forward to an absolute instant (never backwards). */
  advanceTo(targetMs: number): number {
    return this.runUntil(Math.max(this.nowMs, Math.floor(targetMs)));
  }

  /**
   * Wait ms of simulated time. In manual mode the sleeper drives the clock itself; in realtime
   * mode it resolves when the driver's advance() reaches the deadline. An abort resolves early.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    if (this.mode === 'manual') {
      const deadline = this.nowMs + Math.max(0, ms);
      // Timer by timer, so that one that aborts the sleep (`timeout 3 sleep 10`) ends it there,
      // and background work gets its turns (driveTo).
      while (this.nowMs < deadline && !signal?.aborted && !this.running) {
        if (this.backgroundBusy) return this.driveTo(deadline, signal);
        const next = this.nextAt();
        this.advanceTo(next !== undefined && next < deadline ? next : deadline);
      }
      if (this.running && !signal?.aborted) this.advanceTo(deadline);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const handle = this.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        this.clearTimeout(handle);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * This clock as a process in the background sees it (a container's own command): the same
   * instants and timers, but it never moves time. Its sleeps wait for whoever drives the clock,
   * as in realtime mode, even under a manual driver (a test, the headless CLI), where a sleeper
   * would otherwise move the whole world forward at once.
   */
  passive(): SimClock {
    const view = Object.create(this) as SimClock;
    const own = (key: string, value: unknown) => Object.defineProperty(view, key, { value });
    for (const k of ['now', 'date', 'rfc3339', 'setTimeout', 'defer', 'clearTimeout', 'nextAt', 'pendingCount', 'toJSON'] as const) own(k, (this[k] as (...a: unknown[]) => unknown).bind(this));
    for (const k of ['runDue', 'advance', 'advanceTo']) own(k, () => 0);
    own('mode', 'realtime');
    own('sleep', (ms: number, signal?: AbortSignal) => this.passiveSleep(ms, signal));
    own('idle', <T>(work: Promise<T>) => this.passiveIdle(work));
    // A process of a background process is in the background too; a waiter there drives nothing.
    own('passive', () => view);
    own('backgroundStarted', () => this.backgroundStarted());
    // drive() reads this view's mode: a waiter in the background moves no time.
    return view;
  }

  /**
   * Wait for what waits on no timer (a served port, a signal). On the passive view it counts as
   * waiting, so a manual driver does not wait for it; elsewhere it is the promise itself.
   */
  idle<T>(work: Promise<T>): Promise<T> {
    return work;
  }

  /**
   * Let background work finish (a shell's `wait`, the end of a headless run); whether it did. A
   * manual clock moves on, timer by timer, while a background process sleeps on it and the work
   * is not done, up to limitMs of simulated time; work that only idles (a server until signalled)
   * is not driven for. Other clocks are moved by their driver: this only tells whether it is done.
   */
  async drive(work: Promise<unknown>, limitMs = Infinity, signal?: AbortSignal): Promise<boolean> {
    let settled = false;
    void work.then(
      () => void (settled = true),
      () => void (settled = true),
    );
    await nextTurn();
    if (this.mode !== 'manual') return settled;
    const until = this.nowMs + limitMs;
    for (;;) {
      const since = Date.now();
      while (!settled && this.backgroundBusy && Date.now() - since < BACKGROUND_PATIENCE_MS) await nextTurn();
      if (this.backgroundBusy) this.background = this.passiveSleeping + this.passiveIdling;
      const next = this.nextAt();
      if (settled || signal?.aborted || !this.passiveSleeping || next === undefined || next > until || this.running) return settled;
      this.advanceTo(next);
      await nextTurn();
    }
  }

  /** Background processes running on the passive view, and how many of them wait now: on a timer, or on nothing the clock brings. */
  private background = 0;
  private passiveSleeping = 0;
  private passiveIdling = 0;

  /**
   * A background process starts (on the passive view); call the result when it ends. While one
   * runs and does not wait on the clock, a manual driver lets it run before moving time on.
   */
  backgroundStarted(): () => void {
    this.background++;
    let ended = false;
    return () => {
      if (!ended && this.background > 0) this.background--;
      ended = true;
    };
  }

  /** A background process has work at this instant (it is neither waiting on the clock nor ended). */
  private get backgroundBusy(): boolean {
    return this.background > this.passiveSleeping + this.passiveIdling;
  }

  private async passiveIdle<T>(work: Promise<T>): Promise<T> {
    this.passiveIdling++;
    try {
      return await work;
    } finally {
      this.passiveIdling--;
    }
  }

  private passiveSleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    this.passiveSleeping++;
    return new Promise((resolve) => {
      const done = () => {
        this.passiveSleeping--;
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const handle = this.setTimeout(done, ms);
      const onAbort = () => {
        this.clearTimeout(handle);
        done();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * A manual driver's sleep while background processes run: timer by timer, and before each step
   * the event loop turns until they wait on the clock again (or ended), so that each runs at the
   * instant it woke and schedules its next wait before time moves past it. A process that stays
   * busy (waiting on something else) is given up on after BACKGROUND_PATIENCE_MS of real time, and
   * not waited for again.
   */
  private async driveTo(deadline: number, signal?: AbortSignal): Promise<void> {
    while (!signal?.aborted && !this.running) {
      const since = Date.now();
      while (this.backgroundBusy && Date.now() - since < BACKGROUND_PATIENCE_MS) await nextTurn();
      // Those still busy wait on something other than time: they are not waited for again.
      if (this.backgroundBusy) this.background = this.passiveSleeping + this.passiveIdling;
      if (this.nowMs >= deadline) break;
      const next = this.nextAt();
      this.advanceTo(next !== undefined && next < deadline ? next : deadline);
    }
    if (this.running && !signal?.aborted) this.advanceTo(deadline);
  }

  toJSON(): { nowMs: number; mode: ClockMode } {
    return { nowMs: this.nowMs, mode: this.mode };
  }

  static fromJSON(data: { nowMs: number; mode?: ClockMode }): SimClock {
    return new SimClock({ startMs: data.nowMs, mode: data.mode });
  }

  private runUntil(target: number): number {
    if (this.running) {
      // A timer that advances the clock from inside a timer would reorder time: only move `now`.
      this.nowMs = Math.max(this.nowMs, target);
      return 0;
    }
    this.running = true;
    let ran = 0;
    try {
      for (;;) {
        this.dropCancelled();
        const top = this.heap[0];
        if (!top || top.at > target) break;
        this.pop();
        if (top.at > this.nowMs) this.nowMs = top.at;
        ran++;
        this.countAtInstant(top);
        top.fn();
      }
      if (target > this.nowMs) this.nowMs = target;
    } finally {
      this.running = false;
    }
    return ran;
  }

  /**
   * Simulated time only moves when every timer due now has run: a component that keeps scheduling
   * work for the current instant would freeze the world (and the browser tab). Far more timers at
   * one instant than any real burst produces means such a loop: fail loudly instead of hanging.
   */
  private countAtInstant(timer: Timer): void {
    if (timer.at !== this.instantMs) {
      this.instantMs = timer.at;
      this.ranAtInstant = 0;
    }
    if (++this.ranAtInstant > MAX_TIMERS_PER_INSTANT) {
      this.ranAtInstant = 0;
      const source = timer.fn.toString().replace(/\s+/g, ' ').slice(0, 200);
      throw new Error(`simulated clock: more than ${MAX_TIMERS_PER_INSTANT} timers ran at ${new Date(timer.at).toISOString()} without time moving on (a timer that reschedules itself at once?); last: ${source}`);
    }
  }

  private dropCancelled(): void {
    while (this.heap.length && this.heap[0].cancelled) this.pop();
  }

  // Binary min-heap ordered by (at, id): equal times run in scheduling order.
  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.id < b.id);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
