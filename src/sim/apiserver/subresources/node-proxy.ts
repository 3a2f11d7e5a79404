/**
 * nodes/proxy: the API server forwards a GET to the kubelet's HTTPS server (port 10250) of the node
 * and passes its answer through as it is (status, Content-Type, bytes). What kubectl get --raw
 * /api/v1/nodes/NODE/proxy/configz reaches. Authorization (verb get on nodes/proxy) happened before;
 * the node must exist (node.ResourceLocation reads it), then the kubelet must answer: a kubelet that
 * does not listen is the proxy transport's dial error, wrapped as a 503 (proxy.Transport:
 * "error trying to reach service: …").
 */
import { errors, fail } from '../errors';
import type { Handler, RequestContext } from '../context';
import { storageKey } from '../storage';
import type { ApiResponse, Verb } from '../types';
import { kubeletAddress } from './log-exec';

/** The kubelet's port (node.status.daemonEndpoints.kubeletEndpoint.Port on every kubeadm node). */
const KUBELET_PORT = 10250;

function nodeProxy(ctx: RequestContext): ApiResponse {
  // pods/proxy and services/proxy are served by the real API server but not simulated here.
  if (ctx.info.group !== '' || ctx.info.resource !== 'nodes') return fail(errors.notServed());
  const name = ctx.req.name!;
  const info = ctx.server.registry.get('', 'v1', 'nodes')!;
  if (!ctx.server.storage.get(storageKey(info.etcdPrefix, undefined, name))) return fail(errors.notFound('nodes', name));
  const kubelet = ctx.server.kubeletHttpProviders.get(name);
  if (!kubelet) {
    const ip = kubeletAddress(ctx, name);
    return fail(errors.serviceUnavailable(`error trying to reach service: dial tcp ${ip}:${KUBELET_PORT}: connect: connection refused`));
  }
  const r = kubelet(ctx.req.path ?? '', ctx.query);
  return { code: r.code, body: r.body, contentType: r.contentType };
}

export const proxyHandlers: Partial<Record<Verb, Handler>> = {
  get: nodeProxy,
};
