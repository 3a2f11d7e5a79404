import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { omit } from '../../src/sim/omit';

describe('omit', () => {
  it('gives what rest destructuring gives: the other own keys, in their order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'name', 'resourceVersion', '1', '0', 'kind'), fc.jsonValue()), fc.constantFrom('a', 'resourceVersion', '1'), fc.constantFrom('b', 'kind', '0'), (o, a, b) => {
        const { [a]: _a, ...one } = o;
        expect(Object.entries(omit(o, a))).toEqual(Object.entries(one));
        const { [a]: _x, [b]: _y, ...two } = o;
        expect(Object.entries(omit(o, a, b))).toEqual(Object.entries(two));
      }),
    );
  });

  it('leaves the object it copies alone', () => {
    const meta = { name: 'web', resourceVersion: '7', labels: { app: 'web' } };
    const copy = omit(meta, 'resourceVersion');
    expect(copy).toEqual({ name: 'web', labels: { app: 'web' } });
    expect(meta.resourceVersion).toBe('7');
    expect(copy.labels).toBe(meta.labels);
  });
});
