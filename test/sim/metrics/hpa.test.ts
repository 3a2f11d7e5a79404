import { describe, expect, it } from 'vitest';
import { gvr, type ApiClient, type KubeObject } from '../../../src/sim/apiserver';
import { events } from '../cluster/helpers';
import { metricsCluster } from './_helpers';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const HPA = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' };

/** The php-apache example of the HorizontalPodAutoscaler walkthrough (kubernetes.io). */
function phpApache(admin: ApiClient, resources: Obj = { limits: { cpu: '500m' }, requests: { cpu: '200m' } }): void {
  admin.create(gvr('deployments'), 'default', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'php-apache' },
    spec: { selector: { matchLabels: { run: 'php-apache' } }, template: { metadata: { labels: { run: 'php-apache' } }, spec: { containers: [{ name: 'php-apache', image: 'registry.k8s.io/hpa-example', ports: [{ containerPort: 80 }], resources }] } } },
  } as KubeObject);
  admin.create(gvr('services'), 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'php-apache' }, spec: { ports: [{ port: 80 }], selector: { run: 'php-apache' } } } as KubeObject);
}

function autoscale(admin: ApiClient, spec: Obj = {}): void {
  const r = admin.create(HPA, 'default', {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'php-apache' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }], ...spec },
  } as KubeObject);
  if (r.code !== 201) throw new Error(JSON.stringify(r.body));
}

function loadGenerator(admin: ApiClient): void {
  admin.create(gvr('pods'), 'default', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'load-generator' },
    spec: { restartPolicy: 'Never', containers: [{ name: 'load-generator', image: 'busybox:1.28', command: ['/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done'] }] },
  } as KubeObject);
}

const hpaOf = (admin: ApiClient) => admin.get(HPA, 'default', 'php-apache').body as Obj;
const replicas = (admin: ApiClient) => (admin.get(gvr('deployments'), 'default', 'php-apache').body as Obj).spec.replicas;
const condition = (admin: ApiClient, type: string) => (hpaOf(admin).status.conditions as Obj[]).find((c) => c.type === type);

describe('HorizontalPodAutoscaler controller', () => {
  it('runs the php-apache walkthrough: scales up under load, down after the stabilization window', () => {
    const { cluster, admin } = metricsCluster();
    phpApache(admin);
    cluster.advance(60_000);
    autoscale(admin);
    cluster.advance(30_000);
    // An idle php-apache uses a millicore or two of its 200m request.
    const idle = hpaOf(admin).status.currentMetrics[0].resource.current;
    expect(idle.averageUtilization).toBeLessThanOrEqual(1);
    expect(idle.averageValue).toMatch(/^[12]m$/);
    expect(condition(admin, 'ScalingActive')).toMatchObject({ status: 'True', reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)' });
    loadGenerator(admin);
    cluster.advance(30_000);
    // One pod throttled at its 500m limit: 250 % of its 200m request; at most max(2×1, 4) at once.
    expect(replicas(admin)).toBe(4);
    cluster.advance(60_000);
    expect(replicas(admin)).toBe(7);
    const at7 = hpaOf(admin).status;
    expect(at7.currentMetrics[0].resource.current.averageUtilization).toBeGreaterThanOrEqual(45);
    expect(at7.currentMetrics[0].resource.current.averageUtilization).toBeLessThanOrEqual(55);
    const rescales = events(admin, 'default', 'php-apache').filter((e) => e.reason === 'SuccessfulRescale');
    expect(rescales.map((e) => e.message)).toEqual([
      'New size: 4; reason: cpu resource utilization (percentage of request) above target',
      'New size: 7; reason: cpu resource utilization (percentage of request) above target',
    ]);
    expect(rescales[0]).toMatchObject({ type: 'Normal', source: 'horizontal-pod-autoscaler' });
    admin.delete(gvr('pods'), 'default', 'load-generator');
    cluster.advance(120_000);
    // Usage is gone but the last 5 minutes held a recommendation of 7.
    expect(replicas(admin)).toBe(7);
    expect(condition(admin, 'AbleToScale')).toMatchObject({ reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' });
    cluster.advance(240_000);
    expect(replicas(admin)).toBe(1);
    expect(events(admin, 'default', 'php-apache').filter((e) => e.reason === 'SuccessfulRescale').pop()!.message).toBe('New size: 1; reason: All metrics below target');
    expect(hpaOf(admin).status).toMatchObject({ currentReplicas: 1, desiredReplicas: 1 });
  }, 30_000);

  it('reports missing metrics when metrics-server is not installed', () => {
    const { cluster, admin } = metricsCluster({ install: false });
    phpApache(admin);
    cluster.advance(30_000);
    autoscale(admin);
    cluster.advance(20_000);
    const msg = 'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
    expect(events(admin, 'default', 'php-apache')).toContainEqual({ type: 'Warning', reason: 'FailedGetResourceMetric', message: msg, source: 'horizontal-pod-autoscaler' });
    expect(condition(admin, 'ScalingActive')).toMatchObject({ status: 'False', reason: 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: ${msg}` });
    expect(hpaOf(admin).status.currentMetrics).toBeNull();
    expect(replicas(admin)).toBe(1);
  });

  it('refuses to compute utilization for pods without requests', () => {
    const { cluster, admin } = metricsCluster();
    phpApache(admin, {});
    cluster.advance(60_000);
    autoscale(admin);
    cluster.advance(20_000);
    const pod = events(admin, 'default', 'php-apache').find((e) => e.reason === 'FailedGetResourceMetric')!;
    expect(pod.message).toMatch(/^failed to get cpu utilization: missing request for cpu in container php-apache of Pod php-apache-[a-z0-9]+-[a-z0-9]{5}$/);
  });

  it('keeps within min/max and follows behavior policies', () => {
    const { cluster, admin } = metricsCluster();
    phpApache(admin);
    cluster.advance(60_000);
    autoscale(admin, { maxReplicas: 3, behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } });
    loadGenerator(admin);
    cluster.advance(40_000);
    expect(replicas(admin)).toBe(2);
    expect(condition(admin, 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' });
    cluster.advance(120_000);
    expect(replicas(admin)).toBe(3);
    expect(condition(admin, 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' });
  }, 30_000);

  it('says when the target does not exist', () => {
    const { cluster, admin } = metricsCluster({ install: false });
    autoscale(admin);
    cluster.advance(5_000);
    expect(events(admin, 'default', 'php-apache')).toContainEqual({ type: 'Warning', reason: 'FailedGetScale', message: 'deployments/scale.apps "php-apache" not found', source: 'horizontal-pod-autoscaler' });
    expect(condition(admin, 'AbleToScale')).toMatchObject({ status: 'False', reason: 'FailedGetScale', message: 'the HPA controller was unable to get the target\'s current scale: deployments/scale.apps "php-apache" not found' });
  });

  it('serves autoscaling/v1 objects through conversion: targetCPUUtilizationPercentage drives the same controller', () => {
    const { cluster, admin } = metricsCluster();
    phpApache(admin);
    cluster.advance(60_000);
    const v1 = { group: 'autoscaling', version: 'v1', resource: 'horizontalpodautoscalers' };
    const r = admin.create(v1, 'default', {
      apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'php-apache' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50 },
    } as KubeObject);
    expect(r.code).toBe(201);
    loadGenerator(admin);
    cluster.advance(60_000);
    expect(replicas(admin)).toBe(3);
    const got = admin.get(v1, 'default', 'php-apache').body as Obj;
    expect(got.status.currentReplicas).toBe(3);
    expect(got.status.currentCPUUtilizationPercentage).toBeGreaterThan(50);
  });
});
