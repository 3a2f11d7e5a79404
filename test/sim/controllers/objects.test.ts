import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonical, sameCanonical } from '../../../src/sim/controllers/machinery/objects';

/** JSON-like values with undefined-valued keys sprinkled in, as controllers build them. */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b', ''), fc.constant(undefined)),
  arr: fc.array(tie('node'), { maxLength: 3 }),
  obj: fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('node'), { maxKeys: 3 }),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('arr'), tie('obj')),
})).node;

describe('sameCanonical', () => {
  it('agrees with comparing canonical() strings', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameCanonical(a, b)).toBe(canonical(a) === canonical(b));
        expect(sameCanonical(a, a)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores key order and undefined keys, not values', () => {
    expect(sameCanonical({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1, d: undefined })).toBe(true);
    expect(sameCanonical({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameCanonical([1, 2], [2, 1])).toBe(false);
    expect(sameCanonical({}, [])).toBe(false);
  });
});
