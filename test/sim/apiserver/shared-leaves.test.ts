/**
 * FieldsV1 leaves are one shared frozen object: the sets the server builds, and those of objects
 * decoded from etcd text, hold no leaf of their own; the JSON is that of fresh {} leaves.
 */
import { describe, expect, it } from 'vitest';
import { leafPaths } from '../../../src/sim/apiserver/patch/managed-fields';
import { fieldSetOf } from '../../../src/sim/apiserver/patch/field-sets';
import { ITEM_LEAF, LEAF } from '../../../src/sim/apiserver/patch/shared-leaves';
import { definitionFor } from '../../../src/sim/apiserver/schema';
import { EtcdStore } from '../../../src/sim/etcd';
import { ObjectStorage } from '../../../src/sim/apiserver/storage';

import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import { simpleCluster } from '../cluster/helpers';

type Obj = Record<string, unknown>;

/** Every empty set ({}) and item-only set ({".":{}}) under `set`. */
function leaves(set: Obj, out: Obj[] = []): Obj[] {
  for (const v of Object.values(set) as Obj[]) {
    const keys = Object.keys(v);
    if (keys.length === 0 || (keys.length === 1 && keys[0] === '.' && Object.keys(v['.'] as Obj).length === 0)) out.push(v);
    else leaves(v, out);
  }
  return out;
}

describe('shared FieldsV1 leaves', () => {
  it('fieldSetOf shares every leaf and gives the JSON of fresh ones', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'web' }, finalizers: ['x'] }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }], nodeSelector: { disk: 'ssd' } } };
    const set = fieldSetOf(pod, definitionFor('', 'v1', 'Pod'));
    expect(JSON.stringify(set)).toBe(
      '{"f:metadata":{"f:finalizers":{"v:\\"x\\"":{}},"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"c\\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\\"containerPort\\":80}":{".":{},"f:containerPort":{}}}}},"f:nodeSelector":{}}}',
    );
    expect(leafPaths(set)).toContain('.spec.containers[name="c"].image');
    const all = leaves(set);
    expect(all.length).toBeGreaterThan(5);
    for (const leaf of all) expect(Object.isFrozen(leaf)).toBe(true);
  });

  it('objects stored by the server and objects decoded from etcd text hold only shared leaves', () => {
    const { admin } = simpleCluster();
    admin.create(gvr('configmaps'), 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: 'b' } }, data: { k: 'v' } });
    const stored = admin.get(gvr('configmaps'), 'default', 'c', { readOnly: true }).body as KubeObject;
    const set = (stored.metadata!.managedFields as { fieldsV1: Obj }[])[0].fieldsV1;
    for (const leaf of leaves(set)) expect(leaf === LEAF || leaf === ITEM_LEAF).toBe(true);

    const etcd = new EtcdStore();
    const storage = new ObjectStorage(etcd, (key) => (key.startsWith('/registry/configmaps/') ? { prefix: '/registry/configmaps', namespaced: true } : undefined));
    const text = JSON.stringify({ ...stored, metadata: { ...stored.metadata, resourceVersion: undefined } });
    etcd.put('/registry/configmaps/default/c', text);
    const decoded = storage.get('/registry/configmaps/default/c')!.obj;
    const decodedSet = (decoded.metadata!.managedFields as { fieldsV1: Obj }[])[0].fieldsV1;
    expect(JSON.stringify(decodedSet)).toBe(JSON.stringify(set));
    for (const leaf of leaves(decodedSet)) expect(leaf === LEAF || leaf === ITEM_LEAF).toBe(true);
    // a client's own copy is its own to change
    const copy = admin.get(gvr('configmaps'), 'default', 'c').body as KubeObject;
    const copySet = (copy.metadata!.managedFields as { fieldsV1: Obj }[])[0].fieldsV1 as Record<string, Obj>;
    expect(Object.isFrozen(copySet['f:data'])).toBe(false);
  });
});
