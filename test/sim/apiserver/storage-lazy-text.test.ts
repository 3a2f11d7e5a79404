/**
 * The storage writes an object's etcd text lazily (made when first read). Whenever it is read,
 * it must be the text an eager write would have stored at the time of the write: later changes
 * to the caller's object, an empty resourceVersion and values JSON changes all included.
 */
import { describe, expect, it } from 'vitest';
import { EtcdStore } from '../../../src/sim/etcd';
import { ObjectStorage, encode } from '../../../src/sim/apiserver/storage';
import type { KubeObject } from '../../../src/sim/apiserver/types';

const PREFIX = '/registry/configmaps';

function storage() {
  const etcd = new EtcdStore();
  const s = new ObjectStorage(etcd, (key) => (key.startsWith(PREFIX + '/') ? { prefix: PREFIX, namespaced: true } : undefined));
  return { etcd, s };
}

const cm = (data: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default', ...meta }, data }) as KubeObject;

describe('lazily written etcd text', () => {
  it('is the text of the object as it was written, even if the writer changes its object afterwards', () => {
    const { etcd, s } = storage();
    const obj = cm({ k: 'v' });
    const want = encode(obj);
    const r = s.create(`${PREFIX}/default/a`, obj);
    expect(r.ok).toBe(true);
    (obj as { data?: unknown }).data = { k: 'changed' };
    obj.metadata = { name: 'other' };
    expect(etcd.get(`${PREFIX}/default/a`)!.value).toBe(want);
  });

  it('keeps an update text without resourceVersion, as an eager write does', () => {
    const { etcd, s } = storage();
    s.create(`${PREFIX}/default/a`, cm({ k: '1' }));
    const rev = etcd.get(`${PREFIX}/default/a`)!.modRevision;
    const next = cm({ k: '2' }, { resourceVersion: String(rev), labels: { x: 'y' } });
    const want = encode(next);
    expect(s.update(`${PREFIX}/default/a`, next, rev).ok).toBe(true);
    expect(etcd.get(`${PREFIX}/default/a`)!.value).toBe(want);
    expect(want).not.toContain('resourceVersion');
  });

  it('keeps an empty resourceVersion and drops undefined members exactly as JSON does', () => {
    const { etcd, s } = storage();
    const emptyRv = cm({ k: 'v' }, { resourceVersion: '' });
    const wantEmpty = encode(emptyRv);
    s.create(`${PREFIX}/default/a`, emptyRv);
    expect(etcd.get(`${PREFIX}/default/a`)!.value).toBe(wantEmpty);
    expect(wantEmpty).toContain('"resourceVersion":""');

    const odd = cm({ k: 'v', gone: undefined, n: -0 });
    const wantOdd = encode(odd);
    s.create(`${PREFIX}/default/b`, odd);
    (odd.data as Record<string, unknown>).k = 'later';
    expect(etcd.get(`${PREFIX}/default/b`)!.value).toBe(wantOdd);
  });

  it('is in watch events, ranges, snapshots and JSON copies of the store', () => {
    const { etcd, s } = storage();
    const seen: string[] = [];
    etcd.watch(PREFIX, { prefix: true }, (resp) => resp.events.forEach((e) => seen.push(e.kv.value)));
    const obj = cm({ k: 'v' });
    const want = encode(obj);
    s.create(`${PREFIX}/default/a`, obj);
    expect(seen).toEqual([want]);
    expect(etcd.range(PREFIX, { prefix: true }).kvs.map((kv) => kv.value)).toEqual([want]);
    expect(JSON.parse(JSON.stringify(etcd.toJSON())).kvs[0].value).toBe(want);
    expect(structuredClone(etcd.toJSON()).kvs[0].value).toBe(want);
    expect(EtcdStore.restore(etcd.snapshot()).get(`${PREFIX}/default/a`)!.value).toBe(want);
  });

  it('serves a private copy equal to decoding the text', () => {
    const { etcd, s } = storage();
    const r = s.create(`${PREFIX}/default/a`, cm({ k: 'v', list: [1, { a: null }] }));
    if (!r.ok) throw new Error('create failed');
    const copy = r.obj;
    expect(Object.isFrozen(copy)).toBe(false);
    const kv = etcd.get(`${PREFIX}/default/a`)!;
    const parsed = JSON.parse(kv.value);
    parsed.metadata.resourceVersion = String(kv.modRevision);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed));
  });
});
