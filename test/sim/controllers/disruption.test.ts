import { describe, expect, it } from 'vitest';
import { gvr, type ApiClient, type KubeObject } from '../../../src/sim/apiserver';
import { scaledIntOrPercent } from '../../../src/sim/controllers/disruption';
import { deployment, events, list, simpleCluster } from '../cluster/helpers';

const PDBS = gvr('poddisruptionbudgets');
const pdb = (name: string, app: string, budget: Record<string, unknown>): KubeObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name },
  spec: { selector: { matchLabels: { app } }, ...budget },
});
type PdbStatus = {
  currentHealthy: number;
  desiredHealthy: number;
  disruptionsAllowed: number;
  expectedPods: number;
  observedGeneration: number;
  disruptedPods?: Record<string, string>;
  conditions: { type: string; status: string; reason: string; message: string; observedGeneration: number }[];
};
const statusOf = (admin: ApiClient, name: string) => (admin.get(PDBS, 'default', name).body as KubeObject).status as PdbStatus;
const evict = (admin: ApiClient, name: string, dryRun = false) =>
  admin.request({
    verb: 'create',
    group: '',
    version: 'v1',
    resource: 'pods',
    subresource: 'eviction',
    namespace: 'default',
    name,
    query: dryRun ? { dryRun: 'All' } : {},
    body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } },
  });
const podNames = (admin: ApiClient, app: string) => list(admin, 'pods', 'default', `app=${app}`).filter((p) => !p.metadata!.deletionTimestamp).map((p) => p.metadata!.name!);

describe('disruption controller', () => {
  it('computes maxUnavailable against the Deployment scale and sets DisruptionAllowed', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 3));
    admin.create(PDBS, 'default', pdb('web', 'web', { maxUnavailable: 1 }));
    cluster.advance(30_000);
    const s = statusOf(admin, 'web');
    expect(s).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3, observedGeneration: 1 });
    expect(s.conditions).toEqual([expect.objectContaining({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1 })]);
    // Scaling the Deployment changes expectedPods at once.
    admin.patch(gvr('deployments'), 'default', 'web', { spec: { replicas: 5 } });
    cluster.advance(30_000);
    expect(statusOf(admin, 'web')).toMatchObject({ currentHealthy: 5, desiredHealthy: 4, disruptionsAllowed: 1, expectedPods: 5 });
  });

  it('minAvailable as an integer counts matching pods; as a percentage scales the controller (rounded up)', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 3));
    admin.create(PDBS, 'default', pdb('all', 'web', { minAvailable: 3 }));
    admin.create(PDBS, 'default', pdb('half', 'web', { minAvailable: '50%' }));
    cluster.advance(30_000);
    const all = statusOf(admin, 'all');
    expect(all).toMatchObject({ currentHealthy: 3, desiredHealthy: 3, disruptionsAllowed: 0, expectedPods: 3 });
    expect(all.conditions[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    expect(statusOf(admin, 'half')).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 });
  });

  it('records NoPods for a selector matching nothing and UnmanagedPods for bare pods under a percentage', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(PDBS, 'default', pdb('none', 'nothing', { minAvailable: 1 }));
    admin.create(gvr('pods'), 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare', labels: { app: 'bare' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    admin.create(PDBS, 'default', pdb('bare', 'bare', { maxUnavailable: '50%' }));
    cluster.advance(30_000);
    expect(events(admin, 'default', 'none')).toContainEqual({ type: 'Normal', reason: 'NoPods', message: 'No matching pods found', source: 'controllermanager' });
    const unmanaged = events(admin, 'default', 'bare').find((e) => e.reason === 'UnmanagedPods');
    expect(unmanaged?.message).toBe(
      'Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: bare,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    );
    expect(statusOf(admin, 'bare')).toMatchObject({ expectedPods: 0, currentHealthy: 1, disruptionsAllowed: 0 });
  });

  it('intstr scaling follows GetScaledValueFromIntOrPercent (round up) and its errors', () => {
    expect(scaledIntOrPercent(2, 10)).toBe(2);
    expect(scaledIntOrPercent('25%', 3)).toBe(1);
    expect(scaledIntOrPercent('50%', 3)).toBe(2);
    expect(() => scaledIntOrPercent('3', 10)).toThrow('invalid value for IntOrString: invalid type: string is not a percentage');
  });
});

describe('eviction honours PodDisruptionBudgets', () => {
  it('allows evictions while disruptionsAllowed > 0, then refuses with 429 and the budget message', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 3));
    admin.create(PDBS, 'default', pdb('web', 'web', { maxUnavailable: 1 }));
    cluster.advance(30_000);
    const [first, second] = podNames(admin, 'web');
    const ok = evict(admin, first);
    expect(ok.code).toBe(201);
    expect(ok.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    const after = statusOf(admin, 'web');
    expect(after.disruptionsAllowed).toBe(0);
    expect(after.conditions[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    // Straight after an eviction the controller has not re-counted yet: the status still says 3
    // healthy (as on a real cluster), only disruptionsAllowed was taken by the eviction.
    const refused = evict(admin, second);
    expect(refused.code).toBe(429);
    expect(refused.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'TooManyRequests',
      code: 429,
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web needs 2 healthy pods and has 3 currently' }] },
    });
    // The replacement becomes Ready: one disruption is allowed again and the eviction goes through.
    cluster.advance(30_000);
    expect(statusOf(admin, 'web')).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
    expect(evict(admin, second).code).toBe(201);
  });

  it('a dry-run eviction changes nothing', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 2));
    admin.create(PDBS, 'default', pdb('web', 'web', { minAvailable: 1 }));
    cluster.advance(30_000);
    const [first] = podNames(admin, 'web');
    expect(evict(admin, first, true).code).toBe(201);
    expect(statusOf(admin, 'web').disruptionsAllowed).toBe(1);
    expect(podNames(admin, 'web')).toContain(first);
  });

  it('refuses while the budget has not been observed (still being processed), retry after 10 s', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 2));
    cluster.advance(30_000);
    cluster.controllerManager.stop();
    admin.create(PDBS, 'default', pdb('web', 'web', { minAvailable: 1 }));
    const r = evict(admin, podNames(admin, 'web')[0]);
    expect(r.code).toBe(429);
    expect(r.body).toMatchObject({
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: { retryAfterSeconds: 10, causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web is still being processed by the server.' }] },
    });
  });

  it('an evicted pod that is not deleted within 2 minutes leaves disruptedPods with a NotDeleted event', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 3));
    admin.create(PDBS, 'default', pdb('web', 'web', { maxUnavailable: 1 }));
    cluster.advance(30_000);
    const [first] = podNames(admin, 'web');
    // A finalizer keeps the pod: the eviction's delete only marks it... so record the disruption by hand instead.
    const current = admin.get(PDBS, 'default', 'web').body as KubeObject;
    const at = cluster.clock.rfc3339();
    admin.updateStatus(PDBS, 'default', { ...current, status: { ...(current.status as object), disruptionsAllowed: 0, disruptedPods: { [first]: at } } });
    cluster.advance(1_000);
    expect(statusOf(admin, 'web')).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 0, disruptedPods: { [first]: at } });
    cluster.advance(120_000);
    const s = statusOf(admin, 'web');
    expect(s.disruptedPods).toBeUndefined();
    expect(s).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
    expect(events(admin, 'default', first)).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'NotDeleted', message: "Pod was expected by PDB default/web to be deleted but it wasn't" }));
  });

  it('a pod that is not Ready may be evicted without taking a disruption while the budget is met', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 3));
    admin.create(PDBS, 'default', pdb('web', 'web', { minAvailable: 2 }));
    cluster.advance(30_000);
    const [first] = podNames(admin, 'web');
    const pod = admin.get(gvr('pods'), 'default', first).body as KubeObject;
    const st = pod.status as { conditions: { type: string; status: string }[] };
    admin.updateStatus(gvr('pods'), 'default', { ...pod, status: { ...st, conditions: st.conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' } : c)) } });
    cluster.advance(10);
    expect(statusOf(admin, 'web')).toMatchObject({ currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 });
    expect(evict(admin, first).code).toBe(201);
  });
});
