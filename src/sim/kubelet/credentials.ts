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
  const file = /^\s*client-certificate:\s*(\S+)/m.exec(text)?.[1];
  const pem = /^\s*client-certificate-data:\s*\S/m.test(text) ? embeddedPem(text, 'client-certificate') : file ? read(fs, file) : undefined;
  const cn = pem ? commonName(pem) : undefined;
  if (cn) return cn.replace(/^system:node:/, '');
  return /^\s*user:\s*system:node:(\S+)/m.exec(text)?.[1];
}

/**
 * Does the kubelet's kubeconfig trust the control plane's CA (its /etc/kubernetes/pki/ca.crt)? A
 * kubelet of a cluster whose control plane was reset and initialised again does not: x509 refuses
 * the new API server. Yes when either side has no CA to compare (machines set up by hand).
 */
export function trustsControlPlaneCa(kubeletFs: FsView, controlPlaneFs: FsView): boolean {
  const serverCa = read(controlPlaneFs, '/etc/kubernetes/pki/ca.crt');
  const conf = read(kubeletFs, KUBELET_KUBECONFIG);
  if (!serverCa || !conf || !/^\s*certificate-authority-data:\s*\S/m.test(conf)) return true;
  return embeddedPem(conf, 'certificate-authority')?.trim() === serverCa.trim();
}

/** A kubeconfig's `FIELD-data` (base64 of a PEM), decoded; undefined when absent or not base64. */
function embeddedPem(kubeconfig: string, field: string): string | undefined {
  const data = new RegExp(`^\\s*${field}-data:\\s*(\\S+)`, 'm').exec(kubeconfig)?.[1];
  if (!data) return undefined;
  try {
    return atob(data);
  } catch {
    return undefined;
  }
}

function commonName(pem: string): string | undefined {
  return decodeCertificate(pem)?.subject.commonName || undefined;
}
