import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import type { JournalEntry } from '../../../src/sim/systemd/journal';
import { crashLoopMessage, imagePullBackOffMessage, nextSyncAfterError, pullFailedLines, syncErrorLine } from '../../../src/sim/kubelet/journal';
import { simpleCluster } from '../cluster/helpers';

/** A pod as the kubelet sees it: only its name, namespace and UID reach the log lines. */
const podRef = (namespace: string, name: string, uid: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name, uid } });

// Lines written by real kubelets (journalctl -u kubelet), from public bug reports; the text after
// the klog header is what the kubelet's structured logger prints.
const REAL = {
  crashLoop:
    '"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"worker\\" with CrashLoopBackOff: \\"back-off 10s restarting failed container=worker pod=worker-59555c986f-wfp5b_ch48(72f6c363-fa4d-453f-a3d6-394b60bd6e29)\\"" pod="ch48/worker-59555c986f-wfp5b" podUID="72f6c363-fa4d-453f-a3d6-394b60bd6e29"',
  pullBackOff:
    '"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"redis\\" with ImagePullBackOff: \\"Back-off pulling image \\\\\\"redis:alpine\\\\\\": ErrImagePull: failed to pull and unpack image \\\\\\"docker.io/library/redis:alpine\\\\\\": failed to resolve image: failed to do request: Head \\\\\\"https://registry-1.docker.io/v2/library/redis/manifests/alpine\\\\\\": dial tcp 162.220.12.226:443: connect: connection refused\\"" pod="default/redis" podUID="c21adea0-dbfc-4936-bce2-8db56b48d4fb"',
  pullImage:
    '"PullImage from image service failed" err="rpc error: code = NotFound desc = failed to pull and unpack image \\"us-central1-docker.pkg.dev/k8s-staging-images/kueue/secretreader-plugin:0.0.1\\": failed to resolve reference \\"us-central1-docker.pkg.dev/k8s-staging-images/kueue/secretreader-plugin:0.0.1\\": us-central1-docker.pkg.dev/k8s-staging-images/kueue/secretreader-plugin:0.0.1: not found" image="us-central1-docker.pkg.dev/k8s-staging-images/kueue/secretreader-plugin:0.0.1"',
  failedToPull:
    '"Failed to pull image" err="rpc error: code = NotFound desc = failed to pull and unpack image \\"us-central1-docker.pkg.dev/k8s-staging-images/kueue/secretreader-plugin:0.0.1\\": failed to resolve reference \\"us-central1-docker.pkg.dev/k8s-staging-images/kueue/secretreader-plugin:0.0.1\\": us-central1-docker.pkg.dev/k8s-staging-images/kueue/secretreader-plugin:0.0.1: not found" image="us-central1-docker.pkg.dev/k8s-staging-images/kueue/secretreader-plugin:0.0.1"',
  errImagePull:
    '"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"secretreader-plugin-init\\" with ErrImagePull: \\"rpc error: code = NotFound desc = failed to pull and unpack image \\\\\\"us-central1-docker.pkg.dev/k8s-staging-images/kueue/secretreader-plugin:0.0.1\\\\\\": failed to resolve reference \\\\\\"us-central1-docker.pkg.dev/k8s-staging-images/kueue/secretreader-plugin:0.0.1\\\\\\": us-central1-docker.pkg.dev/k8s-staging-images/kueue/secretreader-plugin:0.0.1: not found\\"" pod="kueue-system/kueue-controller-manager-8494d6795b-8vqfm" podUID="c8c87ab9-e13d-4ae4-8578-8092cce568ab"',
};

describe('kubelet journal texts', () => {
  it('writes the pod worker line for a container in CrashLoopBackOff as a real kubelet does', () => {
    const pod = podRef('ch48', 'worker-59555c986f-wfp5b', '72f6c363-fa4d-453f-a3d6-394b60bd6e29');
    const line = syncErrorLine(pod, 'worker', 'CrashLoopBackOff', crashLoopMessage(pod, 'worker', 10_000));
    expect(line).toEqual({ level: 'E', source: 'pod_workers.go:1301', text: REAL.crashLoop });
  });

  it('prints back-off durations as Go does (10s … 1m20s … 5m0s)', () => {
    const pod = podRef('default', 'p', 'u');
    expect([10_000, 20_000, 40_000, 80_000, 160_000, 300_000].map((ms) => crashLoopMessage(pod, 'c', ms).split(' ')[1])).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s']);
  });

  it('writes the ImagePullBackOff line with the last pull error, a codes.Unknown status reduced to its message', () => {
    const pod = podRef('default', 'redis', 'c21adea0-dbfc-4936-bce2-8db56b48d4fb');
    const cri = 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/redis:alpine": failed to resolve image: failed to do request: Head "https://registry-1.docker.io/v2/library/redis/manifests/alpine": dial tcp 162.220.12.226:443: connect: connection refused';
    expect(syncErrorLine(pod, 'redis', 'ImagePullBackOff', imagePullBackOffMessage('redis:alpine', cri)).text).toBe(REAL.pullBackOff);
  });

  it('writes the three lines of a failed pull (CRI client, image puller, pod worker)', () => {
    const pod = podRef('kueue-system', 'kueue-controller-manager-8494d6795b-8vqfm', 'c8c87ab9-e13d-4ae4-8578-8092cce568ab');
    const image = 'us-central1-docker.pkg.dev/k8s-staging-images/kueue/secretreader-plugin:0.0.1';
    const cri = `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`;
    const lines = pullFailedLines(pod, 'secretreader-plugin-init', image, cri);
    expect(lines.map((l) => l.text)).toEqual([REAL.pullImage, REAL.failedToPull, REAL.errImagePull]);
    expect(lines.map((l) => l.source)).toEqual(['log.go:32', 'kuberuntime_image.go:43', 'pod_workers.go:1301']);
  });

  it('requeues a failed sync after 10 s plus a jitter of at most 50 %', () => {
    const delays = Array.from({ length: 200 }, (_, i) => nextSyncAfterError('2969e29c-86fc-4d49-bb6c-ec6c5ae7176c', i));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...delays)).toBeLessThan(15_000);
    expect(new Set(delays).size).toBeGreaterThan(50);
    expect(nextSyncAfterError('a', 1)).toBe(nextSyncAfterError('a', 1));
  });
});

/** The kubelet journal of a machine of a simple cluster, recorded from now on. */
function withJournal(machine: { ext: Record<string, unknown> }): JournalEntry[] {
  const journal: JournalEntry[] = [];
  machine.ext.systemd = { units: { 'kubelet.service': { pid: 1001, since: 0 } }, journal, loaded: {} };
  return journal;
}

const syncErrors = (journal: JournalEntry[], pod: string) => journal.filter((e) => e.msg.includes('"Error syncing pod, skipping"') && e.msg.includes(`pod="default/${pod}"`));

describe('the kubelet writes its journal while a pod cannot run', () => {
  it('logs CrashLoopBackOff at each sync during the back-off, the back-off doubling from 10 s', () => {
    const { cluster, admin, machines, clock } = simpleCluster();
    const journals = machines.map(withJournal);
    const t0 = clock.now();
    admin.create(gvr('pods'), 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crash' }, spec: { nodeName: 'cka02', containers: [{ name: 'crash', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] } });
    cluster.advance(180_000);
    const lines = syncErrors(journals[1], 'crash');
    expect(journals[0]).toEqual([]);
    expect(journals[2]).toEqual([]);
    const backoffs = lines.map((e) => /back-off (\S+) restarting/.exec(e.msg)?.[1]);
    // One line for the 10 s back-off, then at least two for 20 s and three for 40 s (one each 10–15 s).
    expect(backoffs[0]).toBe('10s');
    expect(backoffs.filter((b) => b === '20s').length).toBe(2);
    expect(backoffs.filter((b) => b === '40s').length).toBeGreaterThanOrEqual(3);
    expect(backoffs).toContain('1m20s');
    const uid = (admin.get(gvr('pods'), 'default', 'crash').body as KubeObject).metadata!.uid!;
    expect(lines[0].msg).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6}    1001 pod_workers\.go:1301\] /);
    expect(lines[0].msg).toContain(`pod="default/crash" podUID="${uid}"`);
    expect(lines.every((e) => e.unit === 'kubelet.service' && e.ident === 'kubelet' && e.pid === 1001 && e.t > t0)).toBe(true);
    // Lines of the same back-off are 10 to 15 s apart.
    for (let i = 1; i < lines.length; i++) {
      if (backoffs[i] !== backoffs[i - 1]) continue;
      const gap = lines[i].t - lines[i - 1].t;
      expect(gap).toBeGreaterThanOrEqual(10_000);
      expect(gap).toBeLessThan(15_000);
    }
  });

  it('stops logging once the container runs again and the pod is deleted', () => {
    const { cluster, admin, machines } = simpleCluster();
    const journal = withJournal(machines[1]);
    admin.create(gvr('pods'), 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crash' }, spec: { nodeName: 'cka02', terminationGracePeriodSeconds: 0, containers: [{ name: 'crash', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] } });
    cluster.advance(60_000);
    admin.delete(gvr('pods'), 'default', 'crash');
    cluster.advance(5_000);
    const count = syncErrors(journal, 'crash').length;
    expect(count).toBeGreaterThan(0);
    cluster.advance(300_000);
    expect(syncErrors(journal, 'crash').length).toBe(count);
  });

  it('logs a failed pull (ErrImagePull) and then ImagePullBackOff while the pull is in back-off', () => {
    const { cluster, admin, machines } = simpleCluster();
    const journal = withJournal(machines[1]);
    admin.create(gvr('pods'), 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad' }, spec: { nodeName: 'cka02', containers: [{ name: 'bad', image: 'nginx:nope' }] } });
    cluster.advance(60_000);
    const texts = journal.map((e) => e.msg.replace(/^.*?\] /, ''));
    const cri = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found';
    expect(texts[0]).toBe(`"PullImage from image service failed" err=${JSON.stringify(cri)} image="nginx:nope"`);
    expect(texts[1]).toBe(`"Failed to pull image" err=${JSON.stringify(cri)} image="nginx:nope"`);
    expect(texts[2]).toMatch(/^"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"bad\\" with ErrImagePull: /);
    expect(texts[3]).toMatch(/^"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"bad\\" with ImagePullBackOff: \\"Back-off pulling image \\\\\\"nginx:nope\\\\\\": ErrImagePull: rpc error: code = NotFound/);
    // Pull attempts after 10 s and 20 s of back-off: three ErrImagePull syncs within a minute.
    expect(texts.filter((t) => t.includes('with ErrImagePull:')).length).toBe(3);
    expect(texts.filter((t) => t.startsWith('"PullImage from image service failed"')).length).toBe(3);
    expect(texts.filter((t) => t.includes('with ImagePullBackOff:')).length).toBeGreaterThanOrEqual(3);
  });

  it('logs ErrImageNeverPull and CreateContainerConfigError syncs', () => {
    const { cluster, admin, machines } = simpleCluster();
    const journal = withJournal(machines[1]);
    admin.create(gvr('pods'), 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'never' }, spec: { nodeName: 'cka02', containers: [{ name: 'never', image: 'nginx:nope', imagePullPolicy: 'Never' }] } });
    admin.create(gvr('pods'), 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'cfg' },
      spec: { nodeName: 'cka02', containers: [{ name: 'cfg', image: 'nginx', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'missing', key: 'k' } } }] }] },
    });
    cluster.advance(30_000);
    expect(syncErrors(journal, 'never')[0].msg).toContain('with ErrImageNeverPull: \\"Container image \\\\\\"nginx:nope\\\\\\" is not present with pull policy of Never\\""');
    expect(syncErrors(journal, 'cfg')[0].msg).toContain('with CreateContainerConfigError: \\"configmap \\\\\\"missing\\\\\\" not found\\""');
  });
});
