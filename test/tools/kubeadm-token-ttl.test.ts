/** kubeadm token create --ttl: Go durations, the flag error, and token list's ShortHumanDuration TTLs. */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { goDurationMs, shortHumanDuration } from '../../src/tools/kubeadm';

describe('kubeadm token TTLs', () => {
  it('parses Go durations', () => {
    expect(goDurationMs('48h')).toBe(48 * 3_600_000);
    expect(goDurationMs('2h30m')).toBe(9_000_000);
    expect(goDurationMs('1h0m0s')).toBe(3_600_000);
    expect(goDurationMs('1.5h')).toBe(5_400_000);
    expect(goDurationMs('0')).toBe(0);
    for (const bad of ['', 'abc', '48', '2d', 'h']) expect(goDurationMs(bad), bad).toBeUndefined();
  });

  it('prints TTLs as apimachinery ShortHumanDuration does', () => {
    expect([59_000, 61_000, 3_599_000, 23 * 3_600_000 + 59 * 60_000, 47 * 3_600_000, 400 * 86_400_000].map(shortHumanDuration)).toEqual(['59s', '1m', '59m', '23h', '1d', '1y']);
  });

  it('creates tokens that live as long as --ttl says, and refuses a bad duration', async () => {
    const world = bootWorld('cluster');
    const run = await runScript(world, 'cka01', "kubeadm token create --ttl 48h >/dev/null\nkubeadm token create --ttl 90m >/dev/null\nkubeadm token list | awk 'NR>1 {print $2}' | sort\nkubeadm token create --ttl 2days");
    expect(run.stdout).toBe('1d\n1h\n23h\n');
    expect(run.stderr).toBe('invalid argument "2days" for "--ttl" flag: time: unknown unit "days" in duration "2days"\nTo see the stack trace of this error execute with --v=5 or higher\n');
    expect(run.status).toBe(1);
  });
});
