/** kubectl cluster-info: the control plane address and the kube-system cluster services. */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect } from '../client/connection';
import { session } from '../client/session';
import { KubectlError } from '../errors';
import type { Invocation } from '../invocation';
import { register } from './registry';

const FOOTER = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";

function link(inv: Invocation, name: string, url: string): string {
  if (!inv.ctx.isTTY) return `${name} is running at ${url}\n`;
  return `\x1b[0;32m${name}\x1b[0m is running at \x1b[0;33m${url}\x1b[0m\n`;
}

function clusterInfo(inv: Invocation): number {
  // A kubeconfig that cannot be used fails without the footer.
  session(inv);
  let conn;
  try {
    conn = connect(inv);
  } catch (e) {
    if (e instanceof KubectlError) inv.out(FOOTER);
    throw e;
  }
  const server = session(inv).config.server.replace(/\/$/, '');
  inv.out(link(inv, 'Kubernetes control plane', server));
  const res = conn.request<{ items: KubeObject[] }>({
    verb: 'list', group: '', version: 'v1', resource: 'services', namespace: 'kube-system', query: { labelSelector: 'kubernetes.io/cluster-service=true' },
  });
  const items = res.code < 300 ? ((res.body as { items: KubeObject[] }).items ?? []) : [];
  for (const svc of items) {
    const name = svc.metadata?.labels?.['kubernetes.io/name'] ?? svc.metadata?.name ?? '';
    const ports = ((svc.spec as Record<string, unknown>)?.ports ?? []) as { name?: string; port: number }[];
    const port = ports[0]?.name ? `:${ports[0].name}` : '';
    inv.out(link(inv, name, `${server}/api/v1/namespaces/kube-system/services/${svc.metadata?.name}${port}/proxy`));
  }
  inv.out(FOOTER);
  return 0;
}

register('cluster-info', clusterInfo);
