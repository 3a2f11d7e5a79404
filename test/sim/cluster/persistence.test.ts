import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/sim/create-world';
import { World } from '../../../src/sim/world';
import { clusterOf } from '../../../src/sim/cluster/attach';
import { ApiClient, gvr, type KubeObject } from '../../../src/sim/apiserver';
import { deployment, list } from './helpers';

const view = (p: KubeObject) => {
  const st = p.status as { phase: string; podIP?: string; containerStatuses?: { containerID?: string; restartCount: number }[] };
  return `${p.metadata!.name} ${st.phase} ${st.podIP} ${(st.containerStatuses ?? []).map((c) => `${c.containerID}/${c.restartCount}`).join(',')}`;
};

describe('a cluster world saved and restored', () => {
  it('keeps its pods, IPs and containers, and keeps working', () => {
    const world = createWorld('cluster', { seed: 5 });
    const before = list(new ApiClient(clusterOf(world)!.apiServer), 'pods', 'kube-system').map(view);
    const restored = World.fromJSON(JSON.parse(JSON.stringify(world.toJSON())));
    const cluster = clusterOf(restored)!;
    expect(cluster.apiReachable()).toBe(true);
    const admin = new ApiClient(cluster.apiServer);
    restored.clock.advance(30_000);
    expect(list(admin, 'pods', 'kube-system').map(view)).toEqual(before);
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 2));
    restored.clock.advance(30_000);
    const pods = list(admin, 'pods', 'default');
    expect(pods.map((p) => (p.status as { phase: string }).phase)).toEqual(['Running', 'Running']);
  });

  it('a kubelet restart adopts the running containers instead of starting new ones', () => {
    const world = createWorld('cluster', { seed: 6 });
    const cluster = clusterOf(world)!;
    const admin = new ApiClient(cluster.apiServer);
    const before = list(admin, 'pods', 'kube-system').map(view);
    cluster.kubelets.get('cka02')!.stop();
    world.clock.advance(20_000);
    cluster.kubelets.get('cka02')!.start();
    world.clock.advance(20_000);
    expect(list(admin, 'pods', 'kube-system').map(view)).toEqual(before);
  });
});
