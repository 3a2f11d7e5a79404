/**
 * crictl stopp, rmp and inspectp (cri-tools v1.33.0 cmd/crictl/sandbox.go) against containerd 1.7
 * (pkg/cri/server sandbox_stop.go, sandbox_remove.go, sandbox_status.go):
 * - StopPodSandbox is idempotent: an unknown ID is "Stopped" too, exit 0.
 * - `rmp` reads the sandbox's status first (containerd: "an error occurred when try to find
 *   sandbox: not found", no ID in it) and refuses a ready one unless -f.
 * - `inspectp` prints outputStatusData's JSON: the status re-read into a Go map, so keys sorted;
 *   protojson's defaults emitted (empty network for the node's network, `additionalIps: []`).
 *   The golden is the simulation's output, reviewed against those sources.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { goldenChecker } from '../sim/cluster/component-logs/golden';

const expectGolden = goldenChecker(join(__dirname, '../golden/crictl'));
const ENV = 'export CONTAINER_RUNTIME_ENDPOINT=unix:///run/containerd/containerd.sock; touch /etc/crictl.yaml';

describe('crictl stopp and rmp', () => {
  it('refuses to remove a ready sandbox, stops it, then removes it', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', 'kubectl run web --image=nginx --overrides=\'{"spec":{"nodeName":"cka02"}}\' >/dev/null; sleep 20');
    const run = (script: string) => runScript(world, 'cka02', `${ENV}; ${script}`);
    const pod = (await run('crictl pods --name web -q')).stdout.trim();
    expect(pod).toMatch(/^[0-9a-f]{64}$/);
    const refused = await run(`crictl rmp ${pod}; echo rc=$?`);
    expect(refused.stdout).toBe('rc=1\n');
    // rmp's goroutine errors come out as urfave/cli prints a MultiError: plain lines, exit 1.
    expect(refused.stderr).toBe(`pod sandbox "${pod}" is running, please stop it first\n`);
    const stopped = await run(`crictl stopp ${pod.slice(0, 13)}; echo rc=$?; crictl pods --name web --state notready -q`);
    expect(stopped.stdout).toBe(`Stopped sandbox ${pod.slice(0, 13)}\nrc=0\n${pod}\n`);
    const removed = await run(`crictl rmp ${pod}; echo rc=$?; crictl pods -q --id ${pod}`);
    expect(removed.stdout).toBe(`Removed sandbox ${pod}\nrc=0\n`);
    const again = await run(`crictl rmp ${pod}; echo rc=$?`);
    expect(again.stderr).toBe(`getting sandbox status of pod "${pod}": rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found\n`);
  });

  it('stops with -f before it removes; an unknown sandbox stops without complaint', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', 'kubectl run web --image=nginx --overrides=\'{"spec":{"nodeName":"cka02"}}\' >/dev/null; sleep 20');
    const pod = (await runScript(world, 'cka02', `${ENV}; crictl pods --name web -q`)).stdout.trim();
    const forced = await runScript(world, 'cka02', `${ENV}; crictl rmp -f ${pod}; echo rc=$?; crictl stopp nope; echo rc=$?; crictl stopp; echo rc=$?`);
    expect(forced.stdout.split('\n').slice(0, 4)).toEqual([`Stopped sandbox ${pod}`, `Removed sandbox ${pod}`, 'rc=0', 'Stopped sandbox nope']);
    // stopp without an ID prints its help (sandbox.go:106) before it connects.
    expect(forced.stdout).toContain('NAME:\n   crictl stopp - Stop one or more running pods\n');
    expect(forced.stderr).toBe('');
  });
});

describe('crictl inspectp', () => {
  it("prints a static pod's sandbox status and containerd's info, keys sorted", async () => {
    const world = bootWorld('cluster');
    const id = (await runScript(world, 'cka01', `${ENV}; crictl pods --name etcd -q`)).stdout.trim();
    const r = await runScript(world, 'cka01', `${ENV}; crictl inspectp ${id.slice(0, 13)}`);
    expect(r.stderr).toBe('');
    expectGolden('inspectp-etcd.txt', 'crictl inspectp ID', r.stdout);
    const quiet = await runScript(world, 'cka01', `${ENV}; crictl inspectp -q -o yaml ${id}`);
    expectGolden('inspectp-etcd-quiet-yaml.txt', 'crictl inspectp -q -o yaml ID', quiet.stdout);
  });

  it('fails on an unknown ID', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `${ENV}; crictl inspectp nope; echo rc=$?`);
    expect(r.stdout).toBe('rc=1\n');
    expect(r.stderr).toBe('FATA[0000] get the status of pod sandboxes: get pod sandbox status: rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found \n');
  });
});
