/** kubectl attach: a running pod's output, or a session with its process. */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, namespaceOf } from '../client/connection';
import { statusText } from '../client/status';
import { attachSession } from '../client/shell-session';
import { KubectlError, fail } from '../errors';
import type { Invocation } from '../invocation';
import { register } from './registry';

async function attach(inv: Invocation): Promise<number> {
  const ref = inv.flags.args[0];
  if (!ref) throw fail('expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 0: []');
  const conn = connect(inv);
  const namespace = namespaceOf(inv);
  const name = ref.includes('/') ? ref.split('/')[1] : ref;
  const res = conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace, name });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  const pod = res.body as KubeObject;
  const phase = (pod.status as { phase?: string })?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw fail(`cannot attach a container in a completed pod; current phase is ${phase}`);
  const containers = (((pod.spec as Record<string, unknown>)?.containers ?? []) as { name: string }[]).map((c) => c.name);
  const container = inv.flags.str('container') || containers[0];
  if (inv.flags.bool('stdin')) {
    const quiet = inv.flags.bool('quiet');
    // A container without a TTY cannot give one; one with a TTY needs one.
    const allocated = (((pod.spec as Record<string, unknown>)?.containers ?? []) as { name: string; tty?: boolean }[]).find((c) => c.name === container)?.tty === true;
    let wantTTY = inv.flags.bool('tty');
    if (wantTTY && !allocated) {
      wantTTY = false;
      if (!quiet) inv.err(`error: Unable to use a TTY - container ${container} did not allocate one\n`);
    } else if (!wantTTY && allocated) wantTTY = true;
    return attachSession(inv, conn, namespace, pod, container, { stdin: true, tty: wantTTY });
  }
  const logs = conn.request<string>({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace, name, query: { container } });
  if (logs.code >= 300) throw new KubectlError(statusText(logs.body));
  inv.out(String(logs.body));
  return 0;
}

register('attach', attach);
