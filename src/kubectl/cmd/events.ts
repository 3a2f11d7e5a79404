/** kubectl events: the namespace's events, oldest first, as the events table. */
import type { TableDef } from '../printers/columns/types';
import { age } from '../printers/duration';
import { goSorted } from '../../sim/go-sort';
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, mapperOf, namespaceOf } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError } from '../errors';
import type { Invocation } from '../invocation';
import { renderTable } from '../printers/table';
import { register } from './registry';

function events(inv: Invocation): number {
  const conn = connect(inv);
  const all = inv.flags.bool('all-namespaces');
  const namespace = namespaceOf(inv);
  const mapping = mapperOf(conn).resolve('events');
  const res = conn.request<{ items: KubeObject[] }>({ verb: 'list', group: '', version: 'v1', resource: 'events', namespace: all ? undefined : namespace });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  let items = (res.body as { items: KubeObject[] }).items ?? [];
  const types = inv.flags.list('types');
  if (types.length) items = items.filter((e) => types.includes(String(e.type)));
  const forObj = inv.flags.str('for');
  if (forObj) {
    const [kind, name] = forObj.includes('/') ? forObj.split('/') : ['', forObj];
    items = items.filter((e) => {
      const io = (e.involvedObject ?? {}) as Record<string, string>;
      return io.name === name && (!kind || io.kind?.toLowerCase() === mapperOf(conn).find(kind)?.kind.toLowerCase());
    });
  }
  // kubectl events' SortableEvents: series.lastObservedTime, else lastTimestamp, else eventTime,
  // with Go's sort.Sort (events of one second stay in its order).
  const stamp = (e: KubeObject) => {
    const ev = e as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const t = ev.series?.lastObservedTime || ev.lastTimestamp || ev.eventTime;
    return t ? Date.parse(String(t)) : -Infinity;
  };
  items = goSorted(items, (a, b) => stamp(a) < stamp(b));
  if (items.length === 0) {
    inv.err(all ? 'No events found.\n' : `No events found in ${namespace} namespace.\n`);
    return 0;
  }
  inv.out(
    renderTable(items, mapping, {
      table: EVENTS_TABLE,
      wide: inv.flags.str('output') === 'wide', withNamespace: all, withKind: false, showLabels: false, labelColumns: [],
      noHeaders: inv.flags.bool('no-headers'), now: inv.ctx.clock.now(),
    }),
  );
  return 0;
}

/**
 * kubectl events' own printer (event_printer.go), not the server's table: LAST SEEN as getInterval
 * gives it ("5m (x3 over 10m)"), OBJECT as Kind/Name with the kind's case kept.
 */
const EVENTS_TABLE: TableDef = {
  columns: [
    { name: 'Last Seen', priority: 0 },
    { name: 'Type', priority: 0 },
    { name: 'Reason', priority: 0 },
    { name: 'Object', priority: 0 },
    { name: 'Message', priority: 0 },
  ],
  cells(o, now) {
    const e = o as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const first = e.eventTime ? age(e.eventTime, now) : age(e.firstTimestamp, now);
    const interval = e.series
      ? `${age(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`
      : (e.count ?? 0) > 1
        ? `${age(e.lastTimestamp, now)} (x${e.count} over ${first})`
        : first;
    const io = e.involvedObject ?? {};
    return [interval, String(e.type ?? ''), String(e.reason ?? ''), `${io.kind ?? ''}/${io.name ?? ''}`, String(e.message ?? '').trim()];
  },
};

register('events', events);
