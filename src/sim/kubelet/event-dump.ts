/**
 * A core/v1 Event as klog prints the `event` of client-go's event broadcaster lines: the
 * generated String() of *v1.Event (`&Event{ObjectMeta:{…},InvolvedObject:ObjectReference{…},…}`),
 * as real kubelet journals show it:
 *
 *   &Event{ObjectMeta:{web.1825a3131d470e40  default    0 0001-01-01 00:00:00 +0000 UTC <nil> <nil> map[] map[] [] [] []},
 *   InvolvedObject:ObjectReference{Kind:Pod,Namespace:default,Name:web,UID:…,APIVersion:v1,ResourceVersion:,FieldPath:spec.containers{web},},
 *   Reason:BackOff,Message:…,Source:EventSource{Component:kubelet,Host:cka01,},FirstTimestamp:2026-01-15 08:02:30 +0000 UTC m=+12.000000000,…}
 *
 * ObjectMeta is printed by %v (its fields in order, space-separated); times by time.Time's
 * String(), with the monotonic reading (m=+seconds since the process started).
 */
import type { CoreEvent } from '../controllers/machinery/event-correlator';
import { GO_ZERO_TIME, goTime } from '../go-time';


export function eventDump(event: CoreEvent, processStartMs: number): string {
  const m = event.metadata;
  const o = event.involvedObject ?? {};
  const meta = `{${m.name} ${''} ${m.namespace ?? ''} ${''} ${''} ${m.resourceVersion ?? ''} 0 ${GO_ZERO_TIME} <nil> <nil> map[] map[] [] [] []}`;
  const ref = `ObjectReference{Kind:${o.kind ?? ''},Namespace:${o.namespace ?? ''},Name:${o.name ?? ''},UID:${o.uid ?? ''},APIVersion:${o.apiVersion ?? ''},ResourceVersion:${o.resourceVersion ?? ''},FieldPath:${o.fieldPath ?? ''},}`;
  const source = `EventSource{Component:${event.source?.component ?? ''},Host:${event.source?.host ?? ''},}`;
  return (
    `&Event{ObjectMeta:${meta},InvolvedObject:${ref},Reason:${event.reason ?? ''},Message:${event.message ?? ''},Source:${source},` +
    `FirstTimestamp:${goTimeIn(event.firstTimestamp, processStartMs)},LastTimestamp:${goTimeIn(event.lastTimestamp, processStartMs)},` +
    `Count:${event.count ?? 0},Type:${event.type ?? ''},EventTime:${GO_ZERO_TIME},Series:nil,Action:,Related:nil,` +
    `ReportingController:${event.reportingComponent ?? ''},ReportingInstance:${event.reportingInstance ?? ''},}`
  );
}

/** time.Time.String() of an RFC 3339 time, with the monotonic clock reading of a time taken in this process. */
function goTimeIn(rfc3339: string | null | undefined, processStartMs: number): string {
  const ms = rfc3339 ? Date.parse(rfc3339) : NaN;
  if (Number.isNaN(ms)) return GO_ZERO_TIME;
  const since = Math.max(0, ms - processStartMs);
  return `${goTime(rfc3339!)} m=+${Math.floor(since / 1000)}.${String((since % 1000) * 1_000_000).padStart(9, '0')}`;
}
