/**
 * Starts the terminal's worker as soon as the pane opens, in parallel with loading xterm.js:
 * the world boots while the page is still preparing the screen. Messages that arrive before the
 * screen is mounted wait here. The size sent first is an estimate from the pane's box; the
 * mounted terminal corrects it with a resize.
 */
import type { PageToWorker, WorkerToPage } from '../worker/protocol';
import { loadHistories } from './history-store';
import { adoptEarlyWorker } from './early-worker';
import { SupervisedWorker } from './watchdog';

export interface WorkerLink {
  send(message: PageToWorker): void;
  /** Receive messages (those that arrived before are delivered first). */
  listen(handler: (message: WorkerToPage) => void): void;
  terminate(): void;
}

/** Cell size of the 14 px monospace font, for the first estimate of columns and rows. */
export const CELL = { width: 8.4, height: 17 };

export function startWorker(element: HTMLElement, options: { scenario: string; lab?: string; host: string }): WorkerLink {
  const adopted = adoptEarlyWorker(window, options);
  const spawn = () => new Worker(new URL('../worker/shell-worker.ts', import.meta.url), { type: 'module', name: 'cka-terminal' });
  const worker = adopted?.worker ?? spawn();
  const early: WorkerToPage[] = adopted ? adopted.early : [];
  let handler: ((message: WorkerToPage) => void) | undefined;
  const receive = (message: WorkerToPage) => {
    if (message.type === 'ready') performance.mark('cka-terminal:worker-ready', { detail: { loadedMs: message.loadedMs, bootMs: message.bootMs } });
    if (handler) handler(message);
    else early.push(message);
  };
  const storage = localStorageOrUndefined();
  // Ctrl-C that the worker cannot receive (stuck in code that never yields) replaces it (watchdog.ts).
  const supervised = new SupervisedWorker(
    worker,
    receive,
    {
      spawn,
      freshInit: (last) => ({ ...last, histories: loadHistories(storage) }),
    },
    adopted?.init,
  );
  // Messages the early script buffered went through no mark yet: replay them through receive().
  const buffered = early.splice(0);
  if (buffered.some((m) => m.type === 'ready')) supervised.markReady();
  for (const message of buffered) receive(message);
  if (!adopted) {
    performance.mark('cka-terminal:worker-start');
    const box = (element.querySelector<HTMLElement>('[data-cka-term]') ?? element).getBoundingClientRect();
    const cols = Math.max(20, Math.floor((box.width - 8) / CELL.width) || 80);
    const rows = Math.max(5, Math.floor((box.height - 4) / CELL.height) || 24);
    supervised.send({ type: 'init', scenario: options.scenario, lab: options.lab, host: options.host, cols, rows, histories: loadHistories(storage) } satisfies PageToWorker);
  }
  return {
    send: (message) => supervised.send(message),
    listen: (h) => {
      handler = h;
      for (const m of early.splice(0)) h(m);
    },
    terminate: () => supervised.terminate(),
  };
}

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
