import { describe, expect, it } from 'vitest';
import { releaseBuild } from '../../src/sim/releases';

describe('release builds', () => {
  it('are the recorded ones where known (kubectl 1.33.1 of this machine)', () => {
    expect(releaseBuild('v1.33.1')).toEqual({ gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828', buildDate: '2025-05-15T08:27:33Z', goVersion: 'go1.24.2' });
  });

  it('are made up where the real one fell: after the minor came out, a patch about a month after the one before', () => {
    // v1.33.0 came out on 2025-04-23, v1.33.4 on 2025-08-12, v1.32.8 on the same day.
    expect(releaseBuild('v1.33.0').buildDate.slice(0, 10)).toBe('2025-04-23');
    expect(releaseBuild('v1.33.4').buildDate.slice(0, 7)).toBe('2025-08');
    expect(releaseBuild('v1.32.8').buildDate.slice(0, 7)).toBe('2025-08');
    for (const minor of [27, 28, 29, 30, 31, 32, 33, 34])
      for (let patch = 1; patch < 12; patch++)
        expect(Date.parse(releaseBuild(`v1.${minor}.${patch}`).buildDate)).toBeGreaterThan(Date.parse(releaseBuild(`v1.${minor}.${patch - 1}`).buildDate));
  });

  it('have a commit of 40 hex digits, the same each time, different per release', () => {
    const a = releaseBuild('v1.33.4').gitCommit;
    expect(a).toMatch(/^[0-9a-f]{40}$/);
    expect(releaseBuild('v1.33.4').gitCommit).toBe(a);
    expect(releaseBuild('v1.33.5').gitCommit).not.toBe(a);
  });
});
