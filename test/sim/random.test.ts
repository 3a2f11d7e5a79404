import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SeededRandom } from '../../src/sim/random';

describe('SeededRandom.hex', () => {
  it('is the words drawn in turn, each as 8 lower-case hex digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 12 }), (seed, words) => {
        const a = new SeededRandom(seed);
        const b = new SeededRandom(seed);
        let expected = '';
        for (let i = 0; i < words; i++) expected += b.nextUint32().toString(16).padStart(8, '0');
        expect(a.hex(words)).toBe(expected);
        // both drew the same words: the streams stay together
        expect(a.nextUint32()).toBe(b.nextUint32());
      }),
    );
  });

  it('gives 64 hex digits for a container ID', () => {
    expect(new SeededRandom(7).hex(8)).toMatch(/^[0-9a-f]{64}$/);
  });
});
