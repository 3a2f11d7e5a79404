/** The documentation's Job (`perl -Mbignum=bpi -wle 'print bpi(N)'`): π to N significant digits, rounded. */
import { describe, expect, it } from 'vitest';
import { piDigits } from '../../../src/sim/runtime/pi-digits';
import { bootWorld, runScript } from '../../../src/runtime/session';

describe('piDigits', () => {
  it('gives π to N significant digits, the last one rounded half up', () => {
    expect(piDigits(1)).toBe('3');
    expect(piDigits(5)).toBe('3.1416');
    expect(piDigits(50)).toBe('3.1415926535897932384626433832795028841971693993751');
    // decimals 990–1000 are …2164201989: to 999 decimals the 8 rounds up.
    expect(piDigits(1000).endsWith('216420199')).toBe(true);
    expect(piDigits(2000)).toHaveLength(2001);
  });
});

describe('the pi Job of the Kubernetes documentation', () => {
  it('completes with π in its log', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `kubectl create job pi --image=perl:5.34.0 -- perl -Mbignum=bpi -wle 'print bpi(2000)'
kubectl wait --for=condition=complete job/pi --timeout=300s
kubectl logs job/pi | cut -c1-20
kubectl logs job/pi | wc -c`);
    expect(r.stdout).toBe(`job.batch/pi created\njob.batch/pi condition met\n3.141592653589793238\n2002\n`);
  }, 60_000);
});
