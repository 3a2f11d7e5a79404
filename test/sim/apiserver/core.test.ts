import { describe, expect, it } from 'vitest';
import { newServer, pod, deployment, withNamespace, PODS, DEPLOYMENTS, NAMESPACES } from './helpers';
import type { KubeObject, Status, WatchEvent } from '../../../src/sim/apiserver';
import type { ListResult } from '../../../src/sim/apiserver/client';

describe('create and get', () => {
  it('stores a pod with server-set metadata and defaults', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const r = client.create(PODS, 'default', pod('web'));
    expect(r.code).toBe(201);
    const p = r.body as KubeObject;
    expect(p.metadata).toMatchObject({ name: 'web', namespace: 'default', creationTimestamp: '2026-01-15T08:00:00Z', generation: 1 });
    expect(p.metadata!.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number(p.metadata!.resourceVersion)).toBeGreaterThan(0);
    const spec = p.spec as Record<string, unknown>;
    expect(spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      securityContext: {},
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      serviceAccountName: 'default',
      serviceAccount: 'default',
    });
    const c = (spec.containers as Record<string, unknown>[])[0];
    expect(c).toMatchObject({ imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} });
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect((spec.volumes as { name: string }[])[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    const got = client.get(PODS, 'default', 'web');
    expect(got.code).toBe(200);
    expect((got.body as KubeObject).metadata!.resourceVersion).toBe(p.metadata!.resourceVersion);
  });

  it('generates names from generateName with 5 characters of the k8s alphabet', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const r = client.create(PODS, 'default', { ...pod(''), metadata: { generateName: 'web-' } });
    expect((r.body as KubeObject).metadata!.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('refuses duplicates and missing namespaces with the real texts', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    client.create(DEPLOYMENTS, 'default', deployment('web'));
    const dup = client.create(DEPLOYMENTS, 'default', deployment('web'));
    expect(dup.code).toBe(409);
    expect((dup.body as Status).message).toBe('deployments.apps "web" already exists');
    const nons = client.create(DEPLOYMENTS, 'foo', deployment('web'));
    expect(nons.code).toBe(404);
    expect((nons.body as Status).message).toBe('namespaces "foo" not found');
    const nf = client.get(PODS, 'default', 'x');
    expect((nf.body as Status).message).toBe('pods "x" not found');
    expect(nf.code).toBe(404);
  });

  it('answers unknown resources with the generic 404', () => {
    const { server } = newServer();
    const r = server.request({ verb: 'list', group: '', version: 'v1', resource: 'pods2' });
    expect(r.code).toBe(404);
    expect((r.body as Status).message).toBe('the server could not find the requested resource');
  });

  it('dryRun=All stores nothing', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const r = client.create(DEPLOYMENTS, 'default', deployment('web'), { dryRun: 'All' });
    expect(r.code).toBe(201);
    expect(client.get(DEPLOYMENTS, 'default', 'web').code).toBe(404);
  });

  it('defaults a deployment like the real server', () => {
    const { client } = newServer();
    const d = client.create(DEPLOYMENTS, 'default', deployment('web')).body as KubeObject;
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: { metadata: { creationTimestamp: null }, spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' } },
    });
    expect(d.metadata!.generation).toBe(1);
  });
});

describe('update', () => {
  it('rejects a stale resourceVersion with the conflict text', () => {
    const { client } = newServer();
    const d = client.create(DEPLOYMENTS, 'default', deployment('web')).body as KubeObject;
    const fresh = client.update(DEPLOYMENTS, 'default', { ...d, spec: { ...(d.spec as object), replicas: 3 } });
    expect(fresh.code).toBe(200);
    expect((fresh.body as KubeObject).metadata!.generation).toBe(2);
    const stale = client.update(DEPLOYMENTS, 'default', { ...d, spec: { ...(d.spec as object), replicas: 5 } });
    expect(stale.code).toBe(409);
    expect((stale.body as Status).message).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('bumps generation only on spec changes, and status updates leave spec alone', () => {
    const { client } = newServer();
    const d = client.create(DEPLOYMENTS, 'default', deployment('web')).body as KubeObject;
    const labelled = client.update(DEPLOYMENTS, 'default', { ...d, metadata: { ...d.metadata, labels: { app: 'web', tier: 'x' } } }).body as KubeObject;
    expect(labelled.metadata!.generation).toBe(1);
    const st = client.updateStatus(DEPLOYMENTS, 'default', { ...labelled, spec: { ...(labelled.spec as object), replicas: 9 }, status: { replicas: 1 } }).body as KubeObject;
    expect(st.status).toEqual({ replicas: 1 });
    expect((st.spec as { replicas: number }).replicas).toBe(1);
    const main = client.update(DEPLOYMENTS, 'default', { ...st, status: { replicas: 7 } }).body as KubeObject;
    expect(main.status).toEqual({ replicas: 1 });
  });
});

describe('list', () => {
  it('filters by label and field selectors and pages with limit/continue', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    for (let i = 0; i < 5; i++) client.create(PODS, 'default', pod(`web-${i}`, { app: i % 2 ? 'a' : 'b', tier: 'web' }));
    const list = (sel: string) => (client.list(PODS, 'default', { labelSelector: sel }).body as ListResult).items.map((p) => p.metadata!.name);
    expect(list('app=a')).toEqual(['web-1', 'web-3']);
    expect(list('app!=a')).toEqual(['web-0', 'web-2', 'web-4']);
    expect(list('app in (a,b),tier')).toHaveLength(5);
    expect(list('!tier')).toEqual([]);
    expect(list('app notin (b)')).toEqual(['web-1', 'web-3']);
    const byName = client.list(PODS, 'default', { fieldSelector: 'metadata.name=web-2' }).body as ListResult;
    expect(byName.items.map((p) => p.metadata!.name)).toEqual(['web-2']);
    const page1 = client.list(PODS, 'default', { limit: 2 }).body as ListResult;
    expect(page1.items).toHaveLength(2);
    expect(page1.metadata.remainingItemCount).toBe(3);
    const page2 = client.list(PODS, 'default', { limit: 2, continue: page1.metadata.continue }).body as ListResult;
    expect(page2.items.map((p) => p.metadata!.name)).toEqual(['web-2', 'web-3']);
    const bad = client.list(PODS, 'default', { fieldSelector: 'spec.foo=x' });
    expect(bad.code).toBe(400);
    expect((bad.body as Status).message).toBe('field label not supported: spec.foo');
  });

  it('hands out items that are private copies of the listed snapshot', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    for (let i = 0; i < 3; i++) client.create(PODS, 'default', pod(`web-${i}`, { app: 'a' }));
    const first = (client.list(PODS, 'default').body as ListResult).items;
    const rv = first.map((p) => p.metadata!.resourceVersion);
    // A later write does not show in a list already made, read before or after it.
    client.patch(PODS, 'default', 'web-1', { metadata: { labels: { app: 'b' } } });
    expect(first.map((p) => p.metadata!.labels!.app)).toEqual(['a', 'a', 'a']);
    expect(first.map((p) => p.metadata!.resourceVersion)).toEqual(rv);
    // Items are the caller's: changing one changes nothing in the server or in another list.
    first[0].metadata!.labels!.app = 'mine';
    first[2] = { ...first[2], kind: 'Changed' };
    expect(first[0].metadata!.labels!.app).toBe('mine');
    expect(first[2].kind).toBe('Changed');
    const again = (client.list(PODS, 'default').body as ListResult).items;
    expect(again.map((p) => p.metadata!.labels!.app)).toEqual(['a', 'b', 'a']);
    expect(again[0]).toBe(again[0]);
    expect(JSON.parse(JSON.stringify(again))).toEqual(again);
    expect([...again].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? 1 : -1)).map((p) => p.metadata!.name)).toEqual(['web-2', 'web-1', 'web-0']);
  });
});

describe('shared objects', () => {
  it('read-only gets, lists and watches share the cached object, frozen and equal to a decoding of the stored text', () => {
    const { server, client } = newServer();
    withNamespace(client, 'default');
    client.create(PODS, 'default', pod('web', { app: 'a' }));
    const events: KubeObject[] = [];
    const w = client.watch(PODS, 'default', { resourceVersion: String(server.etcd.revision), readOnly: true }, (ev) => events.push(ev.object));
    client.patch(PODS, 'default', 'web', { metadata: { labels: { app: 'b' } } });
    const shared = client.get(PODS, 'default', 'web', { readOnly: true }).body as KubeObject;
    const listed = (client.list(PODS, 'default', { readOnly: true }).body as ListResult).items[0];
    expect(events).toHaveLength(1);
    expect(events[0]).toBe(shared);
    expect(listed).toBe(shared);
    expect(Object.isFrozen(shared.metadata!.labels)).toBe(true);
    const stored = server.etcd.get('/registry/pods/default/web')!;
    const decoded = JSON.parse(stored.value) as KubeObject;
    decoded.metadata!.resourceVersion = String(stored.modRevision);
    expect(JSON.stringify(shared)).toBe(JSON.stringify(decoded));
    // Everyone else gets a private copy.
    const own = client.get(PODS, 'default', 'web').body as KubeObject;
    expect(own).not.toBe(shared);
    expect(own).toEqual(shared);
    own.metadata!.labels!.app = 'mine';
    expect((client.get(PODS, 'default', 'web').body as KubeObject).metadata!.labels!.app).toBe('b');
    if ('stop' in w) w.stop();
  });

  it('answers a read-only update with the stored object and any other with a copy', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
    const created = client.create(CONFIGMAPS, 'default', cm).body as KubeObject;
    const first = client.update(CONFIGMAPS, 'default', { ...created, data: { a: '2' } }, {}, { readOnly: true }).body as KubeObject;
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toBe(client.get(CONFIGMAPS, 'default', 'c', { readOnly: true }).body);
    const second = client.update(CONFIGMAPS, 'default', { ...first, data: { a: '3' } }).body as KubeObject;
    expect(Object.isFrozen(second)).toBe(false);
    expect(second.data).toEqual({ a: '3' });
    // A no-op update writes nothing and still answers with a copy the caller may change.
    const same = client.update(CONFIGMAPS, 'default', second).body as KubeObject;
    expect(same.metadata!.resourceVersion).toBe(second.metadata!.resourceVersion);
    expect(Object.isFrozen(same)).toBe(false);
  });
});

describe('delete', () => {
  it('deletes unbound pods at once and bound pods gracefully', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    client.create(PODS, 'default', pod('a'));
    const r = client.delete(PODS, 'default', 'a');
    expect(r.code).toBe(200);
    expect(client.get(PODS, 'default', 'a').code).toBe(404);
    client.create(PODS, 'default', pod('b'));
    expect(client.createSubresource(PODS, 'default', 'b', 'binding', { target: { kind: 'Node', name: 'cka02' } }).code).toBe(201);
    const g = client.delete(PODS, 'default', 'b').body as KubeObject;
    expect(g.metadata!.deletionTimestamp).toBe('2026-01-15T08:00:30Z');
    expect(g.metadata!.deletionGracePeriodSeconds).toBe(30);
    expect(client.get(PODS, 'default', 'b').code).toBe(200);
    client.delete(PODS, 'default', 'b', { gracePeriodSeconds: '0' });
    expect(client.get(PODS, 'default', 'b').code).toBe(404);
  });

  it('keeps objects with finalizers until they are removed', () => {
    const { client } = newServer();
    const d = deployment('web');
    d.metadata!.finalizers = ['example.com/keep'];
    client.create(DEPLOYMENTS, 'default', d);
    const r = client.delete(DEPLOYMENTS, 'default', 'web', { propagationPolicy: 'Foreground' }).body as KubeObject;
    expect(r.metadata!.deletionTimestamp).toBeDefined();
    expect(r.metadata!.finalizers).toEqual(['example.com/keep', 'foregroundDeletion']);
    const cleared = client.update(DEPLOYMENTS, 'default', { ...r, metadata: { ...r.metadata, finalizers: [] } });
    expect(cleared.code).toBe(200);
    expect(client.get(DEPLOYMENTS, 'default', 'web').code).toBe(404);
  });

  it('answers deployments with a Success Status', () => {
    const { client } = newServer();
    client.create(DEPLOYMENTS, 'default', deployment('web'));
    const r = client.delete(DEPLOYMENTS, 'default', 'web').body as Status;
    expect(r).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'web', group: 'apps', kind: 'deployments' } });
  });

  it('refuses to delete the default namespace and terminates others', () => {
    const { client } = newServer();
    const r = client.delete(NAMESPACES, undefined, 'default');
    expect(r.code).toBe(403);
    expect((r.body as Status).message).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
    withNamespace(client, 'dev');
    const t = client.delete(NAMESPACES, undefined, 'dev').body as KubeObject;
    expect((t.status as { phase: string }).phase).toBe('Terminating');
    const blocked = client.create(DEPLOYMENTS, 'dev', deployment('web'));
    expect(blocked.code).toBe(403);
    expect((blocked.body as Status).message).toBe('unable to create new content in namespace dev because it is being terminated');
  });
});

describe('watch', () => {
  it('streams ADDED/MODIFIED/DELETED from a resourceVersion', () => {
    const { client } = newServer();
    const list = client.list(DEPLOYMENTS, 'default').body as ListResult;
    const events: string[] = [];
    const h = client.watch(DEPLOYMENTS, 'default', { resourceVersion: list.metadata.resourceVersion }, (e: WatchEvent) =>
      events.push(`${e.type} ${e.object.metadata!.name} ${(e.object.spec as { replicas: number }).replicas}`),
    );
    expect('stop' in h).toBe(true);
    const d = client.create(DEPLOYMENTS, 'default', deployment('web')).body as KubeObject;
    client.update(DEPLOYMENTS, 'default', { ...d, spec: { ...(d.spec as object), replicas: 2 } });
    client.delete(DEPLOYMENTS, 'default', 'web');
    expect(events).toEqual(['ADDED web 1', 'MODIFIED web 2', 'DELETED web 2']);
  });

  it('turns selector changes into ADDED/DELETED and starts with current objects without a resourceVersion', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    client.create(PODS, 'default', pod('a', { app: 'x' }));
    const events: string[] = [];
    client.watch(PODS, 'default', { labelSelector: 'app=x' }, (e) => events.push(`${e.type} ${e.object.metadata!.name}`));
    const b = client.create(PODS, 'default', pod('b', { app: 'y' })).body as KubeObject;
    client.update(PODS, 'default', { ...b, metadata: { ...b.metadata, labels: { app: 'x' } } });
    const b2 = client.get(PODS, 'default', 'b').body as KubeObject;
    client.update(PODS, 'default', { ...b2, metadata: { ...b2.metadata, labels: { app: 'z' } } });
    expect(events).toEqual(['ADDED a', 'ADDED b', 'DELETED b']);
  });

  it('watches one object by name on its own key: a longer name, another namespace or label change is seen as a real server sees it', () => {
    const { client, server } = newServer();
    withNamespace(client, 'default');
    withNamespace(client, 'other');
    const events: string[] = [];
    const rv = String(server.etcd.revision);
    client.watch(PODS, 'default', { fieldSelector: 'metadata.name=a', resourceVersion: rv }, (e) => events.push(`${e.type} ${e.object.metadata!.namespace}/${e.object.metadata!.name}`));
    client.watch(PODS, 'default', { fieldSelector: 'metadata.name==a,metadata.namespace!=x', labelSelector: 'app=x', resourceVersion: rv }, (e) => events.push(`labelled ${e.type} ${e.object.metadata!.name}`));
    client.create(PODS, 'default', pod('ab', { app: 'x' }));
    client.create(PODS, 'other', pod('a', { app: 'x' }));
    const a = client.create(PODS, 'default', pod('a', { app: 'y' })).body as KubeObject;
    client.update(PODS, 'default', { ...a, metadata: { ...a.metadata, labels: { app: 'x' } } });
    client.delete(PODS, 'default', 'a', { gracePeriodSeconds: '0' });
    // An unscheduled pod deleted with grace 0 goes at once: DELETED alone.
    expect(events).toEqual(['ADDED default/a', 'MODIFIED default/a', 'labelled ADDED a', 'DELETED default/a', 'labelled DELETED a']);
  });

  it('fails with 410 Gone after compaction', () => {
    const { client, server, clock } = newServer();
    client.create(DEPLOYMENTS, 'default', deployment('a'));
    clock.advance(5 * 60 * 1000);
    client.create(DEPLOYMENTS, 'default', deployment('b'));
    clock.advance(5 * 60 * 1000);
    expect(server.etcd.compactRevision).toBeGreaterThan(3);
    const r = client.watch(DEPLOYMENTS, 'default', { resourceVersion: '2' }, () => {}) as Status;
    expect(r.code).toBe(410);
    expect(r.message).toMatch(/^too old resource version: 2 \(\d+\)$/);
  });
});

describe('discovery', () => {
  it('lists groups in server order with short names and categories', () => {
    const { server } = newServer();
    const d = server.discovery();
    expect(d.groups.map((g) => g.name).slice(0, 4)).toEqual(['', 'apiregistration.k8s.io', 'apps', 'events.k8s.io']);
    const core = d.resourceLists.find((l) => l.groupVersion === 'v1')!;
    expect(core.resources.find((r) => r.name === 'pods')).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(core.resources.find((r) => r.name === 'pods/eviction')).toMatchObject({ kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] });
    expect(d.groups.find((g) => g.name === 'autoscaling')!.preferredVersion.version).toBe('v2');
    const apps = d.resourceLists.find((l) => l.groupVersion === 'apps/v1')!;
    expect(apps.resources.find((r) => r.name === 'deployments')!.shortNames).toEqual(['deploy']);
  });
});

describe('persistence', () => {
  it('round-trips through toJSON and keeps serving', async () => {
    const { server, client, clock } = newServer();
    client.create(DEPLOYMENTS, 'default', deployment('web'));
    const { ApiServer } = await import('../../../src/sim/apiserver');
    const { SeededRandom } = await import('../../../src/sim/random');
    const copy = ApiServer.fromJSON(JSON.parse(JSON.stringify(server)), { clock, random: new SeededRandom(1) });
    const got = copy.request({ verb: 'get', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', name: 'web' });
    expect(got.code).toBe(200);
    expect(copy.etcd.revision).toBe(server.etcd.revision);
  });
});
