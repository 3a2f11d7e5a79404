import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import { list } from '../cluster/helpers';
import { metricsCluster } from './_helpers';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function available(admin: ReturnType<typeof metricsCluster>['admin']): Obj {
  const r = admin.get({ group: 'apiregistration.k8s.io', version: 'v1', resource: 'apiservices' }, undefined, 'v1beta1.metrics.k8s.io');
  return ((r.body as Obj).status.conditions as Obj[]).find((c) => c.type === 'Available')!;
}

describe('metrics-server behind the aggregation layer', () => {
  it('serves nothing until its pod is Ready, then NodeMetrics and PodMetrics', () => {
    const { cluster, admin } = metricsCluster({ insecureTls: true });
    cluster.advance(5000);
    expect(available(admin)).toMatchObject({ status: 'False', reason: 'MissingEndpoints', message: 'endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"' });
    expect(cluster.apiServer.raw('/apis/metrics.k8s.io/v1beta1/nodes')).toMatchObject({ code: 503, body: { message: 'the server is currently unable to handle the request' } });
    expect(cluster.apiServer.discovery().groups.some((g) => g.name === 'metrics.k8s.io')).toBe(false);
    cluster.advance(30_000);
    expect(available(admin)).toMatchObject({ status: 'True', reason: 'Passed', message: 'all checks passed' });
    const nodes = cluster.apiServer.raw('/apis/metrics.k8s.io/v1beta1/nodes');
    expect(nodes.code).toBe(200);
    const items = (nodes.body as Obj).items as Obj[];
    expect(items.map((i) => i.metadata.name)).toEqual(['cka01', 'cka02', 'cka03']);
    for (const i of items) {
      expect(i.usage.cpu).toMatch(/^\d+[num]?$/);
      expect(i.usage.memory).toMatch(/^\d+(Ki|Mi)?$/);
      expect(i.window).toBe('15s');
    }
    const pods = cluster.apiServer.raw('/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods');
    expect(((pods.body as Obj).items as Obj[]).map((p) => p.containers[0].name)).toEqual(['metrics-server']);
    expect(cluster.apiServer.raw('/apis/metrics.k8s.io/v1beta1/nodes/nope')).toMatchObject({ code: 404, body: { message: 'nodemetrics.metrics.k8s.io "nope" not found' } });
    expect(cluster.apiServer.discovery().resourceLists.find((l) => l.groupVersion === 'metrics.k8s.io/v1beta1')!.resources.map((r) => r.kind)).toEqual(['NodeMetrics', 'PodMetrics']);
  });

  it('without --kubelet-insecure-tls runs but never becomes Ready, logging the x509 error per node', () => {
    const { cluster, admin } = metricsCluster({ insecureTls: false });
    cluster.advance(90_000);
    const pod = list(admin, 'pods', 'kube-system', 'k8s-app=metrics-server')[0];
    const st = pod.status as Obj;
    expect(st.phase).toBe('Running');
    expect(st.containerStatuses[0].ready).toBe(false);
    expect(available(admin).reason).toBe('MissingEndpoints');
    const log = admin.request<string>({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace: 'kube-system', name: pod.metadata!.name, subresource: 'log' }).body;
    expect(log).toContain(
      'scraper.go:149] "Failed to scrape node" err="Get \\"https://192.168.6.172:10250/metrics/resource\\": tls: failed to verify certificate: x509: cannot validate certificate for 192.168.6.172 because it doesn\'t contain any IP SANs" node="cka02"',
    );
    const events = list(admin, 'events', 'kube-system').filter((e) => (e.involvedObject as Obj).name === pod.metadata!.name).map((e) => `${e.reason}: ${e.message}`);
    expect(events).toContain('Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 500');
  });

  it('adds a pod to the metrics at the first scrape after it started', () => {
    const { cluster, admin } = metricsCluster({ insecureTls: true });
    cluster.advance(40_000);
    admin.create(gvr('pods'), 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } as KubeObject);
    cluster.advance(3000);
    const before = cluster.apiServer.raw('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods');
    expect((before.body as Obj).items).toEqual([]);
    cluster.advance(15_000);
    const after = cluster.apiServer.raw('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods');
    expect(((after.body as Obj).items as Obj[]).map((p) => p.metadata.name)).toEqual(['web']);
  });

  it('loses a node whose kubelet stops', () => {
    const { cluster } = metricsCluster({ insecureTls: true });
    cluster.advance(40_000);
    cluster.kubelet('cka03').stop();
    cluster.advance(15_000);
    const names = ((cluster.apiServer.raw('/apis/metrics.k8s.io/v1beta1/nodes').body as Obj).items as Obj[]).map((i) => i.metadata.name);
    expect(names).not.toContain('cka03');
  });
});

describe('metrics-server list filters', () => {
  it('applies label and field selectors to PodMetrics', () => {
    const { cluster, admin } = metricsCluster({ insecureTls: true });
    for (const name of ['a', 'b']) admin.create(gvr('pods'), 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } as KubeObject);
    cluster.advance(60_000);
    const names = (q: string) => ((cluster.apiServer.raw(`/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?${q}`).body as Obj).items as Obj[]).map((p) => p.metadata.name);
    expect(names('')).toEqual(['a', 'b']);
    expect(names('labelSelector=app%3Db')).toEqual(['b']);
    expect(names('fieldSelector=metadata.name%3Da')).toEqual(['a']);
    expect(names('fieldSelector=metadata.name!%3Da')).toEqual(['b']);
  });
});

describe('metrics-server logs', () => {
  it('with --kubelet-insecure-tls logs only the nodes whose kubelet does not answer', () => {
    const { cluster, admin } = metricsCluster({ insecureTls: true });
    cluster.advance(40_000);
    const pod = list(admin, 'pods', 'kube-system', 'k8s-app=metrics-server')[0];
    const log = () => admin.request<string>({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace: 'kube-system', name: pod.metadata!.name, subresource: 'log' }).body as string;
    expect(log()).not.toContain('Failed to scrape node');
    expect(log()).toContain('secure_serving.go:213] Serving securely on [::]:10250');
    const down = pod.spec && (pod.spec as Obj).nodeName === 'cka03' ? 'cka02' : 'cka03';
    cluster.kubelet(down).stop();
    cluster.advance(60_000);
    const ip = down === 'cka03' ? '192.168.6.173' : '192.168.6.172';
    expect(log()).toContain(`"Failed to scrape node" err="Get \\"https://${ip}:10250/metrics/resource\\": dial tcp ${ip}:10250: connect: connection refused" node="${down}"`);
    expect(log()).not.toContain('x509');
    expect(log().split('\n').filter((l) => l === '')).toEqual(['']);
  });
});
