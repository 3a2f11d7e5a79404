/**
 * core/v1 Events as client-go's event recorder (tools/record) writes them: named
 * `<object>.<hex nanoseconds>`, in the object's namespace ('default' for cluster-scoped objects),
 * and passed through the EventCorrelator first (event-correlator.ts): repeats become a PATCH of
 * count and lastTimestamp, a flood of similar messages becomes one "(combined from similar
 * events)" Event, and more than a burst of 25 events about an object is dropped.
 */
import type { SimClock, TimerHandle } from '../../clock';
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

/**
 * What the broadcaster meets while the API cannot be reached (the kubelet's case: it runs on
 * when the API server is down). Its one watcher goroutine handles events in turn: recordToSink
 * tries a write up to 12 times, the first sleep a random part of 10 s and the next ones 10 s,
 * logging each failure, while later events wait in its queue (1,000 at most, more are dropped).
 */
export interface UnreachableSink {
  /** The Go error of a request (`Post "https://…/events": dial tcp …`), or undefined while the API answers. */
  error(verb: 'Post' | 'Patch', path: string): string | undefined;
  /** How long a failing request takes (a dial that times out), 0 when it fails at once. */
  failDelay(): number;
  /** A failed try (`error`), or the last one given up (`error` undefined). */
  failed(event: CoreEvent, error: string | undefined): void;
  random(): number;
}

/** recordToSink's limit and sleep, and the broadcaster's queue (client-go tools/record/event.go). */
const MAX_TRIES_PER_EVENT = 12;
const SLEEP_MS = 10_000;
const MAX_QUEUED_EVENTS = 1000;

export class EventRecorder {
  private readonly correlator: EventCorrelator;
  private seq = 0;

  /** The one pending retry (events are written in turn): while set, new events wait their turn. */
  private retry: TimerHandle | undefined;
  private waiting: CoreEvent[] = [];

  constructor(
    /** The API, or a getter of it (undefined: not reachable now, with `unreachable` saying how). */
    private readonly api: ApiClient | (() => ApiClient | undefined),
    private readonly clock: SimClock,
    readonly source: EventSource,
    private readonly unreachable?: UnreachableSink,
  ) {
    this.correlator = new EventCorrelator({ now: () => this.clock.now(), rfc3339: (ms) => this.clock.rfc3339(ms), eventName: (name) => this.nextName(name) });
  }

  private get client(): ApiClient | undefined {
    return typeof this.api === 'function' ? this.api() : this.api;
  }

  event(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const made = this.makeEvent(obj, type, reason, message, fieldPath);
    if (this.retry === undefined) return this.handle(made);
    if (this.waiting.length < MAX_QUEUED_EVENTS) this.waiting.push(made);
  }

  /** The retries stop (the process ends, or the API answers again): what waits is dropped. */
  stop(): void {
    this.clock.clearTimeout(this.retry);
    this.retry = undefined;
    this.waiting = [];
  }

  private handle(made: CoreEvent): void {
    const result = this.correlator.correlate(made);
    if (result.skip) return;
    this.recordToSink(result, 0);
  }

  /** The next waiting events, in turn, until one has to be retried. */
  private drain(): void {
    while (this.retry === undefined && this.waiting.length) this.handle(this.waiting.shift()!);
  }

  private recordToSink(result: CorrelationResult, tries: number): void {
    const { event } = result;
    const patching = event.count > 1 && !!result.patch;
    const path = `/api/v1/namespaces/${event.metadata.namespace}/events${patching ? `/${event.metadata.name}` : ''}`;
    const error = this.client ? undefined : this.unreachable?.error(patching ? 'Patch' : 'Post', path);
    if (error === undefined) {
      this.write(result);
      return this.drain();
    }
    const sink = this.unreachable!;
    const failed = () => {
      sink.failed(event, error);
      if (tries + 1 >= MAX_TRIES_PER_EVENT) {
        sink.failed(event, undefined);
        return this.drain();
      }
      // The first sleep is randomised, so that clients do not all retry together.
      this.later(tries === 0 ? SLEEP_MS * sink.random() : SLEEP_MS, () => this.recordToSink(result, tries + 1));
    };
    const delay = sink.failDelay();
    if (delay > 0) this.later(delay, failed);
    else failed();
  }

  private later(ms: number, fn: () => void): void {
    this.retry = this.clock.setTimeout(() => {
      this.retry = undefined;
      fn();
    }, ms);
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
  private write({ event, patch, key, ownKey }: CorrelationResult): void {
    const client = this.client;
    if (!client) return;
    if (event.count > 1 && patch) {
      const r = client.patch<CoreEvent>(EVENTS, event.metadata.namespace, event.metadata.name, patch, 'application/strategic-merge-patch+json');
      if (r.code === 200) return this.correlator.updateState(r.body as CoreEvent, undefined, ownKey);
      if (r.code !== 404) return;
    }
    this.create(client, event, key, ownKey);
  }

  /** The correlator only reads the Event the server returns (its count, name and version): it may be the cached one. */
  private create(client: ApiClient, event: CoreEvent, key: string, ownKey: string | undefined): void {
    const metadata = omit(event.metadata, 'resourceVersion');
    const body: CoreEvent = { ...event, metadata };
    // Several components may record about one object at the same simulated instant, where real
    // ones differ by nanoseconds: a name in use moves on to the next nanosecond.
    for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
      if (attempt > 0) body.metadata = { ...metadata, name: this.nextName(event.involvedObject.name ?? '') };
      const r = client.create<CoreEvent>(EVENTS, metadata.namespace, body as unknown as KubeObject, {}, { readOnly: true });
      if (r.code === 201) return this.correlator.updateState(r.body as CoreEvent, attempt > 0 ? key : undefined, ownKey);
      if (r.code !== 409 || event.count > 1) return;
    }
  }

  /** `<object name>.<hex nanoseconds>`, the nanoseconds of now plus a sequence within the millisecond. */
  private nextName(objectName: string): string {
    const nanos = BigInt(this.clock.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    return `${objectName}.${nanos.toString(16)}`;
  }
}
