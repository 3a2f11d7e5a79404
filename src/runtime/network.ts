/**
 * How a client on a machine reaches the API server named in a kubeconfig, and who its credentials say
 * it is. The cluster attachment (src/sim/cluster) decides whether anything listens at that address
 * (the kube-apiserver static pod may be down); without a cluster nothing listens anywhere.
 */
import type { ApiTransport, UserInfo } from '../sim/apiserver/types';
import type { World } from '../sim/world';
import type { AuthInfo } from '../kubectl/kubeconfig/types';
import { certificatesIn, decodeCertificate, type Certificate } from '../sim/pki/cert';
import { authenticateToken } from '../sim/apiserver';
import type { Cluster } from '../sim/cluster/cluster';
import type { Machine } from '../sim/machine';
import { connectAttached } from './attached-worlds';

/** What the cluster attachment offers to clients on the machines. */
export interface ClusterEndpoint {
  /** The API server at serverUrl as seen from the machine `fromHost` (any address when not said), or null (connection refused). */
  connect(serverUrl?: string, fromHost?: string): ApiTransport | null;
}

export function clusterOf(world: World): ClusterEndpoint | undefined {
  const part = world.attachments.get('cluster') as Partial<ClusterEndpoint> | undefined;
  return part && typeof part.connect === 'function' ? (part as ClusterEndpoint) : undefined;
}

export function connectToServer(world: World, serverUrl: string, fromHost: string): ApiTransport | null {
  // The world's own cluster first, then clusters the machine's tools started beside it (minikube).
  return clusterOf(world)?.connect(serverUrl, fromHost) ?? connectAttached(world, serverUrl);
}

const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/**
 * The identity of a kubeconfig user, as the API server's union authenticator establishes it: a
 * client certificate its client CA issued and valid now (CN → user, O → groups), else a bearer
 * token it issued (service accounts, bootstrap tokens). Credentials that none accepts are
 * 'unauthorized' (401: kubectl's "You must be logged in to the server"); none at all is anonymous.
 * Without a simulated cluster (a minikube world) a certificate is taken at its word.
 */
export function identify(world: World, auth: AuthInfo, readFile?: (path: string) => string | undefined): UserInfo | 'unauthorized' {
  const cluster = simulatedCluster(world);
  // A certificate named by path (minikube's kubeconfig: ~/.minikube/profiles/minikube/client.crt).
  const certFile = typeof auth['client-certificate'] === 'string' ? readFile?.(auth['client-certificate']) : undefined;
  const certData = auth['client-certificate-data'] ?? (certFile !== undefined ? btoa(certFile) : undefined);
  let rejected = false;
  if (typeof certData === 'string') {
    const cert = decodeCertificate(atobSafe(certData));
    if (cert && (!cluster || certificateAccepted(cluster, cert))) return { username: cert.subject.commonName, groups: [...cert.subject.organizations, 'system:authenticated'] };
    rejected = !!cluster;
  }
  if (typeof auth.token === 'string' && auth.token) {
    if (!cluster) return ANONYMOUS;
    return authenticateToken(cluster.apiServer, auth.token) ?? 'unauthorized';
  }
  return rejected ? 'unauthorized' : ANONYMOUS;
}

/** The world's simulated kubeadm cluster, if it has one. */
function simulatedCluster(world: World): Cluster | undefined {
  const c = world.attachments.get('cluster') as Cluster | undefined;
  return c && typeof (c as Partial<Cluster>).connect === 'function' && 'apiServer' in c ? c : undefined;
}

/**
 * Does the API server's x509 authenticator accept the certificate: issued by a CA of its
 * --client-ca-file (the control plane's /etc/kubernetes/pki/ca.crt with kubeadm) and valid now?
 */
function certificateAccepted(cluster: Cluster, cert: Certificate): boolean {
  const cp = cluster.machine(cluster.opts.controlPlane);
  if (!cp) return true;
  let cas: Certificate[];
  try {
    cas = certificatesIn(cp.rootFs.readFile(clientCaFile(cp)));
  } catch {
    return false;
  }
  const now = cluster.clock.now();
  const issuer = JSON.stringify(cert.issuer);
  return now >= cert.notBefore && now <= cert.notAfter && cas.some((ca) => JSON.stringify(ca.subject) === issuer);
}

/** --client-ca-file of the control plane's kube-apiserver manifest (kubeadm's path when it cannot be read). */
function clientCaFile(cp: Machine): string {
  try {
    return /--client-ca-file=(\S+)/.exec(cp.rootFs.readFile('/etc/kubernetes/manifests/kube-apiserver.yaml'))?.[1] ?? '/etc/kubernetes/pki/ca.crt';
  } catch {
    return '/etc/kubernetes/pki/ca.crt';
  }
}

function atobSafe(b64: string): string {
  try {
    return atob(b64.replace(/\s+/g, ''));
  } catch {
    return '';
  }
}
