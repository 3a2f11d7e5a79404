import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EtcdStore, ETCD_ERRORS } from '../../src/sim/etcd';
import { bootWorld, runScript } from '../../src/runtime/session';
import { VizFeed, type VizBatch } from '../../src/terminal/worker/viz-feed';
import { objectAtRevision } from '../../src/viz/detail';
import { detailFields, detailQueryOf } from '../../src/components/viz/detail-fields';
import type { DiagramStep } from '../../src/viz/steps';

const noTimers = { setInterval: () => 0, clearInterval: () => {} };
const cm = (data: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { v: data } });

describe('the object behind a step, read from etcd at its revision', () => {
  it('shows each revision of a key as it was then, with that revision as resourceVersion', () => {
    const etcd = new EtcdStore();
    const key = '/registry/configmaps/default/c';
    const r1 = etcd.put(key, cm('one')).header.revision;
    const r2 = etcd.put(key, cm('two')).header.revision;
    const first = objectAtRevision(etcd, { key, revision: r1 });
    expect(first.resourceVersion).toBe(String(r1));
    expect(parse(first.yaml!)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', resourceVersion: String(r1) }, data: { v: 'one' } });
    // kubectl's YAML layout: keys sorted, two-space indent
    expect(first.yaml).toBe(`apiVersion: v1\ndata:\n  v: one\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: default\n  resourceVersion: "${r1}"\n`);
    expect(parse(objectAtRevision(etcd, { key, revision: r2 }).yaml!).data).toEqual({ v: 'two' });
  });

  it('a delete shows the object as last stored, with the deleting revision; a DELETED delivery says so', () => {
    const etcd = new EtcdStore();
    const key = '/registry/configmaps/default/c';
    etcd.put(key, cm('gone'));
    etcd.delete(key);
    const detail = objectAtRevision(etcd, { key, revision: etcd.revision, event: 'DELETED' });
    expect(detail.event).toBe('DELETED');
    expect(detail.resourceVersion).toBe(String(etcd.revision));
    expect(parse(detail.yaml!).data).toEqual({ v: 'gone' });
  });

  it('fails like etcd for a compacted or future revision, and for a revision where the key did not change', () => {
    const etcd = new EtcdStore();
    const key = '/registry/configmaps/default/c';
    const r1 = etcd.put(key, cm('a')).header.revision;
    etcd.put(key, cm('b'));
    etcd.put('/registry/configmaps/default/other', cm('x'));
    etcd.compact(etcd.revision);
    expect(objectAtRevision(etcd, { key, revision: r1 }).error).toBe(ETCD_ERRORS.compacted);
    expect(objectAtRevision(etcd, { key, revision: etcd.revision + 5 }).error).toBe(ETCD_ERRORS.futureRevision);
    expect(objectAtRevision(etcd, { key, revision: etcd.revision }).error).toBe(`no change of ${key} at revision ${etcd.revision}`);
    expect(objectAtRevision(etcd, { key, revision: 0 }).error).toBe('invalid revision 0');
    // reading leaves no watcher behind
    expect(etcd.watcherCount).toBe(0);
  });

  it('in the running cluster: the Deployment kubectl created, its scale, and a pod as the scheduler heard of it', async () => {
    const world = bootWorld('cluster');
    const batches: VizBatch[] = [];
    const feed = new VizFeed(world, (b) => batches.push(b), noTimers);
    feed.start();
    await runScript(world, 'cka01', 'kubectl create deployment web --image=nginx --replicas=2; sleep 20; kubectl scale deployment web --replicas=3; sleep 5');
    feed.flush();
    const steps = batches.flatMap((b) => b.steps);
    const create = steps.find((s) => s.from === 'kubectl' && s.detail.verb === 'create')!;
    // the request carries the object it stored
    expect(create.detail.key).toBe('/registry/deployments/default/web');
    const created = feed.detail(detailQueryOf(create)!);
    const deployment = parse(created.yaml!);
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.metadata.resourceVersion).toBe(String(create.detail.revision));
    const scale = steps.find((s) => s.from === 'kubectl' && s.detail.resource === 'deployments' && s.detail.verb !== 'create')!;
    expect(scale.detail.key).toBe('/registry/deployments/default/web');
    expect(parse(feed.detail(detailQueryOf(scale)!).yaml!).spec.replicas).toBe(3);
    // a watch delivery to the scheduler: the event type and the pod as it was at that revision
    const delivery = steps.find((s) => s.detail.kind === 'deliver' && s.to === 'scheduler' && s.detail.key?.startsWith('/registry/pods/default/web-'))!;
    const query = detailQueryOf(delivery)!;
    expect(query.event).toMatch(/^(ADDED|MODIFIED|DELETED)$/);
    const pod = feed.detail(query);
    expect(pod.event).toBe(query.event);
    expect(parse(pod.yaml!).metadata.resourceVersion).toBe(String(query.revision));
    expect(parse(pod.yaml!).kind).toBe('Pod');
  });
});

describe('detail fields', () => {
  const base = { seq: 1, at: 0, from: 'apiserver', to: 'controller-manager', caption: { en: '', 'zh-CN': '' } };
  it('a delivery lists its event, key and revision, and asks etcd for that revision', () => {
    const step: DiagramStep = { ...base, detail: { kind: 'deliver', key: '/registry/pods/default/p', revision: 42, event: 'MODIFIED', resource: 'pods' } };
    expect(detailFields(step)).toEqual({ event: 'MODIFIED', key: '/registry/pods/default/p', revision: '42' });
    expect(detailQueryOf(step)).toEqual({ key: '/registry/pods/default/p', revision: 42, event: 'MODIFIED' });
  });
  it('a request shows its method, path and code; one that stored nothing asks for nothing', () => {
    const step: DiagramStep = { ...base, from: 'kubectl', to: 'apiserver', detail: { kind: 'request', verb: 'create', path: '/api/v1/namespaces/default/pods', code: 422, resource: 'pods' } };
    expect(detailFields(step)).toEqual({ request: 'POST /api/v1/namespaces/default/pods → 422' });
    expect(detailQueryOf(step)).toBeUndefined();
  });
  it('a runtime step names its node and carries its own record', () => {
    const step: DiagramStep = { ...base, detail: { kind: 'runtime', verb: 'container-started', node: 'cka02', object: { id: 'abc' } } };
    expect(detailFields(step)).toEqual({ node: 'cka02' });
    expect(detailQueryOf(step)).toBeUndefined();
  });
  it('the answer adds the resourceVersion', () => {
    expect(detailFields({ key: '/k', revision: 9, resourceVersion: '9', yaml: 'x' })).toEqual({ key: '/k', revision: '9', resourceVersion: '9' });
  });
});
