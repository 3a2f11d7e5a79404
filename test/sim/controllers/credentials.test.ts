import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
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
    const { metadata, ...rest } = binding as KubeObject & { metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> } };
    admin.create(gvr('clusterrolebindings'), undefined, { ...rest, metadata: { name: metadata.name, labels: metadata.labels, annotations: metadata.annotations } });
    cluster.advance(30_000);
    expect(list(admin, 'pods', 'default')).toHaveLength(2);
    expect(events(admin, 'default').some((e) => e.reason === 'SuccessfulCreate' && e.source === 'replicaset-controller')).toBe(true);
  });
});

describe('clusterrole aggregation', () => {
  it('a ClusterRole labelled aggregate-to-view extends view, edit and admin; removing it shrinks them back', () => {
    const { admin, cluster } = simpleCluster();
    const rulesOf = (name: string) => JSON.stringify((admin.get(gvr('clusterroles'), undefined, name).body as KubeObject).rules);
    const before = { view: rulesOf('view'), edit: rulesOf('edit'), admin: rulesOf('admin') };
    admin.create(gvr('clusterroles'), undefined, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'widget-reader', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      rules: [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list', 'watch'] }],
    });
    cluster.advance(2_000);
    for (const name of ['view', 'edit', 'admin']) expect(rulesOf(name)).toContain('"widgets"');
    admin.delete(gvr('clusterroles'), undefined, 'widget-reader');
    cluster.advance(2_000);
    expect({ view: rulesOf('view'), edit: rulesOf('edit'), admin: rulesOf('admin') }).toEqual(before);
  });
});
