/**
 * Why a client's dial to an API server address fails when nothing serves the API there: a machine
 * that exists answers a closed port with a reset at once ("connect: connection refused"); an
 * address that nothing holds never answers, and Go's dialer gives up after its 30 s timeout
 * ("i/o timeout"). The cluster's data plane decides for its own addresses (a Service VIP without
 * that port, a pod IP); names that do not resolve keep the refused answer.
 */
import type { World } from '../sim/world';
import { clusterOf } from '../sim/cluster/attach';
import { attachedWorlds } from './attached-worlds';

export type DialFailure = 'refused' | 'timeout';

export function apiDialFailure(world: World, serverUrl: string, fromHost: string): DialFailure {
  const m = /^(https?):\/\/(\[[^\]]+\]|[^/:]+)(?::(\d+))?/.exec(serverUrl);
  if (!m) return 'refused';
  const host = m[2].replace(/^\[|\]$/g, '');
  const port = Number(m[3] ?? (m[1] === 'https' ? 443 : 80));
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return 'refused';
  if (world.resolveHost(host)) return 'refused';
  if (world.attachments.has('attached-worlds') && attachedWorlds(world).list().some((c) => new URL(c.serverUrl).hostname === host)) return 'refused';
  const isAddress = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
  const cluster = clusterOf(world);
  if (cluster) return cluster.network.tcpConnect({ host: fromHost }, host, port) === 'timeout' ? 'timeout' : 'refused';
  return isAddress ? 'timeout' : 'refused';
}
