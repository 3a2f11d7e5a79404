/**
 * Goldens from the real procps ps of this machine, run in a fresh user, pid and mount namespace
 * (its own /proc: the recording shell is PID 1, ps its child) with /proc/sys/kernel/pid_max showing
 * Ubuntu 22.04's 4194304, so that PID columns are 7 wide as on the nodes. WRITE_GOLDEN=1 records
 * them, else the file is read.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

export interface PsOutcome {
  stdout: string;
  stderr: string;
  status: number;
}

export function realPs(file: string, scripts: Record<string, string>): Record<string, PsOutcome> {
  if (process.env.WRITE_GOLDEN) {
    const pidMax = '/tmp/ps-golden-pid-max';
    writeFileSync(pidMax, '4194304\n');
    const out: Record<string, PsOutcome> = {};
    for (const [name, script] of Object.entries(scripts)) {
      const r = spawnSync('unshare', ['-Urpfm', '--mount-proc', 'sh', '-c', `mount --bind ${pidMax} /proc/sys/kernel/pid_max && exec sh -c "$0"`, script], {
        encoding: 'utf8',
        env: { PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8' },
      });
      out[name] = { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
    }
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, PsOutcome>;
}
