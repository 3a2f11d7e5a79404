/**
 * crictl info and runtime-config against containerd 1.7.27:
 * - info (cmd/crictl/info.go, containerd pkg/cri/server/status.go): RuntimeReady, NetworkReady
 *   (false while /etc/cni/net.d holds no configuration), ContainerdHasNoDeprecationWarnings, and
 *   the verbose entries beside the status, all keys sorted (outputStatusData).
 * - runtime-config: containerd 1.7.27 is built on CRI API v0.27.1, which has no RuntimeConfig
 *   call; gRPC answers Unimplemented ("unknown method … for service …").
 * The golden is the simulation's output, reviewed against those sources.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { goldenChecker } from '../sim/cluster/component-logs/golden';

const expectGolden = goldenChecker(join(__dirname, '../golden/crictl'));
const ENV = 'export CONTAINER_RUNTIME_ENDPOINT=unix:///run/containerd/containerd.sock; touch /etc/crictl.yaml';

describe('crictl info', () => {
  it("prints the runtime's conditions; NetworkReady follows the CNI configuration", async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka02', `${ENV}; crictl info; echo rc=$?`);
    expect(r.stderr).toBe('');
    expectGolden('info.txt', 'crictl info', r.stdout);
    const noCni = await runScript(world, 'cka02', `${ENV}; mkdir -p /root/cni; mv /etc/cni/net.d/* /root/cni/; crictl info -q -o yaml`);
    expectGolden('info-no-cni.txt', 'crictl info -q -o yaml (no CNI configuration)', noCni.stdout);
  });
});

describe('crictl runtime-config', () => {
  it('fails as containerd 1.7 does not serve the call', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `${ENV}; crictl runtime-config; echo rc=$?`);
    expect(r.stdout).toBe('rc=1\n');
    const [klog, fatal] = r.stderr.split('\n');
    expect(klog).toMatch(/^E\d{4} [\d:.]+ {4}4211 log\.go:32\] "RuntimeConfig from runtime service failed" err="rpc error: code = Unimplemented desc = unknown method RuntimeConfig for service runtime\.v1\.RuntimeService"$/);
    expect(fatal).toBe('FATA[0000] get runtime config: call RuntimeConfig RPC: rpc error: code = Unimplemented desc = unknown method RuntimeConfig for service runtime.v1.RuntimeService ');
  });
});
