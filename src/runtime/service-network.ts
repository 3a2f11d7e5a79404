/**
 * What answers a connection made from a machine, for the shell's curl, wget and ping: the offline
 * catalogue of package repositories and release downloads, the machines themselves, and — when the
 * world has a cluster — its data plane (Services through kube-proxy's rules, Pods by what their
 * containers serve, cluster DNS, NetworkPolicy), which src/sim/network models.
 */
import type { CommandContext } from '../shell/command';
import type { HttpRequest, NetworkProvider } from '../shell/commands/lib/system';
import type { Cluster } from '../sim/cluster/cluster';
import type { Landed } from '../sim/network/network';
import { issuedByAndValid } from '../sim/pki/cert';
import type { UserInfo } from '../sim/apiserver/types';
import { tokenUser } from './identify';
import { landOn, type Landing } from '../tools/openssl/s-client-servers';
import type { World } from '../sim/world';
import { clusterOf } from '../sim/cluster/attach';
import { downloadArtefact, packageHostAddress } from '../sim/packages/downloads';

function worldOf(ctx: CommandContext): World | undefined {
  const w = ctx.world as World | undefined;
  return w && typeof w.resolveHost === 'function' ? w : undefined;
}

/**
 * Who the API server takes a request for (its union authenticator): a client certificate its client
 * CA issued (CN → user, O → groups), else a bearer token it issued; credentials that fail are
 * Unauthorized, none at all anonymous (undefined).
 */
function authenticate(cluster: Cluster, landing: Landing, req: HttpRequest, now: number): UserInfo | 'unauthorized' | undefined {
  let failed = false;
  if (req.clientCert && landing.kind === 'tls') {
    if (issuedByAndValid(req.clientCert, landing.server.clientCAs, now)) return { username: req.clientCert.subject.commonName, groups: [...req.clientCert.subject.organizations, 'system:authenticated'] };
    failed = true;
  }
  const bearer = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1].match(/^Bearer\s+(\S+)/i)?.[1];
  if (bearer) return tokenUser(cluster.apiServer, bearer) ?? 'unauthorized';
  return failed ? 'unauthorized' : undefined;
}

export const serviceNetwork: NetworkProvider = {
  resolve(ctx, host) {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
    if (host === 'localhost') return '127.0.0.1';
    const world = worldOf(ctx);
    const machine = world?.resolveHost(host);
    if (machine) return machine.ip;
    const cluster = world ? clusterOf(world) : undefined;
    const answer = cluster?.network.resolve(host, { host: ctx.host });
    if (answer?.ok) return answer.addresses[0];
    // Package repositories and release sites answer from the offline catalogue.
    return packageHostAddress(host);
  },
  http(ctx, req) {
    const artefact = downloadArtefact(req.url);
    if (artefact) return artefact;
    const world = worldOf(ctx);
    const cluster = world ? clusterOf(world) : undefined;
    if (!cluster) return { error: 'refused' };
    // localhost is the machine itself: the cluster's network knows what listens on its loopback.
    // A server of the machine that speaks TLS shows its handshake, and the API server authenticates the request.
    let peer: { landed: Landed; landing: Landing } | undefined;
    const landingOf = (landed: Landed): Landing => {
      if (peer?.landed !== landed) peer = { landed, landing: landOn(ctx, landed.machine, landed.ip, landed.port) };
      return peer.landing;
    };
    const who = (landed: Landed) => authenticate(cluster, landingOf(landed), req, ctx.clock.now());
    const res = cluster.network.httpGet({ host: ctx.host }, req.url, req.headers, who);
    if (!res.ok) return { error: res.reason === 'timeout' ? 'timeout' : 'refused' };
    const answer = { status: res.status, headers: res.headers, body: res.body };
    if (!res.landed) return answer;
    const landing = landingOf(res.landed);
    if (landing.kind !== 'tls') return { ...answer, tls: 'plain' };
    return { ...answer, tls: { chain: landing.server.chain, requireClientCert: landing.server.requireClientCert, clientCertTrusted: !!req.clientCert && issuedByAndValid(req.clientCert, landing.server.clientCAs, ctx.clock.now()) } };
  },
  tcp(ctx, address, port) {
    const world = worldOf(ctx);
    const cluster = world ? clusterOf(world) : undefined;
    if (cluster) {
      const r = cluster.network.tcpConnect({ host: ctx.host }, address, port);
      return r === 'resolve' ? 'refused' : r;
    }
    // Without a cluster the machines run sshd and nothing else that listens.
    return world && [...world.machines.values()].some((m) => m.ip === address) && port === 22 ? 'open' : 'refused';
  },
  ping(ctx, address) {
    const world = worldOf(ctx);
    if (!world) return null;
    if (address === '127.0.0.1' || [...world.machines.values()].some((m) => m.ip === address)) return 0.4;
    const cluster = clusterOf(world);
    return cluster?.network.ping({ host: ctx.host }, address) ? 0.08 : null;
  },
};
