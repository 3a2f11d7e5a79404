/// <reference lib="webworker" />
/**
 * The Web Worker of the terminal: the world and the shell run here, off the page's thread, so a
 * busy simulation never delays a keystroke. The page sends keys and sizes; output comes back.
 */
import type { PageToWorker, WorkerToPage } from './protocol';
import type { World } from '../../sim/world';
import { indexedDbSnapshotCache } from './snapshot-cache';
import { TerminalHost } from './terminal-host';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Labs (their files and the schema that validates them) load only when a lab is started or graded;
// the exam's code only when the exam page starts an attempt.
const loadLabs = () => import('./labs');
const labWorld = (id: string) => loadLabs().then((m) => m.labWorld(id));
const gradeLabWorld = (world: World, id: string) => loadLabs().then((m) => m.gradeLabWorld(world, id));
/** When the worker's code finished loading, relative to the worker's start (reported with ready). */
const loadedAt = performance.now();
const host = new TerminalHost((message: WorkerToPage) => scope.postMessage(message.type === 'ready' ? { ...message, loadedMs: loadedAt } : message), {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  now: () => performance.now(),
  // In development the script's URL does not change with the code: no snapshots there.
}, indexedDbSnapshotCache(import.meta.env.DEV ? undefined : scope.indexedDB), scope.location.href, labWorld, gradeLabWorld, () => import('./exam-host'));

let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event: MessageEvent<PageToWorker>) => {
  // The page's watchdog asks whether this thread still handles events: answer at once, not in turn.
  if (event.data.type === 'ping') return void scope.postMessage({ type: 'pong', id: event.data.id } satisfies WorkerToPage);
  // Keep messages in order: init (which boots the world) finishes before keys are handled.
  queue = queue
    .then(() => host.handle(event.data))
    .catch((err: unknown) => scope.postMessage({ type: 'error', message: String((err as Error)?.message ?? err) } satisfies WorkerToPage));
};
