/**
 * pgrep, pkill (procps-ng 3.3.17), pidof (sysvinit-utils) and killall (psmisc) on a node: the
 * processes by name or command line, their texts and exit statuses as the real tools print them
 * (the usage block is pgrep.c's usage() at v3.3.17), and a signal that reaches what it names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

beforeAll(() => {
  world = bootWorld('cluster');
});

describe('pgrep', () => {
  it('matches the name (-x whole), or -f the command line; -l, -a, -c, -d; never itself', async () => {
    const r = await run('pgrep -x kubelet; pgrep -l -x etcd; pgrep -a -x containerd; pgrep -c "^kube-"; pgrep -d, -x "kubelet|containerd"; pgrep -f -c pgrep');
    expect(r.stdout).toMatch(/^\d+\n\d+ etcd\n\d+ \/usr\/bin\/containerd\n4\n\d+,\d+\n0\n$/);
  });

  it('says what is wrong, as procps does', async () => {
    const r = await run('pgrep; echo "rc $?"; pgrep a b; echo "rc $?"; pgrep -z >/dev/null; echo "rc $?"; pgrep -x nosuch; echo "rc $?"');
    expect(r.stdout).toBe('rc 2\nrc 2\nrc 2\nrc 1\n');
    expect(r.stderr.split('\n').slice(0, 6)).toEqual([
      'pgrep: no matching criteria specified',
      "Try `pgrep --help' for more information.",
      'pgrep: only one pattern can be provided',
      "Try `pgrep --help' for more information.",
      "pgrep: invalid option -- 'z'",
      '',
    ]);
    expect(r.stderr).toContain('\nUsage:\n pgrep [options] <pattern>\n\nOptions:\n -d, --delimiter <string>  specify output delimiter\n');
    expect(r.stderr.endsWith(' -V, --version  output version information and exit\n\nFor more details see pgrep(1).\n')).toBe(true);
  });
});

describe('pkill, killall, pidof', () => {
  it('pidof prints the pids of each name on one line, newest first; 1 when none runs', async () => {
    const r = await run('a=$(pgrep -x kubelet); b=$(pgrep -x containerd); test "$(pidof kubelet containerd)" = "$a $b" && echo same; pidof nosuch; echo "rc $?"');
    expect(r.stdout).toBe('same\nrc 1\n');
  });

  it('pkill -e names what it killed: a static Pod\'s process (SIGKILL: 137) that the kubelet restarts', async () => {
    const r = await run('pid=$(pgrep -x kube-scheduler); pkill -e -9 -x kube-scheduler | sed "s/$pid/PID/"; echo "rc $?"; sleep 3; kubectl -n kube-system get pod kube-scheduler-cka01 -o jsonpath="{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].lastState.terminated.exitCode}{\\"\\n\\"}"; pkill nosuch; echo "rc $?"');
    expect(r.stdout).toBe('kube-scheduler killed (pid PID)\nrc 0\n1 137\nrc 1\n');
  });

  it('killall: every process of the name, -v says so (on stderr); a name that runs nowhere', async () => {
    const r = await run('pid=$(pgrep -x containerd); killall -v containerd 2>&1 | sed "s/$pid/PID/"; killall nosuch; echo "rc $?"; killall; echo "rc $?"');
    expect(r.stdout).toBe('Killed containerd(PID) with signal 15\nrc 1\nrc 1\n');
    expect(r.stderr).toMatch(/^nosuch: no process found\nUsage: killall \[OPTION\]\.\.\. \[--\] NAME\.\.\.\n/);
  });
});
