/**
 * The contract between the chapter's early inline script (ChapterSplit.astro, which starts the
 * terminal's worker while the page is still being parsed) and start-worker.ts (which adopts it).
 *
 * Module scripts run only after the whole chapter has been parsed and laid out, a few hundred
 * milliseconds on a long chapter; the worker's own start-up (load, compile, boot the world) is of
 * the same order. Starting it from a tiny classic script placed before the chapter's text lets the
 * two overlap. The script's body is constant (CSP allows it by hash); the build writes the
 * worker's hashed URL into its data attribute (scripts/site/early-worker-integration.ts).
 */
import type { PageToWorker, WorkerToPage } from '../worker/protocol';

/** Placeholder the build replaces with the worker chunk's URL; left as is by the dev server. */
export const WORKER_URL_PLACEHOLDER = '__CKA_SHELL_WORKER_URL__';
/** Placeholder for the URL of the screen's chunk (xterm.js and mount.ts), loaded early too. */
export const MOUNT_URL_PLACEHOLDER = '__CKA_TERMINAL_MOUNT_URL__';

/** What the early script leaves on `window` for start-worker.ts. */
export interface EarlyWorker {
  worker: Worker;
  /** Messages the worker sent before the page's module code took over. */
  early: WorkerToPage[];
  /** The init message it sent (scenario, lab, host, estimated size, histories). */
  init: Extract<PageToWorker, { type: 'init' }>;
}

export const EARLY_WORKER_GLOBAL = '__ckaEarlyWorker';

/** Takes the worker started by the early script, if there is one for this world. */
export function adoptEarlyWorker(win: Window, options: { scenario: string; lab?: string; host: string }): EarlyWorker | undefined {
  const early = pendingEarlyWorker(win);
  if (!early) return undefined;
  (win as unknown as Record<string, unknown>)[EARLY_WORKER_GLOBAL] = undefined;
  const same = early.init.scenario === options.scenario && (early.init.lab ?? '') === (options.lab ?? '') && early.init.host === options.host;
  if (!same) {
    early.worker.terminate();
    return undefined;
  }
  return early;
}

/**
 * The screen mounted early as well: the early script's import of the mount chunk calls its
 * mountEarly() as soon as the pane's markup has been parsed (a second inline script right after the
 * pane says so through PANE_PARSED_GLOBAL, or runs the MOUNT_WHEN_PARSED_GLOBAL the import left),
 * usually well before the page's module scripts run. The pane's script then adopts the screen.
 */
export const EARLY_TERMINAL_GLOBAL = '__ckaEarlyTerminal';
export const PANE_PARSED_GLOBAL = '__ckaPaneParsed';
export const MOUNT_WHEN_PARSED_GLOBAL = '__ckaMountWhenParsed';
/** Where the mount chunk leaves its mountEarly() (bundled code never calls it, so it is no export the bundler would keep). */
export const MOUNT_EARLY_GLOBAL = '__ckaMountEarly';

export interface EarlyTerminal<Mounted, Link> {
  mounted: Mounted;
  link: Link;
  /** The lab whose world it runs (the early script reads the started lab from localStorage). */
  lab?: string;
}

/** Takes the screen mounted early, if there is one. */
export function adoptEarlyTerminal<Mounted, Link>(win: Window): EarlyTerminal<Mounted, Link> | undefined {
  const holder = win as unknown as Record<string, EarlyTerminal<Mounted, Link> | undefined>;
  const early = holder[EARLY_TERMINAL_GLOBAL];
  holder[EARLY_TERMINAL_GLOBAL] = undefined;
  return early;
}

/** The early script's worker, still waiting to be adopted (nobody has mounted a screen for it yet). */
export function pendingEarlyWorker(win: Window): EarlyWorker | undefined {
  return (win as unknown as Record<string, EarlyWorker | undefined>)[EARLY_WORKER_GLOBAL];
}
