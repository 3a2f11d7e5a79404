/**
 * pods/log and pods/exec: the API server proxies them to the kubelet of the pod's node. Kubelets
 * register providers (server.registerPodLogProvider / registerPodExecProvider); without one the
 * request fails as it does when the kubelet is unreachable.
 */
import { errors, fail, isStatus, ok } from '../errors';
import type { Handler, RequestContext } from '../context';
import { clone, storageKey } from '../storage';
import type { KubeObject, Verb } from '../types';

type Obj = Record<string, unknown>;

function podAndContainer(ctx: RequestContext): { pod: KubeObject; container: string } | ReturnType<Handler> {
  const name = ctx.req.name!;
  const podsInfo = ctx.server.registry.get('', 'v1', 'pods')!;
  const entry = ctx.server.storage.get(storageKey(podsInfo.etcdPrefix, ctx.namespace, name));
  if (!entry) return fail(errors.notFound('pods', name));
  const pod = clone(entry);
  const spec = (pod.spec ?? {}) as Obj;
  const names = [...((spec.containers as Obj[] | undefined) ?? []), ...((spec.initContainers as Obj[] | undefined) ?? []), ...((spec.ephemeralContainers as Obj[] | undefined) ?? [])].map((c) => String(c.name));
  const body = (ctx.req.body ?? {}) as { container?: string };
  let container = ctx.query.container ?? body.container;
  if (!container) {
    const main = ((spec.containers as Obj[] | undefined) ?? []).map((c) => String(c.name));
    if (main.length !== 1) return fail(errors.badRequest(`a container name must be specified for pod ${name}, choose one of: [${main.join(' ')}]`));
    container = main[0];
  }
  if (!names.includes(container)) return fail(errors.badRequest(`container ${container} is not valid for pod ${name}`));
  if (!spec.nodeName) return fail(errors.badRequest(`pod ${name} does not have a host assigned`));
  return { pod, container };
}

/** The address the API server dials a node's kubelet at: its InternalIP (--kubelet-preferred-address-types), else its name. */
export function kubeletAddress(ctx: RequestContext, nodeName: string): string {
  const info = ctx.server.registry.get('', 'v1', 'nodes')!;
  const node = ctx.server.storage.get(storageKey(info.etcdPrefix, undefined, nodeName))?.obj;
  const addrs = ((node?.status as Obj | undefined)?.addresses as { type: string; address: string }[] | undefined) ?? [];
  return addrs.find((a) => a.type === 'InternalIP')?.address ?? nodeName;
}

export const logHandlers: Partial<Record<Verb, Handler>> = {
  get: (ctx) => {
    const r = podAndContainer(ctx);
    if ('code' in r) return r;
    const node = String((r.pod.spec as Obj).nodeName);
    const provider = ctx.server.logProviders.get(node);
    if (!provider) {
      const ip = kubeletAddress(ctx, node);
      return fail(errors.internal(`Get "https://${ip}:10250/containerLogs/${ctx.namespace}/${ctx.req.name}/${r.container}": dial tcp ${ip}:10250: connect: connection refused`));
    }
    const out = provider(r.pod, r.container, ctx.query);
    return isStatus(out) ? fail(out) : ok(out);
  },
};

export const execHandlers: Partial<Record<Verb, Handler>> = {
  create: (ctx) => exec(ctx),
  get: (ctx) => exec(ctx),
};

function exec(ctx: RequestContext): ReturnType<Handler> {
  const r = podAndContainer(ctx);
  if ('code' in r) return r;
  const phase = (r.pod.status as Obj | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed')
    return fail(errors.badRequest(`cannot exec into a container in a completed pod; current phase is ${String(phase)}`));
  const node = String((r.pod.spec as Obj).nodeName);
  const provider = ctx.server.execProviders.get(node);
  const body = (ctx.req.body ?? {}) as { command?: string[]; stdin?: string; tty?: boolean };
  if (!provider) {
    const ip = kubeletAddress(ctx, node);
    return fail(errors.internal(`error dialing backend: dial tcp ${ip}:10250: connect: connection refused`));
  }
  const out = provider(r.pod, r.container, body.command ?? [], { stdin: body.stdin, tty: body.tty, attach: ctx.req.subresource === 'attach' });
  return isStatus(out) ? fail(out) : ok(out);
}
