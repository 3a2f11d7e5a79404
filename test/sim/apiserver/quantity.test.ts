/** Resource quantities as apimachinery's parseQuantityString reads them: one decimal point at most. */
import { describe, expect, it } from 'vitest';
import { isQuantity, parseQuantity } from '../../../src/sim/apiserver/quantity';

describe('isQuantity', () => {
  it('takes a number with one decimal point and a suffix', () => {
    expect(['1', '1.5Gi', '.5', '1.', '250m', '1e3', '+2', '-1Ki'].filter((q) => !isQuantity(q))).toEqual([]);
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 1024 ** 3);
  });

  it('refuses an address, two decimal points or a bare point', () => {
    expect(['10.244.2.8', '1.2.3', '.', '1..', 'abc', '5 Mi'].filter((q) => isQuantity(q))).toEqual([]);
    expect(parseQuantity('10.244.2.8')).toBeNaN();
  });
});
