/**
 * The kubelet's journal while it cannot reach the API server, against what v1.33 kubelets write
 * (texts from public journals; timings from kubelet_node_status.go, the lease controller of
 * component-helpers v0.33 and client-go v0.33's reflector, see src/sim/kubelet/unreachable-journal.ts).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';
import type { JournalEntry } from '../../../src/sim/systemd/journal';
import { SimClock } from '../../../src/sim/clock';
import { UnreachableJournal, classifyFailure, etcHostsAddress, serverEndpoint, transportError, type FailureNow } from '../../../src/sim/kubelet/unreachable-journal';
import type { KubeletLogLine } from '../../../src/sim/kubelet/journal';

const CP = 'https://192.168.6.171:6443';
const REFUSED = 'dial tcp 192.168.6.171:6443: connect: connection refused';

// Lines of real kubelets (journalctl -u kubelet), the node name changed to cka02 and the server to ours.
const REAL = {
  statusFirst: `"Error updating node status, will retry" err="error getting node \\"cka02\\": Get \\"${CP}/api/v1/nodes/cka02?resourceVersion=0&timeout=10s\\": ${REFUSED}"`,
  statusRetry: `"Error updating node status, will retry" err="error getting node \\"cka02\\": Get \\"${CP}/api/v1/nodes/cka02?timeout=10s\\": ${REFUSED}"`,
  statusGiveUp: '"Unable to update node status" err="update node status exceeds retry count"',
  leaseUpdate: `"Failed to update lease" err="Put \\"${CP}/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/cka02?timeout=10s\\": ${REFUSED}"`,
  leaseEnsure7s: `"Failed to ensure lease exists, will retry" err="Get \\"${CP}/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/cka02?timeout=10s\\": ${REFUSED}" interval="7s"`,
  x509: 'tls: failed to verify certificate: x509: certificate signed by unknown authority (possibly because of \\"crypto/rsa: verification error\\" while trying to verify candidate authority certificate \\"kubernetes\\")',
};

interface Line {
  at: number;
  level: string;
  source: string;
  text: string;
}

/** The kubelet lines of a machine's journal since `since`, split into klog's parts. */
function kubeletLines(world: World, host: string, since: number): Line[] {
  const journal = (world.machines.get(host)!.ext.systemd as { journal: JournalEntry[] }).journal;
  const out: Line[] = [];
  for (const e of journal) {
    if (e.unit !== 'kubelet.service' || e.t < since) continue;
    const m = /^([IWE])\d{4} [\d:.]+ +\d+ ([^\]]+)\] (.*)$/.exec(e.msg);
    if (m) out.push({ at: e.t - since, level: m[1], source: m[2], text: m[3] });
  }
  return out;
}

const bySource = (lines: Line[], source: string) => lines.filter((l) => l.source === source);

describe('kube-apiserver manifest moved away: connection refused', () => {
  it('logs five node status tries and the summary every 10 s, the lease updates then the ensure back-off, no reflector line', async () => {
    const world = bootWorld('cluster', 1);
    const t0 = world.clock.now();
    await runScript(world, 'cka01', 'mv /etc/kubernetes/manifests/kube-apiserver.yaml /root/\nsleep 60');
    const lines = kubeletLines(world, 'cka02', t0);

    const status = lines.filter((l) => l.source.startsWith('kubelet_node_status.go'));
    expect(status.length % 6).toBe(0);
    const syncs = status.length / 6;
    expect(syncs).toBeGreaterThanOrEqual(5);
    for (let s = 0; s < syncs; s++) {
      const group = status.slice(s * 6, s * 6 + 6);
      expect(group.map((l) => `${l.level} ${l.source} ${l.text}`)).toEqual([
        `E kubelet_node_status.go:548 ${REAL.statusFirst}`,
        ...Array(4).fill(`E kubelet_node_status.go:548 ${REAL.statusRetry}`),
        `E kubelet_node_status.go:535 ${REAL.statusGiveUp}`,
      ]);
      expect(new Set(group.map((l) => l.at)).size).toBe(1);
      if (s > 0) expect(group[0].at - status[(s - 1) * 6].at).toBe(10_000);
    }

    const updates = bySource(lines, 'controller.go:195');
    expect(updates.map((l) => l.text)).toEqual(Array(5).fill(REAL.leaseUpdate));
    const fallback = bySource(lines, 'controller.go:115');
    expect(fallback.map((l) => `${l.level} ${l.text}`)).toEqual(['I "failed to update lease using latest lease, fallback to ensure lease" err="failed 5 attempts to update lease"']);
    const ensure = bySource(lines, 'controller.go:145');
    const intervals = ensure.map((l) => /interval="([^"]+)"/.exec(l.text)![1]);
    expect(intervals.slice(0, 8)).toEqual(['200ms', '400ms', '800ms', '1.6s', '3.2s', '6.4s', '7s', '7s']);
    const ms = (d: string) => (d.endsWith('ms') ? Number(d.slice(0, -2)) : Number(d.slice(0, -1)) * 1000);
    for (let i = 1; i < ensure.length; i++) expect(ensure[i].at - ensure[i - 1].at).toBe(ms(intervals[i - 1]));
    expect(ensure[0].at).toBe(fallback[0].at);
    expect(ensure.at(-1)!.text).toBe(REAL.leaseEnsure7s);

    expect(bySource(lines, 'reflector.go:200')).toEqual([]);
    expect(bySource(lines, 'eviction_manager.go:292')).toEqual([]);
  }, 120_000);

  it('stops when the manifest is back, and the node is Ready again', async () => {
    const world = bootWorld('cluster', 1);
    await runScript(world, 'cka01', 'mv /etc/kubernetes/manifests/kube-apiserver.yaml /root/\nsleep 30\nmv /root/kube-apiserver.yaml /etc/kubernetes/manifests/\nsleep 30');
    const quiet = world.clock.now();
    const r = await runScript(world, 'cka01', 'sleep 60\nkubectl get node cka02 --no-headers | awk \'{print $2}\'');
    expect(r.stdout).toBe('Ready\n');
    const after = kubeletLines(world, 'cka02', quiet).filter((l) => /node status|lease|register|Failed to watch/.test(l.text));
    expect(after).toEqual([]);
  }, 120_000);
});

describe('a wrong port in kubelet.conf, the kubelet restarted', () => {
  it('keeps the kubelet out: registration, lease and reflector LIST failures on that port, the node NotReady, until fixed', async () => {
    const world = bootWorld('cluster', 1);
    const t0 = world.clock.now();
    await runScript(world, 'cka02', 'sed -i "s/6443/6444/" /etc/kubernetes/kubelet.conf\nsystemctl restart kubelet\nsleep 60');
    const lines = kubeletLines(world, 'cka02', t0);
    const refused6444 = 'dial tcp 192.168.6.171:6444: connect: connection refused';

    const attempts = bySource(lines, 'kubelet_node_status.go:75');
    const unable = bySource(lines, 'kubelet_node_status.go:107');
    expect(attempts[0].text).toBe('"Attempting to register node" node="cka02"');
    expect(unable[0].text).toBe(`"Unable to register node with API server" err="Post \\"https://192.168.6.171:6444/api/v1/nodes\\": ${refused6444}" node="cka02"`);
    // registerWithAPIServer sleeps 100 ms, 200 ms, … 6.4 s, then 7 s between tries.
    const gaps = attempts.slice(1, 9).map((a, i) => a.at - attempts[i].at);
    expect(gaps).toEqual([200, 400, 800, 1600, 3200, 6400, 7000, 7000]);
    expect(unable.length).toBe(attempts.length);
    expect(lines.some((l) => l.source === 'kubelet_node_status.go:548')).toBe(false);

    const reflector = bySource(lines, 'reflector.go:200');
    const urls = new Set(reflector.map((l) => /Get \\"([^\\]+)\\"/.exec(l.text)![1]));
    expect([...urls].sort()).toEqual([
      'https://192.168.6.171:6444/api/v1/nodes?fieldSelector=metadata.name%3Dcka02&limit=500&resourceVersion=0',
      'https://192.168.6.171:6444/api/v1/services?fieldSelector=spec.clusterIP%21%3DNone&limit=500&resourceVersion=0',
      'https://192.168.6.171:6444/apis/node.k8s.io/v1/runtimeclasses?limit=500&resourceVersion=0',
      'https://192.168.6.171:6444/apis/storage.k8s.io/v1/csidrivers?limit=500&resourceVersion=0',
    ]);
    expect(reflector[0].text).toBe(
      `"Failed to watch" err="failed to list *v1.Service: Get \\"https://192.168.6.171:6444/api/v1/services?fieldSelector=spec.clusterIP%21%3DNone&limit=500&resourceVersion=0\\": ${refused6444}" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.Service"`,
    );
    // Each reflector waits 0.8 s, 1.6 s, … (jitter up to as much again) between LISTs.
    const nodeLists = reflector.filter((l) => l.text.includes('type="*v1.Node"'));
    nodeLists.slice(1, 5).forEach((l, i) => {
      const base = 800 * 2 ** i;
      expect(l.at - nodeLists[i].at).toBeGreaterThanOrEqual(base);
      expect(l.at - nodeLists[i].at).toBeLessThan(2 * base);
    });
    const ensure = bySource(lines, 'controller.go:145');
    expect(ensure[0].at).toBe(attempts[0].at - 100);
    const eviction = bySource(lines, 'eviction_manager.go:292');
    expect(eviction[0].text).toBe('"Eviction manager: failed to get summary stats" err="failed to get node info: node \\"cka02\\" not found"');
    expect(eviction.slice(1).map((l, i) => l.at - eviction[i].at)).toEqual(Array(eviction.length - 1).fill(10_000));
    expect(eviction.length).toBeGreaterThanOrEqual(5);
    expect(bySource(lines, 'controller.go:195')).toEqual([]);

    const notReady = await runScript(world, 'cka01', 'kubectl get node cka02 --no-headers | awk \'{print $2}\'');
    expect(notReady.stdout).toBe('NotReady\n');

    await runScript(world, 'cka02', 'sed -i "s/6444/6443/" /etc/kubernetes/kubelet.conf\nsystemctl restart kubelet\nsleep 20');
    const fixed = world.clock.now();
    const ready = await runScript(world, 'cka01', 'sleep 30\nkubectl get node cka02 --no-headers | awk \'{print $2}\'');
    expect(ready.stdout).toBe('Ready\n');
    expect(kubeletLines(world, 'cka02', fixed).filter((l) => /register|lease|Failed to watch|node status/.test(l.text))).toEqual([]);
  }, 120_000);
});

describe('an address that does not answer in kubelet.conf', () => {
  it('fails each request with i/o timeout when the client gives up: 10 s for the lease, 30 s for registration and LISTs', async () => {
    const world = bootWorld('cluster', 1);
    const t0 = world.clock.now();
    await runScript(world, 'cka02', 'sed -i "s/192.168.6.171/192.168.6.199/" /etc/kubernetes/kubelet.conf\nsystemctl restart kubelet\nsleep 70');
    const lines = kubeletLines(world, 'cka02', t0);
    const timeout = 'dial tcp 192.168.6.199:6443: i/o timeout';
    const attempts = bySource(lines, 'kubelet_node_status.go:75');
    const unable = bySource(lines, 'kubelet_node_status.go:107');
    expect(unable[0].text).toBe(`"Unable to register node with API server" err="Post \\"https://192.168.6.199:6443/api/v1/nodes\\": ${timeout}" node="cka02"`);
    expect(unable[0].at - attempts[0].at).toBe(30_000);
    const ensure = bySource(lines, 'controller.go:145');
    expect(ensure[0].text).toBe(`"Failed to ensure lease exists, will retry" err="Get \\"https://192.168.6.199:6443/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/cka02?timeout=10s\\": ${timeout}" interval="200ms"`);
    // Each GET takes the heartbeat client's 10 s, then the back-off sleep.
    expect(ensure.slice(1, 4).map((l, i) => l.at - ensure[i].at)).toEqual([10_200, 10_400, 10_800]);
    const lists = bySource(lines, 'reflector.go:200');
    expect(lists.length).toBeGreaterThanOrEqual(4);
    expect(lists[0].at - (attempts[0].at - 100)).toBe(30_000);
    expect(lists.every((l) => l.text.includes(timeout))).toBe(true);
  }, 120_000);
});

describe('the control plane reset and initialised again: a node that still trusts the old CA', () => {
  it('fails TLS verification until it is reset and joined again', async () => {
    const world = bootWorld('cluster', 1);
    const before = world.clock.now();
    const init = await runScript(world, 'cka01', 'kubeadm reset -f >/dev/null 2>&1\nkubeadm init --pod-network-cidr=10.244.0.0/16 >/dev/null 2>&1; echo init=$?\ncp /etc/kubernetes/admin.conf $HOME/.kube/config');
    expect(init.stdout).toBe('init=0\n');
    const t0 = world.clock.now();
    await runScript(world, 'cka01', 'sleep 30');
    const lines = kubeletLines(world, 'cka02', t0);
    const status = bySource(lines, 'kubelet_node_status.go:548');
    expect(status.length).toBeGreaterThanOrEqual(10);
    expect(status[0].text).toBe(`"Error updating node status, will retry" err="error getting node \\"cka02\\": Get \\"${CP}/api/v1/nodes/cka02?resourceVersion=0&timeout=10s\\": ${REAL.x509}"`);
    expect(bySource(lines, 'controller.go:145').every((l) => l.text.includes(REAL.x509))).toBe(true);

    // Refused watches were retried quietly during the reset; the x509 one ends each reflector's
    // ListAndWatch (the watch URL), then it lists again from its last resource version.
    await runScript(world, 'cka01', 'sleep 90');
    const reflector = bySource(kubeletLines(world, 'cka02', before), 'reflector.go:200');
    const types = ['*v1.Service', '*v1.Node', '*v1.CSIDriver', '*v1.RuntimeClass', '*v1.Pod'];
    for (const type of types) {
      const mine = reflector.filter((l) => l.text.endsWith(`type="${type}"`));
      expect(mine.length).toBeGreaterThanOrEqual(3);
      expect(mine.every((l) => l.text.includes(REAL.x509))).toBe(true);
      expect(mine[0].text).toMatch(/^"Failed to watch" err="Get \\"https:\/\/192\.168\.6\.171:6443\/[^"]*\?allowWatchBookmarks=true&[^"]*resourceVersion=(\d+)&[^"]*timeoutSeconds=([3-5]\d\d)&watch=true\\": tls/);
      const rv = /resourceVersion=(\d+)/.exec(mine[0].text)![1];
      for (const l of mine.slice(1)) expect(l.text).toContain(`"Failed to watch" err="failed to list ${type}: Get `);
      for (const l of mine.slice(1)) expect(l.text).toContain(`resourceVersion=${rv}\\": tls`);
    }
    const podWatch = reflector.find((l) => l.text.endsWith('type="*v1.Pod"'))!;
    expect(podWatch.text).toContain('reflector="pkg/kubelet/config/apiserver.go:66"');
    expect(podWatch.text).not.toContain('&timeout=');
    const serviceWatch = reflector.find((l) => l.text.endsWith('type="*v1.Service"'))!;
    const seconds = Number(/timeoutSeconds=(\d+)/.exec(serviceWatch.text)![1]);
    expect(serviceWatch.text).toContain(`&timeout=${Math.floor(seconds / 60)}m${seconds % 60}s&timeoutSeconds=${seconds}&watch=true`);
    expect(reflector.some((l) => l.text.includes('connection refused'))).toBe(false);

    const r = await runScript(world, 'cka01', 'J=$(kubeadm token create --print-join-command)\nssh cka02 "kubeadm reset -f >/dev/null 2>&1; $J >/dev/null 2>&1; echo join=\\$?"\nsleep 20');
    expect(r.stdout).toBe('join=0\n');
    const joined = world.clock.now();
    await runScript(world, 'cka01', 'sleep 30');
    expect(kubeletLines(world, 'cka02', joined).filter((l) => /x509|connection refused/.test(l.text))).toEqual([]);
  }, 300_000);
});

describe('UnreachableJournal on its own', () => {
  function journalOf(failure: FailureNow, state: { registered: boolean; hadLease: boolean; listed: boolean }) {
    const clock = new SimClock({ startMs: 0 });
    const out: { at: number; line: KubeletLogLine }[] = [];
    const j = new UnreachableJournal({ clock, nodeName: 'n1', server: CP, failure: () => failure, journal: (ls) => ls.forEach((line) => out.push({ at: clock.now(), line })) });
    j.begin({ ...state, loopsOrigin: -3_000 });
    return { clock, out, j };
  }

  it('aligns the first node status sync with the kubelet loops and costs nothing once ended', () => {
    const { clock, out, j } = journalOf({ kind: 'refused', address: '192.168.6.171:6443' }, { registered: true, hadLease: true, listed: true });
    clock.advance(6_999);
    expect(out).toEqual([]);
    clock.advance(1);
    expect(out.filter((o) => o.line.source === 'kubelet_node_status.go:548').map((o) => o.at)).toEqual([7_000, 7_000, 7_000, 7_000, 7_000]);
    j.end();
    const n = out.length;
    expect(j.active).toBe(false);
    clock.advance(600_000);
    expect(out.length).toBe(n);
  });

  it('spaces node status tries by the heartbeat client timeout when the address does not answer', () => {
    const { clock, out } = journalOf({ kind: 'timeout', address: '10.0.0.9:6443' }, { registered: true, hadLease: true, listed: true });
    clock.advance(120_000);
    const status = out.filter((o) => o.line.source.startsWith('kubelet_node_status.go'));
    expect(status.slice(0, 7).map((o) => o.at)).toEqual([17_000, 27_000, 37_000, 47_000, 57_000, 57_000, 77_000]);
    expect(status[0].line.text).toContain('dial tcp 10.0.0.9:6443: i/o timeout');
  });
});

describe('failure texts', () => {
  it('says what Go says for each way a dial fails', () => {
    expect(transportError({ kind: 'refused', address: '192.168.6.171:6443' })).toBe('dial tcp 192.168.6.171:6443: connect: connection refused');
    expect(transportError({ kind: 'timeout', address: '192.168.6.199:6443' })).toBe('dial tcp 192.168.6.199:6443: i/o timeout');
    expect(JSON.stringify(transportError({ kind: 'x509', address: '' })).slice(1, -1)).toBe(REAL.x509);
  });

  it('classifies: no answer → timeout; API down or nothing on the port → refused; serving but untrusted → x509', () => {
    const dial = (r: 'open' | 'refused' | 'timeout') => () => r;
    const resolve = (h: string) => (h === 'cka01' ? '192.168.6.171' : undefined);
    expect(classifyFailure('https://192.168.6.199:6443', dial('timeout'), resolve, true)).toEqual({ kind: 'timeout', address: '192.168.6.199:6443' });
    expect(classifyFailure('https://cka01:6443', dial('open'), resolve, false)).toEqual({ kind: 'refused', address: '192.168.6.171:6443' });
    expect(classifyFailure('https://cka01:6444', dial('refused'), resolve, true)).toEqual({ kind: 'refused', address: '192.168.6.171:6444' });
    expect(classifyFailure(CP, dial('open'), resolve, true)).toEqual({ kind: 'x509', address: '192.168.6.171:6443' });
    expect(serverEndpoint('https://[fd00::1]')).toEqual({ host: 'fd00::1', port: 443 });
  });

  it('dials the address /etc/hosts gives a control plane endpoint name', () => {
    const fs = { readFile: () => '127.0.0.1 localhost\n# lab\n192.168.6.171  k8s-api.cka.lab  k8s-api\n' } as unknown as Parameters<typeof etcHostsAddress>[0];
    expect(etcHostsAddress(fs, 'K8S-API.cka.lab')).toBe('192.168.6.171');
    expect(etcHostsAddress(fs, 'other')).toBeUndefined();
  });
});

describe('events written while the API server is down (client-go event.go)', () => {
  it('logs each failed write with the Event as klog prints it, retries every 10 s and gives up after 12 tries', async () => {
    const world = bootWorld('cluster', 1);
    const since = world.clock.now();
    // A kube-apiserver that cannot reach etcd exits again and again: its events cannot be written.
    await runScript(world, 'cka01', "sed -i 's#--etcd-servers=https://127.0.0.1:2379#--etcd-servers=https://127.0.0.1:2399#' /etc/kubernetes/manifests/kube-apiserver.yaml\nsleep 240");
    const lines = bySource(kubeletLines(world, 'cka01', since), 'event.go:368');
    expect(lines.length).toBeGreaterThan(12);
    const post = lines.find((l) => l.text.includes('err="Post '))!;
    expect(post.text).toMatch(
      new RegExp(
        '^"Unable to write event \\(may retry after sleeping\\)" err="Post \\\\"' + CP.replace(/\./g, '\\.') + '/api/v1/namespaces/kube-system/events\\\\": dial tcp 192\\.168\\.6\\.171:6443: connect: connection refused" ' +
          'event="&Event\\{ObjectMeta:\\{kube-apiserver-cka01\\.[0-9a-f]+  kube-system    0 0001-01-01 00:00:00 \\+0000 UTC <nil> <nil> map\\[\\] map\\[\\] \\[\\] \\[\\] \\[\\]\\},' +
          'InvolvedObject:ObjectReference\\{Kind:Pod,Namespace:kube-system,Name:kube-apiserver-cka01,UID:[0-9a-f]{32},APIVersion:v1,ResourceVersion:,FieldPath:spec\\.containers\\{kube-apiserver\\},\\},' +
          'Reason:\\w+,Message:[^,]*,Source:EventSource\\{Component:kubelet,Host:cka01,\\},FirstTimestamp:2026-01-15 [\\d:]+ \\+0000 UTC m=\\+\\d+\\.\\d{9},LastTimestamp:[^,]+,Count:\\d+,Type:(Normal|Warning),' +
          'EventTime:0001-01-01 00:00:00 \\+0000 UTC,Series:nil,Action:,Related:nil,ReportingController:kubelet,ReportingInstance:cka01,\\}"$',
      ),
    );
    // one event at a time (the broadcaster's one goroutine): 12 failures 10 s apart after a first
    // random sleep, then the give-up line, and only then the next event
    const limit = bySource(kubeletLines(world, 'cka01', since), 'event.go:307');
    expect(limit.length).toBeGreaterThan(0);
    expect(limit[0].text).toMatch(/^"Unable to write event \(retry limit exceeded!\)" event="&Event\{ObjectMeta:\{kube-apiserver-cka01\./);
    const name = /ObjectMeta:\{(\S+) /.exec(limit[0].text)![1];
    const tries = lines.filter((l) => l.text.includes(`ObjectMeta:{${name} `) && l.at <= limit[0].at);
    expect(tries.length).toBe(12);
    const gaps = tries.slice(2).map((l, i) => l.at - tries[i + 1].at);
    expect(gaps.every((g) => g === 10_000)).toBe(true);
    const next = lines.filter((l) => l.at >= limit[0].at && !l.text.includes(`ObjectMeta:{${name} `));
    expect(lines.filter((l) => l.at < limit[0].at && !l.text.includes(`ObjectMeta:{${name} `))).toEqual([]);
    expect(next.length).toBeGreaterThan(0);
  }, 120_000);

  it('stops once the API answers again', async () => {
    const world = bootWorld('cluster', 1);
    await runScript(world, 'cka01', 'mv /etc/kubernetes/manifests/kube-apiserver.yaml /root/\nsleep 5\nkubectl run web --image=nginx >/dev/null 2>&1\nsleep 30\nmv /root/kube-apiserver.yaml /etc/kubernetes/manifests/\nsleep 40');
    const quiet = world.clock.now();
    await runScript(world, 'cka01', 'sleep 120');
    expect(bySource(kubeletLines(world, 'cka01', quiet), 'event.go:368')).toEqual([]);
  }, 120_000);
});
