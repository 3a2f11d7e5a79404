/**
 * How a client on a machine reaches the API server named in a kubeconfig, and who its credentials say
 * it is. The cluster attachment (src/sim/cluster) decides whether anything listens at that address
 * (the kube-apiserver static pod may be down); without a cluster nothing listens anywhere.
 */
import type { ApiTransport, UserInfo } from '../sim/apiserver/types';
import type { World } from '../sim/world';
import type { AuthInfo } from '../kubectl/kubeconfig/types';
import { decodeCertificate } from '../sim/pki/cert';
import { connectAttached } from './attached-worlds';

/** What the cluster attachment offers to clients on the machines. */
export interface ClusterEndpoint {
  /** The API server at serverUrl as seen from the machine `fromHost` (any address when not said), or null (connection refused). */
  connect(serverUrl?: string, fromHost?: string): ApiTransport | null;
  /** The user a bearer token belongs to (service account tokens, bootstrap tokens), if any. */
  authenticateToken?(token: string): UserInfo | undefined;
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
 * The identity of a kubeconfig user, as the API server's authenticators would establish it: a client
 * certificate's subject (CN → user, O → groups), else a bearer token. Unknown credentials are
 * anonymous — never the superuser.
 */
export function identify(world: World, auth: AuthInfo, readFile?: (path: string) => string | undefined): UserInfo {
  // A certificate named by path (minikube's kubeconfig: ~/.minikube/profiles/minikube/client.crt).
  const certFile = typeof auth['client-certificate'] === 'string' ? readFile?.(auth['client-certificate']) : undefined;
  const certData = auth['client-certificate-data'] ?? (certFile !== undefined ? btoa(certFile) : undefined);
  if (typeof certData === 'string') {
    const cert = decodeCertificate(atobSafe(certData));
    if (cert) return { username: cert.subject.commonName, groups: [...cert.subject.organizations, 'system:authenticated'] };
  }
  if (typeof auth.token === 'string' && auth.token) {
    return clusterOf(world)?.authenticateToken?.(auth.token) ?? ANONYMOUS;
  }
  return ANONYMOUS;
}

function atobSafe(b64: string): string {
  try {
    return atob(b64.replace(/\s+/g, ''));
  } catch {
    return '';
  }
}
