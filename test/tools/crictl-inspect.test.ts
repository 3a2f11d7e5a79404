/**
 * crictl inspect (cri-tools v1.33.0 container.go containerStatus) against containerd 1.7
 * (container_status.go): the status re-read into a Go map (keys sorted), times in RFC 3339 (the
 * finish only once exited), the image as its tag with its repo digest, and containerd's info
 * unless -q. An unknown ID fails with cri-client's error line and the two wrappings.
 * The golden is the simulation's output, reviewed against those sources.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { goldenChecker } from '../sim/cluster/component-logs/golden';

const expectGolden = goldenChecker(join(__dirname, '../golden/crictl'));
const ENV = 'export CONTAINER_RUNTIME_ENDPOINT=unix:///run/containerd/containerd.sock IMAGE_SERVICE_ENDPOINT=unix:///run/containerd/containerd.sock; touch /etc/crictl.yaml';

describe('crictl inspect', () => {
  it("prints a container's status, sorted, with containerd's info", async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `${ENV}; crictl inspect $(crictl ps --name kube-scheduler -q)`);
    expect(r.stderr).toBe('');
    expectGolden('inspect-scheduler.txt', 'crictl inspect ID', r.stdout);
    const table = await runScript(world, 'cka01', `${ENV}; crictl inspect -q -o table $(crictl ps --name kube-scheduler -q)`);
    expectGolden('inspect-scheduler-table.txt', 'crictl inspect -q -o table ID', table.stdout);
  });

  it('fails on an unknown ID', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `${ENV}; crictl inspect nope; echo rc=$?`);
    expect(r.stdout).toBe('rc=1\n');
    const [klog, fatal] = r.stderr.split('\n');
    expect(klog).toMatch(/^E\d{4} [\d:.]+ {4}4211 log\.go:32\] "ContainerStatus from runtime service failed" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"nope\\": not found" containerID="nope"$/);
    expect(fatal).toBe('FATA[0000] get the status of containers: get container status: rpc error: code = NotFound desc = an error occurred when try to find container "nope": not found ');
  });
});
