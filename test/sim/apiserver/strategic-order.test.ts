/**
 * The order of a merged list in a strategic merge patch (strategicpatch's mergeSlice:
 * normalizeElementOrder then mergeSortedSlice), as properties over random container lists: every
 * item is there once, the original's own items keep the original's order, the patch's keep the
 * patch's, and items new to the original come before the original's when the patch names none of
 * the original's (what kubectl 1.33 prints in test/golden/kubectl/patch-local/009-…).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyStrategicPatch } from '../../../src/sim/apiserver';

type Container = { name: string; image: string };

const names = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), { maxLength: 6 });

function merged(original: string[], patch: string[]): string[] {
  const base = { spec: { containers: original.map((name): Container => ({ name, image: 'old' })) } };
  const r = applyStrategicPatch(base, { spec: { containers: patch.map((name) => ({ name, image: 'new' })) } }, 'core.v1.Pod');
  if (!r.ok) throw new Error(r.error);
  return ((r.value as { spec: { containers: Container[] } }).spec.containers ?? []).map((c) => c.name);
}

const inOrder = (list: string[], of: string[]) => list.filter((n) => of.includes(n));

describe('strategic merge list order', () => {
  it('keeps every item once, the original order among its own items and the patch order among the patch items', () => {
    fc.assert(
      fc.property(names, names, (original, patch) => {
        const out = merged(original, patch);
        expect([...out].sort()).toEqual([...new Set([...original, ...patch])].sort());
        const originalOnly = original.filter((n) => !patch.includes(n));
        expect(inOrder(out, originalOnly)).toEqual(originalOnly);
        expect(inOrder(out, patch)).toEqual(patch);
      }),
    );
  });

  it('puts the new items first when the patch names none of the original ones', () => {
    fc.assert(
      fc.property(names, names, (original, extra) => {
        const patch = extra.filter((n) => !original.includes(n));
        expect(merged(original, patch)).toEqual([...patch, ...original]);
      }),
    );
  });
});
