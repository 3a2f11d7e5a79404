/**
 * events.k8s.io/v1 Events as client-go's new recorder (tools/events) writes them — the one the
 * kube-scheduler uses since 1.19 (EventBroadcasterAdapter over an API that serves events.k8s.io/v1):
 * eventTime in microseconds instead of first/lastTimestamp, reportingController and
 * reportingInstance (`<controller>-<hostname>`), an action, and no EventCorrelator. Instead, an
 * event isomorphic to one seen before (same type, action, reason, reporter, regarding and related
 * object — the note is not part of it) becomes a series: the second occurrence patches
 * `series: {count: 2, lastObservedTime}`; later ones only count in memory until a series idle for
 * 6 minutes is finished (written and forgotten, checked every 6 minutes) or every 30 minutes
 * refreshed. So `kubectl describe` shows "(x2 over 5m)" for a while where the count is higher.
 */
import type { SimClock, TimerHandle } from '../../clock';
import type { ApiClient } from '../../apiserver/client';
import type { KubeObject } from '../../apiserver/types';
import type { ObjectReference } from './event-correlator';
import type { EventType } from './events';
import { omit } from '../../omit';

const EVENTS_V1 = { group: 'events.k8s.io', version: 'v1', resource: 'events' };
export const FINISH_TIME_MS = 6 * 60_000;
export const REFRESH_TIME_MS = 30 * 60_000;
const NAME_ATTEMPTS = 8;

export interface EventSeries {
  count: number;
  lastObservedTime: string;
}

/** An events.k8s.io/v1 Event as this recorder writes it. */
export interface EventV1 {
  apiVersion: 'events.k8s.io/v1';
  kind: 'Event';
  metadata: { name: string; namespace: string; resourceVersion?: string; [field: string]: unknown };
  eventTime: string;
  series?: EventSeries;
  reportingController: string;
  reportingInstance: string;
  action: string;
  reason: string;
  regarding: ObjectReference;
  related?: ObjectReference;
  note: string;
  type: string;
  deprecatedSource: Record<string, never>;
}

/** metav1.MicroTime: RFC 3339 with six fractional digits. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function referenceTo(obj: KubeObject): ObjectReference {
  const meta = obj.metadata ?? {};
  const ref: ObjectReference = { kind: obj.kind ?? '', namespace: meta.namespace, name: meta.name, uid: meta.uid, apiVersion: obj.apiVersion, resourceVersion: meta.resourceVersion };
  if (!meta.namespace) delete ref.namespace;
  return ref;
}

function refKey(r: ObjectReference | undefined): string {
  if (!r) return '';
  return [r.kind, r.namespace, r.name, r.uid, r.apiVersion, r.resourceVersion, r.fieldPath].map((v) => v ?? '').join('\u0000');
}

/** getKey: the fields that make two events isomorphic (the note is not one of them). */
function isomorphicKey(e: EventV1): string {
  return [e.type, e.action, e.reason, e.reportingController, e.reportingInstance, refKey(e.regarding), refKey(e.related)].join('\u0001');
}

export class EventsV1Recorder {
  readonly reportingInstance: string;
  private readonly cache = new Map<string, EventV1>();
  private seq = 0;
  private readonly startedMs: number;
  private finishTimer?: TimerHandle;
  private refreshTimer?: TimerHandle;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: SimClock,
    readonly reportingController: string,
    hostname: string,
  ) {
    this.reportingInstance = `${reportingController}-${hostname}`;
    this.startedMs = clock.now();
  }

  eventf(regarding: KubeObject, related: KubeObject | undefined, type: EventType, reason: string, action: string, note: string): void {
    const event = this.makeEvent(regarding, related, type, reason, action, note);
    const key = isomorphicKey(event);
    const seen = this.cache.get(key);
    if (!seen) {
      this.cache.set(key, event);
      this.scheduleFinish();
      this.record(event);
      return;
    }
    const lastObservedTime = microTime(this.clock.now());
    if (seen.series) {
      seen.series = { count: seen.series.count + 1, lastObservedTime };
      return;
    }
    seen.series = { count: 2, lastObservedTime };
    this.scheduleRefresh();
    this.record(seen);
  }

  /** Stop the finish and refresh timers (the process ends; what is only counted in memory is lost). */
  stop(): void {
    this.clock.clearTimeout(this.finishTimer);
    this.clock.clearTimeout(this.refreshTimer);
    this.finishTimer = this.refreshTimer = undefined;
    this.cache.clear();
  }

  private makeEvent(regarding: KubeObject, related: KubeObject | undefined, type: EventType, reason: string, action: string, note: string): EventV1 {
    const ref = referenceTo(regarding);
    const event: EventV1 = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: this.nextName(ref.name ?? ''), namespace: ref.namespace || 'default' },
      eventTime: microTime(this.clock.now()),
      reportingController: this.reportingController,
      reportingInstance: this.reportingInstance,
      action,
      reason,
      regarding: ref,
      note,
      type,
      deprecatedSource: {},
    };
    if (related) event.related = referenceTo(related);
    return event;
  }

  /**
   * recordEvent: a series is a strategic merge patch of `series`, and a create when the Event is
   * gone; anything else is a create. True when the event was written (or will never be).
   */
  private record(event: EventV1, keepAnswer = false): EventV1 | undefined {
    // The request bodies are new objects (the server copies them): `event`, cached, stays as it is.
    // Only a kept answer needs a private copy; otherwise the server's own (read-only) one does.
    const readOnly = !keepAnswer;
    if (event.series) {
      const r = this.client.patch<EventV1>(EVENTS_V1, event.metadata.namespace, event.metadata.name, { series: event.series }, 'application/strategic-merge-patch+json');
      if (r.code === 200) return r.body as EventV1;
      if (r.code !== 404) return undefined;
    }
    const metadata = omit(event.metadata, 'resourceVersion');
    const body: EventV1 = { ...event, metadata };
    for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
      if (attempt > 0) body.metadata = { ...metadata, name: this.nextName(event.regarding.name ?? '') };
      const r = this.client.create<EventV1>(EVENTS_V1, metadata.namespace, body as unknown as KubeObject, {}, { readOnly });
      if (r.code === 201) {
        if (attempt > 0) this.renamed(event, body.metadata.name);
        return r.body as EventV1;
      }
      if (r.code !== 409 || event.series) return undefined;
    }
    return undefined;
  }

  /** A name taken by another component at the same simulated instant: later patches go to ours. */
  private renamed(event: EventV1, name: string): void {
    const cached = this.cache.get(isomorphicKey(event));
    if (cached && cached.metadata.name === event.metadata.name) cached.metadata = { ...cached.metadata, name };
  }

  /** finishSeries, on the recorder's 6-minute grid, only while something is cached. */
  private scheduleFinish(): void {
    if (this.finishTimer) return;
    this.finishTimer = this.clock.setTimeout(() => {
      this.finishTimer = undefined;
      this.finishSeries();
      if (this.cache.size) this.scheduleFinish();
    }, this.untilNextTick(FINISH_TIME_MS));
  }

  private finishSeries(): void {
    const cutoff = this.clock.now() - FINISH_TIME_MS;
    for (const [key, event] of this.cache) {
      if (event.series) {
        if (Date.parse(event.series.lastObservedTime) < cutoff) {
          this.record(event);
          this.cache.delete(key);
        }
      } else if (Date.parse(event.eventTime) < cutoff) this.cache.delete(key);
    }
  }

  /** refreshExistingEventSeries, on the recorder's 30-minute grid, only while a series is cached. */
  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = this.clock.setTimeout(() => {
      this.refreshTimer = undefined;
      for (const [key, event] of this.cache) {
        if (!event.series) continue;
        const recorded = this.record(event, true);
        if (recorded) this.cache.set(key, recorded);
      }
      if ([...this.cache.values()].some((e) => e.series)) this.scheduleRefresh();
    }, this.untilNextTick(REFRESH_TIME_MS));
  }

  private untilNextTick(periodMs: number): number {
    const elapsed = this.clock.now() - this.startedMs;
    return (Math.floor(elapsed / periodMs) + 1) * periodMs - elapsed;
  }

  private nextName(objectName: string): string {
    const nanos = BigInt(this.clock.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    return `${objectName}.${nanos.toString(16)}`;
  }
}
