import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import { list, simpleCluster } from '../cluster/helpers';

const ds = (image: string, tolerations?: unknown[]): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image }], ...(tolerations ? { tolerations } : {}) } },
  },
});
const nodesOf = (admin: ReturnType<typeof simpleCluster>['admin']) =>
  list(admin, 'pods', 'default').filter((p) => !p.metadata!.deletionTimestamp).map((p) => (p.spec as { nodeName: string }).nodeName).sort();

describe('daemonsets', () => {
  it('run one pod per schedulable node, skipping the tainted control plane unless tolerated', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('daemonsets'), 'default', ds('nginx'));
    cluster.advance(20_000);
    expect(nodesOf(admin)).toEqual(['cka02', 'cka03']);
    const d = admin.get(gvr('daemonsets'), 'default', 'agent').body as { status: Record<string, number> };
    expect(d.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2 });
    const names = list(admin, 'pods', 'default').map((p) => p.metadata!.name);
    for (const n of names) expect(n).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    admin.patch(gvr('daemonsets'), 'default', 'agent', { spec: { template: { spec: { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] } } } });
    cluster.advance(60_000);
    expect(nodesOf(admin)).toEqual(['cka01', 'cka02', 'cka03']);
    expect(list(admin, 'controllerrevisions', 'default')).toHaveLength(2);
  });

  it('rolls a new image out node by node', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('daemonsets'), 'default', ds('nginx:1.27'));
    cluster.advance(20_000);
    admin.patch(gvr('daemonsets'), 'default', 'agent', { spec: { template: { spec: { containers: [{ name: 'agent', image: 'nginx:1.28' }] } } } });
    let maxDown = 0;
    for (let i = 0; i < 60; i++) {
      cluster.advance(500);
      const ready = list(admin, 'pods', 'default').filter((p) => !p.metadata!.deletionTimestamp && (p.status as { conditions?: { type: string; status: string }[] }).conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
      maxDown = Math.max(maxDown, 2 - ready);
    }
    expect(maxDown).toBeLessThanOrEqual(1);
    const images = list(admin, 'pods', 'default').map((p) => (p.spec as { containers: { image: string }[] }).containers[0].image);
    expect(images).toEqual(['nginx:1.28', 'nginx:1.28']);
  });
});
