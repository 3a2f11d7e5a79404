/**
 * resource.Quantity as the API server holds it: String() against kubectl 1.33's
 * (quantity-canonical-golden.json, recorded by scripts/golden/go-cmp/quantity-record.sh).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalQuantity, compareQuantities, parseInternalQuantity } from '../../../src/sim/apiserver/validation/internal-quantity';

const golden: Record<string, string> = JSON.parse(readFileSync(new URL('./quantity-canonical-golden.json', import.meta.url), 'utf8'));

describe('resource.Quantity internals', () => {
  it.each(Object.entries(golden))('String() of %s is %s', (input, output) => {
    expect(canonicalQuantity(input)).toBe(output);
  });

  it('keeps the text in the cache field only when it is canonical', () => {
    const s = (q: string) => (parseInternalQuantity(q)!.value as { s: string }).s;
    expect([s('1Gi'), s('8Gi'), s('500Mi'), s('1024Mi'), s('100M'), s('1000M'), s('0')]).toEqual(['1Gi', '', '500Mi', '', '100M', '', '0']);
  });

  it('compares by value across formats', () => {
    const q = (t: string) => parseInternalQuantity(t)!.value;
    expect(compareQuantities(q('1Gi'), q('1024Mi'))).toBe(0);
    expect(compareQuantities(q('1G'), q('1Gi'))).toBe(-1);
    expect(compareQuantities(q('1.5Gi'), q('1536Mi'))).toBe(0);
    expect(compareQuantities(q('2Gi'), q('1500M'))).toBe(1);
  });

  it('refuses text that is not a quantity', () => {
    expect(parseInternalQuantity('1Gb')).toBeUndefined();
    expect(parseInternalQuantity('')).toBeUndefined();
  });
});
