import { describe, expect, it } from 'vitest';
import { isPaneOpen, PANE_ACTIVE_ATTR, PANE_OPEN_EVENT, whenPaneOpen } from '../../src/components/chapter/events';

/** The few DOM pieces whenPaneOpen touches, without a browser. */
function fakeWindow(open: boolean) {
  const listeners: Array<() => void> = [];
  const doc = {
    querySelector: (selector: string) => (open && selector === `[data-cka-pane][${PANE_ACTIVE_ATTR}]` ? {} : null),
  } as unknown as Document;
  const win = {
    document: doc,
    addEventListener: (type: string, fn: () => void, options?: { once?: boolean }) => {
      expect(type).toBe(PANE_OPEN_EVENT);
      expect(options?.once).toBe(true);
      listeners.push(fn);
    },
  } as unknown as Window;
  return { win, doc, fire: () => listeners.splice(0).forEach((fn) => fn()) };
}

describe('whenPaneOpen', () => {
  it('loads at once when the pane is already open', () => {
    const { win, doc } = fakeWindow(true);
    expect(isPaneOpen(doc)).toBe(true);
    let loads = 0;
    whenPaneOpen(() => loads++, win);
    expect(loads).toBe(1);
  });

  it('waits for the pane to open, then loads once', () => {
    const { win, doc, fire } = fakeWindow(false);
    expect(isPaneOpen(doc)).toBe(false);
    let loads = 0;
    whenPaneOpen(() => loads++, win);
    expect(loads).toBe(0);
    fire();
    fire();
    expect(loads).toBe(1);
  });
});
