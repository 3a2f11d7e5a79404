/**
 * kubectl port-forward (POD | TYPE/NAME) [LOCAL:]REMOTE…: checks the pod as kubectl does and
 * reports the forwarding, then listens on the learner's machine and carries each connection into the
 * Pod ("Handling connection for 8080") until Ctrl-C or kill.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, mapperOf, namespaceOf } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail, usageError } from '../errors';
import type { Invocation } from '../invocation';
import { register } from './registry';
import { forwardingLines, portSpec } from '../util/forwarding';
import { untilSignalled } from '../util/until-signalled';
import { bind } from '../../sim/machine/sockets';
import type { Machine } from '../../sim/machine/machine';

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
  // A Service's port becomes the Pod's target port (translateServicePortToTargetPort).
  const specs = args.slice(1).map((spec) => (mapping.resource === 'services' ? toTargetPort(spec, res.body as KubeObject, pod) : spec));
  inv.out(forwardingLines(specs, addresses));
  const releases = bindForwards(inv, specs, addresses, { namespace, name: String(pod.metadata?.name ?? '') });
  try {
    await untilSignalled(inv.ctx.signal, inv.ctx.clock);
  } finally {
    for (const release of releases) release();
  }
  return 130;
}

/** LOCAL:REMOTE with REMOTE, a port of the Service, replaced by the port its Pods listen on. */
function toTargetPort(spec: string, svc: KubeObject, pod: KubeObject): string {
  const [local, remote] = portSpec(spec);
  const port = (((svc.spec as Obj)?.ports ?? []) as Obj[]).find((p) => String(p.port) === remote || p.name === remote);
  if (!port) return spec;
  let target = port.targetPort ?? port.port;
  if (typeof target === 'string' && !/^\d+$/.test(target)) {
    for (const c of ((pod.spec as Obj)?.containers ?? []) as Obj[]) for (const cp of (c.ports ?? []) as Obj[]) if (cp.name === target) target = cp.containerPort;
  }
  return `${local || remote}:${target}`;
}

/** One socket per port and address (localhost: 127.0.0.1 and ::1), each carrying its connections into the Pod. */
function bindForwards(inv: Invocation, specs: string[], addresses: string[], pod: { namespace: string; name: string }): (() => void)[] {
  const releases: (() => void)[] = [];
  for (const spec of specs) {
    const [local, remote] = portSpec(spec);
    const port = Number(local || remote);
    for (const address of addresses.flatMap((a) => (a === 'localhost' ? ['127.0.0.1', '::1'] : [a]))) {
      const release = bind(inv.ctx.machine as Machine, {
        kind: 'forward',
        address,
        port,
        program: 'kubectl',
        // After the GET of the Pod (3), Go's poller (4, 5) and the upgraded stream connection (6).
        pid: inv.ctx.pid,
        fd: 7 + releases.length,
        pod,
        podPort: Number(remote),
        onConnection: () => inv.out(`Handling connection for ${port}\n`),
      });
      if (release) releases.push(release);
    }
  }
  return releases;
}

register('port-forward', portForward);
