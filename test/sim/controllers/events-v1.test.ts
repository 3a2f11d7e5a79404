import { describe, expect, it } from 'vitest';
import { ApiClient, type KubeObject } from '../../../src/sim/apiserver';
import type { ApiRequest, ApiTransport } from '../../../src/sim/apiserver/types';
import { EventsV1Recorder, FINISH_TIME_MS, microTime } from '../../../src/sim/controllers/machinery/events-v1';
import { list, simpleCluster } from '../cluster/helpers';

const MINUTE = 60_000;

function recording(inner: ApiTransport) {
  const requests: ApiRequest[] = [];
  const transport = { request: (req: ApiRequest) => (requests.push(req), inner.request(req)), watch: inner.watch.bind(inner) } as ApiTransport;
  return { transport, requests };
}

function setup() {
  const { cluster, admin, clock } = simpleCluster();
  const { transport, requests } = recording(cluster.apiServer);
  const recorder = new EventsV1Recorder(new ApiClient(transport), clock, 'default-scheduler', 'cka01');
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'pod-uid', resourceVersion: '12' } };
  const stored = () => list(admin, 'events', 'default').filter((e) => (e.involvedObject as { name?: string }).name === 'web');
  const eventRequests = () => requests.filter((r) => r.resource === 'events' && r.group === 'events.k8s.io');
  return { clock, recorder, pod, stored, eventRequests };
}

describe('EventsV1Recorder (client-go tools/events, the scheduler)', () => {
  it('creates an events.k8s.io/v1 Event with eventTime, action and the reporting controller and instance', () => {
    const { clock, recorder, pod, stored, eventRequests } = setup();
    recorder.eventf(pod, undefined, 'Normal', 'Scheduled', 'Binding', 'Successfully assigned default/web to cka02');
    const [create] = eventRequests();
    expect(create).toMatchObject({ verb: 'create', version: 'v1', namespace: 'default' });
    expect(create.body).toMatchObject({
      apiVersion: 'events.k8s.io/v1',
      eventTime: microTime(clock.now()),
      reportingController: 'default-scheduler',
      reportingInstance: 'default-scheduler-cka01',
      action: 'Binding',
      reason: 'Scheduled',
      note: 'Successfully assigned default/web to cka02',
      regarding: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'pod-uid', apiVersion: 'v1', resourceVersion: '12' },
    });
    expect((create.body as KubeObject).metadata!.name).toMatch(/^web\.[0-9a-f]+$/);
    // Read through core/v1, as kubectl get events does.
    const [core] = stored();
    expect(core).toMatchObject({ reason: 'Scheduled', message: 'Successfully assigned default/web to cka02', reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-cka01' });
    expect(microTime(Date.UTC(2026, 0, 15, 8, 0, 0, 123))).toBe('2026-01-15T08:00:00.123000Z');
  });

  it('turns a repeat into a series: one patch at count 2, then counts in memory until the series is finished', () => {
    const { clock, recorder, pod, stored, eventRequests } = setup();
    const fail = (note: string) => recorder.eventf(pod, undefined, 'Warning', 'FailedScheduling', 'Scheduling', note);
    fail('0/3 nodes are available: 3 Insufficient cpu.');
    clock.advance(10_000);
    fail('0/3 nodes are available: 3 Insufficient memory.');
    const [, patch] = eventRequests();
    expect(patch).toMatchObject({ verb: 'patch', patchType: 'application/strategic-merge-patch+json', body: { series: { count: 2, lastObservedTime: microTime(clock.now()) } } });
    clock.advance(10_000);
    fail('0/3 nodes are available: 3 Insufficient cpu.');
    fail('0/3 nodes are available: 3 Insufficient cpu.');
    expect(eventRequests()).toHaveLength(2);
    // The note is not part of the key: the first message stays.
    expect(stored()).toHaveLength(1);
    expect(stored()[0]).toMatchObject({ message: '0/3 nodes are available: 3 Insufficient cpu.', series: { count: 2 } });

    // Idle for more than 6 minutes: the next 6-minute check writes the final count and forgets it.
    clock.advance(FINISH_TIME_MS + 6 * MINUTE);
    expect(stored()[0]).toMatchObject({ series: { count: 4 } });
    fail('0/3 nodes are available: 3 Insufficient cpu.');
    expect(stored()).toHaveLength(2);
  });

  it('a different regarding resourceVersion or action is another event', () => {
    const { recorder, pod, stored } = setup();
    recorder.eventf(pod, undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'x');
    recorder.eventf({ ...pod, metadata: { ...pod.metadata, resourceVersion: '13' } }, undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'x');
    recorder.eventf(pod, undefined, 'Warning', 'FailedScheduling', 'Other', 'x');
    expect(stored()).toHaveLength(3);
    expect(stored().every((e) => e.series === undefined)).toBe(true);
  });

  it('refreshes a busy series every 30 minutes and leaves no timer behind when stopped', () => {
    const { clock, recorder, pod, stored } = setup();
    const pending = clock.pendingCount();
    for (let i = 0; i < 40; i++) {
      recorder.eventf(pod, undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'busy');
      clock.advance(MINUTE);
    }
    // Never idle for 6 minutes, so only the 30-minute refresh wrote the count: the 30 events of minutes 0 to 29.
    expect(stored()[0]).toMatchObject({ series: { count: 30 } });
    recorder.stop();
    expect(clock.pendingCount()).toBeLessThanOrEqual(pending);
  });
});
