/**
 * Who the kubelet is to the API server: the user of its kubeconfig (/etc/kubernetes/kubelet.conf),
 * named by the CN of the client certificate (embedded or in a file), `system:node:<node>`.
 */
import type { FsView } from '../machine';
import { decodeCertificate } from '../pki/cert';

export const KUBELET_KUBECONFIG = '/etc/kubernetes/kubelet.conf';

function read(fs: FsView, path: string): string | undefined {
  try {
    return fs.readFile(path);
  } catch {
    return undefined;
  }
}

/** The node a kubeconfig's client certificate names (its CN without `system:node:`), or undefined. */
export function kubeconfigNodeName(fs: FsView, path = KUBELET_KUBECONFIG): string | undefined {
  const text = read(fs, path);
  if (text === undefined) return undefined;
  const embedded = /^\s*client-certificate-data:\s*(\S+)/m.exec(text)?.[1];
  const file = /^\s*client-certificate:\s*(\S+)/m.exec(text)?.[1];
  let pem: string | undefined;
  if (embedded) {
    try {
      pem = atob(embedded);
    } catch {
      pem = undefined;
    }
  } else if (file) pem = read(fs, file);
  const cn = pem ? commonName(pem) : undefined;
  if (cn) return cn.replace(/^system:node:/, '');
  return /^\s*user:\s*system:node:(\S+)/m.exec(text)?.[1];
}

function commonName(pem: string): string | undefined {
  return decodeCertificate(pem)?.subject.commonName || undefined;
}
