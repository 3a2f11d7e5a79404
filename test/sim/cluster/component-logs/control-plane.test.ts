/**
 * What a learner reads in the control plane's logs on the kubeadm cluster: etcd's, kube-apiserver's,
 * kube-controller-manager's and kube-scheduler's start-up lines, derived from their static pods'
 * command lines and from what the cluster holds when they start. The goldens
 * (test/golden/component-logs/control-plane) are the simulation's output, checked line by line
 * against real etcd v3.5.21 sources and v1.33 logs (see the narrators' headers);
 * `WRITE_GOLDEN=1` rewrites them from the simulation after such a review.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../../src/runtime/session';
import type { World } from '../../../../src/sim/world';
import { etcdMemberId } from '../../../../src/sim/kubeadm/etcd-members';
import { goldenChecker } from './golden';

const expectGolden = goldenChecker(join(__dirname, '../../../golden/component-logs/control-plane'));

async function run(world: World, script: string, host = 'cka01'): Promise<string> {
  return (await runScript(world, host, script)).stdout;
}

/** `kubectl logs` of a static pod of cka01, checked against its golden file. */
async function logsMatchGolden(world: World, pod: string, file: string, flags = ''): Promise<string> {
  const command = `kubectl -n kube-system logs ${pod}${flags}`;
  const r = await runScript(world, 'cka01', command);
  expect(r.stderr).toBe('');
  expectGolden(file, command, r.stdout);
  return r.stdout;
}

/** The zap lines of etcd's log as objects. */
const zapLines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe("the control plane's logs on the booted cluster", () => {
  it("etcd: a new member of one (kubeadm init's), its listeners, its election, and the ID etcdctl lists", async () => {
    const world = bootWorld('cluster');
    const out = await logsMatchGolden(world, 'etcd-cka01', 'etcd.txt');
    const lines = zapLines(out);
    expect(lines[1]).toMatchObject({ caller: 'etcdmain/etcd.go:73', msg: 'Running: ' });
    expect(lines.find((l) => l.msg === 'starting an etcd server')).toMatchObject({ 'etcd-version': '3.5.21', 'member-initialized': false, name: 'cka01', 'initial-cluster': 'cka01=https://192.168.6.171:2380', 'snapshot-count': 10000 });
    expect(out).not.toContain('server has been already initialized');
    expect(out).toContain('"msg":"serving client traffic securely","traffic":"grpc+http","address":"127.0.0.1:2379"}\n');
    expect(out).toContain('"msg":"serving client traffic securely","traffic":"grpc+http","address":"192.168.6.171:2379"}\n');
    const leader = lines.find((l) => String(l.msg).startsWith('raft.node: '));
    expect(leader).toMatchObject({ logger: 'raft', caller: 'etcdserver/zap_raft.go:77' });
    // the member ID is the one `etcdctl member list` shows
    const id = etcdMemberId('cka01');
    expect(leader?.msg).toBe(`raft.node: ${id} elected leader ${id} at term 2`);
    // crictl on the node reads the same record
    expect(await run(world, 'crictl logs $(crictl ps --name etcd -q) 2>&1 | grep -v "^WARN"')).toBe(out);
  });

  it('kube-apiserver: its groups, its port, its controllers, what a new cluster needs and the ServiceCIDR it serves', async () => {
    const world = bootWorld('cluster');
    const out = await logsMatchGolden(world, 'kube-apiserver-cka01', 'kube-apiserver.txt');
    expect(out).toMatch(/^I0115 08:00:20\.\d{6} {7}1 options\.go:249\] external host was not specified, using 192\.168\.6\.171\n/);
    expect(out).toContain('secure_serving.go:211] Serving securely on [::]:6443\n');
    expect(out).toContain('cidrallocator.go:301] created ClusterIP allocator for Service CIDR 10.96.0.0/12\n');
    expect(out).toContain('alloc.go:328] "allocated clusterIPs" service="default/kubernetes" clusterIPs={"IPv4":"10.96.0.1"}\n');
    expect(out).toContain('lease.go:265] Resetting endpoints for master service "kubernetes" to [192.168.6.171]\n');
    expect(out).toContain('storage_scheduling.go:95] created PriorityClass system-node-critical with value 2000001000\n');
  });

  it('kube-controller-manager: refused until its API server answers, then the Lease and its controllers', async () => {
    const world = bootWorld('cluster');
    const out = await logsMatchGolden(world, 'kube-controller-manager-cka01', 'kube-controller-manager.txt');
    expect(out).toContain('secure_serving.go:211] Serving securely on 127.0.0.1:10257\n');
    expect(out).toContain('leaderelection.go:436] error retrieving resource lock kube-system/kube-controller-manager: Get "https://192.168.6.171:6443/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-controller-manager?timeout=5s": dial tcp 192.168.6.171:6443: connect: connection refused\n');
    expect(out).toContain('leaderelection.go:271] successfully acquired lease kube-system/kube-controller-manager\n');
    expect(out).toContain('controllermanager.go:778] "Started controller" controller="deployment-controller"\n');
    expect(out).toContain('"Starting controller" name="csr-controller::/etc/kubernetes/pki/ca.crt::/etc/kubernetes/pki/ca.key"\n');
  });

  it('kube-scheduler: without the authentication configuration while its API server is closed, then the Lease', async () => {
    const world = bootWorld('cluster');
    const out = await logsMatchGolden(world, 'kube-scheduler-cka01', 'kube-scheduler.txt');
    expect(out).toContain('server.go:171] "Starting Kubernetes Scheduler" version="v1.33.4"\n');
    expect(out).toContain('secure_serving.go:211] Serving securely on 127.0.0.1:10259\n');
    expect(out).toContain('authentication.go:398] Continuing without authentication configuration. This may treat all requests as anonymous.\n');
    expect(out).toMatch(/leaderelection\.go:257\] attempting to acquire leader lease kube-system\/kube-scheduler\.\.\.\n.*leaderelection\.go:271\] successfully acquired lease kube-system\/kube-scheduler\n$/);
  });
});

describe('a restarted component prints its own start-up lines', () => {
  it('kube-scheduler moved away and back: the API answers, it reads the authentication configuration', async () => {
    const world = bootWorld('cluster');
    await run(world, 'mv /etc/kubernetes/manifests/kube-scheduler.yaml /tmp/; sleep 30; mv /tmp/kube-scheduler.yaml /etc/kubernetes/manifests/; sleep 30');
    const out = await logsMatchGolden(world, 'kube-scheduler-cka01', 'kube-scheduler-restarted.txt');
    expect(out).not.toContain('authentication.go');
    expect(out).not.toContain('Failed to watch');
    expect(out).toContain('requestheader_controller.go:180] Starting RequestHeaderAuthRequestController\n');
    expect(out).toContain('successfully acquired lease kube-system/kube-scheduler\n');
  });

  it('etcd stopped by crictl: the restarted member replays its WAL and wins the next term; --previous shows the first', async () => {
    const world = bootWorld('cluster');
    await run(world, 'crictl stop $(crictl ps --name etcd -q) >/dev/null 2>&1; sleep 30');
    const out = await logsMatchGolden(world, 'etcd-cka01', 'etcd-restarted.txt');
    expect(out).toContain('"msg":"server has been already initialized","data-dir":"/var/lib/etcd","dir-type":"member"}\n');
    expect(out).toContain('"msg":"No snapshot found. Recovering WAL from scratch!"}\n');
    expect(out).toContain('"msg":"initial corruption checking passed; no corruption"');
    const lines = zapLines(out);
    expect(lines.find((l) => l.msg === 'starting an etcd server')).toMatchObject({ 'member-initialized': true, 'initial-cluster': '', 'initial-cluster-token': '' });
    // the store's revisions, as etcdctl reports them
    const restarted = lines.find((l) => l.msg === 'restarting local member');
    const revision = (lines.find((l) => l.msg === 'kvstore restored') as { 'current-rev': number })['current-rev'];
    expect(restarted?.['commit-index']).toBe(revision);
    expect(revision).toBeGreaterThan(1);
    expect(String(lines.find((l) => String(l.msg).startsWith('raft.node: '))?.msg)).toMatch(/ at term 3$/);
    const previous = await run(world, 'kubectl -n kube-system logs etcd-cka01 --previous');
    expect(previous).toContain('"msg":"starting local member"');
    expect(previous).not.toContain('server has been already initialized');
  });

  it("kube-apiserver stopped by crictl: nothing of a new cluster's, the stored CRDs' group versions", async () => {
    const world = bootWorld('cluster');
    const crd = [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata: {name: crontabs.stable.example.com}',
      'spec:',
      '  group: stable.example.com',
      '  scope: Namespaced',
      '  names: {plural: crontabs, singular: crontab, kind: CronTab}',
      '  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]',
    ].join('\n');
    await run(world, `cat <<EOF | kubectl apply -f - >/dev/null\n${crd}\nEOF\ncrictl stop $(crictl ps --name kube-apiserver -q) >/dev/null 2>&1; sleep 20`);
    const out = await run(world, 'kubectl -n kube-system logs kube-apiserver-cka01');
    expect(out).toContain('handler.go:288] Adding GroupVersion stable.example.com v1 to ResourceManager\n');
    expect(out).toContain('storage_scheduling.go:111] all system priority classes are created successfully or already exist.\n');
    expect(out).not.toContain('created PriorityClass');
    expect(out).not.toContain('allocated clusterIPs');
    expect(out).toContain('Resetting endpoints for master service "kubernetes" to [192.168.6.171]\n');
  });

  it('kube-controller-manager stopped by crictl: it waits for the Lease its previous instance held', async () => {
    const world = bootWorld('cluster');
    await run(world, 'crictl stop $(crictl ps --name kube-controller-manager -q) >/dev/null 2>&1; sleep 40');
    const out = await run(world, 'kubectl -n kube-system logs kube-controller-manager-cka01');
    expect(out).not.toContain('connection refused');
    const time = (pattern: string) => {
      const m = new RegExp(`^I\\d{4} (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{6}) .*${pattern}`, 'm').exec(out);
      expect(m, pattern).not.toBeNull();
      return Number(m![1]) * 3600 + Number(m![2]) * 60 + Number(m![3]) + Number(m![4]) / 1e6;
    };
    const waited = time('successfully acquired lease') - time('attempting to acquire leader lease');
    expect(waited).toBeGreaterThan(10);
    expect(waited).toBeLessThan(20);
  });

  it('shows only the lines whose time has come', async () => {
    const world = bootWorld('cluster');
    await run(world, 'crictl stop $(crictl ps --name etcd -q) >/dev/null 2>&1');
    await run(world, 'until crictl ps --name etcd | grep -q Running; do sleep 0.1; done');
    const early = await run(world, 'kubectl -n kube-system logs etcd-cka01');
    expect(early).toContain('"msg":"Running: "');
    expect(early).not.toContain('serving client traffic securely');
    await run(world, 'sleep 3');
    expect(await run(world, 'kubectl -n kube-system logs etcd-cka01')).toContain('serving client traffic securely');
  });
});

describe('a component that fails prints only its failure', () => {
  it('kube-scheduler with an unknown flag: the parser error, none of a normal start', async () => {
    const world = bootWorld('cluster');
    await run(world, `sed -i 's/- --leader-elect=true/- --leader-elect=true\\n    - --this-flag-does-not-exist/' /etc/kubernetes/manifests/kube-scheduler.yaml; sleep 30`);
    const out = await run(world, 'crictl logs $(crictl ps -a --name kube-scheduler -q | head -1) 2>&1');
    expect(out).toContain('unknown flag: --this-flag-does-not-exist');
    expect(out).not.toContain('Generated self-signed cert in-memory');
    expect(out).not.toContain('leaderelection.go');
  });

  it('etcd on an address the machine does not hold: the bind error, no election', async () => {
    const world = bootWorld('cluster');
    await run(world, `sed -i 's#--listen-peer-urls=https://192.168.6.171:2380#--listen-peer-urls=https://10.9.9.9:2380#' /etc/kubernetes/manifests/etcd.yaml; sleep 30`);
    const out = await run(world, 'crictl logs $(crictl ps -a --name etcd -q | head -1) 2>&1');
    expect(out).toContain('cannot assign requested address');
    expect(out).not.toContain('starting an etcd server');
    expect(out).not.toContain('raft.node');
  });

  it('kube-apiserver whose etcd does not answer: its dial errors, never its secure port', async () => {
    const world = bootWorld('cluster');
    await run(world, `sed -i 's#--etcd-servers=https://127.0.0.1:2379#--etcd-servers=https://127.0.0.1:2378#' /etc/kubernetes/manifests/kube-apiserver.yaml; sleep 15`);
    const out = await run(world, 'crictl logs $(crictl ps -a --name kube-apiserver -q | head -1) 2>&1');
    expect(out).toContain('connect: connection refused');
    expect(out).not.toContain('Serving securely');
    expect(out).not.toContain('Adding GroupVersion');
  });
});
