/**
 * Mounts the terminal in a pane: xterm.js with fit, web-links and unicode11, the theme of the
 * page, a worker running the world and the shell, copy and paste, the screen-reader toggle and
 * the reset button. Loaded only when the pane opens (dynamic import from TerminalPane.astro).
 */
import { FitAddon } from '@xterm/addon-fit';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import { saveHistory } from './history-store';
import { startWorker, type WorkerLink } from './start-worker';
import { EARLY_TERMINAL_GLOBAL, MOUNT_EARLY_GLOBAL, pendingEarlyWorker, type EarlyTerminal } from './early-worker';
import { themeFor } from './theme';
import { LAB_RESULT_EVENT, type LabResultDetail } from '../../components/labs/events';
import { VIZ_DETAIL_EVENT, VIZ_STEPS_EVENT, type VizDetailAnswer, type VizStepsDetail } from '../../components/viz/events';

export interface MountedTerminal {
  run(command: string): void;
  reset(): void;
  setScreenReader(on: boolean): void;
  /** The screen's font size in px (the exam page's font-size control). */
  setFontSize(px: number): void;
  dispose(): void;
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Called by the chapter's early script once this chunk has loaded and the pane's markup is parsed:
 * mounts the screen for the worker that script started, before the page's module scripts run (the
 * pane's script adopts it: see adoptEarlyTerminal). Does nothing once the pane's script has taken
 * the worker itself. xterm.js's stylesheet is part of the page's CSS (TerminalPane.astro), so the
 * screen is styled without this chunk's own CSS having been requested.
 */
export function mountEarly(win: Window = window): void {
  const element = win.document.querySelector<HTMLElement>('[data-cka-terminal]');
  const waiting = pendingEarlyWorker(win);
  if (!element || !waiting) return;
  // The world the early script chose (a started lab included); the pane's script checks it is still the one wanted.
  const { scenario, lab, host } = waiting.init;
  const link = startWorker(element, { scenario, lab, host });
  const early: EarlyTerminal<MountedTerminal, WorkerLink> = { mounted: mount(element, link), link, lab };
  (win as unknown as Record<string, unknown>)[EARLY_TERMINAL_GLOBAL] = early;
}

// The early script imports this chunk by URL and finds mountEarly here.
if (typeof window !== 'undefined') (window as unknown as Record<string, unknown>)[MOUNT_EARLY_GLOBAL] = mountEarly;

/** Mount the screen in `container`, talking to a worker already started by startWorker(). */
export function mount(container: HTMLElement, link: WorkerLink): MountedTerminal {
  performance.mark('cka-terminal:mount');
  const host = container.querySelector<HTMLElement>('[data-cka-term]') ?? container;
  const term = new Terminal({
    allowProposedApi: true,
    cursorBlink: true,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", monospace',
    fontSize: 14,
    scrollback: 5000,
    theme: themeFor(document),
    rightClickSelectsWord: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.loadAddon(new WebLinksAddon());
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  term.open(host);
  fit.fit();

  const send = link.send;
  // Once the first prompt is on the screen, the worker loads the rest of its code (see
  // TerminalHost.beginSecondStage): after xterm has rendered it, not while the page is busy with it.
  let painted = false;
  const afterFirstPaint = () => requestAnimationFrame(() => setTimeout(() => send({ type: 'painted' }), 0));
  link.listen((m) => {
    if (m.type === 'output') {
      // Flow control: the worker holds back endless output while the screen is behind.
      const drawn = () => send({ type: 'ack', chars: m.data.length });
      if (painted) term.write(m.data, drawn);
      else {
        painted = true;
        term.write(m.data, () => {
          drawn();
          afterFirstPaint();
        });
      }
    }
    else if (m.type === 'history') saveHistory(storage(), m.key, m.entries);
    else if (m.type === 'ready') container.dataset.ckaReady = 'true';
    else if (m.type === 'error') console.error(`terminal: ${m.message}`);
    // The lab panel and the architecture view listen on the page, not to the worker.
    else if (m.type === 'lab-result') {
      const detail: LabResultDetail = m.result ? { lab: m.lab, result: m.result, nowMs: m.nowMs } : { lab: m.lab, error: m.error ?? 'unknown error' };
      window.dispatchEvent(new CustomEvent(LAB_RESULT_EVENT, { detail }));
    } else if (m.type === 'viz-steps') window.dispatchEvent(new CustomEvent(VIZ_STEPS_EVENT, { detail: m.batch satisfies VizStepsDetail }));
    else if (m.type === 'viz-detail') window.dispatchEvent(new CustomEvent(VIZ_DETAIL_EVENT, { detail: { id: m.id, detail: m.detail } satisfies VizDetailAnswer }));
  });
  // The worker started with an estimated size: tell it the real one.
  send({ type: 'resize', cols: term.cols, rows: term.rows });

  const disposables: { dispose(): void }[] = [];
  disposables.push(term.onData((data) => send({ type: 'data', data })));
  disposables.push(term.onResize(({ cols, rows }) => send({ type: 'resize', cols, rows })));

  // Copy with Ctrl-Shift-C (Ctrl-C stays the interrupt key); paste with Ctrl-Shift-V is the browser's own paste event.
  term.attachCustomKeyEventHandler((e) => {
    if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && (e.key === 'C' || e.key === 'c')) {
      if (term.hasSelection()) void navigator.clipboard?.writeText(term.getSelection()).catch(() => undefined);
      e.preventDefault();
      return false;
    }
    if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && (e.key === 'V' || e.key === 'v')) return false;
    return true;
  });
  // Right click: copy the selection if there is one, else paste (as PuTTY and many terminals do).
  const onContextMenu = (e: MouseEvent) => {
    e.preventDefault();
    if (term.hasSelection()) {
      void navigator.clipboard?.writeText(term.getSelection()).catch(() => undefined);
      term.clearSelection();
    } else {
      void navigator.clipboard
        ?.readText()
        .then((text) => text && term.paste(text))
        .catch(() => undefined);
    }
  };
  host.addEventListener('contextmenu', onContextMenu);

  const resizeObserver = new ResizeObserver(() => {
    try {
      fit.fit();
    } catch {
      // The pane is hidden (zero size): keep the last size.
    }
  });
  resizeObserver.observe(host);

  const themeObserver = new MutationObserver(() => {
    term.options.theme = themeFor(document);
  });
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  term.focus();

  return {
    run(command: string) {
      send({ type: 'run', command });
      term.focus();
    },
    reset() {
      send({ type: 'reset' });
      term.focus();
    },
    setScreenReader(on: boolean) {
      term.options.screenReaderMode = on;
    },
    setFontSize(px: number) {
      term.options.fontSize = px;
      try {
        fit.fit();
      } catch {
        // hidden pane: the next resize fits it
      }
    },
    dispose() {
      for (const d of disposables) d.dispose();
      host.removeEventListener('contextmenu', onContextMenu);
      resizeObserver.disconnect();
      themeObserver.disconnect();
      link.terminate();
      term.dispose();
    },
  };
}
