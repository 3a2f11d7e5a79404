import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import { deployment, events, list, simpleCluster } from '../cluster/helpers';

type D = KubeObject & { status: { conditions: { type: string; status: string; reason: string; message: string }[]; [k: string]: unknown }; metadata: { annotations: Record<string, string> } };
const getD = (admin: ReturnType<typeof simpleCluster>['admin'], name = 'web') => admin.get(gvr('deployments'), 'default', name).body as D;
const setImage = (admin: ReturnType<typeof simpleCluster>['admin'], image: string, name = 'web') =>
  admin.patch(gvr('deployments'), 'default', name, { spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } } });
const rsView = (admin: ReturnType<typeof simpleCluster>['admin']) =>
  list(admin, 'replicasets', 'default')
    .map((rs) => `${(rs.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image} r${rs.metadata!.annotations!['deployment.kubernetes.io/revision']} ${(rs.spec as { replicas: number }).replicas}`)
    .sort();

describe('deployments', () => {
  it('roll out a new image within maxSurge/maxUnavailable and record revisions', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx:1.27', 4));
    cluster.advance(30_000);
    let maxPods = 0;
    let minAvailable = Infinity;
    setImage(admin, 'nginx:1.28');
    for (let i = 0; i < 60; i++) {
      cluster.advance(500);
      const pods = list(admin, 'pods', 'default').filter((p) => !p.metadata!.deletionTimestamp);
      maxPods = Math.max(maxPods, pods.length);
      minAvailable = Math.min(minAvailable, pods.filter((p) => (p.status as { conditions?: { type: string; status: string }[] }).conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length);
    }
    expect(maxPods).toBeLessThanOrEqual(5); // replicas + maxSurge (25% of 4 → 1)
    expect(minAvailable).toBeGreaterThanOrEqual(3); // replicas - maxUnavailable
    expect(rsView(admin)).toEqual(['nginx:1.27 r1 0', 'nginx:1.28 r2 4']);
    const d = getD(admin);
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    const newRs = list(admin, 'replicasets', 'default').find((rs) => rs.metadata!.annotations!['deployment.kubernetes.io/revision'] === '2')!.metadata!.name;
    expect(d.status.conditions.map((c) => `${c.type} ${c.status} ${c.reason}: ${c.message}`)).toEqual([
      'Available True MinimumReplicasAvailable: Deployment has minimum availability.',
      `Progressing True NewReplicaSetAvailable: ReplicaSet "${newRs}" has successfully progressed.`,
    ]);
    const scaling = events(admin, 'default', 'web').filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    expect(scaling[0]).toMatch(/^Scaled up replica set web-\w+ from 0 to 4$/);
    expect(scaling[1]).toBe(`Scaled up replica set ${newRs} from 0 to 1`);
    expect(scaling.at(-1)).toMatch(/^Scaled down replica set web-\w+ from 1 to 0$/);
  });

  it('rollback to the previous template reuses the old ReplicaSet as a new revision', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx:1.27', 2));
    cluster.advance(30_000);
    setImage(admin, 'nginx:1.28');
    cluster.advance(60_000);
    setImage(admin, 'nginx:1.27');
    cluster.advance(60_000);
    expect(rsView(admin)).toEqual(['nginx:1.27 r3 2', 'nginx:1.28 r2 0']);
    const old = list(admin, 'replicasets', 'default').find((rs) => rs.metadata!.annotations!['deployment.kubernetes.io/revision'] === '3')!;
    expect(old.metadata!.annotations!['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(getD(admin).metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('a paused deployment does not roll out until resumed', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx:1.27', 2));
    cluster.advance(30_000);
    admin.patch(gvr('deployments'), 'default', 'web', { spec: { paused: true } });
    setImage(admin, 'nginx:1.28');
    cluster.advance(30_000);
    expect(rsView(admin)).toEqual(['nginx:1.27 r1 2']);
    expect(getD(admin).status.conditions.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    admin.patch(gvr('deployments'), 'default', 'web', { spec: { paused: false } });
    cluster.advance(60_000);
    expect(rsView(admin)).toEqual(['nginx:1.27 r1 0', 'nginx:1.28 r2 2']);
  });

  it('Recreate stops every old pod before the new ReplicaSet starts', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx:1.27', 2, { strategy: { type: 'Recreate' } }));
    cluster.advance(30_000);
    setImage(admin, 'nginx:1.28');
    let overlap = false;
    for (let i = 0; i < 60; i++) {
      cluster.advance(500);
      const images = new Set(list(admin, 'pods', 'default').map((p) => (p.spec as { containers: { image: string }[] }).containers[0].image));
      if (images.size > 1) overlap = true;
    }
    expect(overlap).toBe(false);
    expect(rsView(admin)).toEqual(['nginx:1.27 r1 0', 'nginx:1.28 r2 2']);
  });

  it('a rollout stuck on a bad image exceeds its progress deadline', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx:1.27', 2, { progressDeadlineSeconds: 60 }));
    cluster.advance(30_000);
    setImage(admin, 'nginx:doesnotexist');
    cluster.advance(90_000);
    const d = getD(admin);
    const progressing = d.status.conditions.find((c) => c.type === 'Progressing')!;
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(progressing.message).toMatch(/^ReplicaSet "web-\w+" has timed out progressing\.$/);
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 1, availableReplicas: 2, unavailableReplicas: 1 });
  });

  it('scales through the scale subresource', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 1));
    cluster.advance(20_000);
    admin.patch(gvr('deployments'), 'default', 'web', { spec: { replicas: 3 } }, 'application/merge-patch+json', { subresource: 'scale' });
    cluster.advance(20_000);
    expect(getD(admin).status).toMatchObject({ replicas: 3, availableReplicas: 3 });
    expect(events(admin, 'default', 'web').map((e) => e.message)).toContainEqual(expect.stringMatching(/^Scaled up replica set web-\w+ from 1 to 3$/));
  });
});
