/**
 * client-go's EventCorrelator (tools/record/events_cache.go), the step between a recorder's
 * Event() call and the API: every event goes, in this order, through
 *   1. the aggregator: events that differ only by message are grouped; once 10 distinct messages
 *      have been seen with no gap over 600 s, the event becomes one whose message is
 *      "(combined from similar events): <message>", keyed by the group so later ones count on it;
 *   2. the logger: an event seen before under the same key becomes a strategic merge PATCH of
 *      count, lastTimestamp and message on the Event already written;
 *   3. the spam filter: a token bucket per source and object (and, since client-go 1.32, type):
 *      a burst of 25, then one event every 300 s; the others are dropped.
 * A dropped event still counted in steps 1 and 2, which is why a real cluster's counts jump.
 */
import { LruCache } from './lru-cache';
import { TokenBucket } from './token-bucket';

export const MAX_LRU_CACHE_ENTRIES = 4096;
export const DEFAULT_AGGREGATE_MAX_EVENTS = 10;
export const DEFAULT_AGGREGATE_INTERVAL_SECONDS = 600;
export const DEFAULT_SPAM_BURST = 25;
export const DEFAULT_SPAM_QPS = 1 / 300;
export const AGGREGATE_MESSAGE_PREFIX = '(combined from similar events): ';

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** A core/v1 Event as the recorder writes it (the fields the correlator reads or sets). */
export interface CoreEvent {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: { name: string; namespace: string; resourceVersion?: string; [field: string]: unknown };
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  source: { component?: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: string;
  eventTime: null;
  reportingComponent: string;
  reportingInstance: string;
}

/** The body of the PATCH that bumps an Event already written (application/strategic-merge-patch+json). */
export interface EventCountPatch {
  count: number;
  lastTimestamp: string;
  message?: string;
}

export interface CorrelationResult {
  /** Dropped by the spam filter: nothing is written. */
  skip: boolean;
  /** The event to create, or (with `patch`) the existing Event to patch. */
  event: CoreEvent;
  patch?: EventCountPatch;
  /** The logger's key for this event (the aggregate key for a combined event). */
  key: string;
  /** The event's own key when it is `key` (not a combined event): made once per event. */
  ownKey?: string;
}

export interface CorrelatorOptions {
  /** Milliseconds of the simulated clock. */
  now: () => number;
  /** RFC 3339 (seconds) of a time in ms, as metav1.Time serialises. */
  rfc3339: (ms: number) => string;
  /** A fresh Event name for an object: `<name>.<hex nanoseconds>`. */
  eventName: (objectName: string) => string;
}

// The keys join their fields with no separator, as client-go does (strings.Join(fields, "")).
// Concatenated directly: they are made for every event recorded.
function eventKey(e: CoreEvent): string {
  const o = e.involvedObject;
  return str(e.source.component) + str(e.source.host) + str(o.kind) + str(o.namespace) + str(o.name) + str(o.fieldPath) + str(o.uid) + str(o.apiVersion) + str(e.type) + str(e.reason) + str(e.message);
}

/** Source and object, not fieldPath, reason or message; type since client-go 1.32 (kubernetes#124726). */
function spamKey(e: CoreEvent): string {
  const o = e.involvedObject;
  return str(e.source.component) + str(e.source.host) + str(o.kind) + str(o.namespace) + str(o.name) + str(o.uid) + str(o.apiVersion) + str(e.type);
}

/** EventAggregatorByReasonFunc: everything but the message (and fieldPath) groups events: the spam filter's key (source, object, type), then the reason and reporter. */
function aggregateKeyOf(e: CoreEvent, spam: string): string {
  return spam + str(e.reason) + str(e.reportingComponent) + str(e.reportingInstance);
}

function str(v: string | undefined): string {
  return v ?? '';
}

interface AggregateRecord {
  /** The distinct messages seen, oldest first: at most DEFAULT_AGGREGATE_MAX_EVENTS, so a short
   *  array (one is kept per object and reason, thousands in a big cluster) rather than a Set. */
  localKeys: string[];
  lastMs: number;
}

class EventAggregator {
  private readonly cache = new LruCache<AggregateRecord>(MAX_LRU_CACHE_ENTRIES);

  constructor(private readonly opts: CorrelatorOptions) {}

  /** `spam`: the event's spam key, which its aggregate key begins with. */
  aggregate(event: CoreEvent, spam: string): { event: CoreEvent; key: string; combined?: true } {
    const now = this.opts.now();
    const aggregateKey = aggregateKeyOf(event, spam);
    const localKey = event.message;
    const cached = this.cache.get(aggregateKey);
    let record = cached;
    if (!record || now - record.lastMs > DEFAULT_AGGREGATE_INTERVAL_SECONDS * 1000) record = { localKeys: [], lastMs: now };
    if (!record.localKeys.includes(localKey)) record.localKeys.push(localKey);
    record.lastMs = now;
    // A record found is already the most recent entry (get moved it there) and changed in place.
    if (record !== cached) this.cache.add(aggregateKey, record);
    if (record.localKeys.length < DEFAULT_AGGREGATE_MAX_EVENTS) return { event, key: eventKey(event) };

    // The set never grows past the limit: client-go pops an arbitrary member (Go map order);
    // the oldest one here, so that a run is repeatable.
    record.localKeys.shift();
    const at = this.opts.rfc3339(now);
    // A new object: no reporting controller or instance, as in client-go's aggregate copy.
    const combined: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.opts.eventName(event.involvedObject.name ?? ''), namespace: event.metadata.namespace },
      involvedObject: event.involvedObject,
      reason: event.reason,
      message: AGGREGATE_MESSAGE_PREFIX + event.message,
      source: event.source,
      firstTimestamp: at,
      lastTimestamp: at,
      count: 1,
      type: event.type,
      eventTime: null,
      reportingComponent: '',
      reportingInstance: '',
    };
    return { event: combined, key: aggregateKey, combined: true };
  }
}

interface EventLog {
  count: number;
  firstTimestamp: string;
  name: string;
  resourceVersion: string;
}

class EventLogger {
  private readonly cache = new LruCache<EventLog>(MAX_LRU_CACHE_ENTRIES);

  observe(newEvent: CoreEvent, key: string): { event: CoreEvent; patch?: EventCountPatch } {
    const last = this.cache.get(key);
    let event = newEvent;
    let patch: EventCountPatch | undefined;
    if (last && last.count > 0) {
      event = {
        ...newEvent,
        metadata: { ...newEvent.metadata, name: last.name, resourceVersion: last.resourceVersion },
        firstTimestamp: last.firstTimestamp,
        count: last.count + 1,
      };
      // The two-way merge patch from a copy with count 0, lastTimestamp at the epoch and no
      // message to the event: exactly those three fields (message omitted when empty).
      patch = { count: event.count, lastTimestamp: event.lastTimestamp };
      if (event.message) patch.message = event.message;
    }
    this.remember(key, event);
    return { event, patch };
  }

  /** The server's answer to a create or patch: its name and resourceVersion for next time, under `key`. */
  remember(key: string, e: CoreEvent): void {
    this.cache.add(key, { count: e.count, firstTimestamp: e.firstTimestamp, name: e.metadata.name, resourceVersion: e.metadata.resourceVersion ?? '' });
  }
}

class SpamFilter {
  private readonly cache = new LruCache<TokenBucket>(MAX_LRU_CACHE_ENTRIES);

  constructor(private readonly now: () => number) {}

  /** True when the event (of spam key `key`) must be dropped. */
  filter(key: string): boolean {
    let bucket = this.cache.get(key);
    if (!bucket) {
      bucket = new TokenBucket(DEFAULT_SPAM_QPS, DEFAULT_SPAM_BURST);
      this.cache.add(key, bucket);
    }
    return !bucket.tryAccept(this.now());
  }
}

export class EventCorrelator {
  private readonly aggregator: EventAggregator;
  private readonly logger = new EventLogger();
  private readonly spamFilter: SpamFilter;

  constructor(opts: CorrelatorOptions) {
    this.aggregator = new EventAggregator(opts);
    this.spamFilter = new SpamFilter(opts.now);
  }

  correlate(newEvent: CoreEvent): CorrelationResult {
    // Made once: the aggregate and the observed event (a combined one too) keep the new event's
    // source, object and type.
    const spam = spamKey(newEvent);
    const aggregated = this.aggregator.aggregate(newEvent, spam);
    const observed = this.logger.observe(aggregated.event, aggregated.key);
    const ownKey = aggregated.combined ? undefined : aggregated.key;
    if (this.spamFilter.filter(spam)) return { skip: true, event: observed.event, key: aggregated.key, ownKey };
    return { skip: false, event: observed.event, patch: observed.patch, key: aggregated.key, ownKey };
  }

  /**
   * After the server accepted an event. `key` also records it under the correlation key the
   * event was observed with, for when the server's name differs from the one observed. `ownKey`:
   * the event's key as correlate() made it (the server keeps the fields it is made of).
   */
  updateState(serverEvent: CoreEvent, key?: string, ownKey?: string): void {
    const own = ownKey ?? eventKey(serverEvent);
    this.logger.remember(own, serverEvent);
    if (key !== undefined && key !== own) this.logger.remember(key, serverEvent);
  }
}
