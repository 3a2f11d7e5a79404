import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/sim/create-world';
import { clusterOf } from '../../../src/sim/cluster';
import { ApiClient, gvr } from '../../../src/sim/apiserver';
import { list } from './helpers';

describe('the upgrade scenario', () => {
  it('is a v1.32 cluster with workloads running, whose kubelets can be restarted at v1.33', () => {
    const world = createWorld('upgrade', { seed: 4 });
    const cluster = clusterOf(world)!;
    const admin = new ApiClient(cluster.apiServer);
    const nodes = list(admin, 'nodes');
    expect(nodes.map((n) => (n.status as { nodeInfo: { kubeletVersion: string } }).nodeInfo.kubeletVersion)).toEqual(['v1.32.8', 'v1.32.8', 'v1.32.8']);
    const cm = admin.get(gvr('configmaps'), 'kube-system', 'kubeadm-config').body as { data: { ClusterConfiguration: string } };
    expect(cm.data.ClusterConfiguration).toContain('kubernetesVersion: v1.32.8');
    const apiserver = admin.get(gvr('pods'), 'kube-system', 'kube-apiserver-cka01').body as { spec: { containers: { image: string }[] } };
    expect(apiserver.spec.containers[0].image).toBe('registry.k8s.io/kube-apiserver:v1.32.8');
    const web = list(admin, 'pods', 'default', 'app=web');
    expect(web).toHaveLength(3);
    expect(web.every((p) => (p.status as { phase: string }).phase === 'Running')).toBe(true);
    const before = web.map((p) => (p.status as { podIP: string }).podIP).sort();
    cluster.restartKubelet('cka02', 'v1.33.4');
    world.clock.advance(20_000);
    const n2 = admin.get(gvr('nodes'), undefined, 'cka02').body as { status: { nodeInfo: { kubeletVersion: string } } };
    expect(n2.status.nodeInfo.kubeletVersion).toBe('v1.33.4');
    expect(list(admin, 'pods', 'default', 'app=web').map((p) => (p.status as { podIP: string }).podIP).sort()).toEqual(before);
  });
});
