import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import { deployment, list, simpleCluster } from '../cluster/helpers';

const service = (name: string, selector: Record<string, string>, targetPort: number | string = 80): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, labels: { app: name } },
  spec: { selector, ports: [{ name: 'http', port: 80, targetPort, protocol: 'TCP' }] },
});

describe('endpoints and endpoint slices', () => {
  it('list the ready pods of a Service, and drop a pod that stops being ready', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 2));
    admin.create(gvr('services'), 'default', service('web', { app: 'web' }));
    cluster.advance(30_000);
    const pods = list(admin, 'pods', 'default');
    const ips = pods.map((p) => (p.status as { podIP: string }).podIP).sort();
    const ep = admin.get(gvr('endpoints'), 'default', 'web').body as { subsets: { addresses: { ip: string; nodeName: string; targetRef: { kind: string } }[]; ports: unknown[] }[] };
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].addresses.map((a) => a.ip).sort()).toEqual(ips);
    expect(ep.subsets[0].addresses[0].targetRef.kind).toBe('Pod');
    expect(ep.subsets[0].ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    const slices = list(admin, 'endpointslices', 'default', 'kubernetes.io/service-name=web');
    expect(slices).toHaveLength(1);
    expect(slices[0].metadata!.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect((slices[0].endpoints as { addresses: string[]; conditions: { ready: boolean } }[]).map((e) => e.conditions.ready)).toEqual([true, true]);

    // a selector that matches nothing: no subsets at all
    admin.create(gvr('services'), 'default', service('none', { app: 'nothing' }));
    cluster.advance(1_000);
    expect((admin.get(gvr('endpoints'), 'default', 'none').body as { subsets?: unknown }).subsets).toBeUndefined();
  });

  it('give an ExternalName service none, even with a selector (kubectl create service externalname sets one)', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('db', 'redis', 1));
    admin.create(gvr('services'), 'default', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' },
      spec: { type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'db' } },
    } as KubeObject);
    cluster.advance(30_000);
    expect(admin.get(gvr('endpoints'), 'default', 'db').code).toBe(404);
    expect(list(admin, 'endpointslices', 'default', 'kubernetes.io/service-name=db')).toEqual([]);
  });

  it('resolves a named targetPort per pod', () => {
    const { cluster, admin } = simpleCluster();
    const d = deployment('api', 'nginx', 1);
    ((d.spec as any).template.spec.containers[0] as any).ports = [{ name: 'web', containerPort: 8080 }];
    admin.create(gvr('deployments'), 'default', d);
    admin.create(gvr('services'), 'default', service('api', { app: 'api' }, 'web'));
    cluster.advance(30_000);
    const ep = admin.get(gvr('endpoints'), 'default', 'api').body as { subsets: { ports: { port: number }[] }[] };
    expect(ep.subsets[0].ports[0].port).toBe(8080);
  });
});

describe('namespace deletion', () => {
  it('deletes the content, waits for pods to terminate, then removes the namespace', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('namespaces'), undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    cluster.advance(1_000);
    expect(list(admin, 'serviceaccounts', 'team').map((s) => s.metadata!.name)).toEqual(['default']);
    expect(list(admin, 'configmaps', 'team').map((s) => s.metadata!.name)).toEqual(['kube-root-ca.crt']);
    admin.create(gvr('deployments'), 'team', deployment('web', 'nginx', 2));
    cluster.advance(30_000);
    expect(list(admin, 'pods', 'team')).toHaveLength(2);
    admin.delete(gvr('namespaces'), undefined, 'team');
    cluster.advance(10);
    const ns = admin.get(gvr('namespaces'), undefined, 'team').body as { status: { phase: string; conditions: { type: string; message: string }[] } };
    expect(ns.status.phase).toBe('Terminating');
    cluster.advance(30_000);
    expect(admin.get(gvr('namespaces'), undefined, 'team').code).toBe(404);
    expect(list(admin, 'pods', 'team')).toHaveLength(0);
  });
});

describe('garbage collection', () => {
  it('background deletion removes the ReplicaSets and pods of a Deployment', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 2));
    cluster.advance(30_000);
    admin.delete(gvr('deployments'), 'default', 'web');
    cluster.advance(35_000);
    expect(list(admin, 'replicasets', 'default')).toHaveLength(0);
    expect(list(admin, 'pods', 'default')).toHaveLength(0);
  });

  it('orphan deletion keeps the ReplicaSet and strips its owner reference', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 2));
    cluster.advance(30_000);
    admin.delete(gvr('deployments'), 'default', 'web', { propagationPolicy: 'Orphan' });
    cluster.advance(5_000);
    expect(admin.get(gvr('deployments'), 'default', 'web').code).toBe(404);
    const rss = list(admin, 'replicasets', 'default');
    expect(rss).toHaveLength(1);
    expect(rss[0].metadata!.ownerReferences).toBeUndefined();
    expect(list(admin, 'pods', 'default')).toHaveLength(2);
  });

  it('foreground deletion removes the dependents before the owner', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 2));
    cluster.advance(30_000);
    admin.delete(gvr('deployments'), 'default', 'web', { propagationPolicy: 'Foreground' });
    cluster.advance(10);
    expect(admin.get(gvr('deployments'), 'default', 'web').code).toBe(200);
    cluster.advance(40_000);
    expect(admin.get(gvr('deployments'), 'default', 'web').code).toBe(404);
    expect(list(admin, 'replicasets', 'default')).toHaveLength(0);
    expect(list(admin, 'pods', 'default')).toHaveLength(0);
  });
});
