/**
 * nodes/proxy: the API server forwards GETs to the kubelet a node registered, passes its answer
 * through (status, Content-Type, bytes), and refuses as the real one does: RBAC on nodes/proxy,
 * an unknown node, a kubelet that does not listen (the proxy transport's 503).
 */
import { describe, expect, it } from 'vitest';
import { routeRawPath } from '../../../src/sim/apiserver/rawpath';
import { gvr, type KubeObject, type KubeletHttpResponse } from '../../../src/sim/apiserver';
import { newServer } from './helpers';

const node = (name: string, ip: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: { addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }], daemonEndpoints: { kubeletEndpoint: { Port: 10250 } } },
});

function withNodes() {
  const env = newServer();
  env.client.create(gvr('nodes'), undefined, node('cka02', '192.168.6.172'));
  env.client.create(gvr('nodes'), undefined, node('cka03', '192.168.6.173'));
  const calls: { path: string; query: Record<string, string | undefined> }[] = [];
  env.server.registerKubeletHttpProvider('cka02', (path, query): KubeletHttpResponse => {
    calls.push({ path, query });
    return path === 'healthz' ? { code: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' } : { code: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found\n' };
  });
  return { ...env, calls };
}

describe('raw paths of a proxy subresource', () => {
  it('carry what follows proxy/ (a trailing slash kept) and the query', () => {
    const discovery = () => ({ groups: [], resourceLists: [] });
    expect(routeRawPath('/api/v1/nodes/cka02/proxy/stats/summary?only_cpu_and_memory=true', discovery)).toEqual({
      kind: 'request',
      request: { verb: 'get', group: '', version: 'v1', resource: 'nodes', name: 'cka02', subresource: 'proxy', namespace: undefined, path: 'stats/summary', query: { only_cpu_and_memory: 'true' } },
    });
    const logs = routeRawPath('/api/v1/nodes/cka02/proxy/logs/', discovery);
    expect(logs.kind === 'request' && logs.request.path).toBe('logs/');
    const root = routeRawPath('/api/v1/nodes/cka02/proxy', discovery);
    expect(root.kind === 'request' && root.request.path).toBe('');
  });
});

describe('nodes/proxy', () => {
  it("passes the kubelet's answer through: status, Content-Type and bytes", () => {
    const { server, calls } = withNodes();
    expect(server.raw('/api/v1/nodes/cka02/proxy/healthz')).toEqual({ code: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' });
    expect(server.raw('/api/v1/nodes/cka02/proxy/nope')).toEqual({ code: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found\n' });
    server.raw('/api/v1/nodes/cka02/proxy/healthz?verbose=');
    expect(calls.map((c) => c.path)).toEqual(['healthz', 'nope', 'healthz']);
    expect(calls[2].query).toEqual({ verbose: '' });
  });

  it('an unknown node is NotFound before any kubelet is dialled', () => {
    const { server, calls } = withNodes();
    const r = server.raw('/api/v1/nodes/cka09/proxy/healthz');
    expect(r.code).toBe(404);
    expect(r.body).toMatchObject({ reason: 'NotFound', message: 'nodes "cka09" not found', details: { name: 'cka09', kind: 'nodes' } });
    expect(calls).toEqual([]);
  });

  it("a kubelet that does not listen: the proxy transport's 503 with the dial error to the node's InternalIP", () => {
    const { server } = withNodes();
    const r = server.raw('/api/v1/nodes/cka03/proxy/configz');
    expect(r.code).toBe(503);
    expect(r.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'error trying to reach service: dial tcp 192.168.6.173:10250: connect: connection refused', reason: 'ServiceUnavailable', code: 503 });
  });

  it('once the kubelet unregisters (stopped), the same refusal', () => {
    const env = newServer();
    env.client.create(gvr('nodes'), undefined, node('cka02', '192.168.6.172'));
    const off = env.server.registerKubeletHttpProvider('cka02', () => ({ code: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' }));
    expect(env.server.raw('/api/v1/nodes/cka02/proxy/healthz').code).toBe(200);
    off();
    expect(env.server.raw('/api/v1/nodes/cka02/proxy/healthz').code).toBe(503);
  });

  it('is authorized as get on nodes/proxy: a user without it gets the RBAC Forbidden', () => {
    const { server, calls } = withNodes();
    const sa = { username: 'system:serviceaccount:default:default', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] };
    const r = server.raw('/api/v1/nodes/cka02/proxy/healthz', sa);
    expect(r.code).toBe(403);
    expect(r.body).toMatchObject({
      reason: 'Forbidden',
      message: 'nodes "cka02" is forbidden: User "system:serviceaccount:default:default" cannot get resource "nodes/proxy" in API group "" at the cluster scope',
      details: { name: 'cka02', kind: 'nodes' },
    });
    expect(calls).toEqual([]);
    // The bootstrap role system:kubelet-api-admin grants it (what the API server's own kubelet client holds).
    server.request({
      verb: 'create', group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings',
      body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'sa-kubelet-api' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:kubelet-api-admin' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }] },
    });
    expect(server.raw('/api/v1/nodes/cka02/proxy/healthz', sa).code).toBe(200);
  });

  it('pods/proxy and services/proxy stay unserved here', () => {
    const { server } = withNodes();
    expect(server.raw('/api/v1/namespaces/default/pods/web/proxy/').body).toMatchObject({ reason: 'NotFound', message: 'the server could not find the requested resource' });
  });
});
