import { describe, expect, it } from 'vitest';
import { gvr } from '../../../src/sim/apiserver';
import { KUBE_SYSTEM_CONTROLLER_ACCOUNTS } from '../../../src/sim/controllers/manager';
import { deployment, events, list, simpleCluster } from '../cluster/helpers';

describe('controller-manager with service account credentials', () => {
  it('creates the service accounts of its loops in kube-system', () => {
    const { admin } = simpleCluster();
    const names = list(admin, 'serviceaccounts', 'kube-system').map((s) => s.metadata!.name);
    for (const n of KUBE_SYSTEM_CONTROLLER_ACCOUNTS) expect(names).toContain(n);
  });

  it('a loop stops working when its RBAC binding goes, as on a real cluster, and recovers when it is back', () => {
    const { admin, cluster } = simpleCluster();
    const binding = admin.get(gvr('clusterrolebindings'), undefined, 'system:controller:replicaset-controller').body;
    expect(admin.delete(gvr('clusterrolebindings'), undefined, 'system:controller:replicaset-controller').code).toBe(200);
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 2));
    cluster.advance(10_000);
    expect(list(admin, 'replicasets', 'default')).toHaveLength(1);
    expect(list(admin, 'pods', 'default')).toHaveLength(0);
    const { metadata, ...rest } = binding as { metadata: Record<string, unknown> };
    admin.create(gvr('clusterrolebindings'), undefined, { ...rest, metadata: { name: metadata.name, labels: metadata.labels, annotations: metadata.annotations } });
    cluster.advance(30_000);
    expect(list(admin, 'pods', 'default')).toHaveLength(2);
    expect(events(admin, 'default').some((e) => e.reason === 'SuccessfulCreate' && e.source === 'replicaset-controller')).toBe(true);
  });
});
