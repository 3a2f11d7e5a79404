import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SimClock } from '../../../src/sim/clock';
import { ApiClient, gvr, type KubeObject } from '../../../src/sim/apiserver';
import type { ApiRequest, ApiTransport } from '../../../src/sim/apiserver/types';
import { EventCorrelator, type CoreEvent } from '../../../src/sim/controllers/machinery/event-correlator';
import { EventRecorder } from '../../../src/sim/controllers/machinery/events';
import { TokenBucket } from '../../../src/sim/controllers/machinery/token-bucket';
import { LruCache } from '../../../src/sim/controllers/machinery/lru-cache';
import { list, simpleCluster } from '../cluster/helpers';
import { runKubectl } from '../../kubectl/_run';
import { MemFs } from '../../kubectl/_memfs';
import { KUBECONFIG, SERVER } from '../../kubectl/_cluster';

const SECOND = 1000;

function correlatorAt(clock: SimClock) {
  let seq = 0;
  return new EventCorrelator({ now: () => clock.now(), rfc3339: (ms) => clock.rfc3339(ms), eventName: (name) => `${name}.${(seq++).toString(16)}` });
}

let eventSeq = 0;

/** An event as the replicaset controller makes it, about one ReplicaSet (named as the recorder does: unique). */
function rsEvent(clock: SimClock, message: string, overrides: Partial<CoreEvent> = {}): CoreEvent {
  const at = clock.rfc3339();
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `web.${(BigInt(clock.now()) * 1_000_000n + BigInt(eventSeq++)).toString(16)}`, namespace: 'default' },
    involvedObject: { kind: 'ReplicaSet', namespace: 'default', name: 'web', uid: 'u-1', apiVersion: 'apps/v1', resourceVersion: '7' },
    reason: 'SuccessfulCreate',
    message,
    source: { component: 'replicaset-controller' },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: 'Normal',
    eventTime: null,
    reportingComponent: 'replicaset-controller',
    reportingInstance: '',
    ...overrides,
  };
}

describe('EventCorrelator: aggregation of events that differ only by message', () => {
  it('writes 9 distinct messages as they are, then one "(combined from similar events)" event that later ones count on', () => {
    const clock = new SimClock();
    const c = correlatorAt(clock);
    const results = Array.from({ length: 12 }, (_, i) => {
      clock.advance(10 * SECOND);
      return c.correlate(rsEvent(clock, `Created pod: web-${i}`));
    });
    for (const r of results.slice(0, 9)) {
      expect(r.skip).toBe(false);
      expect(r.patch).toBeUndefined();
      expect(r.event.message).toMatch(/^Created pod: web-\d$/);
    }
    const combined = results[9].event;
    expect(results[9].patch).toBeUndefined();
    expect(combined).toMatchObject({ message: '(combined from similar events): Created pod: web-9', count: 1, reason: 'SuccessfulCreate', reportingComponent: '', reportingInstance: '' });
    expect(combined.metadata.name).not.toBe(results[8].event.metadata.name);
    expect(results[10].event.metadata.name).toBe(combined.metadata.name);
    expect(results[10].patch).toEqual({ count: 2, lastTimestamp: clock.rfc3339(clock.now() - 10 * SECOND), message: '(combined from similar events): Created pod: web-10' });
    expect(results[11].patch).toMatchObject({ count: 3, message: '(combined from similar events): Created pod: web-11' });
    expect(results[11].event.firstTimestamp).toBe(combined.firstTimestamp);
  });

  it('does not aggregate when more than 600 s pass between similar events', () => {
    const clock = new SimClock();
    const c = correlatorAt(clock);
    for (let i = 0; i < 15; i++) {
      clock.advance(601 * SECOND);
      const r = c.correlate(rsEvent(clock, `Created pod: web-${i}`));
      expect(r.event.message).toBe(`Created pod: web-${i}`);
    }
  });

  it('measures the 600 s from the last similar event, not the first', () => {
    const clock = new SimClock();
    const c = correlatorAt(clock);
    const messages: string[] = [];
    for (let i = 0; i < 10; i++) {
      clock.advance(600 * SECOND); // exactly 600 s is still within the interval
      messages.push(c.correlate(rsEvent(clock, `Created pod: web-${i}`)).event.message);
    }
    expect(messages[8]).toBe('Created pod: web-8');
    expect(messages[9]).toBe('(combined from similar events): Created pod: web-9');
  });

  it('groups by source, object, type and reason: another reason or object starts its own group', () => {
    const clock = new SimClock();
    const c = correlatorAt(clock);
    for (let i = 0; i < 9; i++) c.correlate(rsEvent(clock, `Created pod: web-${i}`));
    expect(c.correlate(rsEvent(clock, 'Deleted pod: web-0', { reason: 'SuccessfulDelete' })).event.message).toBe('Deleted pod: web-0');
    const other = { kind: 'ReplicaSet', namespace: 'default', name: 'api', uid: 'u-2', apiVersion: 'apps/v1' };
    expect(c.correlate(rsEvent(clock, 'Created pod: api-0', { involvedObject: other })).event.message).toBe('Created pod: api-0');
    expect(c.correlate(rsEvent(clock, 'Created pod: web-9')).event.message).toBe('(combined from similar events): Created pod: web-9');
  });
});

describe('EventCorrelator: repeats are patches of count, lastTimestamp and message', () => {
  it('patches the first Event with a growing count and keeps its name and firstTimestamp', () => {
    const clock = new SimClock();
    const c = correlatorAt(clock);
    const first = c.correlate(rsEvent(clock, 'Back-off restarting failed container'));
    const firstAt = clock.rfc3339();
    clock.advance(30 * SECOND);
    const second = c.correlate(rsEvent(clock, 'Back-off restarting failed container'));
    expect(second.patch).toEqual({ count: 2, lastTimestamp: clock.rfc3339(), message: 'Back-off restarting failed container' });
    expect(second.event).toMatchObject({ count: 2, firstTimestamp: firstAt, lastTimestamp: clock.rfc3339(), metadata: { name: first.event.metadata.name } });
  });

  it('leaves message out of the patch when it is empty (omitempty)', () => {
    const clock = new SimClock();
    const c = correlatorAt(clock);
    c.correlate(rsEvent(clock, ''));
    expect(c.correlate(rsEvent(clock, '')).patch).toEqual({ count: 2, lastTimestamp: clock.rfc3339() });
  });

  it('a different fieldPath is a different event (the event key holds it)', () => {
    const clock = new SimClock();
    const c = correlatorAt(clock);
    const ref = (fieldPath: string) => ({ involvedObject: { kind: 'Pod', namespace: 'default', name: 'p', uid: 'u', apiVersion: 'v1', fieldPath } });
    c.correlate(rsEvent(clock, 'Pulled', ref('spec.containers{a}')));
    expect(c.correlate(rsEvent(clock, 'Pulled', ref('spec.containers{b}'))).patch).toBeUndefined();
    expect(c.correlate(rsEvent(clock, 'Pulled', ref('spec.containers{a}'))).patch).toMatchObject({ count: 2 });
  });
});

describe('EventCorrelator: spam filter', () => {
  it('lets a burst of 25 events about an object through, then one every 300 s; dropped ones still count', () => {
    const clock = new SimClock();
    const c = correlatorAt(clock);
    const skipped = Array.from({ length: 30 }, () => c.correlate(rsEvent(clock, 'Back-off')).skip);
    expect(skipped.filter((s) => !s)).toHaveLength(25);
    expect(skipped.slice(25)).toEqual([false, false, false, false, false].map(() => true));
    clock.advance(299 * SECOND);
    expect(c.correlate(rsEvent(clock, 'Back-off')).skip).toBe(true);
    clock.advance(1 * SECOND);
    const refilled = c.correlate(rsEvent(clock, 'Back-off'));
    expect(refilled.skip).toBe(false);
    // 32 observations so far: the patch carries all of them, as a real cluster's jumping counts do.
    expect(refilled.patch).toMatchObject({ count: 32 });
    expect(c.correlate(rsEvent(clock, 'Back-off')).skip).toBe(true);
  });

  it('keys the bucket on source, object and type (not reason, message or fieldPath)', () => {
    const clock = new SimClock();
    const c = correlatorAt(clock);
    for (let i = 0; i < 25; i++) expect(c.correlate(rsEvent(clock, `m${i % 5}`, { reason: `R${i % 3}` })).skip).toBe(false);
    expect(c.correlate(rsEvent(clock, 'another', { reason: 'Other' })).skip).toBe(true);
    expect(c.correlate(rsEvent(clock, 'a warning', { type: 'Warning' })).skip).toBe(false);
    expect(c.correlate(rsEvent(clock, 'from elsewhere', { source: { component: 'kubelet', host: 'cka02' } })).skip).toBe(false);
  });
});

describe('TokenBucket', () => {
  it('starts full, refills 1/300 per second as a float32 rate, never above the burst', () => {
    const b = new TokenBucket(1 / 300, 25);
    for (let i = 0; i < 25; i++) expect(b.tryAccept(0)).toBe(true);
    expect(b.tryAccept(0)).toBe(false);
    expect(b.tryAccept(299_999)).toBe(false);
    expect(b.tryAccept(300_000)).toBe(true);
    expect(b.tokensAt(300_000 + 1e9)).toBe(25);
  });

  it('accepts at most burst + elapsed/300 s events over any run of calls', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200_000 }), { maxLength: 200 }), (gaps) => {
        const b = new TokenBucket(1 / 300, 25);
        let now = 0;
        let accepted = 0;
        for (const g of gaps) {
          now += g;
          if (b.tryAccept(now)) accepted++;
        }
        return accepted <= 25 + Math.floor(now / 300_000) && accepted >= Math.min(gaps.length, 25);
      }),
    );
  });
});

describe('LruCache', () => {
  it('forgets the least recently used entry past its size', () => {
    const c = new LruCache<number>(2);
    c.add('a', 1);
    c.add('b', 2);
    c.get('a');
    c.add('c', 3);
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([1, undefined, 3]);
  });

  it('answers like a plain list ordered by last use, for any sequence of gets and adds', () => {
    const op = fc.oneof(
      fc.record({ get: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ add: fc.integer({ min: 0, max: 12 }), value: fc.integer() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 80 }), (max, ops) => {
        const cache = new LruCache<number>(max);
        const model: [string, number][] = []; // least recent first
        const touch = (i: number) => model.push(...model.splice(i, 1));
        for (const o of ops) {
          if ('get' in o) {
            const key = `k${o.get}`;
            const i = model.findIndex(([k]) => k === key);
            const expected = i < 0 ? undefined : model[i][1];
            if (i >= 0) touch(i);
            expect(cache.get(key)).toBe(expected);
          } else {
            const key = `k${o.add}`;
            const i = model.findIndex(([k]) => k === key);
            if (i >= 0) model.splice(i, 1);
            else if (model.length >= max) model.shift();
            model.push([key, o.value]);
            cache.add(key, o.value);
          }
          expect(cache.size).toBe(model.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** A transport that remembers what went through it. */
function recording(inner: ApiTransport) {
  const requests: ApiRequest[] = [];
  const transport: ApiTransport = {
    request: (req) => {
      requests.push(req);
      return inner.request(req);
    },
    watch: (req, onEvent) => inner.watch(req, onEvent),
  } as ApiTransport;
  return { transport, requests };
}

describe('EventRecorder through the API', () => {
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'pod-uid', resourceVersion: '12' } };

  it('sends a strategic merge patch of count, lastTimestamp and message for a repeat, and re-creates a deleted Event under its name', () => {
    const { cluster, admin, clock } = simpleCluster();
    const { transport, requests } = recording(cluster.apiServer);
    const recorder = new EventRecorder(new ApiClient(transport), clock, { component: 'kubelet', host: 'cka02' });
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container web in pod web_default(pod-uid)', 'spec.containers{web}');
    clock.advance(20 * SECOND);
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container web in pod web_default(pod-uid)', 'spec.containers{web}');
    const [create, patch] = requests.filter((r) => r.resource === 'events');
    expect(create.verb).toBe('create');
    expect(patch).toMatchObject({ verb: 'patch', name: create.body && (create.body as KubeObject).metadata!.name, patchType: 'application/strategic-merge-patch+json' });
    expect(patch.body).toEqual({ count: 2, lastTimestamp: clock.rfc3339(), message: 'Back-off restarting failed container web in pod web_default(pod-uid)' });
    const stored = list(admin, 'events', 'default').filter((e) => e.reason === 'BackOff');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ count: 2, reportingComponent: 'kubelet', reportingInstance: 'cka02', source: { component: 'kubelet', host: 'cka02' } });

    admin.delete(gvr('events'), 'default', stored[0].metadata!.name!);
    clock.advance(20 * SECOND);
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container web in pod web_default(pod-uid)', 'spec.containers{web}');
    const again = list(admin, 'events', 'default').filter((e) => e.reason === 'BackOff');
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ metadata: { name: stored[0].metadata!.name }, count: 3, firstTimestamp: stored[0].firstTimestamp, lastTimestamp: clock.rfc3339() });
  });

  it('writes nothing for an event the spam filter drops', () => {
    const { cluster, admin, clock } = simpleCluster();
    const recorder = new EventRecorder(new ApiClient(cluster.apiServer), clock, { component: 'kubelet', host: 'cka02' });
    for (let i = 0; i < 40; i++) recorder.event(pod, 'Normal', 'Pulled', `Container image "busybox:1.${i}" already present on machine`);
    const stored = list(admin, 'events', 'default').filter((e) => e.reason === 'Pulled');
    // 9 single events, then the combined one took the remaining 16 tokens.
    expect(stored.map((e) => e.count)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 16]);
    expect(stored[9].message).toBe('(combined from similar events): Container image "busybox:1.24" already present on machine');
  });
});

describe('a 1000-replica ReplicaSet as kubectl get events shows it', () => {
  it('has 9 "Created pod" events and one combined event counted up to the burst of 25', async () => {
    const { cluster, admin, clock } = simpleCluster();
    admin.create(gvr('replicasets'), 'default', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'big' },
      spec: { replicas: 1000, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    });
    cluster.advance(20 * SECOND);
    expect(list(admin, 'pods', 'default')).toHaveLength(1000);
    const rsEvents = list(admin, 'events', 'default').filter((e) => (e.involvedObject as { kind: string }).kind === 'ReplicaSet');
    expect(rsEvents).toHaveLength(10);
    expect(rsEvents.map((e) => e.count)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 16]);
    expect(rsEvents.slice(0, 9).every((e) => /^Created pod: big-[a-z0-9]{5}$/.test(String(e.message)))).toBe(true);
    expect(String(rsEvents[9].message)).toMatch(/^\(combined from similar events\): Created pod: big-[a-z0-9]{5}$/);

    const fs = new MemFs('/root');
    fs.mkdir('/root/.kube', { recursive: true });
    fs.writeFile('/root/.kube/config', KUBECONFIG);
    const out = await runKubectl('kubectl get events --field-selector involvedObject.kind=ReplicaSet', { fs, clock, transports: { [SERVER]: cluster.apiServer } });
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(lines.slice(1)).toHaveLength(10);
    expect(lines.filter((l) => /Normal\s+SuccessfulCreate\s+replicaset\/big\s+Created pod: big-/.test(l))).toHaveLength(9);
    expect(lines.filter((l) => /Normal\s+SuccessfulCreate\s+replicaset\/big\s+\(combined from similar events\): Created pod: big-/.test(l))).toHaveLength(1);
  }, 60_000);
});

describe('EventCorrelator: properties over any run of events', () => {
  const arbEvent = fc.record({
    gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 300_000, max: 700_000 })),
    message: fc.integer({ min: 0, max: 14 }),
    reason: fc.constantFrom('SuccessfulCreate', 'SuccessfulDelete'),
    type: fc.constantFrom('Normal', 'Warning'),
  });

  it('counts every event once, on an Event written before, with counts that only grow', () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 120 }), (run) => {
        const clock = new SimClock();
        const c = correlatorAt(clock);
        const stored = new Map<string, number>();
        let skipped = 0;
        for (const e of run) {
          clock.advance(e.gapMs);
          const r = c.correlate(rsEvent(clock, `Created pod: web-${e.message}`, { reason: e.reason, type: e.type }));
          if (r.skip) {
            skipped++;
            continue;
          }
          const name = r.event.metadata.name;
          if (r.patch) {
            if (!stored.has(name) || stored.get(name)! >= r.patch.count) return false;
            stored.set(name, r.patch.count);
          } else {
            if (stored.has(name) || r.event.count !== 1) return false;
            stored.set(name, 1);
          }
          c.updateState(r.event);
        }
        const total = [...stored.values()].reduce((a, b) => a + b, 0);
        return skipped === 0 ? total === run.length : total <= run.length;
      }),
    );
  });

  it('never lets more than 25 events plus one per 300 s through for one source, object and type', () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 150 }), (run) => {
        const clock = new SimClock();
        const start = clock.now();
        const c = correlatorAt(clock);
        const accepted = { Normal: 0, Warning: 0 };
        for (const e of run) {
          clock.advance(e.gapMs);
          if (!c.correlate(rsEvent(clock, `m${e.message}`, { reason: e.reason, type: e.type })).skip) accepted[e.type as 'Normal' | 'Warning']++;
        }
        const limit = 25 + Math.floor((clock.now() - start) / 300_000);
        return accepted.Normal <= limit && accepted.Warning <= limit;
      }),
    );
  });
});
