import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import { simpleCluster } from '../cluster/helpers';

describe('resource limits', () => {
  it('a container over its memory limit is OOMKilled', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'memory-demo' },
      spec: { containers: [{ name: 'memory-demo-ctr', image: 'polinux/stress', resources: { limits: { memory: '100Mi' }, requests: { memory: '50Mi' } }, command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'] }] },
    });
    cluster.advance(8_000);
    const cs = ((admin.get(gvr('pods'), 'default', 'memory-demo').body as KubeObject).status as { containerStatuses: { lastState: { terminated?: { reason: string; exitCode: number } } }[] }).containerStatuses[0];
    expect(cs.lastState.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
  });
});

describe('kubelet admission', () => {
  it('rejects a pod bound by nodeName that asks for more CPU than the node has', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'greedy' }, spec: { nodeName: 'cka02', containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '4' } } }] } });
    cluster.advance(2_000);
    const p = admin.get(gvr('pods'), 'default', 'greedy').body as { status: { phase: string; reason: string; message: string } };
    expect(p.status).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu', message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 4000, used: 0, capacity: 2000" });
  });

  it('rejects a pod bound by nodeName to a node that already runs its 110 pods', () => {
    const { cluster, admin } = simpleCluster();
    const onNode = () => cluster.kubelets.get('cka03')!.podWorkers.filter((w) => !w.done && !w.terminating).length;
    const bound = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: 'cka03', containers: [{ name: 'c', image: 'nginx' }] } });
    for (let i = onNode(); i < 110; i++) admin.create(gvr('pods'), 'default', bound(`filler-${i}`));
    cluster.advance(2_000);
    expect(onNode()).toBe(110);
    admin.create(gvr('pods'), 'default', bound('one-too-many'));
    cluster.advance(2_000);
    const p = admin.get(gvr('pods'), 'default', 'one-too-many').body as { status: { phase: string; reason: string; message: string } };
    expect(p.status).toMatchObject({ phase: 'Failed', reason: 'OutOfpods', message: "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 110, capacity: 110" });
  });

  it('takes maxPods from its config file when it starts, --max-pods over it: the Node shows it and the kubelet keeps to it', () => {
    const { cluster, admin, machines } = simpleCluster();
    const node = () => (admin.get(gvr('nodes'), undefined, 'cka03').body as { status: { capacity: { pods: string }; allocatable: { pods: string } } }).status;
    expect(node().capacity.pods).toBe('110');
    const fs = machines[2].rootFs;
    fs.mkdir('/var/lib/kubelet', { recursive: true });
    fs.writeFile('/var/lib/kubelet/config.yaml', 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmaxPods: 4\n');
    cluster.advance(20_000);
    expect(node().capacity.pods).toBe('110'); // read at start only
    const kubelet = cluster.kubelets.get('cka03')!;
    kubelet.stop();
    kubelet.start();
    cluster.advance(20_000);
    expect(node()).toMatchObject({ capacity: { pods: '4' }, allocatable: { pods: '4' } });
    const running = kubelet.podWorkers.filter((w) => !w.done && !w.terminating).length;
    for (let i = running; i <= 4; i++) admin.create(gvr('pods'), 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}` }, spec: { nodeName: 'cka03', containers: [{ name: 'c', image: 'nginx' }] } });
    cluster.advance(5_000);
    const last = admin.get(gvr('pods'), 'default', 'p4').body as { status: { reason: string; message: string } };
    expect(last.status).toMatchObject({ reason: 'OutOfpods', message: "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 4, capacity: 4" });
    fs.writeFile('/etc/default/kubelet', 'KUBELET_EXTRA_ARGS=--max-pods=6\n');
    kubelet.stop();
    kubelet.start();
    cluster.advance(20_000);
    expect(node().capacity.pods).toBe('6');
  });
});

describe('the runtime view (crictl)', () => {
  it('lists sandboxes and containers and returns a container log by id', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'talker' }, spec: { nodeName: 'cka03', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hello crictl; sleep 3600'] }] } });
    cluster.advance(10_000);
    const rt = cluster.runtimes.get('cka03')!;
    const sandbox = [...rt.sandboxes.values()].find((s) => s.podName === 'talker')!;
    expect(sandbox).toMatchObject({ namespace: 'default', state: 'SANDBOX_READY' });
    const c = [...rt.containers.values()].find((x) => x.podName === 'talker')!;
    expect(c).toMatchObject({ name: 'c', state: 'CONTAINER_RUNNING', imageRef: 'docker.io/library/busybox:latest', attempt: 0 });
    expect(cluster.kubelets.get('cka03')!.containerLogs(c.id)?.map((l) => l.line)).toEqual(['hello crictl']);
    expect(rt.hasImage('registry.k8s.io/pause:3.10')).toBeDefined();
  });
});
