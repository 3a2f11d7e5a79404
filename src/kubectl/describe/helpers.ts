/** Shared pieces of describe output, after kubectl's describe.go. */
import { goSorted } from '../../sim/go-sort';
import type { KubeObject } from '../../sim/apiserver/types';
import { humanDuration } from '../printers/duration';
import type { PrefixWriter } from './tabwriter';

export type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: "Mon, 02 Jan 2006 15:04:05 +0000". */
export function rfc1123z(ts: string | undefined): string {
  const d = new Date(ts ?? 0);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function since(ts: string | undefined, now: number): string {
  if (!ts) return '<unknown>';
  return humanDuration(now - Date.parse(ts));
}

export function printLabels(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION = 140;

export function printAnnotations(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > MAX_ANNOTATION - 2 ? s.slice(0, MAX_ANNOTATION - 2) + '...' : s}\n`);
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

export function printTolerations(w: PrefixWriter, title: string, tolerations: Obj[] | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, s + '\n');
  });
}

export function printTaints(w: PrefixWriter, title: string, taints: Obj[] | undefined): void {
  w.write(0, `${title}:\t`);
  const list = [...(taints ?? [])].sort((a, b) => (`${a.effect},${a.key}` < `${b.effect},${b.key}` ? -1 : 1));
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}\n`);
  });
}

export function controllerOf(obj: KubeObject): string {
  const ref = (obj.metadata?.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export function describeEvents(w: PrefixWriter, events: KubeObject[] | undefined, now: number): void {
  if (!events) return;
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // sort.Sort(event.SortableEvents): by lastTimestamp alone, a missing one (the scheduler's
  // events.k8s.io events) counting as the zero time, equal ones left where Go's sort leaves them.
  const stamp = (e: Obj) => (e.lastTimestamp ? Date.parse(e.lastTimestamp) : -Infinity);
  const sorted = goSorted(events as Obj[], (a, b) => stamp(a) < stamp(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted as Obj[]) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval = first;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingComponent || e.reportingController || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}

export function formatLabelSelector(sel: Obj | undefined): string {
  if (!sel) return '<none>';
  const parts: string[] = [];
  const ml = (sel.matchLabels ?? {}) as Record<string, string>;
  for (const k of Object.keys(ml).sort()) parts.push(`${k}=${ml[k]}`);
  for (const e of (sel.matchExpressions ?? []) as Obj[]) {
    const vals = ((e.values ?? []) as string[]).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

/**
 * A LabelSelector as the labelSelector of describe's list requests (LabelSelectorAsSelector then
 * String(): requirements sorted by key, values sorted); undefined for a selector that selects all.
 */
export function selectorQuery(sel: Obj | undefined): string | undefined {
  const reqs: [string, string][] = [];
  const ml = (sel?.matchLabels ?? {}) as Record<string, string>;
  for (const k of Object.keys(ml)) reqs.push([k, `${k}=${ml[k]}`]);
  for (const e of (sel?.matchExpressions ?? []) as Obj[]) {
    const vals = ((e.values ?? []) as string[]).slice().sort().join(',');
    const text = { In: `${e.key} in (${vals})`, NotIn: `${e.key} notin (${vals})`, Exists: e.key, DoesNotExist: `!${e.key}` }[e.operator as string];
    if (text) reqs.push([e.key, text]);
  }
  return reqs.length ? reqs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, t]) => t).join(',') : undefined;
}

/** The pods of a controller as describe.go's getPodStatusForController finds them: its selector, then its controller reference. */
export function controlledPods(o: KubeObject, ctx: { related: (r: string, g: string, ns?: string, ls?: string) => KubeObject[] }): KubeObject[] {
  const selector = selectorQuery((o.spec as Obj | undefined)?.selector);
  return ctx.related('pods', '', o.metadata?.namespace, selector).filter((p) => (p.metadata?.ownerReferences ?? []).some((r) => r.controller && r.uid === o.metadata?.uid));
}

export function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}
