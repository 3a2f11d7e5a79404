import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  clampPane,
  defaultPane,
  MIN_PANE_PX,
  MIN_TEXT_PX,
  paneAfterKey,
  paneBounds,
  paneFromPointer,
  panePercent,
  parseStoredWidth,
} from '../../src/components/chapter/split-math';

describe('split geometry', () => {
  it('keeps both columns usable on a 1400 px split', () => {
    expect(paneBounds(1100)).toEqual({ min: MIN_PANE_PX, max: 1100 - MIN_TEXT_PX });
    expect(defaultPane(1100)).toBe(528);
    expect(clampPane(100, 1100)).toBe(MIN_PANE_PX);
    expect(clampPane(5000, 1100)).toBe(1100 - MIN_TEXT_PX);
    expect(clampPane(Number.NaN, 1100)).toBe(528);
  });

  it('always returns a width within bounds', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.integer({ min: 0, max: 5000 }), (width, total) => {
        const { min, max } = paneBounds(total);
        const out = clampPane(width, total);
        expect(out).toBeGreaterThanOrEqual(Math.round(min));
        expect(out).toBeLessThanOrEqual(Math.round(max));
      }),
    );
  });

  it('follows the pointer from the right edge', () => {
    expect(paneFromPointer(700, 1400, 1100)).toBe(700);
    expect(paneFromPointer(1390, 1400, 1100)).toBe(MIN_PANE_PX);
  });

  it('moves with the window-splitter keys', () => {
    expect(paneAfterKey('ArrowLeft', 500, 1100)).toBe(524);
    expect(paneAfterKey('ArrowRight', 500, 1100)).toBe(476);
    expect(paneAfterKey('PageUp', 500, 1100)).toBe(620);
    expect(paneAfterKey('Home', 500, 1100)).toBe(740);
    expect(paneAfterKey('End', 500, 1100)).toBe(MIN_PANE_PX);
    expect(paneAfterKey('a', 500, 1100)).toBeUndefined();
  });

  it('reports percent and reads stored widths defensively', () => {
    expect(panePercent(550, 1100)).toBe(50);
    expect(panePercent(10, 0)).toBe(0);
    expect(parseStoredWidth('640')).toBe(640);
    for (const bad of [null, '', 'abc', '-4', '0', 'Infinity']) expect(parseStoredWidth(bad)).toBeUndefined();
  });
});
