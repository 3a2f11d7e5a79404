/** Go's time.Duration.String() as kubeadm prints it; cases are Go's own outputs (time package tests and kubeadm logs). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { goDuration } from '../../../src/sim/kubeadm/go-duration';

describe('goDuration', () => {
  it.each([
    [0, '0s'],
    [1, '1ns'],
    [1_100, '1.1µs'],
    [919_597, '919.597µs'],
    [1_673_285, '1.673285ms'],
    [501_483_944, '501.483944ms'],
    [1_000_000_000, '1s'],
    [1_503_219_398, '1.503219398s'],
    [240_000_493_868, '4m0.000493868s'],
    [278_376_821_078, '4m38.376821078s'],
    [3_600_000_000_000, '1h0m0s'],
    [5_400_500_000_000, '1h30m0.5s'],
  ])('%d ns is %s', (ns, text) => {
    expect(goDuration(ns)).toBe(text);
  });

  it('never ends a fraction with 0 and reads back to the same nanoseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000_000, max: 86_400_000_000_000 }), (ns) => {
        const text = goDuration(ns);
        expect(text).not.toMatch(/\.\d*0s$/);
        const m = /^(?:(\d+)h)?(?:(\d+)m)?(\d+(?:\.\d+)?)s$/.exec(text)!;
        const [int, frac = ''] = m[3].split('.');
        const back = Number(m[1] ?? 0) * 3_600_000_000_000 + Number(m[2] ?? 0) * 60_000_000_000 + Number(int) * 1_000_000_000 + Number(frac.padEnd(9, '0'));
        expect(back).toBe(ns);
      }),
    );
  });
});
