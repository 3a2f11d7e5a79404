import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WatcherIndex } from '../../../src/sim/etcd/watcher-index';

interface W {
  id: number;
  key: string;
  prefix: boolean;
}

const matches = (w: W, key: string) => (w.prefix ? key.startsWith(w.key) : key === w.key);

// Keys and watch keys from a small alphabet of segments, so that prefixes often meet.
const segment = fc.constantFrom('registry', 'pods', 'po', 'default', 'kube-system', 'web-1', 'a', '');
const key = fc.array(segment, { minLength: 0, maxLength: 4 }).chain((parts) =>
  fc.constantFrom('', '/').map((tail) => '/' + parts.join('/') + (parts.length ? tail : '')),
);
const watchKey = fc.oneof(key, key.map((k) => k.slice(0, Math.max(0, k.length - 2))), fc.constant(''));

describe('WatcherIndex', () => {
  it('finds every watcher a write concerns, in order of creation, whatever was added and cancelled', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: watchKey, prefix: fc.boolean(), cancel: fc.boolean() }), { maxLength: 25 }),
        fc.array(key, { minLength: 1, maxLength: 3 }),
        (specs, written) => {
          const index = new WatcherIndex<W>();
          const live: W[] = [];
          // Asked between changes too: what the index remembers of a key's directory must follow them.
          const check = () => {
            expect(index.size).toBe(live.length);
            const candidates = index.candidates(written);
            const concerned = candidates.filter((w) => written.some((k) => matches(w, k)));
            expect(concerned).toEqual(live.filter((w) => written.some((k) => matches(w, k))));
            expect(candidates.map((w) => w.id)).toEqual([...new Set(candidates.map((w) => w.id))].sort((a, b) => a - b));
          };
          specs.forEach((s, id) => {
            const w = { id, key: s.key, prefix: s.prefix };
            index.add(w);
            live.push(w);
            check();
            if (s.cancel && live.length > 1) {
              const gone = live.splice(id % live.length, 1)[0];
              index.delete(gone);
              check();
            }
          });
          check();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hands out lists a later add or cancel leaves as they were', () => {
    const index = new WatcherIndex<W>();
    const pods = { id: 1, key: '/registry/pods/', prefix: true };
    index.add(pods);
    const seen = index.candidates(['/registry/pods/default/web-1']);
    index.add({ id: 2, key: '/registry/pods/', prefix: true });
    index.delete(pods);
    expect(seen).toEqual([pods]);
    expect(index.candidates(['/registry/pods/default/web-1']).map((w) => w.id)).toEqual([2]);
  });

  it('asks a prefix that does not end at a slash about every key', () => {
    const index = new WatcherIndex<W>();
    const partial = { id: 1, key: '/registry/po', prefix: true };
    index.add(partial);
    expect(index.candidates(['/registry/pods/default/web-1'])).toEqual([partial]);
    index.delete(partial);
    expect(index.size).toBe(0);
    expect(index.candidates(['/registry/pods/default/web-1'])).toEqual([]);
  });
});
