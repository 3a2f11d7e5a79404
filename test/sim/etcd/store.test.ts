import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EtcdStore, EtcdError, ETCD_ERRORS, type WatchResponse } from '../../../src/sim/etcd';

describe('EtcdStore revisions', () => {
  it('starts at revision 1 and bumps once per write', () => {
    const s = new EtcdStore();
    expect(s.revision).toBe(1);
    s.put('/registry/pods/default/web-1', '{"a":1}');
    expect(s.revision).toBe(2);
    s.put('/registry/pods/default/web-1', '{"a":2}');
    const kv = s.get('/registry/pods/default/web-1')!;
    expect(kv).toMatchObject({ createRevision: 2, modRevision: 3, version: 2, value: '{"a":2}' });
  });

  it('deleting a missing key does not bump the revision', () => {
    const s = new EtcdStore();
    const r = s.delete('/nope');
    expect(r.deleted).toBe(0);
    expect(s.revision).toBe(1);
  });

  it('recreating a key resets its version and create revision', () => {
    const s = new EtcdStore();
    s.put('k', 'a');
    s.put('k', 'b');
    s.delete('k');
    s.put('k', 'c');
    expect(s.get('k')).toMatchObject({ version: 1, createRevision: 5, modRevision: 5 });
  });

  it('prefix delete removes all keys in one revision', () => {
    const s = new EtcdStore();
    s.put('/registry/pods/default/a', '1');
    s.put('/registry/pods/default/b', '2');
    s.put('/registry/pods/kube-system/c', '3');
    const r = s.delete('/registry/pods/default/', { prefix: true });
    expect(r.deleted).toBe(2);
    expect(s.revision).toBe(5);
    expect(s.range('/registry/pods/', { prefix: true }).kvs.map((k) => k.key)).toEqual(['/registry/pods/kube-system/c']);
  });

  it('rejects an empty key like etcd', () => {
    expect(() => new EtcdStore().put('', 'x')).toThrow(ETCD_ERRORS.emptyKey);
  });
});

describe('EtcdStore range', () => {
  const s = new EtcdStore();
  for (const n of ['cka01', 'cka02', 'cka03']) s.put(`/registry/minions/${n}`, `{"name":"${n}"}`);
  s.put('/registry/namespaces/default', '{}');

  it('ranges by prefix in key order with count and more', () => {
    const r = s.range('/registry/minions/', { prefix: true, limit: 2 });
    expect(r.kvs.map((k) => k.key)).toEqual(['/registry/minions/cka01', '/registry/minions/cka02']);
    expect(r.count).toBe(3);
    expect(r.more).toBe(true);
  });

  it('supports keys-only and count-only', () => {
    expect(s.range('/registry/', { prefix: true, keysOnly: true }).kvs.every((k) => k.value === '')).toBe(true);
    const c = s.range('/registry/', { prefix: true, countOnly: true });
    expect(c.count).toBe(4);
    expect(c.kvs).toEqual([]);
  });

  it('continues a range from a key', () => {
    const r = s.range('/registry/minions/', { prefix: true, fromKey: '/registry/minions/cka02' });
    expect(r.kvs.map((k) => k.key)).toEqual(['/registry/minions/cka02', '/registry/minions/cka03']);
  });

  it('returns copies that cannot change the store', () => {
    const kv = s.get('/registry/namespaces/default')!;
    kv.value = 'changed';
    expect(s.get('/registry/namespaces/default')!.value).toBe('{}');
  });
});

describe('EtcdStore txn', () => {
  it('runs success ops when compares hold, in one revision', () => {
    const s = new EtcdStore();
    const r = s.txn({
      compare: [{ key: 'a', target: 'version', result: '=', value: 0 }],
      success: [
        { op: 'put', key: 'a', value: '1' },
        { op: 'put', key: 'b', value: '2' },
      ],
      failure: [{ op: 'range', key: 'a' }],
    });
    expect(r.succeeded).toBe(true);
    expect(s.revision).toBe(2);
    expect(s.get('a')!.modRevision).toBe(2);
    expect(s.get('b')!.modRevision).toBe(2);
  });

  it('runs failure ops on a modRevision mismatch (optimistic concurrency)', () => {
    const s = new EtcdStore();
    s.put('a', '1');
    s.put('a', '2');
    const r = s.txn({
      compare: [{ key: 'a', target: 'modRevision', result: '=', value: 2 }],
      success: [{ op: 'put', key: 'a', value: '3' }],
      failure: [{ op: 'range', key: 'a' }],
    });
    expect(r.succeeded).toBe(false);
    expect(s.get('a')!.value).toBe('2');
    expect((r.responses[0] as { kvs: { value: string }[] }).kvs[0].value).toBe('2');
    expect(s.revision).toBe(3);
  });

  it('compares values; a value compare on a missing key is false', () => {
    const s = new EtcdStore();
    s.put('a', 'x');
    expect(s.txn({ compare: [{ key: 'a', target: 'value', result: '=', value: 'x' }], success: [] }).succeeded).toBe(true);
    expect(s.txn({ compare: [{ key: 'z', target: 'value', result: '!=', value: 'x' }], success: [] }).succeeded).toBe(false);
    expect(s.txn({ compare: [{ key: 'a', target: 'createRevision', result: '<', value: 5 }], success: [] }).succeeded).toBe(true);
  });
});

describe('EtcdStore watch', () => {
  it('delivers puts and deletes for a prefix, with prevKv on request', () => {
    const s = new EtcdStore();
    const got: WatchResponse[] = [];
    s.watch('/registry/pods/', { prefix: true, prevKv: true }, (r) => got.push(r));
    s.put('/registry/pods/default/a', '1');
    s.put('/registry/services/specs/default/kubernetes', 'x');
    s.put('/registry/pods/default/a', '2');
    s.delete('/registry/pods/default/a');
    expect(got.map((r) => [r.revision, r.events[0].type])).toEqual([
      [2, 'PUT'],
      [4, 'PUT'],
      [5, 'DELETE'],
    ]);
    expect(got[1].events[0].prevKv!.value).toBe('1');
    expect(got[2].events[0].prevKv!.value).toBe('2');
  });

  it('replays history from a start revision, then continues live', () => {
    const s = new EtcdStore();
    s.put('k', '1');
    s.put('k', '2');
    s.put('k', '3');
    const revs: number[] = [];
    s.watch('k', { startRevision: 3 }, (r) => revs.push(r.revision));
    s.put('k', '4');
    expect(revs).toEqual([3, 4, 5]);
  });

  it('keeps order for every watcher when a watcher writes from its callback', () => {
    const s = new EtcdStore();
    const seenA: number[] = [];
    const seenB: number[] = [];
    s.watch('', { prefix: true }, (r) => {
      seenA.push(r.revision);
      if (r.events[0].kv.key === 'trigger') s.put('reaction', 'x');
    });
    s.watch('', { prefix: true }, (r) => seenB.push(r.revision));
    s.put('trigger', '1');
    expect(seenA).toEqual([2, 3]);
    expect(seenB).toEqual([2, 3]);
  });

  it('stops after cancel and isolates a throwing watcher', () => {
    const s = new EtcdStore();
    const seen: number[] = [];
    s.watch('', { prefix: true }, () => {
      throw new Error('boom');
    });
    const w = s.watch('', { prefix: true }, (r) => seen.push(r.revision));
    s.put('a', '1');
    w.cancel();
    s.put('a', '2');
    expect(seen).toEqual([2]);
  });

  it('fails like etcd when watching a compacted revision', () => {
    const s = new EtcdStore();
    for (let i = 0; i < 5; i++) s.put('k', String(i));
    s.compact(4);
    expect(() => s.watch('k', { startRevision: 2 }, () => {})).toThrow(new EtcdError(ETCD_ERRORS.compacted));
    const revs: number[] = [];
    s.watch('k', { startRevision: 4 }, (r) => revs.push(r.revision));
    expect(revs).toEqual([4, 5, 6]);
    expect(() => s.compact(3)).toThrow(ETCD_ERRORS.compacted);
    expect(() => s.compact(99)).toThrow(ETCD_ERRORS.futureRevision);
  });
});

describe('EtcdStore persistence', () => {
  it('round-trips through JSON, keeping revisions and history', () => {
    const s = new EtcdStore();
    s.put('/registry/namespaces/default', '{"kind":"Namespace"}');
    s.put('/registry/minions/cka01', '{"kind":"Node"}');
    const copy = EtcdStore.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(copy.revision).toBe(3);
    expect(copy.get('/registry/minions/cka01')).toEqual(s.get('/registry/minions/cka01'));
    const revs: number[] = [];
    copy.watch('', { prefix: true, startRevision: 2 }, (r) => revs.push(r.revision));
    expect(revs).toEqual([2, 3]);
  });

  it('saves and restores snapshots with etcdutl-like status', () => {
    const s = new EtcdStore();
    s.put('/registry/namespaces/default', '{}');
    s.put('/registry/namespaces/kube-system', '{}');
    const bytes = s.snapshot();
    const status = EtcdStore.snapshotStatus(bytes);
    expect(status).toMatchObject({ revision: 3, totalKeys: 2, totalSize: bytes.length, version: '3.5.0' });
    expect(status.hash).toBeGreaterThan(0);
    const r = EtcdStore.restore(bytes);
    expect(r.range('/registry/', { prefix: true }).count).toBe(2);
    expect(r.revision).toBe(3);
  });

  it('rejects a damaged snapshot', () => {
    const s = new EtcdStore();
    s.put('a', 'b');
    const bytes = s.snapshot();
    bytes[10] ^= 0xff;
    expect(() => EtcdStore.restore(bytes)).toThrow(ETCD_ERRORS.snapshotInvalid);
    expect(() => EtcdStore.restore(new Uint8Array([1, 2]))).toThrow(ETCD_ERRORS.snapshotInvalid);
  });
});

type Op = { kind: 'put'; key: string; value: string } | { kind: 'del'; key: string; prefix: boolean };
const keyArb = fc.constantFrom('/a/1', '/a/2', '/a/3', '/b/1', '/b/2');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), key: keyArb, value: fc.string({ maxLength: 5 }) }),
  fc.record({ kind: fc.constant('del' as const), key: fc.constantFrom('/a/1', '/b/', '/a/'), prefix: fc.boolean() }),
);

function apply(s: EtcdStore, op: Op) {
  if (op.kind === 'put') s.put(op.key, op.value);
  else s.delete(op.key, { prefix: op.prefix });
}

describe('EtcdStore properties', () => {
  it('revisions strictly increase and modRevision never exceeds the store revision', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const s = new EtcdStore();
        let last = s.revision;
        for (const op of ops) {
          const before = s.revision;
          apply(s, op);
          expect(s.revision).toBeGreaterThanOrEqual(before);
          expect(s.revision - before).toBeLessThanOrEqual(1);
          last = s.revision;
        }
        for (const kv of s.range('/', { prefix: true }).kvs) expect(kv.modRevision).toBeLessThanOrEqual(last);
        const revs = s.historyRevisions();
        for (let i = 1; i < revs.length; i++) expect(revs[i]).toBeGreaterThan(revs[i - 1]);
      }),
    );
  });

  it('a range at any retained revision is the keyspace as it was then (get --rev)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.nat(), (ops, compactPick) => {
        const s = new EtcdStore();
        const then = new Map<number, string>();
        const view = (rev?: number) => JSON.stringify(s.range('/', { prefix: true, revision: rev }).kvs);
        then.set(s.revision, view());
        for (const op of ops) {
          apply(s, op);
          then.set(s.revision, view());
        }
        const compactAt = 1 + (compactPick % s.revision);
        if (compactAt > 1) s.compact(compactAt);
        for (let rev = compactAt; rev <= s.revision; rev++) expect(view(rev)).toBe(then.get(rev));
        if (compactAt > 1) expect(() => view(compactAt - 1)).toThrow(ETCD_ERRORS.compacted);
        expect(() => view(s.revision + 1)).toThrow(ETCD_ERRORS.futureRevision);
      }),
    );
  });

  it('a watcher started at any revision sees exactly the events after it, once, in order', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.array(opArb, { maxLength: 30 }), fc.nat(), (before, after, pick) => {
        const s = new EtcdStore();
        const all: { revision: number; key: string; type: string }[] = [];
        s.watch('/', { prefix: true }, (r) => r.events.forEach((e) => all.push({ revision: r.revision, key: e.kv.key, type: e.type })));
        for (const op of before) apply(s, op);
        const start = 1 + (pick % (s.revision + 1)); // 1 .. revision+1
        const seen: typeof all = [];
        s.watch('/', { prefix: true, startRevision: start }, (r) =>
          r.events.forEach((e) => seen.push({ revision: r.revision, key: e.kv.key, type: e.type })),
        );
        for (const op of after) apply(s, op);
        expect(seen).toEqual(all.filter((e) => e.revision >= start));
      }),
    );
  });
});
