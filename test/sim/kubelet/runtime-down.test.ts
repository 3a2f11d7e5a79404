/**
 * containerd stopped under a running kubelet: the kubelet logs its failing Status calls and PLEG
 * relists, turns its node NotReady ("container runtime is down") once the last good Status call is
 * 30 s old, adds the PLEG's health after 3 minutes, and neither starts nor stops pods meanwhile;
 * the running containers keep running. containerd started again heals the node within seconds.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { aggregate } from '../../../src/sim/go-errors';

const RPC = 'rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /var/run/containerd/containerd.sock: connect: no such file or directory\\"';
const READY_MESSAGE = `kubectl get node cka02 -o jsonpath='{.status.conditions[?(@.type=="Ready")].status} {.status.conditions[?(@.type=="Ready")].reason} {.status.conditions[?(@.type=="Ready")].message}'; echo`;

describe('containerd stopped on a worker', () => {
  it('makes the node NotReady after 30 s, holds its pods as they are, and heals once started', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `kubectl run web --image=nginx --overrides='{"spec":{"nodeName":"cka02"}}' >/dev/null; sleep 20`);
    await runScript(world, 'cka02', 'systemctl stop containerd');

    // Within the 30 s the kubelet still counts its last good Status call: Ready, but failing loudly.
    const early = await runScript(world, 'cka01', `sleep 15; ${READY_MESSAGE}; ssh cka02 'journalctl -u kubelet --no-pager'`);
    expect(early.stdout).toContain('True KubeletReady kubelet is posting ready status\n');
    expect(early.stdout).toMatch(new RegExp(`^.* kubelet\\[\\d+\\]: E\\d{4} [\\d:.]+ +\\d+ log\\.go:32\\] "Status from runtime service failed" err="${escape(RPC)}"$`, 'm'));
    expect(early.stdout).toMatch(new RegExp(`^.* kubelet\\[\\d+\\]: E\\d{4} [\\d:.]+ +\\d+ kubelet\\.go:3102\\] "Container runtime sanity check failed" err="${escape(RPC)}"$`, 'm'));
    expect(early.stdout).toMatch(/ generic\.go:256\] "GenericPLEG: Unable to retrieve pods" err=/);
    expect(early.stdout).toMatch(/ W\d{4} [\d:.]+ +\d+ logging\.go:55\] \[core\] \[Channel #1 SubChannel #2\]grpc: addrConn\.createTransport failed to connect to \{Addr: "\/var\/run\/containerd\/containerd\.sock", ServerName: "localhost", \}\. Err: connection error: /);
    // (The start-up's "pleg has yet to be successful" is the only skip so far.)
    expect(early.stdout).not.toContain('Skipping pod synchronization" err="container runtime is down');

    const down = await runScript(world, 'cka01', `sleep 30; ${READY_MESSAGE}; kubectl get node cka02 --no-headers; ssh cka02 'journalctl -u kubelet --no-pager | grep -c "Skipping pod synchronization\\" err=\\"container runtime is down\\""'`);
    expect(down.stdout).toContain('False KubeletNotReady container runtime is down\n');
    expect(down.stdout).toMatch(/^cka02 +NotReady +<none> /m);
    expect(Number(down.stdout.trim().split('\n').pop())).toBeGreaterThan(0);

    // The kubelet's sync loop is stopped: a new pod is never started, a deleted one never stopped.
    const held = await runScript(world, 'cka01', `kubectl run late --image=nginx --overrides='{"spec":{"nodeName":"cka02"}}' >/dev/null; kubectl delete pod web --wait=false >/dev/null; sleep 40; kubectl get pods --no-headers`);
    expect(held.stdout).toMatch(/^late +0\/1 +Pending +0 /m);
    expect(held.stdout).toMatch(/^web +1\/1 +Terminating +0 /m);

    // 3 minutes after the last good relist the PLEG is unhealthy too.
    const pleg = await runScript(world, 'cka01', `sleep 120; ${READY_MESSAGE}`);
    expect(pleg.stdout).toMatch(/^False KubeletNotReady \[container runtime is down, PLEG is not healthy: pleg was last seen active 3m\d+(\.\d+)?s ago; threshold is 3m0s\]$/m);

    await runScript(world, 'cka02', 'systemctl start containerd');
    const healed = await runScript(world, 'cka01', `sleep 20; ${READY_MESSAGE}; kubectl get pods --no-headers`);
    expect(healed.stdout).toContain('True KubeletReady kubelet is posting ready status\n');
    expect(healed.stdout).toMatch(/^late +1\/1 +Running +0 /m);
    expect(healed.stdout).not.toMatch(/^web /m);
    // No more failures once it answers.
    const count = 'journalctl -u kubelet --no-pager | grep -c "runtime service failed"';
    const quiet = await runScript(world, 'cka02', `a=$(${count}); sleep 30; b=$(${count}); echo $((b - a))`);
    expect(quiet.stdout).toBe('0\n');
  }, 60_000);

  it('keeps the running containers running (their shims outlive containerd)', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `kubectl run web --image=nginx --overrides='{"spec":{"nodeName":"cka02"}}' >/dev/null; sleep 20`);
    const ip = (await runScript(world, 'cka01', `kubectl get pod web -o jsonpath='{.status.podIP}'`)).stdout;
    await runScript(world, 'cka02', 'systemctl stop containerd');
    const r = await runScript(world, 'cka01', `sleep 60; curl -s -o /dev/null -w '%{http_code}\\n' http://${ip}/`);
    expect(r.stdout).toBe('200\n');
  }, 60_000);
});

describe('aggregate', () => {
  it('prints one error as it is and several in brackets, without repeats', () => {
    expect(aggregate(['container runtime is down'])).toBe('container runtime is down');
    expect(aggregate(['a', 'b', 'a'])).toBe('[a, b]');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
