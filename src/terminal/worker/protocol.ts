/** Messages between the page (xterm.js) and the worker (world, shell, line editor). */
export type PageToWorker =
  | { type: 'init'; scenario: string; lab?: string; host: string; cols: number; rows: number; histories: Record<string, string[]> }
  | { type: 'data'; data: string }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'run'; command: string }
  | { type: 'reset' };

export type WorkerToPage =
  | { type: 'output'; data: string }
  /** The prompt is up. Timings (worker clock, ms): code loaded, world and shell booted. */
  | { type: 'ready'; loadedMs?: number; bootMs?: number }
  | { type: 'history'; key: string; entries: string[] }
  | { type: 'error'; message: string };
