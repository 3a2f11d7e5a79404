/** The Go duration text drain prints in "global timeout reached: …" and reads from --timeout. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatGoDuration, parseGoDuration } from '../../src/kubectl/cmd/nodes';

describe('Go durations of kubectl drain --timeout', () => {
  it('formats as time.Duration.String()', () => {
    expect([0, 500, 1500, 20_000, 60_000, 90_000, 3_600_000, 5_430_000].map(formatGoDuration)).toEqual(['0s', '500ms', '1.5s', '20s', '1m0s', '1m30s', '1h0m0s', '1h30m30s']);
  });
  it('parses what it formats', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 * 3_600_000 }), (ms) => parseGoDuration(formatGoDuration(ms)) === ms));
  });
  it('parses the forms a user types', () => {
    expect(['20s', '1m', '2m30s', '0', '1h', '250ms'].map(parseGoDuration)).toEqual([20_000, 60_000, 150_000, 0, 3_600_000, 250]);
  });
});
