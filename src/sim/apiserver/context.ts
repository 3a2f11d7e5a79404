/** What every handler receives: the server, the request, the resolved resource and the caller. */
import type { ApiServer } from './server';
import type { ResourceInfo } from './registry/registry';
import { apiVersionOf, qualifiedResource } from './registry/registry';
import type { ApiRequest, ApiResponse, Query, UserInfo } from './types';

export interface RequestContext {
  server: ApiServer;
  req: ApiRequest;
  info: ResourceInfo;
  user: UserInfo;
  query: Query;
  /** Namespace of the request ('' for cluster-scoped resources). */
  namespace: string;
  /** Warnings to return with the response (PodSecurity warn mode, deprecations…). */
  warnings: string[];
}

export type Handler = (ctx: RequestContext) => ApiResponse;

export const qualified = (ctx: RequestContext) => qualifiedResource(ctx.info);
export const apiVersion = (ctx: RequestContext) => apiVersionOf(ctx.info.group, ctx.info.version);

export const dryRun = (ctx: RequestContext) => ctx.query.dryRun === 'All';

/**
 * Who a request without a user is: the API server's own loopback identity, a superuser
 * (system:masters). Components and tests that do not care about identity use it.
 */
export const ADMIN_USER: UserInfo = { username: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

/** The user of kubeadm's admin.conf (v1.29+: group kubeadm:cluster-admins, bound to cluster-admin by kubeadm). */
export const KUBERNETES_ADMIN: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
