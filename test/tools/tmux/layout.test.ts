/**
 * The layout tree: splits as tmux sizes them, closes giving the space back, resizes keeping
 * shares, and (property) any sequence of these tiles the window exactly — every cell is in one
 * pane or is a border, and panes never overlap.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Layout } from '../../../src/tools/tmux/layout';

/** Why the layout does not tile its window exactly, or undefined when it does. */
function tilingError(layout: Layout): string | undefined {
  const owner: number[][] = Array.from({ length: layout.height }, () => new Array<number>(layout.width).fill(-1));
  for (const id of layout.panes()) {
    const r = layout.rect(id)!;
    if (r.sx < 1 || r.sy < 1) return `pane ${id} is empty`;
    if (r.x + r.sx > layout.width || r.y + r.sy > layout.height) return `pane ${id} is outside the window`;
    for (let y = r.y; y < r.y + r.sy; y++)
      for (let x = r.x; x < r.x + r.sx; x++) {
        if (owner[y][x] !== -1) return `panes ${owner[y][x]} and ${id} overlap at ${x},${y}`;
        owner[y][x] = id;
      }
  }
  const mask = layout.borderMask();
  for (let y = 0; y < layout.height; y++)
    for (let x = 0; x < layout.width; x++) {
      if (mask[y][x] !== (owner[y][x] === -1)) return `border mask wrong at ${x},${y}`;
      if (owner[y][x] !== -1) continue;
      // Borders are lines one cell wide: never a 2x2 block of them (space lost to no pane).
      if (x + 1 < layout.width && y + 1 < layout.height && owner[y][x + 1] === -1 && owner[y + 1][x] === -1 && owner[y + 1][x + 1] === -1) return `border block at ${x},${y}`;
    }
  return undefined;
}

describe('tmux layout', () => {
  it('splits as tmux does: the new pane gets half less the border', () => {
    const l = new Layout(0, 80, 23);
    expect(l.split(0, 'lr', 1)).toBe(true);
    expect(l.rect(0)).toEqual({ x: 0, y: 0, sx: 40, sy: 23 });
    expect(l.rect(1)).toEqual({ x: 41, y: 0, sx: 39, sy: 23 });
    expect(l.split(1, 'tb', 2)).toBe(true);
    expect(l.rect(1)).toEqual({ x: 41, y: 0, sx: 39, sy: 11 });
    expect(l.rect(2)).toEqual({ x: 41, y: 12, sx: 39, sy: 11 });
    expect(l.panes()).toEqual([0, 1, 2]);
    expect(l.dump()).toBe('80x23,0,0{40x23,0,0,0,39x23,41,0[39x11,41,0,1,39x11,41,12,2]}');
  });

  it('refuses a split without room', () => {
    const l = new Layout(0, 2, 23);
    expect(l.split(0, 'lr', 1)).toBe(false);
    expect(l.panes()).toEqual([0]);
  });

  it('gives a closed pane space to the one before it, or after it when first', () => {
    const l = new Layout(0, 80, 23);
    l.split(0, 'lr', 1);
    l.split(1, 'lr', 2);
    l.remove(1);
    expect(l.rect(0)).toEqual({ x: 0, y: 0, sx: 60, sy: 23 });
    expect(l.rect(2)).toEqual({ x: 61, y: 0, sx: 19, sy: 23 });
    l.remove(0);
    expect(l.rect(2)).toEqual({ x: 0, y: 0, sx: 80, sy: 23 });
    expect(l.dump()).toBe('80x23,0,0,2');
  });

  it('finds neighbours, wrapping round at the edges', () => {
    const l = new Layout(0, 80, 23);
    l.split(0, 'lr', 1);
    l.split(1, 'tb', 2);
    expect(l.neighbour(0, 'right', [2, 1])).toBe(2);
    expect(l.neighbour(0, 'right', [1, 2])).toBe(1);
    expect(l.neighbour(1, 'left')).toBe(0);
    expect(l.neighbour(1, 'right')).toBe(0);
    expect(l.neighbour(1, 'down')).toBe(2);
    expect(l.neighbour(2, 'down')).toBe(1);
    expect(l.neighbour(0, 'up')).toBeUndefined();
  });

  it('gives a nested stack the rows its panes need when the window shrinks', () => {
    const l = new Layout(0, 80, 23);
    l.split(0, 'tb', 1);
    l.split(1, 'lr', 2);
    l.split(2, 'tb', 3);
    l.split(3, 'tb', 4);
    l.remove(1); // the left-right cell collapses: a stack of three inside the window's stack
    l.resize(20, 10);
    expect(tilingError(l)).toBeUndefined();
    expect(l.rect(4)!.y + l.rect(4)!.sy).toBeLessThanOrEqual(10);
  });

  it('tiles the window after any splits, closes and resizes', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('split' as const), dir: fc.constantFrom('lr' as const, 'tb' as const), which: fc.nat() }),
      fc.record({ kind: fc.constant('remove' as const), which: fc.nat() }),
      fc.record({ kind: fc.constant('resize' as const), sx: fc.integer({ min: 20, max: 200 }), sy: fc.integer({ min: 10, max: 60 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const l = new Layout(0, 80, 23);
        let next = 1;
        for (const o of ops) {
          const panes = l.panes();
          if (o.kind === 'split') l.split(panes[o.which % panes.length], o.dir, next++);
          else if (o.kind === 'remove' && panes.length > 1) l.remove(panes[o.which % panes.length]);
          else if (o.kind === 'resize' && o.sx > panes.length * 2 && o.sy > panes.length * 2) l.resize(o.sx, o.sy);
          const error = tilingError(l);
          if (error) throw new Error(`${error} after ${JSON.stringify(o)}: ${l.dump()}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
