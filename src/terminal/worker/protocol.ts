/** Messages between the page (xterm.js) and the worker (world, shell, line editor). */
import type { LabResult } from '../../labs/grader';
import type { VizBatch } from './viz-feed';
import type { DetailQuery, ObjectDetail } from '../../viz/detail';
import type { ExamPageToWorker, ExamWorkerToPage } from './exam-protocol';

export type PageToWorker =
  /** deferBoot: boot nothing yet (the exam page sends exam-start). */
  | { type: 'init'; scenario: string; lab?: string; host: string; cols: number; rows: number; histories: Record<string, string[]>; deferBoot?: boolean }
  | { type: 'data'; data: string }
  | { type: 'resize'; cols: number; rows: number }
  /** The page's screen shows the first prompt: the worker may now load the rest of its code. */
  | { type: 'painted' }
  | { type: 'run'; command: string }
  | { type: 'reset' }
  /** Switch to a lab's starting world (also "reset lab"). */
  | { type: 'lab-start'; lab: string }
  /** Grade the world against a lab's checks. */
  | { type: 'lab-check'; lab: string }
  /** The architecture view opened (true) or closed (false). */
  | { type: 'viz'; on: boolean }
  /** The architecture view's detail panel asks for the object behind a step (answered by 'viz-detail'). */
  | { type: 'viz-detail'; id: number; query: DetailQuery }
  /** Are you there? Answered with 'pong' as soon as the worker's thread is free, ahead of queued work
   *  (the page's watchdog: a worker stuck in code that never yields does not answer). */
  | { type: 'ping'; id: number }
  | ExamPageToWorker;

export type WorkerToPage =
  | { type: 'output'; data: string }
  /** The prompt is up. Timings (worker clock, ms): code loaded, world and shell booted. */
  | { type: 'ready'; loadedMs?: number; bootMs?: number }
  | { type: 'history'; key: string; entries: string[] }
  | { type: 'error'; message: string }
  | { type: 'lab-result'; lab: string; result?: LabResult; error?: string; nowMs: number }
  | { type: 'viz-steps'; batch: VizBatch }
  | { type: 'viz-detail'; id: number; detail: ObjectDetail }
  | { type: 'pong'; id: number }
  | ExamWorkerToPage;
