/**
 * The deterministic worlds behind the `kubectl top` / `describe hpa` goldens: the same build steps
 * give the same pods, names and usage, so the recorder (real kubectl against these worlds served
 * over HTTP) and the test (our kubectl against them in process) see identical API answers.
 */
import { gvr, type ApiServer, type KubeObject } from '../../src/sim/apiserver';
import { metricsCluster } from '../sim/metrics/_helpers';

export type WorldName = 'no-metrics-server' | 'metrics';

function deployment(name: string, image: string, replicas: number, resources?: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: { app: name } },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, ...(resources ? { resources } : {}) }] } } },
  };
}

export function buildWorld(name: WorldName): { server: ApiServer; now: () => number } {
  const { cluster, admin } = metricsCluster({ install: name === 'metrics' });
  admin.create(gvr('deployments'), 'default', deployment('web', 'nginx:1.27', 2));
  admin.create(gvr('deployments'), 'default', deployment('php-apache', 'registry.k8s.io/hpa-example', 1, { limits: { cpu: '500m' }, requests: { cpu: '200m' } }));
  admin.create(gvr('pods'), 'default', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sidecars', labels: { app: 'sidecars' } },
    spec: { containers: [{ name: 'app', image: 'redis:7' }, { name: 'spin', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do :; done'], resources: { limits: { cpu: '250m' } } }] },
  } as KubeObject);
  cluster.advance(60_000);
  admin.create({ group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' }, 'default', {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'php-apache' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
  } as KubeObject);
  admin.create({ group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' }, 'default', {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: 60, policies: [{ type: 'Pods', value: 1, periodSeconds: 30 }] } },
    },
  } as KubeObject);
  admin.create(gvr('deployments'), 'default', deployment('api', 'nginx:1.27', 1, { requests: { cpu: '100m' } }));
  admin.create(gvr('deployments'), 'default', deployment('worker', 'busybox:1.36', 1));
  cluster.advance(30_000);
  const hpaOf = (name: string, metrics: unknown[]) =>
    admin.create({ group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' }, 'default', {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: 1, maxReplicas: 4, metrics },
    } as KubeObject);
  hpaOf('api', [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'api', target: { type: 'Utilization', averageUtilization: 60 } } }]);
  hpaOf('worker', [
    { type: 'Pods', pods: { metric: { name: 'jobs_in_flight' }, target: { type: 'AverageValue', averageValue: '10' } } },
    { type: 'Object', object: { metric: { name: 'requests-per-second' }, describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main-route' }, target: { type: 'Value', value: '2k' } } },
  ]);
  cluster.advance(20_000);
  admin.create(gvr('namespaces'), undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fresh' } } as KubeObject);
  cluster.advance(1_000); // the serviceaccount controller gives the namespace its default account
  admin.create(gvr('pods'), 'fresh', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'new' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } as KubeObject);
  cluster.advance(3_000);
  return { server: cluster.apiServer, now: () => cluster.clock.now() };
}

/**
 * Each case: the world it runs in and the kubectl arguments. (`top pod -n fresh` is left out: the
 * real client judges a pod's age by the wall clock, so its answer depends on the day it is recorded;
 * for the same reason HPAs with events are described with --show-events=false.)
 */
export const CASES: { world: WorldName; args: string }[] = [
  { world: 'no-metrics-server', args: 'top node' },
  { world: 'no-metrics-server', args: 'top pod -A' },
  { world: 'metrics', args: 'top node' },
  { world: 'metrics', args: 'top nodes --sort-by=memory' },
  { world: 'metrics', args: 'top node --no-headers --sort-by=cpu' },
  { world: 'metrics', args: 'top node cka02' },
  { world: 'metrics', args: 'top node --show-capacity' },
  { world: 'metrics', args: 'top node -l node-role.kubernetes.io/control-plane' },
  { world: 'metrics', args: 'top node cka09' },
  { world: 'metrics', args: 'top pod' },
  { world: 'metrics', args: 'top pods -A' },
  { world: 'metrics', args: 'top pod -n kube-system --containers' },
  { world: 'metrics', args: 'top pod -A --sum' },
  { world: 'metrics', args: 'top pod --containers --sum' },
  { world: 'metrics', args: 'top pod -A --containers --sum --no-headers' },
  { world: 'metrics', args: 'top pod --sort-by=memory' },
  { world: 'metrics', args: 'top pod --sort-by=cpu --containers' },
  { world: 'metrics', args: 'top pod -l app=web' },
  { world: 'metrics', args: 'top pod sidecars --containers' },
  { world: 'metrics', args: 'top pod nope' },
  { world: 'metrics', args: 'top pod -n empty' },
  { world: 'metrics', args: 'top pod --sort-by=name' },
  { world: 'metrics', args: 'top pod web -l app=web' },
  { world: 'metrics', args: 'describe hpa php-apache' },
  { world: 'metrics', args: 'describe hpa web' },
  { world: 'metrics', args: 'describe hpa api --show-events=false' },
  { world: 'metrics', args: 'describe hpa worker --show-events=false' },
];
