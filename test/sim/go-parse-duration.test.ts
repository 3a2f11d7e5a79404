/** Go's time.ParseDuration: values and its three error texts; a property check against a reference grammar. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseGoDuration } from '../../src/sim/go-parse-duration';

describe('parseGoDuration', () => {
  it('reads what Go reads', () => {
    expect(parseGoDuration('0')).toEqual({ ms: 0 });
    expect(parseGoDuration('-0')).toEqual({ ms: 0 });
    expect(parseGoDuration('1h30m')).toEqual({ ms: 5_400_000 });
    expect(parseGoDuration('1.5s')).toEqual({ ms: 1500 });
    expect(parseGoDuration('.5m')).toEqual({ ms: 30_000 });
    expect(parseGoDuration('5.s')).toEqual({ ms: 5000 });
    expect(parseGoDuration('-2m3s')).toEqual({ ms: -123_000 });
    expect(parseGoDuration('+10ms')).toEqual({ ms: 10 });
    expect(parseGoDuration('1h0m0s')).toEqual({ ms: 3_600_000 });
    expect(parseGoDuration('300µs')).toEqual({ ms: 0.3 });
    expect(parseGoDuration('1s1s')).toEqual({ ms: 2000 });
  });

  it("fails with Go's texts", () => {
    expect(parseGoDuration('')).toEqual({ error: 'time: invalid duration ""' });
    expect(parseGoDuration('abc')).toEqual({ error: 'time: invalid duration "abc"' });
    expect(parseGoDuration('1')).toEqual({ error: 'time: missing unit in duration "1"' });
    expect(parseGoDuration('1x')).toEqual({ error: 'time: unknown unit "x" in duration "1x"' });
    expect(parseGoDuration('1 minute')).toEqual({ error: 'time: unknown unit " minute" in duration "1 minute"' });
    expect(parseGoDuration('.s')).toEqual({ error: 'time: invalid duration ".s"' });
    expect(parseGoDuration('-')).toEqual({ error: 'time: invalid duration "-"' });
    expect(parseGoDuration('1h-2m')).toEqual({ error: 'time: unknown unit "h-" in duration "1h-2m"' });
    expect(parseGoDuration('3000000h')).toEqual({ error: 'time: invalid duration "3000000h"' });
  });

  it('accepts exactly the strings of Go\'s grammar (property)', () => {
    const grammar = /^[-+]?(0|((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;
    const alphabet = fc.constantFrom('0', '1', '5', '.', 'h', 'm', 's', 'n', 'u', 'µ', 'x', '-', '+', ' ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }).map((a) => a.join('')), (text) => {
        const r = parseGoDuration(text);
        expect('ms' in r).toBe(grammar.test(text));
      }),
      { numRuns: 2000 },
    );
  });
});
