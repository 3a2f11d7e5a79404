/**
 * The page-level events between the chapter layout and the terminal (both on `window`):
 *
 * - `cka:pane-open` — the terminal pane became visible (wide screen on load, or the learner opened
 *   it on a narrow screen). detail: { first: boolean }. The terminal loads its code on the first
 *   one; when its script starts later than that, it reads `isPaneOpen()` instead.
 * - `cka:pane-close` — the pane was hidden again (narrow screens only).
 * - `cka:run` — a code block's run button was pressed. detail: { command: string }. Dispatched
 *   once, right after `cka:pane-open` when the pane was closed, so a terminal still loading must
 *   buffer it.
 */
export const PANE_OPEN_EVENT = 'cka:pane-open';
export const PANE_CLOSE_EVENT = 'cka:pane-close';
export const RUN_EVENT = 'cka:run';

/** Attribute set on the pane element ([data-cka-pane]) once it has been visible. */
export const PANE_ACTIVE_ATTR = 'data-cka-active';

export interface PaneOpenDetail {
  first: boolean;
}

export interface RunDetail {
  command: string;
}

/** True once the pane on this page has been shown (so the terminal should load now). */
export function isPaneOpen(doc: Document = document): boolean {
  return doc.querySelector(`[data-cka-pane][${PANE_ACTIVE_ATTR}]`) !== null;
}

/**
 * Runs `load` once, as soon as the pane is (or becomes) visible: the terminal's small page script
 * calls this with its dynamic import, so the terminal bundle stays a separate, deferred chunk.
 *
 *   whenPaneOpen(() => import('../../terminal/mount').then((m) => m.mount(element)));
 */
export function whenPaneOpen(load: () => void, win: Window = window): void {
  if (isPaneOpen(win.document)) {
    load();
    return;
  }
  win.addEventListener(PANE_OPEN_EVENT, () => load(), { once: true });
}
