import { describe, expect, it } from 'vitest';
import { SimClock } from '../../../src/sim/clock';
import { SeededRandom } from '../../../src/sim/random';
import { World } from '../../../src/sim/world';
import { clusterScenario } from '../../../src/sim/scenarios/cluster';
import { clusterOf } from '../../../src/sim/cluster/attach';
import { ApiClient, type KubeObject } from '../../../src/sim/apiserver';
import { list } from './helpers';

function buildCluster(seed = 1) {
  const world = new World('cluster', new SimClock(), new SeededRandom(seed));
  clusterScenario.build(world, {});
  const cluster = clusterOf(world)!;
  return { world, cluster, admin: new ApiClient(cluster.apiServer) };
}

const summary = (p: KubeObject) => `${p.metadata!.namespace}/${p.metadata!.name} ${(p.status as { phase: string }).phase} ${(p.spec as { nodeName?: string }).nodeName ?? ''}`;

describe('the cluster scenario', () => {
  const { world, cluster, admin } = buildCluster();

  it('has three Ready nodes at v1.33.4, the control plane tainted', () => {
    const nodes = list(admin, 'nodes');
    expect(nodes.map((n) => n.metadata!.name)).toEqual(['cka01', 'cka02', 'cka03']);
    for (const n of nodes) {
      const st = n.status as { conditions: { type: string; status: string }[]; nodeInfo: { kubeletVersion: string; containerRuntimeVersion: string; osImage: string } };
      expect(st.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
      expect(st.nodeInfo.kubeletVersion).toBe('v1.33.4');
      expect(st.nodeInfo.containerRuntimeVersion).toMatch(/^containerd:\/\/1\.7\./);
      expect(st.nodeInfo.osImage).toBe('Ubuntu 22.04.5 LTS');
    }
    expect((nodes[0].spec as { taints: unknown[] }).taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(nodes[0].metadata!.labels!['node-role.kubernetes.io/control-plane']).toBe('');
    expect((nodes[1].spec as { podCIDR: string }).podCIDR).toBe('10.244.1.0/24');
  });

  it('runs the control plane as mirror pods, coredns, kube-proxy and flannel', () => {
    const pods = [...list(admin, 'pods', 'kube-system'), ...list(admin, 'pods', 'kube-flannel')];
    const running = pods.filter((p) => (p.status as { phase: string }).phase === 'Running');
    expect(running.map(summary)).toEqual(pods.map(summary));
    const names = pods.map((p) => p.metadata!.name!);
    for (const n of ['etcd-cka01', 'kube-apiserver-cka01', 'kube-controller-manager-cka01', 'kube-scheduler-cka01']) expect(names).toContain(n);
    expect(names.filter((n) => n.startsWith('coredns-'))).toHaveLength(2);
    expect(names.filter((n) => n.startsWith('kube-proxy-'))).toHaveLength(3);
    expect(names.filter((n) => n.startsWith('kube-flannel-ds-'))).toHaveLength(3);
    const coredns = pods.filter((p) => p.metadata!.name!.startsWith('coredns-'));
    for (const p of coredns) expect((p.status as { podIP: string }).podIP).toMatch(/^10\.244\./);
    const mirror = pods.find((p) => p.metadata!.name === 'kube-apiserver-cka01')!;
    expect(mirror.metadata!.annotations!['kubernetes.io/config.source']).toBe('file');
    expect((mirror.status as { podIP: string }).podIP).toBe('192.168.6.171');
  });

  it('gives root on cka01 a kubeconfig for https://192.168.6.171:6443', () => {
    const cka01 = world.machines.get('cka01')!;
    expect(cka01.rootFs.readFile('/root/.kube/config')).toContain('server: https://192.168.6.171:6443');
    expect(cka01.rootFs.readdir('/etc/kubernetes/manifests').sort()).toEqual(['etcd.yaml', 'kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml']);
    expect(cluster.connect('https://192.168.6.171:6443', 'cka02')).toBe(cluster.apiServer);
    expect(cluster.connect('https://192.168.6.171:6444', 'cka01')).toBeNull();
    expect(cluster.connect('https://127.0.0.1:6443', 'cka02')).toBeNull();
  });

  it('is deterministic for a seed', () => {
    const again = buildCluster();
    const a = list(admin, 'pods', 'kube-system').map(summary);
    const b = list(again.admin, 'pods', 'kube-system').map(summary);
    expect(b).toEqual(a);
  });
});

