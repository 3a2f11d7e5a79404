/**
 * core/v1 Events as client-go's event recorder (tools/record) writes them: named
 * `<object>.<hex nanoseconds>`, in the object's namespace ('default' for cluster-scoped objects),
 * and passed through the EventCorrelator first (event-correlator.ts): repeats become a PATCH of
 * count and lastTimestamp, a flood of similar messages becomes one "(combined from similar
 * events)" Event, and more than a burst of 25 events about an object is dropped.
 */
import type { SimClock } from '../../clock';
import type { ApiClient } from '../../apiserver/client';
import type { KubeObject } from '../../apiserver/types';
import { EventCorrelator, type CoreEvent, type CorrelationResult, type ObjectReference } from './event-correlator';
import { omit } from '../../omit';

export type EventType = 'Normal' | 'Warning';

const EVENTS = { group: '', version: 'v1', resource: 'events' };
/** Names taken at one simulated instant before giving up (the real recorder never collides). */
const NAME_ATTEMPTS = 8;

export interface EventSource {
  component: string;
  host?: string;
}

export class EventRecorder {
  private readonly correlator: EventCorrelator;
  private seq = 0;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: SimClock,
    readonly source: EventSource,
  ) {
    this.correlator = new EventCorrelator({ now: () => this.clock.now(), rfc3339: (ms) => this.clock.rfc3339(ms), eventName: (name) => this.nextName(name) });
  }

  event(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const result = this.correlator.correlate(this.makeEvent(obj, type, reason, message, fieldPath));
    if (!result.skip) this.write(result);
  }

  private makeEvent(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): CoreEvent {
    const meta = obj.metadata ?? {};
    const now = this.clock.rfc3339();
    const involvedObject: ObjectReference = { kind: obj.kind ?? '', namespace: meta.namespace, name: meta.name, uid: meta.uid, apiVersion: obj.apiVersion, resourceVersion: meta.resourceVersion };
    if (!meta.namespace) delete involvedObject.namespace;
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.nextName(meta.name ?? ''), namespace: meta.namespace || 'default' },
      involvedObject,
      reason,
      message,
      source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
  }

  /**
   * recordEvent: a count above 1 patches the Event already written; one deleted meanwhile is
   * created again under its name with the count so far. Rejections are not retried.
   */
  private write({ event, patch, key }: CorrelationResult): void {
    if (event.count > 1 && patch) {
      const r = this.client.patch<CoreEvent>(EVENTS, event.metadata.namespace, event.metadata.name, patch, 'application/strategic-merge-patch+json');
      if (r.code === 200) return this.correlator.updateState(r.body as CoreEvent);
      if (r.code !== 404) return;
    }
    this.create(event, key);
  }

  /** The correlator only reads the Event the server returns (its count, name and version): it may be the cached one. */
  private create(event: CoreEvent, key: string): void {
    const metadata = omit(event.metadata, 'resourceVersion');
    const body: CoreEvent = { ...event, metadata };
    // Several components may record about one object at the same simulated instant, where real
    // ones differ by nanoseconds: a name in use moves on to the next nanosecond.
    for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
      if (attempt > 0) body.metadata = { ...metadata, name: this.nextName(event.involvedObject.name ?? '') };
      const r = this.client.create<CoreEvent>(EVENTS, metadata.namespace, body as unknown as KubeObject, {}, { readOnly: true });
      if (r.code === 201) return this.correlator.updateState(r.body as CoreEvent, attempt > 0 ? key : undefined);
      if (r.code !== 409 || event.count > 1) return;
    }
  }

  /** `<object name>.<hex nanoseconds>`, the nanoseconds of now plus a sequence within the millisecond. */
  private nextName(objectName: string): string {
    const nanos = BigInt(this.clock.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    return `${objectName}.${nanos.toString(16)}`;
  }
}
