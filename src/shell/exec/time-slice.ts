/**
 * Preemption for code that never waits. In the browser the shell runs in a Web Worker, and Ctrl-C
 * reaches it as a message: a message is only handled between tasks, so a loop that runs on (sed's
 * `:a;ba`, awk's `while(1)`, `yes | wc -l` passing chunks by promise) would never see it. Such
 * loops count their steps here; once a slice of wall time is used up they give the event loop a
 * turn (a macrotask), then look at the abort signal. Counting is a compare per step; the clock is
 * read every `checkEvery` steps.
 */

/** How long code may run before the worker handles its messages (keys, Ctrl-C, output). */
export const SLICE_MS = 40;
const CHECK_EVERY = 256;

export interface TimeSliceOptions {
  sliceMs?: number;
  checkEvery?: number;
  /** Wall time in ms (tests inject a fake one). */
  now?: () => number;
  /** Let pending events run (tests may inject their own). */
  yieldToEvents?: () => Promise<void>;
}

/** A macrotask: setTimeout lets messages queued for the worker (Ctrl-C) run first. */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const wallClock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class TimeSlice {
  private steps = 0;
  private started: number;
  private readonly sliceMs: number;
  private readonly checkEvery: number;
  private readonly now: () => number;
  private readonly yieldToEvents: () => Promise<void>;

  constructor(
    private readonly signal: AbortSignal,
    options: TimeSliceOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? SLICE_MS;
    this.checkEvery = Math.max(1, options.checkEvery ?? CHECK_EVERY);
    this.now = options.now ?? wallClock;
    this.yieldToEvents = options.yieldToEvents ?? nextMacrotask;
    this.started = this.now();
  }

  /**
   * Count one step. Almost always undefined (go on); now and then a promise to await, which
   * resolves to true when the command was interrupted (the caller stops with status 130).
   */
  step(): Promise<boolean> | undefined {
    if (++this.steps < this.checkEvery) return undefined;
    this.steps = 0;
    if (this.signal.aborted) return Promise.resolve(true);
    if (this.now() - this.started < this.sliceMs) return undefined;
    return this.pause();
  }

  /** Give the event loop a turn now; true when the command was interrupted meanwhile. */
  async pause(): Promise<boolean> {
    await this.yieldToEvents();
    this.started = this.now();
    this.steps = 0;
    return this.signal.aborted;
  }
}
