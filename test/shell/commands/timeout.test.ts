/**
 * timeout (GNU coreutils) on the simulated clock: the command ends when the interval is over and
 * timeout exits 124 (or 128+signal with --preserve-status); its own errors exit 125 and 127.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from '../differential/harness';

describe('timeout', () => {
  it('ends a command that outlives the interval, at the interval, with 124', async () => {
    const r = await runScript('date +%s; timeout 3 sleep 10; echo "rc=$?"; date +%s; timeout 5 sleep 1; echo "rc=$?"; timeout 1 false; echo "rc=$?"\n');
    const [t0, rc1, t1, rc2, rc3] = r.stdout.trim().split('\n');
    expect([rc1, rc2, rc3]).toEqual(['rc=124', 'rc=0', 'rc=1']);
    expect(Number(t1) - Number(t0)).toBe(3);
  });

  it('--preserve-status gives 128 + the signal; -v says what it sent', async () => {
    const r = await runScript('timeout --preserve-status 1 sleep 5; echo "rc=$?"; timeout -s KILL --preserve-status 1 sleep 5; echo "rc=$?"; timeout -v 1 sleep 5; echo "rc=$?"\n');
    expect(r.stdout).toBe('rc=143\nrc=137\nrc=124\n');
    expect(r.stderr).toBe('timeout: sending signal TERM to command ‘sleep’\n');
  });

  it('words its usage errors as coreutils does', async () => {
    const r = await runScript('timeout; echo "rc=$?"; timeout abc sleep 1; echo "rc=$?"; timeout 1 nope; echo "rc=$?"; timeout 1 cd /; echo "rc=$?"; timeout -x 1 true; echo "rc=$?"\n');
    expect(r.stdout).toBe('rc=125\nrc=125\nrc=127\nrc=127\nrc=125\n');
    expect(r.stderr).toBe(
      "Try 'timeout --help' for more information.\n" +
        "timeout: invalid time interval ‘abc’\nTry 'timeout --help' for more information.\n" +
        'timeout: failed to run command ‘nope’: No such file or directory\n' +
        'timeout: failed to run command ‘cd’: No such file or directory\n' +
        "timeout: invalid option -- 'x'\nTry 'timeout --help' for more information.\n",
    );
  });
});
