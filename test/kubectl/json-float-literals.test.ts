/**
 * The scanner that finds a JSON text's whole numbers written as floats (a merge patch's 1e6, which
 * Go decodes as a float64): checked against documents built with known literals, and against
 * JSON.parse for the values it walks past. What kubectl prints of them is in the goldens
 * (test/golden/kubectl/jsonpath-numbers, writes-golden/26-patch-numbers.txt).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ValuePath, wholeFloatLiterals } from '../../src/kubectl/util/json-float-literals';

/** A document as text, with the paths of the literals written as whole floats. */
type Built = { text: string; floats: ValuePath[] };

const whole = fc.integer({ min: -1e9, max: 1e9 });
const literal: fc.Arbitrary<{ text: string; float: boolean }> = fc.oneof(
  whole.map((n) => ({ text: String(n), float: false })),
  whole.map((n) => ({ text: `${n}.0`, float: true })),
  fc.integer({ min: 1, max: 9 }).map((d) => ({ text: `${d}e6`, float: true })),
  fc.integer({ min: 1, max: 9 }).map((d) => ({ text: `${d}.5`, float: false })),
  fc.string().map((s) => ({ text: JSON.stringify(s), float: false })),
  fc.constantFrom('true', 'false', 'null').map((text) => ({ text, float: false })),
);

const key = fc.string({ maxLength: 5 });

function build(depth: number): fc.Arbitrary<Built> {
  const leaf = literal.map(({ text, float }): Built => ({ text, floats: float ? [[]] : [] }));
  if (depth === 0) return leaf;
  const child = build(depth - 1);
  const list = fc.array(child, { maxLength: 4 }).map((items): Built => ({
    text: ` [ ${items.map((i) => i.text).join(' , ')} ]`,
    floats: items.flatMap((item, index) => item.floats.map((p) => [index, ...p])),
  }));
  const object = fc.uniqueArray(fc.tuple(key, child), { maxLength: 4, selector: ([k]) => k }).map((entries): Built => ({
    text: `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v.text}`).join(',')}}`,
    floats: entries.flatMap(([k, v]) => v.floats.map((p) => [k, ...p])),
  }));
  return fc.oneof(leaf, list, object);
}

describe('wholeFloatLiterals', () => {
  it('finds exactly the whole numbers written as floats, by their paths', () => {
    fc.assert(
      fc.property(build(3), ({ text, floats }) => {
        JSON.parse(text);
        expect(wholeFloatLiterals(text)).toEqual(floats);
      }),
    );
  });

  it('leaves integers, fractions and numbers too large for an int64 alone', () => {
    expect(wholeFloatLiterals('{"a":1,"b":2.5,"c":1e6,"d":[3.0,4],"e":1E+21,"f":9223372036854775808}')).toEqual([['c'], ['d', 0]]);
  });
});
