/**
 * Events expire an hour after their last write (kube-apiserver --event-ttl=1h, an etcd lease per
 * write): updating an event renews it, its own timestamps do not matter.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient, createApiServer, gvr, type KubeObject } from '../../../src/sim/apiserver';
import { EtcdStore } from '../../../src/sim/etcd';
import { SimClock } from '../../../src/sim/clock';
import { SeededRandom } from '../../../src/sim/random';
import { newServer } from './helpers';

const EVENTS = gvr('events');
const MINUTE = 60_000;

function event(name: string, lastTimestamp: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web' },
    reason: 'Started',
    message: 'Started container web',
    type: 'Normal',
    count: 1,
    firstTimestamp: lastTimestamp,
    lastTimestamp,
    source: { component: 'kubelet', host: 'cka02' },
  } as KubeObject;
}

const exists = (client: ReturnType<typeof newServer>['client'], name: string) => client.get(EVENTS, 'default', name).code === 200;

describe('event TTL', () => {
  it('deletes an event an hour after its last write, an update renewing it', () => {
    const { client, clock } = newServer();
    const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(client.create(EVENTS, 'default', event('a', at(clock.now()))).code).toBe(201);
    expect(client.create(EVENTS, 'default', event('b', at(clock.now()))).code).toBe(201);
    clock.advance(30 * MINUTE);
    const patched = client.patch(EVENTS, 'default', 'b', { count: 2, lastTimestamp: at(clock.now()) }, 'application/strategic-merge-patch+json');
    expect(patched.code).toBe(200);
    clock.advance(29 * MINUTE);
    expect(exists(client, 'a')).toBe(true);
    clock.advance(6 * MINUTE); // 65 min: the sweep after the hour has run
    expect(exists(client, 'a')).toBe(false);
    expect(exists(client, 'b')).toBe(true);
    clock.advance(30 * MINUTE); // 95 min: an hour and five minutes after b's update
    expect(exists(client, 'b')).toBe(false);
  });

  it('counts from the write, not from the timestamps the event carries', () => {
    const { client, clock } = newServer();
    // Written now with a lastTimestamp two hours old (as kubectl create may send it).
    expect(client.create(EVENTS, 'default', event('old', new Date(clock.now() - 120 * MINUTE).toISOString().replace(/\.\d{3}Z$/, 'Z'))).code).toBe(201);
    clock.advance(10 * MINUTE);
    expect(exists(client, 'old')).toBe(true);
    clock.advance(55 * MINUTE);
    expect(exists(client, 'old')).toBe(false);
  });

  it('dates the events of a restored store by their own timestamps', () => {
    const clock = new SimClock();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const store = new EtcdStore();
    store.put('/registry/events/default/stale', JSON.stringify({ ...event('stale', iso(clock.now() - 58 * MINUTE)), metadata: { name: 'stale', namespace: 'default', uid: 'u1', creationTimestamp: iso(clock.now() - 58 * MINUTE) } }));
    store.put('/registry/events/default/fresh', JSON.stringify({ ...event('fresh', iso(clock.now() - 10 * MINUTE)), metadata: { name: 'fresh', namespace: 'default', uid: 'u2', creationTimestamp: iso(clock.now() - 10 * MINUTE) } }));
    const client = new ApiClient(createApiServer({ clock, random: new SeededRandom(1), store }));
    clock.advance(5 * MINUTE);
    expect(exists(client, 'stale')).toBe(false);
    expect(exists(client, 'fresh')).toBe(true);
    clock.advance(50 * MINUTE);
    expect(exists(client, 'fresh')).toBe(false);
  });
});
