/**
 * kube-apiserver runs only while one of its --etcd-servers reaches a listening etcd: a wrong port
 * makes it log gRPC's dial errors, exit after the storage timeout and crash-loop, with clients
 * refused meanwhile; fixing the manifest heals the control plane.
 */
import { describe, expect, it } from 'vitest';
import { apiServerWithoutEtcd, etcdUrlAnswers } from '../../../src/sim/cluster/control-plane-processes';
import { bootWorld, runScript } from '../../../src/runtime/session';

const machine = { hostname: 'cka01', ip: '192.168.6.171' };
/** kubeadm's etcd: clients on loopback and the node address, peers on the node address only. */
const kubeadmListeners = [
  { host: '127.0.0.1', port: '2379' },
  { host: '192.168.6.171', port: '2379' },
  { host: '192.168.6.171', port: '2380' },
];

describe('etcdUrlAnswers', () => {
  it.each([
    ['https://127.0.0.1:2379', true],
    ['https://localhost:2379', true],
    ['https://192.168.6.171:2379', true],
    ['https://cka01:2379', true],
    // etcd v3.5 serves its gRPC API on the peer listener too, which kubeadm binds to the node address only.
    ['https://192.168.6.171:2380', true],
    ['https://127.0.0.1:2380', false],
    ['https://127.0.0.1:2378', false],
    ['https://192.168.6.171:4001', false],
    ['https://127.0.0.2:2379', false],
    // Another machine's etcd (external etcd) is not known here: taken to answer.
    ['https://192.168.6.172:2379', true],
  ])('%s: %s', (url, answers) => {
    expect(etcdUrlAnswers(url, machine, kubeadmListeners)).toBe(answers);
  });

  it('accepts the wildcard listener on any local address, and nothing without a listener', () => {
    expect(etcdUrlAnswers('https://192.168.6.171:2379', machine, [{ host: '0.0.0.0', port: '2379' }])).toBe(true);
    expect(etcdUrlAnswers('https://127.0.0.1:2379', machine, [])).toBe(false);
  });
});

const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';

describe('an API server whose --etcd-servers names a port where etcd does not listen', () => {
  it('crash-loops with its gRPC dial errors, clients are refused, and the fixed manifest heals it', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `sed -i 's#--etcd-servers=https://127.0.0.1:2379#--etcd-servers=https://127.0.0.1:2378#' ${MANIFEST}`);
    // The kubelet sees the manifest within 20 s and starts the new container: running, yet it never opens its port.
    const starting = await runScript(world, 'cka01', 'sleep 25; crictl ps --name kube-apiserver -q 2>/dev/null | wc -l; kubectl get ns; echo "rc=$?"');
    expect(starting.stdout).toBe('1\nrc=1\n');
    expect(starting.stderr).toContain('dial tcp 192.168.6.171:6443: connect: connection refused');
    // Two runs of 20 s and a back-off later it is in CrashLoopBackOff.
    const broken = await runScript(world, 'cka01', 'sleep 90; crictl ps -a --name kube-apiserver; kubectl get nodes; echo "rc=$?"');
    const exited = broken.stdout.split('\n').filter((l) => / Exited +kube-apiserver /.test(l));
    expect(exited.length).toBeGreaterThanOrEqual(2);
    expect(broken.stdout).toContain('rc=1');
    expect(broken.stderr).toContain('The connection to the server 192.168.6.171:6443 was refused - did you specify the right host or port?');

    const logs = await runScript(world, 'cka01', 'for id in $(crictl ps -a --name kube-apiserver -q 2>/dev/null); do crictl logs $id 2>&1; done');
    expect(logs.stdout).toContain(
      'grpc: addrConn.createTransport failed to connect to {Addr: "127.0.0.1:2378", ServerName: "127.0.0.1:2378", }. Err: connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:2378: connect: connection refused"',
    );
    expect(logs.stdout).toMatch(/^F\d{4} .* instance\.go:226\] Error creating leases: error creating storage factory: context deadline exceeded$/m);

    const journal = await runScript(world, 'cka01', 'journalctl -u kubelet --no-pager | grep kube-apiserver');
    expect(journal.stdout).toMatch(/"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"kube-apiserver\\" with CrashLoopBackOff: \\"back-off \d+s restarting failed container=kube-apiserver pod=kube-apiserver-cka01_kube-system\(/);

    await runScript(world, 'cka01', `sed -i 's#--etcd-servers=https://127.0.0.1:2378#--etcd-servers=https://127.0.0.1:2379#' ${MANIFEST}`);
    const healed = await runScript(world, 'cka01', 'sleep 360; kubectl get nodes; echo "rc=$?"');
    expect(healed.stdout).toContain('rc=0');
    expect(healed.stdout).toMatch(/^cka01 +Ready +control-plane /m);
  }, 60_000);

  it("keeps running with etcd's peer URL on the node address (etcd v3.5 serves gRPC there)", async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `sed -i 's#--etcd-servers=https://127.0.0.1:2379#--etcd-servers=https://192.168.6.171:2380#' ${MANIFEST}`);
    const r = await runScript(world, 'cka01', 'sleep 90; crictl ps -a --name kube-apiserver; kubectl get nodes; echo "rc=$?"');
    expect(r.stdout).toContain('rc=0');
    expect(r.stdout.split('\n').filter((l) => / Exited +kube-apiserver /.test(l)).length).toBeLessThanOrEqual(1);
  }, 60_000);

  it.each([
    ['https://1.2.3.4:2379', '1.2.3.4:2379: i/o timeout'],
    ['https://192.168.6.172:2379', '192.168.6.172:2379: connect: connection refused'],
  ])('crash-loops with --etcd-servers=%s (no machine there / a machine without etcd)', async (url, dialError) => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `sed -i 's#--etcd-servers=https://127.0.0.1:2379#--etcd-servers=${url}#' ${MANIFEST}`);
    const r = await runScript(world, 'cka01', 'sleep 90; kubectl get nodes; echo "rc=$?"; for id in $(crictl ps -a --name kube-apiserver -q 2>/dev/null); do crictl logs $id 2>&1; done');
    expect(r.stdout).toContain('rc=1');
    expect(r.stdout).toContain(`Err: connection error: desc = "transport: Error while dialing: dial tcp ${dialError}"`);
    expect(r.stdout).toContain('Error creating leases: error creating storage factory: context deadline exceeded');
  }, 60_000);
});

describe('apiServerWithoutEtcd', () => {
  const argv = ['kube-apiserver', '--advertise-address=192.168.6.171', '--etcd-servers=https://10.0.0.9:2379'];
  it('reports a dial that times out once per channel at the 20 s connect deadline, just before the fatal error', () => {
    const f = apiServerWithoutEtcd(argv, 'v1.33.4', Date.UTC(2026, 0, 15, 8, 0, 0), 'timeout');
    const dials = f.lines.filter((l) => l.line.includes('createTransport'));
    expect(dials.map((l) => l.offsetMs)).toEqual([20392, 20392, 20405]);
    expect(dials.every((l) => l.line.endsWith('dial tcp 10.0.0.9:2379: i/o timeout"'))).toBe(true);
    expect(f.lines[f.lines.length - 1].line).toMatch(/^F0115 08:00:20\.406\d{3} +1 instance\.go:226\] Error creating leases/);
    expect(f).toMatchObject({ exitAfterMs: 20407, exitCode: 255 });
  });

  it('retries a refused dial with back-off from the first 400 ms', () => {
    const f = apiServerWithoutEtcd(argv, 'v1.33.4', 0);
    const dials = f.lines.filter((l) => l.line.includes('createTransport'));
    expect(dials.length).toBe(18);
    expect(dials[0].offsetMs).toBe(392);
    expect(dials.every((l) => l.line.endsWith('dial tcp 10.0.0.9:2379: connect: connection refused"'))).toBe(true);
  });
});
