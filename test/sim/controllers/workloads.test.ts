import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import { events, list, simpleCluster } from '../cluster/helpers';

const job = (name: string, command: string[], extra: Record<string, unknown> = {}, image = 'busybox:1.36'): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { ...extra, template: { spec: { restartPolicy: 'Never', containers: [{ name, image, command }] } } },
});

const cond = (o: KubeObject) => ((o.status as { conditions?: { type: string; reason: string; message: string }[] }).conditions ?? []).map((c) => `${c.type}/${c.reason}`);

describe('jobs', () => {
  it('run pods to completion and report Complete with the logs of the pod', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('jobs'), 'default', job('hello', ['sh', '-c', 'echo hello from the job; sleep 5'], { completions: 2 }));
    cluster.advance(60_000);
    const j = admin.get(gvr('jobs'), 'default', 'hello').body as KubeObject;
    expect(cond(j)).toEqual(['SuccessCriteriaMet/CompletionsReached', 'Complete/CompletionsReached']);
    expect(j.status).toMatchObject({ succeeded: 2, ready: 0, terminating: 0 });
    const pods = list(admin, 'pods', 'default');
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.metadata!.name).toMatch(/^hello-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect((p.status as { phase: string }).phase).toBe('Succeeded');
      expect(p.metadata!.finalizers).toBeUndefined();
    }
    const log = admin.request({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace: 'default', name: pods[0].metadata!.name });
    expect(log.body).toBe('hello from the job\n');
    expect(events(admin, 'default', 'hello').map((e) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulCreate', 'Completed']);
  });

  it('fail after backoffLimit failed pods, with back-off between them', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('jobs'), 'default', job('bad', ['sh', '-c', 'exit 3'], { backoffLimit: 2 }));
    cluster.advance(15_000);
    expect(list(admin, 'pods', 'default').length).toBe(2);
    cluster.advance(120_000);
    const j = admin.get(gvr('jobs'), 'default', 'bad').body as KubeObject;
    expect(cond(j)).toEqual(['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded']);
    expect((j.status as { failed: number }).failed).toBe(3);
    const p = list(admin, 'pods', 'default')[0];
    expect((p.status as { containerStatuses: { state: { terminated: { exitCode: number; reason: string } } }[] }).containerStatuses[0].state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });
});

describe('cronjobs', () => {
  it('create jobs named after the scheduled minute and keep 3 successful ones', () => {
    const { cluster, admin, clock } = simpleCluster();
    admin.create(gvr('cronjobs'), 'default', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick' },
      spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox', command: ['date'] }] } } } } },
    });
    cluster.advance(5 * 60_000 + 30_000);
    const jobs = list(admin, 'jobs', 'default').map((j) => j.metadata!.name!);
    expect(jobs).toHaveLength(3);
    for (const n of jobs) expect(Number(n.slice('tick-'.length)) * 60_000).toBeLessThanOrEqual(clock.now());
    const cj = admin.get(gvr('cronjobs'), 'default', 'tick').body as { status: { lastScheduleTime: string; lastSuccessfulTime: string } };
    expect(cj.status.lastScheduleTime).toMatch(/:00Z$/);
    expect(cj.status.lastSuccessfulTime).toBeDefined();
    expect(events(admin, 'default', 'tick').map((e) => e.reason)).toContain('SawCompletedJob');
  });
});

describe('statefulsets', () => {
  it('create web-0, web-1, web-2 in order with claims, and scale down from the top', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('statefulsets'), 'default', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: {
        serviceName: 'nginx',
        replicas: 3,
        selector: { matchLabels: { app: 'nginx' } },
        template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      },
    });
    cluster.advance(2_000);
    expect(list(admin, 'pods', 'default').map((p) => p.metadata!.name)).toEqual(['web-0']);
    cluster.advance(60_000);
    const pods = list(admin, 'pods', 'default');
    expect(pods.map((p) => p.metadata!.name)).toEqual(['web-0', 'web-1', 'web-2']);
    expect((pods[1].spec as { hostname: string; subdomain: string })).toMatchObject({ hostname: 'web-1', subdomain: 'nginx' });
    const created = Date.parse(pods[0].metadata!.creationTimestamp!);
    expect(Date.parse(pods[2].metadata!.creationTimestamp!)).toBeGreaterThan(created);
    admin.patch(gvr('statefulsets'), 'default', 'web', { spec: { replicas: 1 } }, 'application/merge-patch+json');
    cluster.advance(30_000);
    expect(list(admin, 'pods', 'default').map((p) => p.metadata!.name)).toEqual(['web-0']);
    expect((admin.get(gvr('statefulsets'), 'default', 'web').body as { status: { readyReplicas: number } }).status.readyReplicas).toBe(1);
  });

  it('creates a claim per pod from volumeClaimTemplates; unbound claims keep the pod Pending', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('statefulsets'), 'default', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        replicas: 2,
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    cluster.advance(10_000);
    expect(list(admin, 'persistentvolumeclaims', 'default').map((c) => c.metadata!.name)).toEqual(['data-db-0']);
    const pod = list(admin, 'pods', 'default')[0];
    expect((pod.status as { phase: string }).phase).toBe('Pending');
    expect(events(admin, 'default', 'db-0').map((e) => e.message)).toContain(
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });
});
