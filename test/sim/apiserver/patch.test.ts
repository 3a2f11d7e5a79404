import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newServer, deployment, DEPLOYMENTS } from './helpers';
import { applyJsonPatch, applyMergePatch, applyStrategicPatch, type KubeObject, type Status } from '../../../src/sim/apiserver';

/** The patch-demo Deployment of "Update API Objects in Place Using kubectl patch" (kubernetes.io). */
function patchDemo(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'patch-demo' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'patch-demo-ctr', image: 'nginx' }], tolerations: [{ effect: 'NoSchedule', key: 'dedicated', value: 'test-team' }] },
      },
    },
  };
}

const containersOf = (d: KubeObject) => (d.spec as { template: { spec: { containers: { name: string; image: string }[] } } }).template.spec.containers;

describe('strategic merge patch (documentation cases)', () => {
  it('merges containers by name (patch-file.yaml)', () => {
    const { client } = newServer();
    client.create(DEPLOYMENTS, 'default', patchDemo());
    const r = client.patch(DEPLOYMENTS, 'default', 'patch-demo', { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr-2', image: 'redis' }] } } } });
    expect(r.code).toBe(200);
    // As the page shows it: the container the patch names first, then the one only the object had (mergeSlice's order).
    expect(containersOf(r.body as KubeObject).map((c) => [c.name, c.image])).toEqual([
      ['patch-demo-ctr-2', 'redis'],
      ['patch-demo-ctr', 'nginx'],
    ]);
    expect((r.body as KubeObject).metadata!.generation).toBe(2);
  });

  it('replaces tolerations, which have no patch strategy (patch-file-tolerations.yaml)', () => {
    const { client } = newServer();
    client.create(DEPLOYMENTS, 'default', patchDemo());
    const r = client.patch(DEPLOYMENTS, 'default', 'patch-demo', {
      spec: { template: { spec: { tolerations: [{ effect: 'NoSchedule', key: 'disktype', value: 'ssd' }] } } },
    });
    expect((r.body as KubeObject).spec).toMatchObject({ template: { spec: { tolerations: [{ effect: 'NoSchedule', key: 'disktype', value: 'ssd' }] } } });
    expect(((r.body as KubeObject).spec as { template: { spec: { tolerations: unknown[] } } }).template.spec.tolerations).toHaveLength(1);
  });

  it('honours $retainKeys (patch-file-retainkeys.yaml)', () => {
    const { client } = newServer();
    client.create(DEPLOYMENTS, 'default', patchDemo());
    const r = client.patch(DEPLOYMENTS, 'default', 'patch-demo', { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    expect((r.body as KubeObject).spec).toMatchObject({ strategy: { type: 'Recreate' } });
    expect(((r.body as KubeObject).spec as { strategy: Record<string, unknown> }).strategy).not.toHaveProperty('rollingUpdate');
  });

  it('deletes list items with $patch: delete and replaces with $patch: replace', () => {
    const base = { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } };
    const del = applyStrategicPatch(base, { spec: { containers: [{ name: 'a', $patch: 'delete' }] } }, 'core.v1.Pod');
    expect(del).toEqual({ ok: true, value: { spec: { containers: [{ name: 'b', image: 'y' }] } } });
    const rep = applyStrategicPatch(base, { spec: { containers: [{ name: 'c', image: 'z' }, { $patch: 'replace' }] } }, 'core.v1.Pod');
    expect(rep).toEqual({ ok: true, value: { spec: { containers: [{ name: 'c', image: 'z' }] } } });
  });

  it('merges ports by containerPort, env by name and volumeMounts by mountPath; null deletes', () => {
    const base = {
      spec: {
        containers: [
          { name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }], volumeMounts: [{ name: 'v', mountPath: '/data' }] },
        ],
      },
      metadata: { labels: { a: '1', b: '2' } },
    };
    const r = applyStrategicPatch(
      base,
      {
        metadata: { labels: { b: null } },
        spec: {
          containers: [
            { name: 'web', ports: [{ containerPort: 443 }], env: [{ name: 'A', value: '2' }, { name: 'B', value: '3' }], volumeMounts: [{ name: 'w', mountPath: '/data' }] },
          ],
        },
      },
      'core.v1.Pod',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        metadata: { labels: { a: '1' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx',
              // the patch's port first (kubectl 1.33's patch --local: test/golden/kubectl/patch-local/011-…)
              ports: [{ containerPort: 443 }, { containerPort: 80 }],
              env: [{ name: 'A', value: '2' }, { name: 'B', value: '3' }],
              volumeMounts: [{ name: 'w', mountPath: '/data' }],
            },
          ],
        },
      },
    });
  });

  it('tolerates $setElementOrder and applies the order', () => {
    const base = { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '2' }] } };
    const r = applyStrategicPatch(base, { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }], containers: [{ name: 'a', image: '3' }] } }, 'core.v1.Pod');
    expect(r).toEqual({ ok: true, value: { spec: { containers: [{ name: 'b', image: '2' }, { name: 'a', image: '3' }] } } });
  });

  it('reports a missing merge key instead of throwing', () => {
    const r = applyStrategicPatch({ spec: { containers: [] } }, { spec: { containers: [{ image: 'x' }] } }, 'core.v1.Pod');
    expect(r).toEqual({ ok: false, error: 'map: map[image:x] does not contain declared merge key: name' });
  });
});

describe('JSON patch and merge patch', () => {
  it('applies RFC 6902 operations', () => {
    const doc = { spec: { replicas: 1, list: [1, 2] } };
    expect(
      applyJsonPatch(doc, [
        { op: 'replace', path: '/spec/replicas', value: 3 },
        { op: 'add', path: '/spec/list/-', value: 3 },
        { op: 'remove', path: '/spec/list/0' },
        { op: 'copy', from: '/spec/replicas', path: '/spec/copy' },
        { op: 'test', path: '/spec/copy', value: 3 },
      ]),
    ).toEqual({ ok: true, value: { spec: { replicas: 3, list: [2, 3], copy: 3 } } });
    expect(applyJsonPatch(doc, [{ op: 'remove', path: '/spec/nope' }])).toEqual({ ok: false, error: 'Unable to remove nonexistent key: nope: missing value' });
    expect(doc.spec.replicas).toBe(1);
  });

  it('applies RFC 7386 merge patches', () => {
    expect(applyMergePatch({ a: { b: 1, c: 2 }, l: [1] }, { a: { b: null, d: 3 }, l: [2] })).toEqual({ a: { c: 2, d: 3 }, l: [2] });
  });

  it('scales through a JSON patch on the server and keeps resourceVersion checks', () => {
    const { client } = newServer();
    client.create(DEPLOYMENTS, 'default', deployment('web'));
    const r = client.patch(DEPLOYMENTS, 'default', 'web', [{ op: 'replace', path: '/spec/replicas', value: 4 }], 'application/json-patch+json');
    expect((r.body as KubeObject).spec).toMatchObject({ replicas: 4 });
    const stale = client.patch(DEPLOYMENTS, 'default', 'web', { metadata: { resourceVersion: '1' }, spec: { replicas: 5 } }, 'application/merge-patch+json');
    expect(stale.code).toBe(409);
  });
});

describe('server-side apply', () => {
  it('creates, then reports conflicts with another manager, then forces', () => {
    const { client } = newServer();
    const cfg = deployment('web', 2);
    const created = client.patch(DEPLOYMENTS, 'default', 'web', cfg, 'application/apply-patch+yaml', { query: { fieldManager: 'kubectl' } });
    expect(created.code).toBe(201);
    const mf = (created.body as KubeObject).metadata!.managedFields as { manager: string; operation: string }[];
    expect(mf[0]).toMatchObject({ manager: 'kubectl', operation: 'Apply' });
    const other = client.patch(DEPLOYMENTS, 'default', 'web', { spec: { replicas: 5 } }, 'application/merge-patch+json', { query: { fieldManager: 'kubectl-edit' } });
    expect(other.code).toBe(200);
    const again = client.patch(DEPLOYMENTS, 'default', 'web', deployment('web', 3), 'application/apply-patch+yaml', { query: { fieldManager: 'kubectl' } });
    expect(again.code).toBe(409);
    expect((again.body as Status).message).toBe('Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas');
    const forced = client.patch(DEPLOYMENTS, 'default', 'web', deployment('web', 3), 'application/apply-patch+yaml', { query: { fieldManager: 'kubectl', force: 'true' } });
    expect(forced.code).toBe(200);
    expect((forced.body as KubeObject).spec).toMatchObject({ replicas: 3 });
  });

  it('requires a field manager', () => {
    const { client } = newServer();
    const r = client.patch(DEPLOYMENTS, 'default', 'web', deployment('web'), 'application/apply-patch+yaml');
    expect(r.code).toBe(400);
    expect((r.body as Status).message).toBe('PATCH, application/apply-patch+yaml requires fieldManager parameter');
  });
});

describe('patch properties', () => {
  const json = fc.jsonValue({ maxDepth: 4 });
  it('strategic, merge and JSON patches never throw on arbitrary input', () => {
    fc.assert(
      fc.property(json, json, fc.constantFrom('core.v1.Pod', 'apps.v1.Deployment', undefined), (a, b, def) => {
        applyStrategicPatch(a, b, def);
        applyMergePatch(a, b);
        applyJsonPatch(a, b);
      }),
      { numRuns: 300 },
    );
  });

  it('a merge patch of an object with itself changes nothing', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }).filter((v) => v !== null)), (o) => {
        const clean = JSON.parse(JSON.stringify(o));
        expect(applyMergePatch(clean, clean)).toEqual(stripNulls(clean));
      }),
      { numRuns: 200 },
    );
  });

  it('the server never throws on random patches', () => {
    const { client } = newServer();
    client.create(DEPLOYMENTS, 'default', deployment('web'));
    fc.assert(
      fc.property(json, fc.constantFrom('application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json') , (p, t) => {
        const r = client.patch(DEPLOYMENTS, 'default', 'web', p, t as 'application/merge-patch+json');
        expect(r.code).toBeGreaterThanOrEqual(200);
        expect(r.code).toBeLessThan(600);
      }),
      { numRuns: 150 },
    );
  });
});

function stripNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, stripNulls(x)]));
  return v;
}

describe('server-side apply removals', () => {
  it('removes fields the manager stopped applying, keeps fields others own', () => {
    const { client } = newServer();
    const apply = (obj: KubeObject, manager = 'kubectl') =>
      client.patch(DEPLOYMENTS, 'default', 'web', obj, 'application/apply-patch+yaml', { query: { fieldManager: manager } });
    const first = deployment('web');
    first.metadata!.labels = { app: 'web', tier: 'front' };
    (first.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers.push({ name: 'sidecar', image: 'busybox' });
    expect(apply(first).code).toBe(201);
    client.patch(DEPLOYMENTS, 'default', 'web', { metadata: { annotations: { note: 'x' } } }, 'application/merge-patch+json', { query: { fieldManager: 'other' } });
    const second = deployment('web');
    const r = apply(second);
    expect(r.code).toBe(200);
    const d = r.body as KubeObject;
    expect(d.metadata!.labels).toEqual({ app: 'web' });
    expect(d.metadata!.annotations).toEqual({ note: 'x' });
    expect(((d.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers).map((c) => c.name)).toEqual(['nginx']);
  });
});

describe('managed fields', () => {
  it('gives an updater only the fields it changed and takes them from the others', () => {
    const { client } = newServer();
    client.create(DEPLOYMENTS, 'default', deployment('web'), { fieldManager: 'kubectl-create' });
    const r = client.patch(DEPLOYMENTS, 'default', 'web', { spec: { replicas: 3 } }, 'application/merge-patch+json', { query: { fieldManager: 'kubectl-scale' } });
    const mf = (r.body as KubeObject).metadata!.managedFields as { manager: string; operation: string; fieldsV1: Record<string, unknown> }[];
    expect(mf.map((m) => m.manager)).toEqual(['kubectl-create', 'kubectl-scale']);
    expect(mf[1]).toMatchObject({ operation: 'Update', fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
    expect((mf[0].fieldsV1['f:spec'] as Record<string, unknown>)['f:replicas']).toBeUndefined();
    expect((mf[0].fieldsV1['f:spec'] as Record<string, unknown>)['f:template']).toBeDefined();
  });
});
