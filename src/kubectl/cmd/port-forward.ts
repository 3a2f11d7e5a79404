/**
 * kubectl port-forward (POD | TYPE/NAME) [LOCAL:]REMOTE…: checks the pod as kubectl does and
 * reports the forwarding; it then holds until Ctrl-C (with a hand-driven clock it returns at once).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, mapperOf, namespaceOf } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail, usageError } from '../errors';
import type { Invocation } from '../invocation';
import { register } from './registry';
import { forwardingLines } from '../util/forwarding';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function portForward(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  if (args.length < 2) throw usageError('port-forward', 'TYPE/NAME and list of ports are required for port-forward');
  const conn = connect(inv);
  const namespace = namespaceOf(inv);
  const [type, name] = args[0].includes('/') ? args[0].split('/', 2) : ['pods', args[0]];
  const mapping = mapperOf(conn).resolve(type);
  const res = conn.request<KubeObject>({ verb: 'get', group: mapping.group, version: mapping.version, resource: mapping.resource, namespace, name });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  let pod = res.body as KubeObject;
  if (mapping.resource !== 'pods') {
    const sel = ((pod.spec as Obj)?.selector?.matchLabels ?? (pod.spec as Obj)?.selector ?? {}) as Record<string, string>;
    const list = conn.request<{ items: KubeObject[] }>({
      verb: 'list', group: '', version: 'v1', resource: 'pods', namespace, query: { labelSelector: Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',') },
    });
    const items = list.code < 300 ? (list.body as { items: KubeObject[] }).items ?? [] : [];
    if (items.length === 0) throw fail(`unable to find a pod for ${args[0]}`);
    pod = items[0];
  }
  const phase = (pod.status as Obj)?.phase;
  if (phase !== 'Running') throw fail(`unable to forward port because pod is not running. Current status=${phase ?? 'Pending'}`);
  const addresses = inv.flags.list('address').length ? inv.flags.list('address') : ['localhost'];
  inv.out(forwardingLines(args.slice(1), addresses));
  if (inv.ctx.clock.mode !== 'realtime') return 0;
  while (!inv.ctx.signal.aborted) await inv.ctx.clock.sleep(1000, inv.ctx.signal);
  return 130;
}

register('port-forward', portForward);
