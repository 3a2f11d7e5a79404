/**
 * recordEvent: write a core/v1 Event the way client-go's recorder does, through the API.
 * The name is `<object name>.<hex nanoseconds>`; a repeat of the same (source, object, type,
 * reason, message) within ten minutes updates the existing Event's count and lastTimestamp
 * instead (the EventCorrelator's aggregation), which is what `kubectl get events` shows as
 * "(x3 over 2m)".
 */
import type { ApiClient } from './client';
import type { SimClock } from '../clock';
import type { KubeObject } from './types';

export interface EventSource {
  component: string;
  host?: string;
}

export interface RecordEventInput {
  /** The object the event is about (its kind, namespace, name, uid, apiVersion, resourceVersion are used). */
  involvedObject: KubeObject | { kind: string; name: string; namespace?: string; uid?: string; apiVersion?: string; resourceVersion?: string; fieldPath?: string };
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: EventSource;
  /** e.g. 'spec.containers{web}' for kubelet container events */
  fieldPath?: string;
  /** events.k8s.io style (the scheduler): eventTime and action instead of first/lastTimestamp. */
  action?: string;
}

const EVENTS = { group: '', version: 'v1', resource: 'events' };
const AGGREGATION_WINDOW_MS = 10 * 60 * 1000;
let lastNanos = 0n;

function refOf(o: RecordEventInput['involvedObject']): Record<string, unknown> {
  if ('metadata' in o && o.metadata) {
    const k = o as KubeObject;
    const ref: Record<string, unknown> = { kind: k.kind, namespace: k.metadata!.namespace, name: k.metadata!.name, uid: k.metadata!.uid, apiVersion: k.apiVersion, resourceVersion: k.metadata!.resourceVersion };
    for (const key of Object.keys(ref)) if (ref[key] === undefined) delete ref[key];
    return ref;
  }
  return { ...(o as Record<string, unknown>) };
}

/** Returns the stored Event (or undefined when the API refused it). */
export function recordEvent(client: ApiClient, input: RecordEventInput, clock: Pick<SimClock, 'now' | 'rfc3339'>): KubeObject | undefined {
  const now = { ms: clock.now(), rfc3339: clock.rfc3339() };
  const involved = refOf(input.involvedObject);
  if (input.fieldPath) involved.fieldPath = input.fieldPath;
  const namespace = (involved.namespace as string | undefined) || 'default';
  const name = String(involved.name ?? '');
  // Look for an event to aggregate into (same source, object, type, reason and message).
  const existing = client.list(EVENTS, namespace, { fieldSelector: `involvedObject.name=${name},reason=${input.reason}` });
  if (existing.code === 200) {
    const items = ((existing.body as { items: KubeObject[] }).items ?? []).filter((e) => {
      const src = (e.source ?? {}) as EventSource;
      const io = (e.involvedObject ?? {}) as Record<string, unknown>;
      return (
        e.type === input.type &&
        e.message === input.message &&
        src.component === input.source.component &&
        (src.host ?? '') === (input.source.host ?? '') &&
        io.kind === involved.kind &&
        (io.uid ?? '') === (involved.uid ?? '') &&
        (io.fieldPath ?? '') === (involved.fieldPath ?? '')
      );
    });
    const last = items.sort((a, b) => String(b.lastTimestamp).localeCompare(String(a.lastTimestamp)))[0];
    if (last && now.ms - Date.parse(String(last.lastTimestamp ?? last.eventTime)) <= AGGREGATION_WINDOW_MS) {
      const r = client.patch(EVENTS, namespace, last.metadata!.name!, { count: ((last.count as number) ?? 1) + 1, lastTimestamp: now.rfc3339 }, 'application/merge-patch+json');
      return r.code === 200 ? (r.body as KubeObject) : undefined;
    }
  }
  let nanos = BigInt(now.ms) * 1000000n;
  if (nanos <= lastNanos) nanos = lastNanos + 1n;
  lastNanos = nanos;
  const event: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${name}.${nanos.toString(16)}`, namespace },
    involvedObject: involved,
    reason: input.reason,
    message: input.message,
    source: input.source.host === undefined ? { component: input.source.component } : { ...input.source },
    type: input.type,
    reportingComponent: input.source.component,
    reportingInstance: input.source.host ?? '',
  };
  if (input.action) {
    event.eventTime = new Date(now.ms).toISOString().replace('Z', '000Z');
    event.action = input.action;
    event.firstTimestamp = null;
    event.lastTimestamp = null;
    event.reportingComponent = input.source.component;
    event.reportingInstance = input.source.host ? `${input.source.component}-${input.source.host}` : input.source.component;
  } else {
    event.firstTimestamp = now.rfc3339;
    event.lastTimestamp = now.rfc3339;
    event.count = 1;
    event.eventTime = null;
  }
  const r = client.create(EVENTS, namespace, event);
  return r.code === 201 ? (r.body as KubeObject) : undefined;
}
