/**
 * How a Go client (kubectl, helm) verifies the API server it reached, as crypto/x509's Verify does
 * it: the leaf's validity period, then the host name (or --tls-server-name) against its
 * subjectAltNames, then a chain to a trusted root (the kubeconfig's CA, or the system's roots).
 * The answer is the error the client reports (`tls: failed to verify certificate: x509: …`), or
 * undefined when the server is trusted, insecure-skip-tls-verify is set, or the server is not one of
 * the cluster's TLS servers.
 */
import type { CommandContext } from '../shell/command';
import type { World } from '../sim/world';
import type { ClientTls } from '../kubectl/kubeconfig/client-config';
import { certificateNamesHost, certificatesIn, type Certificate } from '../sim/pki/cert';
import { landOn } from '../tools/openssl/s-client-servers';
import { verifyEvents } from '../tools/openssl/s-client-verify';
import { clusterOf } from '../sim/cluster/attach';
import { serviceNetwork } from './service-network';
import { atobSafe } from './identify';
import type { Machine } from '../sim/machine';
import type { Cluster } from '../sim/cluster/cluster';

/** Go's roots on Linux: the distribution's bundle. */
const SYSTEM_ROOTS = '/etc/ssl/certs/ca-certificates.crt';

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function readText(ctx: CommandContext, path: string): string {
  try {
    return ctx.fs.readFile(path);
  } catch {
    return '';
  }
}

/** x509.HostnameError's text, or undefined when the certificate is valid for the host. */
function hostnameError(leaf: Certificate, host: string): string | undefined {
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
  if (certificateNamesHost(leaf, host)) return undefined;
  if (isIp && leaf.ipAddresses.length === 0) return `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;
  const valid = isIp ? leaf.ipAddresses.join(', ') : leaf.dnsNames.join(', ');
  if (!valid) return `x509: certificate is not valid for any names, but wanted to match ${host}`;
  return `x509: certificate is valid for ${valid}, not ${host}`;
}

function kubernetesServiceIp(cluster: Cluster): string | undefined {
  const r = cluster.apiServer.request({ verb: 'get', group: '', version: 'v1', resource: 'services', namespace: 'default', name: 'kubernetes', readOnly: true });
  return r.code === 200 ? ((r.body as { spec?: { clusterIP?: string } }).spec?.clusterIP ?? undefined) : undefined;
}

/** The verification error of the API server at `serverUrl` as the client on ctx's machine sees it. */
export function apiTlsFailure(world: World, serverUrl: string, ctx: CommandContext, tls: ClientTls): string | undefined {
  if (tls.insecure) return undefined;
  const m = /^https:\/\/(\[[^\]]+\]|[^/:]+)(?::(\d+))?/.exec(serverUrl);
  if (!m) return undefined;
  const host = m[1].replace(/^\[|\]$/g, '');
  const port = Number(m[2] ?? 443);
  const ip = serviceNetwork.resolve(ctx, host);
  if (!ip) return undefined;
  const here = ctx.machine as Machine;
  const cluster = clusterOf(world);
  let target: { machine: Machine; ip: string; port: number } | undefined;
  if (/^127\./.test(ip)) target = { machine: here, ip: '127.0.0.1', port };
  else if (world.resolveHost(ip)) target = { machine: world.resolveHost(ip)!, ip, port };
  // The kubernetes Service's address leads to the API server on the control plane.
  else if (cluster && ip === kubernetesServiceIp(cluster)) {
    const cp = cluster.machine(cluster.opts.controlPlane);
    if (cp) target = { machine: cp, ip: cp.ip, port: 6443 };
  }
  if (!target) return undefined;
  const landing = landOn(ctx, target.machine, target.ip, target.port);
  if (landing.kind !== 'tls') return undefined;
  const [leaf] = landing.server.chain;
  const now = ctx.clock.now();
  let error: string | undefined;
  if (now > leaf.notAfter) error = `x509: certificate has expired or is not yet valid: current time ${rfc3339(now)} is after ${rfc3339(leaf.notAfter)}`;
  else if (now < leaf.notBefore) error = `x509: certificate has expired or is not yet valid: current time ${rfc3339(now)} is before ${rfc3339(leaf.notBefore)}`;
  error ??= hostnameError(leaf, tls.serverName ?? host);
  if (!error) {
    const roots = certificatesIn(tls.caData !== undefined ? atobSafe(tls.caData) : readText(ctx, tls.caFile ?? SYSTEM_ROOTS));
    const unknown = verifyEvents(landing.server.chain, roots, now).some((e) => e.error === 18 || e.error === 19 || e.error === 20 || e.error === 21);
    if (unknown) error = 'x509: certificate signed by unknown authority';
  }
  return error && `tls: failed to verify certificate: ${error}`;
}
