import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import { events, simpleCluster } from '../cluster/helpers';

const pod = (name: string, container: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name, ...container }], ...extra },
});

type CS = { state: Record<string, { reason?: string; message?: string; exitCode?: number }>; lastState: Record<string, { reason?: string; exitCode?: number }>; restartCount: number; ready: boolean; image: string; imageID: string; containerID?: string };
const statusOf = (admin: ReturnType<typeof simpleCluster>['admin'], name: string) => {
  const p = admin.get(gvr('pods'), 'default', name).body as KubeObject;
  const st = p.status as { phase: string; containerStatuses: CS[]; conditions: { type: string; status: string }[] };
  return { phase: st.phase, c: st.containerStatuses?.[0], conditions: st.conditions };
};
const logs = (admin: ReturnType<typeof simpleCluster>['admin'], name: string, query: Record<string, string> = {}) =>
  admin.request({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace: 'default', name, query });

describe('the kubelet running pods', () => {
  it('writes a new pod\'s status when a sync begins: ContainerCreating, then Running, nothing while the image is pulled', () => {
    const { cluster, admin } = simpleCluster();
    const writes: { phase: string; podIP?: string; sandboxReady?: string; state: string }[] = [];
    cluster.apiServer.trace.subscribe((e) => {
      if (e.type !== 'request' || e.request.resource !== 'pods' || e.request.subresource !== 'status' || e.code !== 200) return;
      const st = (admin.get(gvr('pods'), 'default', 'web').body as KubeObject).status as { phase: string; podIP?: string; conditions: { type: string; status: string }[]; containerStatuses?: { state: Record<string, unknown> }[] };
      writes.push({ phase: st.phase, podIP: st.podIP, sandboxReady: st.conditions.find((c) => c.type === 'PodReadyToStartContainers')?.status, state: Object.keys(st.containerStatuses?.[0]?.state ?? {})[0] });
    });
    admin.create(gvr('pods'), 'default', pod('web', { image: 'nginx:1.27' }));
    cluster.advance(1_000);
    // The image is still being pulled: the sandbox exists, but no sync has written it yet.
    expect(writes).toEqual([{ phase: 'Pending', podIP: undefined, sandboxReady: 'False', state: 'waiting' }]);
    cluster.advance(10_000);
    expect(writes).toHaveLength(2);
    expect(writes[1]).toMatchObject({ phase: 'Running', sandboxReady: 'True', state: 'running' });
    expect(writes[1].podIP).toMatch(/^10\.244\./);
  });

  it('reports ErrImagePull then ImagePullBackOff for an unknown tag, with the real messages', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', pod('bad', { image: 'nginx:nope' }));
    cluster.advance(3_000);
    const msg = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found';
    const s = statusOf(admin, 'bad');
    expect(s.phase).toBe('Pending');
    expect(s.c.state.waiting).toEqual({ reason: 'ImagePullBackOff', message: `Back-off pulling image "nginx:nope": ErrImagePull: ${msg}` });
    expect(s.c.image).toBe('nginx:nope');
    expect(s.c.imageID).toBe('');
    const ev = events(admin, 'default', 'bad').map((e) => `${e.type} ${e.reason}: ${e.message}`);
    expect(ev).toContain('Normal Pulling: Pulling image "nginx:nope"');
    expect(ev).toContain(`Warning Failed: Failed to pull image "nginx:nope": ${msg}`);
    expect(ev).toContain('Warning Failed: Error: ErrImagePull');
    expect(ev).toContain('Normal BackOff: Back-off pulling image "nginx:nope"');
    expect(ev).toContain('Warning Failed: Error: ImagePullBackOff');
    expect(logs(admin, 'bad').body).toMatchObject({ code: 400, message: 'container "bad" in pod "bad" is waiting to start: trying and failing to pull image' });
  });

  it('restarts a container that exits, with CrashLoopBackOff back-off 10 s then 20 s', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', pod('crash', { image: 'busybox', command: ['sh', '-c', 'echo boom; exit 1'] }));
    cluster.advance(5_000);
    let s = statusOf(admin, 'crash');
    expect(s.phase).toBe('Running');
    expect(s.c.restartCount).toBeGreaterThanOrEqual(1);
    cluster.advance(2_000);
    s = statusOf(admin, 'crash');
    expect(s.c.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(s.c.state.waiting?.message).toMatch(/^back-off 10s restarting failed container=crash pod=crash_default\(/);
    expect(s.c.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(logs(admin, 'crash', { previous: 'true' }).body).toBe('boom\n');
    cluster.advance(15_000);
    s = statusOf(admin, 'crash');
    expect(s.c.restartCount).toBe(2);
    expect(s.c.state.waiting?.message).toMatch(/^back-off 20s restarting/);
    expect(events(admin, 'default', 'crash').some((e) => e.reason === 'BackOff' && e.message.startsWith('Back-off restarting failed container crash in pod crash_default('))).toBe(true);
  });

  it('fails to start a command the image does not have', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', pod('nocmd', { image: 'nginx', command: ['nginxx'] }));
    cluster.advance(10_000);
    const s = statusOf(admin, 'nocmd');
    expect(s.c.lastState.terminated ?? s.c.state.terminated).toMatchObject({ exitCode: 128, reason: 'StartError' });
    expect(events(admin, 'default', 'nocmd').map((e) => e.message)).toContain(
      'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nginxx": executable file not found in $PATH: unknown',
    );
  });

  it('reports CreateContainerConfigError for a missing ConfigMap, and starts once it exists', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', pod('cfg', { image: 'nginx', envFrom: [{ configMapRef: { name: 'settings' } }] }));
    cluster.advance(5_000);
    expect(statusOf(admin, 'cfg').c.state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "settings" not found' });
    admin.create(gvr('configmaps'), 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { MODE: 'x' } });
    cluster.advance(12_000);
    expect(statusOf(admin, 'cfg').phase).toBe('Running');
  });

  it('runs a pod to completion with restartPolicy Never', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', pod('once', { image: 'busybox', command: ['sh', '-c', 'echo hi'] }, { restartPolicy: 'Never' }));
    cluster.advance(10_000);
    const s = statusOf(admin, 'once');
    expect(s.phase).toBe('Succeeded');
    expect(s.c.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(s.conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False' });
    expect(logs(admin, 'once').body).toBe('hi\n');
  });

  it('deletes gracefully: sleep ignores SIGTERM and is killed after 30 s, nginx stops at once', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', pod('sleeper', { image: 'busybox', command: ['sleep', '3600'] }));
    admin.create(gvr('pods'), 'default', pod('web', { image: 'nginx' }));
    cluster.advance(10_000);
    admin.delete(gvr('pods'), 'default', 'sleeper');
    admin.delete(gvr('pods'), 'default', 'web');
    cluster.advance(2_000);
    expect(admin.get(gvr('pods'), 'default', 'web').code).toBe(404);
    expect(admin.get(gvr('pods'), 'default', 'sleeper').code).toBe(200);
    cluster.advance(29_000);
    expect(admin.get(gvr('pods'), 'default', 'sleeper').code).toBe(404);
    expect(events(admin, 'default', 'web').map((e) => e.message)).toContain('Stopping container web');
  });

  it('waits for the CNI: pods stay ContainerCreating on a node without a network plugin', () => {
    const { cluster, admin, machines } = simpleCluster({ cni: false });
    admin.create(gvr('pods'), 'default', pod('p', { image: 'nginx' }, { nodeName: 'cka02', tolerations: [{ operator: 'Exists' }] }));
    cluster.advance(20_000);
    const s = statusOf(admin, 'p');
    expect(s.phase).toBe('Pending');
    expect(s.c.state.waiting).toEqual({ reason: 'ContainerCreating' });
    expect(events(admin, 'default', 'p').map((e) => e.reason)).toContain('NetworkNotReady');
    const node = admin.get(gvr('nodes'), undefined, 'cka02').body as { status: { conditions: { type: string; status: string; message: string }[] } };
    expect(node.status.conditions.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    });
    machines[1].rootFs.mkdir('/etc/cni/net.d', { recursive: true });
    machines[1].rootFs.writeFile('/etc/cni/net.d/10-flannel.conflist', '{}');
    cluster.advance(20_000);
    expect(statusOf(admin, 'p').phase).toBe('Running');
  });

  it('sees the CNI config go and come back, also renamed within its directory', () => {
    const { cluster, admin, machines } = simpleCluster();
    const ready = () =>
      ((admin.get(gvr('nodes'), undefined, 'cka02').body as KubeObject).status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === 'Ready')!.status;
    cluster.advance(20_000);
    expect(ready()).toBe('True');
    const fs = machines[1].rootFs;
    const [conf] = fs.readdir('/etc/cni/net.d');
    fs.rename(`/etc/cni/net.d/${conf}`, '/root/saved.conflist');
    cluster.advance(20_000);
    expect(ready()).toBe('False');
    // a rename inside the directory to a name the kubelet ignores counts as gone
    fs.rename('/root/saved.conflist', `/etc/cni/net.d/${conf}`);
    cluster.advance(20_000);
    expect(ready()).toBe('True');
    fs.rename(`/etc/cni/net.d/${conf}`, '/etc/cni/net.d/disabled.bak');
    cluster.advance(20_000);
    expect(ready()).toBe('False');
  });
});

describe('pod updates and node removal', () => {
  it('restarts a container whose image is changed on the live pod', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', pod('web', { image: 'nginx:1.27' }));
    cluster.advance(10_000);
    admin.patch(gvr('pods'), 'default', 'web', { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } });
    cluster.advance(10_000);
    const s = statusOf(admin, 'web');
    expect(s.c.restartCount).toBe(1);
    expect(s.c.image).toBe('docker.io/library/nginx:1.28');
    expect(s.c.state.running).toBeDefined();
    expect(events(admin, 'default', 'web').map((e) => e.message)).toContain('Container web definition changed, will be restarted');
  });

  it('deletes the pods bound to a node that was deleted', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', pod('pinned', { image: 'nginx' }, { nodeName: 'cka02' }));
    cluster.advance(10_000);
    cluster.kubelets.get('cka02')!.stop();
    admin.delete(gvr('nodes'), undefined, 'cka02');
    cluster.advance(45_000);
    expect(admin.get(gvr('pods'), 'default', 'pinned').code).toBe(404);
  });
});

describe('volumes', () => {
  it('a missing ConfigMap volume keeps the pod ContainerCreating with FailedMount, until it exists', () => {
    const { cluster, admin, machines } = simpleCluster();
    admin.create(gvr('pods'), 'default', pod('cfgvol', { image: 'nginx', volumeMounts: [{ name: 'config', mountPath: '/etc/app' }] }, { volumes: [{ name: 'config', configMap: { name: 'app-config' } }, { name: 'data', hostPath: { path: '/srv/data', type: 'DirectoryOrCreate' } }], nodeName: 'cka02' }));
    cluster.advance(10_000);
    const s = statusOf(admin, 'cfgvol');
    expect(s.phase).toBe('Pending');
    expect(s.c.state.waiting).toEqual({ reason: 'ContainerCreating' });
    expect(events(admin, 'default', 'cfgvol').map((e) => e.message)).toContain('MountVolume.SetUp failed for volume "config" : configmap "app-config" not found');
    admin.create(gvr('configmaps'), 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { a: 'b' } });
    cluster.advance(20_000);
    expect(statusOf(admin, 'cfgvol').phase).toBe('Running');
    expect(machines[1].rootFs.stat('/srv/data')?.type).toBe('dir');
  });

  it('retries a failed mount on its own back-off (500 ms doubling): eight FailedMount in the first two minutes, however often the pod is synced', () => {
    // A real node: "Warning  FailedMount  43s (x8 over 2m)  kubelet  MountVolume.SetUp failed for volume …"
    // (nestedpendingoperations: 500 ms, doubling, at most 2m2s); status updates that sync the pod again start no second chain.
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', pod('cfgwait', { image: 'nginx', volumeMounts: [{ name: 'config', mountPath: '/etc/app' }] }, { volumes: [{ name: 'config', configMap: { name: 'missing' } }], nodeName: 'cka02' }));
    const failedMount = () =>
      (admin.list(gvr('events'), 'default').body as unknown as { items: { reason: string; count: number; involvedObject: { name: string } }[] }).items.find((e) => e.reason === 'FailedMount' && e.involvedObject.name === 'cfgwait');
    cluster.advance(120_000);
    expect(failedMount()?.count).toBe(8);
    cluster.advance(10_000);
    expect(failedMount()?.count).toBe(9);
  });

  it('a claim that is not bound fails the sync itself: tried again every 10-15 s (the pod worker\'s error back-off), not on the mount back-off', () => {
    // A real node: "Warning  FailedMount  76s (x47 over 11m)  kubelet  Unable to attach or mount volumes: … PVC is not bound"
    // (pod_workers.go: workerResyncIntervalOnError 10 s, jitter factor 0.5).
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('persistentvolumeclaims'), 'default', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'pvc-1' }, spec: { storageClassName: '', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    admin.create(gvr('pods'), 'default', pod('claimwait', { image: 'nginx' }, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'pvc-1' } }], nodeName: 'cka02' }));
    cluster.advance(300_000);
    const e = (admin.list(gvr('events'), 'default').body as unknown as { items: { reason: string; count: number; firstTimestamp: string; lastTimestamp: string; involvedObject: { name: string } }[] }).items.find((x) => x.reason === 'FailedMount' && x.involvedObject.name === 'claimwait')!;
    expect(e.count).toBeGreaterThanOrEqual(20);
    const mean = (Date.parse(e.lastTimestamp) - Date.parse(e.firstTimestamp)) / 1000 / (e.count - 1);
    expect(mean).toBeGreaterThanOrEqual(10);
    expect(mean).toBeLessThanOrEqual(15);
  });
});
