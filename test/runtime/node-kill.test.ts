/**
 * kill on a node reaches what runs there: a service's main process ends and systemd starts it
 * again after its RestartSec (journal and status as systemd words them); a container's process
 * ends and the kubelet restarts the container — SIGKILL always, another signal only when the
 * process handles it, as for any PID namespace's init.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);
const ON_CKA01 = `--overrides='{"spec":{"nodeName":"cka01","tolerations":[{"operator":"Exists"}]}}'`;

beforeAll(async () => {
  world = bootWorld('cluster');
  await run(`kubectl run bb --image=busybox:1.36 ${ON_CKA01} -- sleep 3600 >/dev/null; kubectl run ng --image=nginx:1.27 ${ON_CKA01} >/dev/null; sleep 40`);
}, 60_000);

describe('a service killed from outside', () => {
  it('SIGKILL: systemd says so, waits RestartSec=10 in auto-restart, then runs a new kubelet', async () => {
    const r = await run(
      [
        'pid=$(pgrep "^kubelet$")',
        'kill -9 $pid; echo "kill $?"',
        'systemctl is-active kubelet',
        'systemctl status kubelet --no-pager | grep -E "Active:|Main PID:" | sed "s/;.*//; s/$pid/PID/"',
        'sleep 10',
        'systemctl is-active kubelet',
        'test "$(pgrep "^kubelet$")" != "$pid" && echo "new pid"',
        'journalctl -u kubelet --no-pager | grep "systemd\\[1\\]" | tail -5 | cut -d" " -f5-',
      ].join('\n'),
    );
    expect(r.stdout.split('\n')).toEqual(
      [
        'kill 0',
        'activating',
        expect.stringMatching(/^ {5}Active: activating \(auto-restart\) \(Result: signal\) since \w{3} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/),
        '   Main PID: PID (code=killed, signal=KILL)',
        'active',
        'new pid',
        "systemd[1]: kubelet.service: Main process exited, code=killed, status=9/KILL",
        "systemd[1]: kubelet.service: Failed with result 'signal'.",
        'systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 1.',
        'systemd[1]: Stopped kubelet: The Kubernetes Node Agent.',
        'systemd[1]: Started kubelet: The Kubernetes Node Agent.',
        '',
      ],
    );
  });

  it('SIGTERM is a clean end: "Deactivated successfully", restarted all the same (Restart=always)', async () => {
    const r = await run('kill $(pgrep "^containerd$"); systemctl is-active containerd; sleep 5; systemctl is-active containerd; journalctl -u containerd --no-pager | grep "systemd\\[1\\]" | tail -5 | cut -d" " -f5-');
    expect(r.stdout).toBe(
      'activating\nactive\nsystemd[1]: containerd.service: Deactivated successfully.\nsystemd[1]: containerd.service: Scheduled restart job, restart counter is at 1.\nsystemd[1]: Stopped containerd container runtime.\nsystemd[1]: Starting containerd container runtime...\nsystemd[1]: Started containerd container runtime.\n',
    );
  });
});

describe('systemctl kill', () => {
  it('signals the unit (SIGTERM unless -s says); a stopped unit has no main process; bad names', async () => {
    const r = await run(
      [
        'systemctl kill -s SIGKILL kubelet; echo "rc $?"; systemctl is-active kubelet',
        'journalctl -u kubelet --no-pager | tail -2 | cut -d" " -f5-',
        'sleep 10; systemctl stop kubelet; systemctl kill kubelet; echo "rc $?"',
        'systemctl kill --kill-who=main kubelet; echo "rc $?"',
        'systemctl kill nosuch; echo "rc $?"',
        'systemctl kill -s BOGUS kubelet; echo "rc $?"',
        'systemctl start kubelet',
      ].join('\n'),
    );
    expect(r.stdout).toBe(
      "rc 0\nactivating\nsystemd[1]: kubelet.service: Main process exited, code=killed, status=9/KILL\nsystemd[1]: kubelet.service: Failed with result 'signal'.\nrc 0\nrc 1\nrc 1\nrc 1\n",
    );
    expect(r.stderr).toBe('Failed to kill unit kubelet.service: No main process to kill\nFailed to kill unit nosuch.service: Unit nosuch.service not loaded.\nFailed to parse signal string BOGUS.\n');
  });
});

describe("a container's process killed from the node", () => {
  it('SIGTERM: sleep (no handler, its namespace init) goes on; nginx ends by itself (0) and is restarted', async () => {
    const r = await run('kill $(pgrep -f "^sleep 3600") $(pgrep -f "^nginx: master"); echo "kill $?"; sleep 5; kubectl get pods bb ng --no-headers | cut -c1-35');
    expect(r.stdout).toBe('kill 0\nbb    1/1   Running   0            \nng    1/1   Running   1 (5s ago)   \n');
  });

  it('SIGKILL ends it with 137 (Error), and the kubelet restarts it', async () => {
    const r = await run('kill -9 $(pgrep -f "^sleep 3600"); sleep 5; kubectl get pod bb --no-headers | cut -c1-40; kubectl describe pod bb | grep -A3 "Last State"');
    expect(r.stdout).toMatch(/^bb {4}1\/1 {3}Running {3}1 \(5s ago\) {3}\d+s\n {4}Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}137\n/);
  });
});
