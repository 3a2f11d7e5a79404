import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { deepFreeze, freezeIfJsonFaithful, isJsonFaithful, jsonCopy } from '../../../src/sim/apiserver/json-copy';

const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

/** JSON-like values plus what JSON treats specially: undefined, -0, NaN, Infinity, Dates, functions. */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.jsonValue({ maxDepth: 0 }),
    fc.constantFrom(undefined, -0, NaN, Infinity, -Infinity, () => 1),
    fc.date({ noInvalidDate: true }),
  ),
  arr: fc.array(tie('node'), { maxLength: 4 }),
  obj: fc.dictionary(fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('0', '10', '__proto__')), tie('node'), { maxKeys: 4 }),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('arr'), tie('obj')),
})).node;

describe('jsonCopy', () => {
  it('gives what a JSON round trip gives, key order included', () => {
    fc.assert(
      fc.property(fc.oneof(tieObject(), fc.array(value)), (v) => {
        const copied = jsonCopy(v);
        expect(JSON.stringify(copied)).toBe(JSON.stringify(roundTrip(v)));
        expect(copied).toStrictEqual(roundTrip(v));
      }),
      { numRuns: 1000 },
    );
  });

  it('shares nothing with its input', () => {
    const input = { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } };
    const out = jsonCopy(input);
    out.spec.containers[0].ports[0].containerPort = 8080;
    expect(input.spec.containers[0].ports[0].containerPort).toBe(80);
  });

  it('fails on cycles the way JSON does', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => jsonCopy(a)).toThrow(TypeError);
  });

  function tieObject() {
    return fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 5 });
  }
});

describe('isJsonFaithful', () => {
  it('never passes a value a JSON round trip would change, and passes plain data', () => {
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 5 }), fc.array(value)), (v) => {
        const back = roundTrip(v);
        const same = JSON.stringify(back) === JSON.stringify(v) && isDeepStrictEqual(back, v);
        if (isJsonFaithful(v)) expect(same).toBe(true);
        // Values JSON changes are always reported (undefined, -0, NaN, Infinity, Dates, functions).
        if (!same) expect(isJsonFaithful(v)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts plain JSON data, refuses what JSON would change', () => {
    expect(isJsonFaithful({ a: [1, 'x', null, { b: true }] })).toBe(true);
    expect(isJsonFaithful({ a: undefined })).toBe(false);
    expect(isJsonFaithful([1, undefined])).toBe(false);
    expect(isJsonFaithful({ n: -0 })).toBe(false);
    expect(isJsonFaithful({ d: new Date(0) })).toBe(false);
    expect(isJsonFaithful({ toJSON: 'x' })).toBe(false);
  });
});

describe('freezeIfJsonFaithful', () => {
  const everyPartFrozen = (v: unknown): boolean =>
    v === null || typeof v !== 'object' || (Object.isFrozen(v) && (Array.isArray(v) ? v.every(everyPartFrozen) : Object.values(v).every(everyPartFrozen)));

  it('answers as isJsonFaithful (frozen parts trusted) and freezes all of what it passes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 5 }), fc.array(value)), fc.boolean(), (v, freezeSome) => {
        // Parts frozen beforehand are taken as faithful by both.
        if (freezeSome && Array.isArray(v) && v.length) deepFreeze(v[0]);
        const want = isJsonFaithful(v, true);
        expect(freezeIfJsonFaithful(v)).toBe(want);
        if (want) expect(everyPartFrozen(v)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('deepFreeze', () => {
  it('freezes every level', () => {
    const v = deepFreeze({ a: { b: [{ c: 1 }] } });
    expect(Object.isFrozen(v.a.b[0])).toBe(true);
    expect(() => {
      (v.a.b[0] as { c: number }).c = 2;
    }).toThrow(TypeError);
  });
});

