/**
 * Geometry of the text/terminal split, kept apart from the DOM so it can be tested. Widths are the
 * terminal pane's width in CSS pixels; both columns keep a usable minimum.
 */
export const MIN_PANE_PX = 320;
export const MIN_TEXT_PX = 360;
export const DEFAULT_PANE_FRACTION = 0.48;
export const KEY_STEP_PX = 24;
export const KEY_PAGE_STEP_PX = 120;

/** Smallest and largest pane width for a split of the given total width. */
export function paneBounds(total: number): { min: number; max: number } {
  const max = Math.max(MIN_PANE_PX, total - MIN_TEXT_PX);
  return { min: Math.min(MIN_PANE_PX, max), max };
}

export function clampPane(width: number, total: number): number {
  const { min, max } = paneBounds(total);
  if (!Number.isFinite(width)) return Math.round(Math.min(max, Math.max(min, total * DEFAULT_PANE_FRACTION)));
  return Math.round(Math.min(max, Math.max(min, width)));
}

export function defaultPane(total: number): number {
  return clampPane(total * DEFAULT_PANE_FRACTION, total);
}

/** Pane width for a pointer at clientX when the split's right edge is at `right`. */
export function paneFromPointer(clientX: number, right: number, total: number): number {
  return clampPane(right - clientX, total);
}

/**
 * New pane width after a key on the separator, or undefined for keys it ignores. The separator
 * sits left of the pane: ArrowLeft widens the pane, ArrowRight narrows it; Home and End jump to
 * the largest and smallest pane (the WAI-ARIA window splitter pattern).
 */
export function paneAfterKey(key: string, width: number, total: number): number | undefined {
  const { min, max } = paneBounds(total);
  switch (key) {
    case 'ArrowLeft':
      return clampPane(width + KEY_STEP_PX, total);
    case 'ArrowRight':
      return clampPane(width - KEY_STEP_PX, total);
    case 'PageUp':
      return clampPane(width + KEY_PAGE_STEP_PX, total);
    case 'PageDown':
      return clampPane(width - KEY_PAGE_STEP_PX, total);
    case 'Home':
      return max;
    case 'End':
      return min;
    default:
      return undefined;
  }
}

/** The pane's share of the split in percent, for aria-valuenow. */
export function panePercent(width: number, total: number): number {
  return total > 0 ? Math.round((width / total) * 100) : 0;
}

/** A stored width read back from localStorage: a positive number of pixels, or undefined. */
export function parseStoredWidth(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
