import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import { events, simpleCluster } from '../cluster/helpers';

const statusOf = (admin: ReturnType<typeof simpleCluster>['admin'], name: string) =>
  ((admin.get(gvr('pods'), 'default', name).body as KubeObject).status as { containerStatuses: { ready: boolean; started: boolean; restartCount: number; lastState: { terminated?: { exitCode: number } } }[] }).containerStatuses[0];

describe('probes', () => {
  it('the liveness exec example: healthy for 30 s, then restarted after 3 failures', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'liveness-exec' },
      spec: {
        containers: [
          {
            name: 'liveness',
            image: 'registry.k8s.io/busybox:1.27.2',
            args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
            livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
          },
        ],
      },
    });
    cluster.advance(30_000);
    expect(statusOf(admin, 'liveness-exec').restartCount).toBe(0);
    cluster.advance(20_000);
    const ev = events(admin, 'default', 'liveness-exec').map((e) => `${e.type} ${e.reason}: ${e.message}`);
    expect(ev).toContain("Warning Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(ev).toContain('Normal Killing: Container liveness failed liveness probe, will be restarted');
    // sh as PID 1 ignores SIGTERM: the runtime kills it when the 30 s grace period ends.
    expect(statusOf(admin, 'liveness-exec').restartCount).toBe(0);
    cluster.advance(30_000);
    const s = statusOf(admin, 'liveness-exec');
    expect(s.restartCount).toBe(1);
    expect(s.lastState.terminated?.exitCode).toBe(137);
  });

  it('readiness gates Ready: an httpGet probe on a path nginx does not serve keeps the pod unready', () => {
    const { cluster, admin } = simpleCluster();
    const mk = (name: string, path: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { containers: [{ name: 'web', image: 'nginx', readinessProbe: { httpGet: { path, port: 80 }, periodSeconds: 5 } }] },
    });
    admin.create(gvr('pods'), 'default', mk('good', '/'));
    admin.create(gvr('pods'), 'default', mk('bad', '/healthz'));
    cluster.advance(30_000);
    expect(statusOf(admin, 'good').ready).toBe(true);
    expect(statusOf(admin, 'bad').ready).toBe(false);
    expect(events(admin, 'default', 'bad').map((e) => e.message)).toContain('Readiness probe failed: HTTP probe failed with statuscode: 404');
  });

  it('a startup probe holds liveness back and marks the container started', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'slow' },
      spec: { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 20; touch /tmp/ready; sleep 3600'], startupProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5, failureThreshold: 10 } }] },
    });
    cluster.advance(10_000);
    expect(statusOf(admin, 'slow')).toMatchObject({ started: false, ready: false });
    cluster.advance(20_000);
    expect(statusOf(admin, 'slow')).toMatchObject({ started: true, ready: true, restartCount: 0 });
  });
});
