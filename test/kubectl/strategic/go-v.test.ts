/**
 * strategicpatch orders scalars by fmt's %v; a float64 prints in strconv's shortest 'g' form, %e
 * from an exponent of 6 up. The expected texts are what the real kubectl 1.33 prints through the
 * same %v (its JSONPath printer) for the same float64 values:
 *   kubectl patch --local -f cm.yaml --type merge -p '{"w":1234567.5,"d":12345678.5}' -o jsonpath='{.w} {.d}'
 * prints "1.2345675e+06 1.23456785e+07".
 */
import { describe, expect, it } from 'vitest';
import { goType, goV } from '../../../src/kubectl/util/strategic/values';

describe('goV, fmt %v of a decoded JSON value', () => {
  it('prints a float64 in %e form from an exponent of 6 up, as kubectl 1.33 prints it', () => {
    expect(goV(1234567.5)).toBe('1.2345675e+06');
    expect(goV(12345678.5)).toBe('1.23456785e+07');
    expect(goV([1234567.5, 2.5])).toBe('[1.2345675e+06 2.5]');
  });

  it('keeps an integer that fits an int64 as digits; a larger one decodes as float64', () => {
    expect([goType(1000000), goV(1000000)]).toEqual(['int64', '1000000']);
    expect(goType(2 ** 63)).toBe('float64');
  });
});
