/**
 * How etcdctl reaches a member: the endpoint names a machine running the cluster's etcd, and
 * the TLS files say whether kubeadm's etcd (--client-cert-auth, certificates from
 * /etc/kubernetes/pki/etcd/ca.crt) accepts the client. The files are read first, as
 * newClientCfg reads them (a missing one stops etcdctl with exit 128); a handshake the server
 * refuses shows only as a deadline, as with a real client.
 */
import type { CommandContext } from '../../shell/command';
import type { EtcdStore } from '../../sim/etcd';
import { clusterOf } from '../../sim/cluster/attach';
import { etcdMembers } from '../../sim/kubeadm/etcd-members';
import { out, worldOf } from '../lib/context';

/** zap's timestamp as etcdctl 3.5.21 prints it: UTC with microseconds ("2025-08-04T08:15:23.920801Z"). */
export function zapTs(ms: number, micros = 0): string {
  const at = ms + Math.floor(micros / 1000);
  return `${new Date(at).toISOString().slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
}

/** The member machine an endpoint names (localhost: the client's own machine), if it runs etcd. */
export function memberAt(ctx: CommandContext, endpoint: string): { host: string; ip: string } | undefined {
  const world = worldOf(ctx);
  const cluster = world ? clusterOf(world) : undefined;
  if (!world || !cluster) return undefined;
  const [host] = endpoint.replace(/^[a-z]+:\/\//, '').split(':');
  const local = host === '127.0.0.1' || host === 'localhost';
  const member = etcdMembers(world).find((x) => (local ? x.name === ctx.host || world.machines.get(ctx.host)?.ip === x.ip : x.ip === host || x.name === host));
  if (!member) return undefined;
  const machine = [...world.machines.values()].find((x) => x.hostname === member.name || x.ip === member.ip);
  if (!machine || !cluster.runtimes.get(machine.hostname)?.isRunning('etcd')) return undefined;
  return { host: machine.hostname, ip: member.ip };
}

export interface TlsFlags {
  cert: string;
  key: string;
  cacert: string;
  insecureSkipVerify: boolean;
  insecureTransport: boolean;
}

/** The files of the client's TLS configuration read as newClientCfg reads them: the error etcdctl exits with (128), if any. */
export function tlsFilesError(ctx: CommandContext, tls: TlsFlags): string | undefined {
  const missing = (p: string) => !ctx.fs.stat(ctx.fs.resolve(p));
  if (tls.cert || tls.key) {
    if (!tls.cert || !tls.key) return `KeyFile and CertFile must both be present[key: ${tls.key}, cert: ${tls.cert}]`;
    for (const p of [tls.cert, tls.key]) if (missing(p)) return `open ${p}: no such file or directory`;
    if (stem(tls.cert) !== stem(tls.key)) return 'tls: private key does not match public key';
  }
  if (tls.cacert && missing(tls.cacert)) return `open ${tls.cacert}: no such file or directory`;
  return undefined;
}

/** kubeadm writes each certificate beside its key: name.crt and name.key. */
function stem(path: string): string {
  return path.replace(/\.(crt|key|pem)$/, '');
}

/** Certificates etcd's CA signed (kubeadm's etcd server, peer, health-check and the API server's client). */
const ETCD_CLIENT_CERT = /(^|\/)(etcd\/(server|peer|healthcheck-client)|apiserver-etcd-client)\.crt$/;

export type Connection = { store: EtcdStore; memberHost: string; memberIp: string };

/** The store behind an endpoint, or why it cannot be used (no server there, or a handshake it refuses). */
export function connect(ctx: CommandContext, tls: TlsFlags, endpoint: string): Connection | 'unreachable' | 'tls' {
  const world = worldOf(ctx);
  const cluster = world ? clusterOf(world) : undefined;
  if (!cluster) return 'unreachable';
  const member = memberAt(ctx, endpoint);
  // The stacked etcd serves only while a majority of its members runs (and the API's store with it).
  if (!member || !cluster.apiServer) return 'unreachable';
  // Without a scheme the client speaks TLS when it has a TLS configuration (any TLS flag, or --insecure-transport=false).
  const usesTls = endpoint.startsWith('https://') || (!/^[a-z]+:\/\//.test(endpoint) && (!!(tls.cert || tls.key || tls.cacert) || !tls.insecureTransport));
  const trustsServer = tls.insecureSkipVerify || /(^|\/)etcd\/ca\.crt$/.test(tls.cacert);
  if (!usesTls || !trustsServer || !ETCD_CLIENT_CERT.test(tls.cert)) return 'tls';
  return { store: cluster.apiServer.etcd, memberHost: member.host, memberIp: member.ip };
}

/** A request that never gets an answer: the retry interceptor's warning, then the deadline (--command-timeout, 5s). */
export async function failDeadline(ctx: CommandContext, endpoint: string): Promise<number> {
  await ctx.clock.sleep(5_000);
  out(ctx.stderr, `{"level":"warn","ts":"${zapTs(ctx.clock.now())}","logger":"etcd-client","caller":"v3@v3.5.21/retry_interceptor.go:63","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc0001f6000/${endpoint.replace(/^[a-z]+:\/\//, '')}","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = \\"transport: authentication handshake failed: context deadline exceeded\\""}`);
  out(ctx.stderr, 'Error: context deadline exceeded');
  return 1;
}
