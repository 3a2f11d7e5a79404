import { describe, expect, it } from 'vitest';
import { newServer, pod, deployment, withNamespace, PODS, DEPLOYMENTS, NAMESPACES } from './helpers';
import { gvr, type KubeObject, type TraceEvent } from '../../../src/sim/apiserver';

describe('resource quota status', () => {
  it('tracks usage as objects come and go', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const QUOTAS = gvr('resourcequotas');
    client.create(QUOTAS, 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '10', 'requests.cpu': '2' } } });
    const p = pod('a');
    (p.spec as { containers: Record<string, unknown>[] }).containers[0].resources = { requests: { cpu: '500m' } };
    client.create(PODS, 'default', p);
    const status = () => (client.get(QUOTAS, 'default', 'q').body as KubeObject).status;
    expect(status()).toEqual({ hard: { pods: '10', 'requests.cpu': '2' }, used: { pods: '1', 'requests.cpu': '500m' } });
    client.delete(PODS, 'default', 'a');
    expect(status()).toEqual({ hard: { pods: '10', 'requests.cpu': '2' }, used: { pods: '0', 'requests.cpu': '0' } });
  });
});

describe('namespace finalization', () => {
  it('removes a terminating namespace once its finalizer is gone', () => {
    const { client, server } = newServer();
    withNamespace(client, 'dev');
    client.delete(NAMESPACES, undefined, 'dev');
    const ns = client.get(NAMESPACES, undefined, 'dev').body as KubeObject;
    expect(ns.metadata!.deletionTimestamp).toBeDefined();
    const r = server.request({ verb: 'update', group: '', version: 'v1', resource: 'namespaces', name: 'dev', subresource: 'finalize', body: { ...ns, spec: { finalizers: [] } } });
    expect(r.code).toBe(200);
    expect(client.get(NAMESPACES, undefined, 'dev').code).toBe(404);
  });
});

describe('trace', () => {
  it('emits request, write and deliver events in order', () => {
    const { client, server } = newServer();
    const seen: TraceEvent[] = [];
    const stop = server.trace.subscribe((e) => seen.push(e));
    client.watch(DEPLOYMENTS, 'default', { resourceVersion: String(server.etcd.revision) }, () => {});
    client.create(DEPLOYMENTS, 'default', deployment('web'));
    stop();
    client.create(DEPLOYMENTS, 'default', deployment('other'));
    const types = seen.map((e) => e.type);
    expect(types).toEqual(['write', 'deliver', 'request']);
    const write = seen[0] as Extract<TraceEvent, { type: 'write' }>;
    expect(write).toMatchObject({ key: '/registry/deployments/default/web', op: 'put' });
    expect(seen[1]).toMatchObject({ event: 'ADDED', key: '/registry/deployments/default/web', revision: write.revision });
    expect(seen[2]).toMatchObject({ code: 201, request: { verb: 'create', resource: 'deployments', namespace: 'default' } });
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});

describe('etcd layout', () => {
  it('uses the real key names', () => {
    const { client, server } = newServer();
    withNamespace(client, 'default');
    client.create(gvr('nodes'), undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'cka01' } });
    client.create(PODS, 'default', pod('web-1'));
    const keys = server.etcd.range('/registry/', { prefix: true, keysOnly: true }).kvs.map((k) => k.key);
    expect(keys).toContain('/registry/minions/cka01');
    expect(keys).toContain('/registry/pods/default/web-1');
    expect(keys).toContain('/registry/services/specs/default/kubernetes');
    expect(keys).toContain('/registry/namespaces/kube-system');
    expect(keys).toContain('/registry/clusterrolebindings/cluster-admin');
    expect(keys).toContain('/registry/priorityclasses/system-node-critical');
    const stored = JSON.parse(server.etcd.get('/registry/pods/default/web-1')!.value) as KubeObject;
    expect(stored.metadata).not.toHaveProperty('resourceVersion');
  });
});

describe('conversion between served versions', () => {
  it('serves an HPA created as autoscaling/v1 in autoscaling/v2 and back', () => {
    const { client, server } = newServer();
    const v1 = { group: 'autoscaling', version: 'v1', resource: 'horizontalpodautoscalers' };
    const v2 = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' };
    const r = client.create(v1, 'default', {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
    });
    expect(r.code).toBe(201);
    expect((r.body as KubeObject).spec).toMatchObject({ targetCPUUtilizationPercentage: 50 });
    const asV2 = client.get(v2, 'default', 'web').body as KubeObject;
    expect(asV2.apiVersion).toBe('autoscaling/v2');
    expect(asV2.spec).toMatchObject({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] });
    expect(JSON.parse(server.etcd.get('/registry/horizontalpodautoscalers/default/web')!.value).apiVersion).toBe('autoscaling/v2');
  });

  it('serves core events as events.k8s.io/v1', () => {
    const { client } = newServer();
    client.create(gvr('events'), 'default', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e1' },
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
      reason: 'Started',
      message: 'Started container web',
      type: 'Normal',
      source: { component: 'kubelet', host: 'cka02' },
    });
    const e = client.get({ group: 'events.k8s.io', version: 'v1', resource: 'events' }, 'default', 'e1').body as KubeObject;
    expect(e).toMatchObject({ apiVersion: 'events.k8s.io/v1', note: 'Started container web', regarding: { kind: 'Pod', name: 'web' }, deprecatedSource: { component: 'kubelet', host: 'cka02' } });
  });
});

describe('non-resource endpoints', () => {
  it('answers /version and health checks, with RBAC', () => {
    const { server } = newServer();
    expect(server.raw('/version').body).toMatchObject({ major: '1', minor: '33', gitVersion: 'v1.33.1' });
    // The release's build as its binaries report it (recorded from kubectl v1.33.1 of the same build), in version.Info's field order.
    const info = server.raw('/version').body as Record<string, string>;
    expect(Object.keys(info)).toEqual(['major', 'minor', 'emulationMajor', 'emulationMinor', 'minCompatibilityMajor', 'minCompatibilityMinor', 'gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'goVersion', 'compiler', 'platform']);
    expect(info).toMatchObject({ gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828', buildDate: '2025-05-15T08:27:33Z', goVersion: 'go1.24.2' });
    expect(server.raw('/healthz')).toEqual({ code: 200, body: 'ok' });
    expect(String(server.raw('/readyz?verbose').body)).toMatch(/^\[\+\]ping ok\n[\s\S]*readyz check passed\n$/);
    const jane = { username: 'jane', groups: ['system:authenticated'] };
    expect(server.raw('/version', jane).code).toBe(200);
    const denied = server.raw('/metrics', jane);
    expect(denied.code).toBe(403);
    expect((denied.body as { message: string }).message).toBe('forbidden: User "jane" cannot get path "/metrics"');
  });
});

describe('writes from watch callbacks', () => {
  it('are readable at once and reach every watcher in order', () => {
    const { client } = newServer();
    const seenByOther: string[] = [];
    let readBack = 0;
    client.watch(DEPLOYMENTS, 'default', { resourceVersion: '1' }, (e) => {
      if (e.type === 'ADDED' && e.object.metadata!.name === 'a') {
        client.create(DEPLOYMENTS, 'default', deployment('b'));
        readBack = client.get(DEPLOYMENTS, 'default', 'b').code;
      }
    });
    client.watch(DEPLOYMENTS, 'default', { resourceVersion: '1' }, (e) => seenByOther.push(`${e.type} ${e.object.metadata!.name}`));
    client.create(DEPLOYMENTS, 'default', deployment('a'));
    expect(readBack).toBe(200);
    expect(seenByOther).toEqual(['ADDED a', 'ADDED b']);
  });
});

describe('terminating namespaces', () => {
  it('keep existing while spec.finalizers remain, even when their status is updated', () => {
    const { client } = newServer();
    withNamespace(client, 'dev');
    client.delete(NAMESPACES, undefined, 'dev');
    const ns = client.get(NAMESPACES, undefined, 'dev').body as KubeObject;
    const r = client.updateStatus(NAMESPACES, undefined, { ...ns, status: { phase: 'Terminating', conditions: [{ type: 'NamespaceContentRemaining', status: 'True' }] } });
    expect(r.code).toBe(200);
    expect(client.get(NAMESPACES, undefined, 'dev').code).toBe(200);
  });
});

describe('event TTL', () => {
  it('drops events an hour after their last update', () => {
    const { client, clock } = newServer();
    const EVENTS = gvr('events');
    const ev = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name },
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
      reason: 'Started',
      message: 'm',
      type: 'Normal',
      lastTimestamp: clock.rfc3339(),
    });
    client.create(EVENTS, 'default', ev('old'));
    clock.advance(40 * 60 * 1000);
    client.create(EVENTS, 'default', ev('new'));
    clock.advance(25 * 60 * 1000);
    const names = (client.list(EVENTS, 'default').body as { items: KubeObject[] }).items.map((e) => e.metadata!.name);
    expect(names).toEqual(['new']);
  });
});

describe('deprecated APIs', () => {
  it('computes componentstatuses and warns on deprecated resources', () => {
    const { client, server } = newServer();
    const r = client.list(gvr('componentstatuses'));
    expect(r.warnings).toEqual(['v1 ComponentStatus is deprecated in v1.19+']);
    expect((r.body as { items: KubeObject[] }).items.map((c) => c.metadata!.name)).toEqual(['scheduler', 'controller-manager', 'etcd-0']);
    server.componentHealth = () => [{ name: 'scheduler', healthy: false, message: '', error: 'Get "https://127.0.0.1:10259/healthz": dial tcp 127.0.0.1:10259: connect: connection refused' }];
    const s = client.get(gvr('componentstatuses'), undefined, 'scheduler').body as KubeObject;
    expect(s.conditions).toEqual([{ type: 'Healthy', status: 'False', message: '', error: 'Get "https://127.0.0.1:10259/healthz": dial tcp 127.0.0.1:10259: connect: connection refused' }]);
    expect(client.list(gvr('endpoints'), 'default').warnings).toEqual(['v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice']);
    expect(client.list(gvr('pods'), 'default').warnings).toBeUndefined();
  });
});

describe('raw paths', () => {
  it('serves discovery and resource paths like kubectl get --raw', () => {
    const { server, client } = newServer();
    client.create(DEPLOYMENTS, 'default', deployment('web'));
    expect((server.raw('/api').body as { versions: string[] }).versions).toEqual(['v1']);
    expect((server.raw('/apis').body as { groups: { name: string }[] }).groups[0].name).toBe('apiregistration.k8s.io');
    expect((server.raw('/apis/apps/v1').body as { groupVersion: string }).groupVersion).toBe('apps/v1');
    const list = server.raw('/apis/apps/v1/namespaces/default/deployments?labelSelector=app%3Dweb');
    expect((list.body as { items: KubeObject[] }).items.map((d) => d.metadata!.name)).toEqual(['web']);
    expect(server.raw('/api/v1/namespaces/default/pods/nope').code).toBe(404);
    expect(server.raw('/healthz').body).toBe('ok');
  });
});

describe('version across save and restore', () => {
  it('keeps the server version', async () => {
    const { SimClock } = await import('../../../src/sim/clock');
    const { SeededRandom } = await import('../../../src/sim/random');
    const { createApiServer, ApiServer } = await import('../../../src/sim/apiserver');
    const clock = new SimClock();
    const s = createApiServer({ clock, random: new SeededRandom(1), version: 'v1.32.4' });
    const copy = ApiServer.fromJSON(JSON.parse(JSON.stringify(s)), { clock, random: new SeededRandom(1) });
    expect(copy.raw('/version').body).toMatchObject({ gitVersion: 'v1.32.4', minor: '32' });
    expect(copy.request({ verb: 'list', group: '', version: 'v1', resource: 'endpoints', namespace: 'default' }).warnings).toBeUndefined();
  });
});
