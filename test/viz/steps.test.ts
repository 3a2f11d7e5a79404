import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/sim/clock';
import { SeededRandom } from '../../src/sim/random';
import { ApiClient, bootstrapPolicy, createApiServer } from '../../src/sim/apiserver';
import type { TraceEvent } from '../../src/sim/apiserver/types';
import { actorOf } from '../../src/viz/actors';
import { foldSteps, restPath, stepOf, stepsFromTrace, type DiagramStep } from '../../src/viz/steps';

describe('actorOf', () => {
  it.each([
    ['kubernetes-admin', { kind: 'kubectl', detail: 'kubernetes-admin' }],
    ['system:kube-scheduler', { kind: 'scheduler' }],
    ['system:node:cka02', { kind: 'kubelet', detail: 'cka02' }],
    ['system:serviceaccount:kube-system:replicaset-controller', { kind: 'controller-manager', detail: 'replicaset-controller' }],
    ['system:serviceaccount:kube-system:kube-proxy', { kind: 'kube-proxy' }],
    ['system:apiserver', { kind: 'apiserver' }],
    ['jane', { kind: 'kubectl', detail: 'jane' }],
  ])('%s', (user, actor) => expect(actorOf(user)).toEqual(actor));
});

describe('restPath', () => {
  it('routes like the real API server', () => {
    expect(restPath({ group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', name: 'web' })).toBe('/apis/apps/v1/namespaces/default/deployments/web');
    expect(restPath({ group: '', version: 'v1', resource: 'pods', namespace: 'default', name: 'p', subresource: 'binding' })).toBe('/api/v1/namespaces/default/pods/p/binding');
    expect(restPath({ group: '', version: 'v1', resource: 'nodes' })).toBe('/api/v1/nodes');
  });
});

describe('steps from the real API server trace', () => {
  function traced() {
    const server = createApiServer({ clock: new SimClock(), random: new SeededRandom(1) });
    bootstrapPolicy(server, { kubeadm: true });
    const events: TraceEvent[] = [];
    server.trace.subscribe((e) => events.push(e));
    return { server, events };
  }

  it('a kubectl create becomes: request to the apiserver, a write to etcd, deliveries to watchers', () => {
    const { server, events } = traced();
    const controller = new ApiClient(server, { username: 'system:serviceaccount:kube-system:deployment-controller', groups: ['system:serviceaccounts', 'system:masters'] });
    controller.watch({ group: 'apps', version: 'v1', resource: 'deployments' }, undefined, {}, () => {});
    const kubectl = new ApiClient(server, { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] });
    kubectl.create({ group: 'apps', version: 'v1', resource: 'deployments' }, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    });
    const steps = stepsFromTrace(events);
    const arrows = steps.map((s) => `${s.from}->${s.to}`);
    expect(arrows).toContain('kubectl->apiserver');
    expect(arrows).toContain('apiserver->etcd');
    expect(arrows).toContain('apiserver->controller-manager');
    // order as a person reads it: the request arrives, it is stored, then the watchers hear of it
    expect(arrows.indexOf('kubectl->apiserver')).toBeLessThan(arrows.indexOf('apiserver->etcd'));
    expect(arrows.indexOf('apiserver->etcd')).toBeLessThan(arrows.indexOf('apiserver->controller-manager'));
    const request = steps.find((s) => s.from === 'kubectl')!;
    expect(request.detail.path).toBe('/apis/apps/v1/namespaces/default/deployments');
    expect(request.caption.en).toBe('kubectl: POST deployments → 201');
    const write = steps.find((s) => s.to === 'etcd')!;
    expect(write.caption.en).toMatch(/^write deployments default\/web \(revision \d+\)$/);
    expect(write.caption['zh-CN']).toMatch(/^写入 deployments default\/web（revision \d+）$/);
  });

  it('drops reads unless asked, and folds repeated arrows with a count', () => {
    const { server, events } = traced();
    const c = new ApiClient(server, { username: 'system:node:cka02', groups: ['system:nodes'] });
    c.list({ group: '', version: 'v1', resource: 'pods' }, undefined, {});
    for (let i = 0; i < 5; i++) {
      c.create({ group: '', version: 'v1', resource: 'configmaps' }, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } });
    }
    const steps = events.map((e) => stepOf(e)).filter((s): s is DiagramStep => !!s);
    expect(steps.some((s) => s.detail.verb === 'list')).toBe(false);
    expect(events.map((e) => stepOf(e, { includeReads: true })).some((s) => s?.detail.verb === 'list')).toBe(true);
    const folded = foldSteps(steps.filter((s) => s.detail.kind === 'request'));
    expect(folded).toHaveLength(1);
    expect(folded[0]).toMatchObject({ from: 'kubelet:cka02', count: 5 });
  });
});

describe('folding', () => {
  const at = (seq: number, from: string, resource: string): DiagramStep => ({ seq, at: seq, from, to: 'apiserver', caption: { en: `${seq}`, 'zh-CN': `${seq}` }, detail: { kind: 'request', verb: 'create', resource } });
  it('keeps the story of a small batch in order, folding only neighbours', () => {
    const folded = foldSteps([at(1, 'kubectl', 'deployments'), at(2, 'scheduler', 'pods'), at(3, 'scheduler', 'pods'), at(4, 'kubectl', 'deployments')]);
    expect(folded.map((f) => [f.seq, f.count])).toEqual([[1, 1], [2, 2], [4, 1]]);
  });
  it('folds a burst by shape across the batch, in the order shapes first appeared', () => {
    const burst = Array.from({ length: 300 }, (_, i) => at(i, i % 3 === 0 ? 'scheduler' : 'controller-manager', i % 3 === 0 ? 'bindings' : 'pods'));
    const folded = foldSteps(burst);
    expect(folded.map((f) => [f.from, f.count])).toEqual([['scheduler', 100], ['controller-manager', 200]]);
  });
});
