/**
 * componentstatuses (deprecated, still served): computed on each request from the health of the
 * scheduler, the controller-manager and etcd. The cluster may register a probe; without one every
 * component reports Healthy.
 */
import { errors, fail, ok } from '../errors';
import type { Handler, RequestContext } from '../context';
import type { KubeObject } from '../types';

export interface ComponentHealth {
  name: string;
  healthy: boolean;
  message: string;
  error?: string;
}

function statuses(ctx: RequestContext): KubeObject[] {
  const probe = ctx.server.componentHealth;
  const list: ComponentHealth[] = probe
    ? probe()
    : ['scheduler', 'controller-manager', 'etcd-0'].map((name) => ({ name, healthy: true, message: 'ok' }));
  return list.map((c) => ({
    kind: 'ComponentStatus',
    apiVersion: 'v1',
    metadata: { name: c.name, creationTimestamp: null as unknown as string },
    conditions: [{ type: 'Healthy', status: c.healthy ? 'True' : 'False', message: c.message, ...(c.error ? { error: c.error } : {}) }],
  }));
}

export const componentStatusHandlers: Record<'get' | 'list', Handler> = {
  list: (ctx) => ok({ kind: 'ComponentStatusList', apiVersion: 'v1', metadata: {}, items: statuses(ctx) }),
  get: (ctx) => {
    const s = statuses(ctx).find((c) => c.metadata!.name === ctx.req.name);
    return s ? ok(s) : fail(errors.notFound('componentstatuses', ctx.req.name!));
  },
};
