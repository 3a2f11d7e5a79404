/** kubectl events: the namespace's events, oldest first, as the events table. */
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
  const stamp = (e: KubeObject) => Date.parse(String(e.lastTimestamp || e.eventTime || e.metadata?.creationTimestamp || 0));
  items = [...items].sort((a, b) => stamp(a) - stamp(b));
  if (items.length === 0) {
    inv.err(all ? 'No events found.\n' : `No events found in ${namespace} namespace.\n`);
    return 0;
  }
  inv.out(
    renderTable(items, mapping, {
      wide: inv.flags.str('output') === 'wide', withNamespace: all, withKind: false, showLabels: false, labelColumns: [],
      noHeaders: inv.flags.bool('no-headers'), now: inv.ctx.clock.now(),
    }),
  );
  return 0;
}

register('events', events);
