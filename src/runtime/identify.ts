/**
 * Who a kubeconfig's credentials are to the API server (its authenticators), for the clients on
 * the machines (kubectl, helm). Loaded with those clients, not with the first stage of the terminal.
 */
import type { UserInfo } from '../sim/apiserver/types';
import type { World } from '../sim/world';
import type { AuthInfo } from '../kubectl/kubeconfig/types';
import { certificatesIn, decodeCertificate, issuedByAndValid, type Certificate } from '../sim/pki/cert';
import type { Cluster } from '../sim/cluster/cluster';
import { clusterOf } from '../sim/cluster/attach';
import type { ApiTransport } from '../sim/apiserver/types';
import type { Machine } from '../sim/machine';

const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/**
 * The identity of a kubeconfig user, as the API server's union authenticator establishes it: a
 * client certificate its client CA issued and valid now (CN → user, O → groups), else a bearer
 * token it issued (service accounts, bootstrap tokens). Credentials that none accepts are
 * 'unauthorized' (401: kubectl's "You must be logged in to the server"), as is basic auth; none at all is anonymous.
 * Without a simulated cluster (a minikube world) a certificate is taken at its word.
 */
export function identify(world: World, auth: AuthInfo, readFile?: (path: string) => string | undefined): UserInfo | 'unauthorized' {
  const cluster = clusterOf(world);
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
    return tokenUser(cluster.apiServer, auth.token) ?? 'unauthorized';
  }
  // A username and password (kubeconfig or kubectl's prompt): the API server has had no basic authenticator since 1.19.
  if ((auth.username || auth.password) && cluster) return 'unauthorized';
  return rejected ? 'unauthorized' : ANONYMOUS;
}

/**
 * The user a bearer token belongs to, as the API server's token authenticators say through a
 * TokenReview (what a webhook would ask): service account tokens, bootstrap tokens.
 */
export function tokenUser(api: ApiTransport, token: string): UserInfo | undefined {
  const r = api.request({ verb: 'create', group: 'authentication.k8s.io', version: 'v1', resource: 'tokenreviews', body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } } });
  const status = (r.body as { status?: { authenticated?: boolean; user?: { username?: string; uid?: string; groups?: string[] } } }).status;
  if (r.code >= 300 || !status?.authenticated || !status.user?.username) return undefined;
  return { username: status.user.username, groups: status.user.groups ?? [], ...(status.user.uid ? { uid: status.user.uid } : {}) };
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
  return issuedByAndValid(cert, cas, cluster.clock.now());
}

/** --client-ca-file of the control plane's kube-apiserver manifest (kubeadm's path when it cannot be read). */
function clientCaFile(cp: Machine): string {
  try {
    return /--client-ca-file=(\S+)/.exec(cp.rootFs.readFile('/etc/kubernetes/manifests/kube-apiserver.yaml'))?.[1] ?? '/etc/kubernetes/pki/ca.crt';
  } catch {
    return '/etc/kubernetes/pki/ca.crt';
  }
}

/** Base64 decoded (whitespace ignored), or '' when it is not base64. */
export function atobSafe(b64: string): string {
  try {
    return atob(b64.replace(/\s+/g, ''));
  } catch {
    return '';
  }
}
