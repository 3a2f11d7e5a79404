/**
 * Browser side of ChapterSplit: the wide/narrow behaviour, the resizable divider (pointer and
 * keyboard, width remembered in localStorage) and the narrow-screen toggle. Announces the pane to
 * the terminal through the events in ./events.ts.
 */
import { PANE_ACTIVE_ATTR, PANE_CLOSE_EVENT, PANE_OPEN_EVENT, type PaneOpenDetail } from './events';
import { clampPane, defaultPane, paneAfterKey, paneFromPointer, panePercent, parseStoredWidth } from './split-math';

export const WIDE_QUERY = '(min-width: 1100px)';
export const WIDTH_STORAGE_KEY = 'cka-lab:pane-width';

export interface ChapterSplit {
  /** Shows the pane (slides it in on narrow screens); a no-op when it is already visible. */
  open(): void;
  close(): void;
}

function readStoredWidth(): number | undefined {
  try {
    return parseStoredWidth(localStorage.getItem(WIDTH_STORAGE_KEY));
  } catch {
    return undefined; // storage disabled: fall back to the default width
  }
}

function storeWidth(width: number): void {
  try {
    localStorage.setItem(WIDTH_STORAGE_KEY, String(width));
  } catch {
    /* storage disabled or full: the width is simply not remembered */
  }
}

export function initChapterSplit(root: HTMLElement): ChapterSplit {
  const pane = root.querySelector<HTMLElement>('[data-cka-pane]')!;
  const divider = root.querySelector<HTMLElement>('[data-cka-divider]')!;
  const toggle = root.querySelector<HTMLButtonElement>('[data-cka-pane-toggle]')!;
  const closeButton = root.querySelector<HTMLButtonElement>('[data-cka-pane-close]')!;
  const wide = window.matchMedia(WIDE_QUERY);
  let opened = false; // the terminal has been told to load
  let narrowOpen = false;
  let width = readStoredWidth();

  const total = () => root.getBoundingClientRect().width;

  function announceOpen(): void {
    const detail: PaneOpenDetail = { first: !opened };
    opened = true;
    pane.setAttribute(PANE_ACTIVE_ATTR, '');
    window.dispatchEvent(new CustomEvent(PANE_OPEN_EVENT, { detail }));
  }

  function applyWidth(next: number): void {
    const all = total();
    width = clampPane(next, all);
    root.style.setProperty('--cka-pane-width', `${width}px`);
    divider.setAttribute('aria-valuenow', String(panePercent(width, all)));
  }

  function setNarrowOpen(open: boolean): void {
    narrowOpen = open;
    root.toggleAttribute('data-open', open);
    toggle.setAttribute('aria-expanded', String(open));
    pane.toggleAttribute('inert', !open && !wide.matches);
    if (open) announceOpen();
    else window.dispatchEvent(new CustomEvent(PANE_CLOSE_EVENT));
  }

  function layout(): void {
    if (wide.matches) {
      pane.removeAttribute('inert');
      applyWidth(width ?? defaultPane(total()));
      announceOpen();
    } else {
      pane.toggleAttribute('inert', !narrowOpen);
    }
  }

  // Divider: pointer drag with capture, so the drag survives leaving the thin divider.
  divider.addEventListener('pointerdown', (event) => {
    if (!wide.matches || event.button !== 0) return;
    event.preventDefault();
    divider.setPointerCapture(event.pointerId);
    root.setAttribute('data-resizing', '');
  });
  divider.addEventListener('pointermove', (event) => {
    if (!divider.hasPointerCapture(event.pointerId)) return;
    const rect = root.getBoundingClientRect();
    applyWidth(paneFromPointer(event.clientX, rect.right, rect.width));
  });
  const endDrag = (event: PointerEvent) => {
    if (!divider.hasPointerCapture(event.pointerId)) return;
    divider.releasePointerCapture(event.pointerId);
    root.removeAttribute('data-resizing');
    if (width !== undefined) storeWidth(width);
  };
  divider.addEventListener('pointerup', endDrag);
  divider.addEventListener('pointercancel', endDrag);
  divider.addEventListener('keydown', (event) => {
    const all = total();
    const next = paneAfterKey(event.key, width ?? defaultPane(all), all);
    if (next === undefined) return;
    event.preventDefault();
    applyWidth(next);
    storeWidth(next);
  });

  toggle.addEventListener('click', () => {
    setNarrowOpen(!narrowOpen);
    // The toggle hides while the pane is open: move focus into the pane rather than lose it.
    if (narrowOpen) closeButton.focus();
  });
  closeButton.addEventListener('click', () => {
    setNarrowOpen(false);
    toggle.focus();
  });
  // Escape on the pane's own controls closes it. Inside the terminal Escape belongs to the
  // program running there (vim needs it), so it is left alone.
  const body = pane.querySelector('.cka-pane__body');
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !narrowOpen || wide.matches) return;
    const target = event.target as Node;
    if (!pane.contains(target) || body?.contains(target)) return;
    setNarrowOpen(false);
    toggle.focus();
  });

  wide.addEventListener('change', layout);
  window.addEventListener('resize', () => {
    if (wide.matches && width !== undefined) applyWidth(width);
  });

  toggle.hidden = false;
  root.setAttribute('data-enhanced', '');
  layout();

  return {
    open() {
      if (!wide.matches && !narrowOpen) setNarrowOpen(true);
    },
    close() {
      if (narrowOpen) setNarrowOpen(false);
    },
  };
}
