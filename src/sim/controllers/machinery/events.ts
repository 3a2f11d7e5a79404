/**
 * core/v1 Events as client-go's event recorder writes them: named `<object>.<hex nanoseconds>`,
 * in the object's namespace ('default' for cluster-scoped objects), and aggregated: the same
 * reason and message about the same object again bumps `count` and `lastTimestamp` instead of
 * creating a new Event (the EventCorrelator).
 */
import type { SimClock } from '../../clock';
import type { ApiClient } from '../../apiserver/client';
import type { KubeObject } from '../../apiserver/types';

export type EventType = 'Normal' | 'Warning';

const EVENTS = { group: '', version: 'v1', resource: 'events' };
const MAX_REMEMBERED = 4096;

export interface EventSource {
  component: string;
  host?: string;
}

export class EventRecorder {
  private seen = new Map<string, { name: string; namespace: string; count: number }>();
  private seq = 0;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: SimClock,
    readonly source: EventSource,
  ) {}

  event(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const meta = obj.metadata ?? {};
    const namespace = meta.namespace || 'default';
    const kind = obj.kind ?? '';
    const key = `${kind}/${namespace}/${meta.name}/${meta.uid}/${fieldPath ?? ''}/${type}/${reason}/${message}`;
    const now = this.clock.rfc3339();
    const prior = this.seen.get(key);
    if (prior) {
      prior.count++;
      const r = this.client.patch(EVENTS, prior.namespace, prior.name, { count: prior.count, lastTimestamp: now }, 'application/strategic-merge-patch+json');
      if (r.code === 200) return;
      this.seen.delete(key);
    }
    const base = BigInt(this.clock.now()) * 1_000_000n;
    const involvedObject: Record<string, unknown> = { kind, namespace: meta.namespace, name: meta.name, uid: meta.uid, apiVersion: obj.apiVersion, resourceVersion: meta.resourceVersion };
    if (!meta.namespace) delete involvedObject.namespace;
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    const body: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: '', namespace },
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
    // Names carry the nanoseconds of the event; several components may record at the same
    // simulated instant, so the next nanosecond is taken when a name is in use.
    let name = '';
    let r;
    for (let attempt = 0; attempt < 8; attempt++) {
      name = `${meta.name}.${(base + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
      body.metadata!.name = name;
      r = this.client.create(EVENTS, namespace, body);
      if (r.code !== 409) break;
    }
    if (!r || r.code !== 201) return;
    if (this.seen.size >= MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(key, { name, namespace, count: 1 });
  }
}
