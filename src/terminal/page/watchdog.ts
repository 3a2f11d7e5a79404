/**
 * The page's watchdog over the terminal's worker. Ctrl-C reaches the worker as a message, and a
 * worker stuck in code that never yields (a runaway loop of some program) handles no message: the
 * terminal would be dead until the page is reloaded. So with each Ctrl-C (and each reset) the page
 * also sends a ping, which the worker answers as soon as its thread is free. No answer within
 * `timeoutMs`: the worker is terminated and a new one started on the same world as last saved (the
 * worker saves the learner's world a few seconds after they type), and the screen says so.
 */
import type { PageToWorker, WorkerToPage } from '../worker/protocol';

/** What the watchdog needs of a Worker (a fake one in tests). */
export interface WorkerLike {
  postMessage(message: PageToWorker): void;
  onmessage: ((event: MessageEvent<WorkerToPage>) => void) | null;
  terminate(): void;
}

/** How long a worker may take to answer a ping after Ctrl-C before it is replaced. */
export const WATCHDOG_TIMEOUT_MS = 1500;

/** Printed where the stuck command's output ends. */
export const RESTART_NOTICE =
  '\r\n\x1b[33m[The terminal stopped responding and Ctrl-C could not reach it: it was restarted with the machines as last saved, a few seconds ago.]\x1b[0m\r\n';

export interface WatchdogOptions {
  /** A new worker running the terminal's code. */
  spawn(): WorkerLike;
  /** The init message for a new worker: the last one, with the current size, lab and histories. */
  freshInit(last: Extract<PageToWorker, { type: 'init' }>): Extract<PageToWorker, { type: 'init' }>;
  timeoutMs?: number;
  setTimeout?(fn: () => void, ms: number): unknown;
  clearTimeout?(handle: unknown): void;
}

/** Messages after which a worker that does not answer is replaced. */
function watched(message: PageToWorker): boolean {
  return (message.type === 'data' && message.data.includes('\x03')) || message.type === 'reset' || message.type === 'lab-start';
}

export class SupervisedWorker {
  private worker: WorkerLike;
  private init: Extract<PageToWorker, { type: 'init' }> | undefined;
  private size: { cols: number; rows: number } | undefined;
  private viz: Extract<PageToWorker, { type: 'viz' }> | undefined;
  private painted = false;
  /** The worker has sent 'ready' (a worker still booting may be busy for a while: not watched). */
  private ready = false;
  private nextPing = 1;
  private waiting: { id: number; timer: unknown; replay?: PageToWorker } | undefined;
  private terminated = false;
  /** How many workers were replaced (tests, diagnostics). */
  restarts = 0;
  private readonly timeoutMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    first: WorkerLike,
    private readonly receive: (message: WorkerToPage) => void,
    private readonly options: WatchdogOptions,
    /** The init message the first worker was started with, when someone else sent it (the early script). */
    sentInit?: Extract<PageToWorker, { type: 'init' }>,
  ) {
    this.timeoutMs = options.timeoutMs ?? WATCHDOG_TIMEOUT_MS;
    this.setTimer = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.init = sentInit;
    this.worker = first;
    this.attach(first);
  }

  /** The adopted early worker may have said it is ready before the page took it over. */
  markReady(): void {
    this.ready = true;
  }

  send(message: PageToWorker): void {
    if (this.terminated) return;
    this.remember(message);
    this.worker.postMessage(message);
    if (watched(message) && this.ready && !this.waiting) this.ping(message.type === 'data' ? undefined : message);
  }

  terminate(): void {
    this.terminated = true;
    this.stopWaiting();
    this.worker.terminate();
  }

  private remember(message: PageToWorker): void {
    switch (message.type) {
      case 'init':
        this.init = message;
        return;
      case 'resize':
        this.size = { cols: message.cols, rows: message.rows };
        return;
      case 'lab-start':
        if (this.init) this.init = { ...this.init, lab: message.lab };
        return;
      case 'viz':
        this.viz = message;
        return;
      case 'painted':
        this.painted = true;
        return;
    }
  }

  private attach(worker: WorkerLike): void {
    worker.onmessage = (event) => {
      if (worker !== this.worker) return;
      const message = event.data;
      if (message.type === 'pong') {
        if (this.waiting?.id === message.id) this.stopWaiting();
        return;
      }
      if (message.type === 'ready') this.ready = true;
      this.receive(message);
    };
  }

  private ping(replay: PageToWorker | undefined): void {
    const id = this.nextPing++;
    const timer = this.setTimer(() => this.restart(), this.timeoutMs);
    this.waiting = { id, timer, replay };
    this.worker.postMessage({ type: 'ping', id });
  }

  private stopWaiting(): void {
    if (this.waiting) this.clearTimer(this.waiting.timer);
    this.waiting = undefined;
  }

  /** The worker did not answer: replace it by one on the world as last saved. */
  private restart(): void {
    const replay = this.waiting?.replay;
    this.waiting = undefined;
    if (this.terminated || !this.init) return;
    this.restarts++;
    const old = this.worker;
    old.onmessage = null;
    old.terminate();
    this.ready = false;
    this.receive({ type: 'output', data: RESTART_NOTICE });
    const worker = this.options.spawn();
    this.worker = worker;
    this.attach(worker);
    const init = this.options.freshInit({ ...this.init, ...(this.size ?? {}) });
    this.init = init;
    worker.postMessage(init);
    if (this.painted) worker.postMessage({ type: 'painted' });
    if (this.viz?.on) worker.postMessage(this.viz);
    // A reset or a new lab the stuck worker never carried out.
    if (replay) worker.postMessage(replay);
  }
}
