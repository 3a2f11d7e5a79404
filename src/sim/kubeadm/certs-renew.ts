/**
 * `kubeadm certs renew all|<name>` (cmd/kubeadm/app/cmd/certs.go): each certificate signed by the
 * cluster's CAs is issued again for one year from now, with the same subject and names; the ones
 * embedded in kubeconfig files are replaced in place. The running components keep their old
 * certificates until restarted, which the message of `all` reminds.
 */
import type { Machine } from '../machine/machine';
import { certificateData, decodeCertificate, encodeCertificate } from '../pki/cert';

const YEAR_MS = 365 * 24 * 3600_000;

interface Renewable {
  name: string;
  longName: string;
  /** A PEM file under /etc/kubernetes/pki, or a kubeconfig under /etc/kubernetes. */
  file: string;
  kubeconfig?: boolean;
}

/** In the order `kubeadm certs renew all` renews them. */
export const RENEWABLE: Renewable[] = [
  { name: 'admin.conf', longName: 'certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself', file: '/etc/kubernetes/admin.conf', kubeconfig: true },
  { name: 'apiserver', longName: 'certificate for serving the Kubernetes API', file: '/etc/kubernetes/pki/apiserver.crt' },
  { name: 'apiserver-etcd-client', longName: 'certificate the apiserver uses to access etcd', file: '/etc/kubernetes/pki/apiserver-etcd-client.crt' },
  { name: 'apiserver-kubelet-client', longName: 'certificate for the API server to connect to kubelet', file: '/etc/kubernetes/pki/apiserver-kubelet-client.crt' },
  { name: 'controller-manager.conf', longName: 'certificate embedded in the kubeconfig file for the controller manager to use', file: '/etc/kubernetes/controller-manager.conf', kubeconfig: true },
  { name: 'etcd-healthcheck-client', longName: 'certificate for liveness probes to healthcheck etcd', file: '/etc/kubernetes/pki/etcd/healthcheck-client.crt' },
  { name: 'etcd-peer', longName: 'certificate for etcd nodes to communicate with each other', file: '/etc/kubernetes/pki/etcd/peer.crt' },
  { name: 'etcd-server', longName: 'certificate for serving etcd', file: '/etc/kubernetes/pki/etcd/server.crt' },
  { name: 'front-proxy-client', longName: 'certificate for the front proxy client', file: '/etc/kubernetes/pki/front-proxy-client.crt' },
  { name: 'scheduler.conf', longName: 'certificate embedded in the kubeconfig file for the scheduler manager to use', file: '/etc/kubernetes/scheduler.conf', kubeconfig: true },
  { name: 'super-admin.conf', longName: 'certificate embedded in the kubeconfig file for the super-admin', file: '/etc/kubernetes/super-admin.conf', kubeconfig: true },
];

const HEADER =
  '[renew] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n' +
  "[renew] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n\n";

/** Renew one certificate; undefined when its file is missing (kubeadm skips it with a notice). */
function renewOne(machine: Machine, r: Renewable, nowMs: number): 'renewed' | 'missing' {
  const fs = machine.rootFs;
  let text: string;
  try {
    text = fs.readFile(r.file);
  } catch {
    return 'missing';
  }
  const renew = (pem: string): string | undefined => {
    const c = decodeCertificate(pem);
    return c ? encodeCertificate({ ...c, notBefore: nowMs - 5 * 60_000, notAfter: nowMs + YEAR_MS }) : undefined;
  };
  if (r.kubeconfig) {
    const m = /client-certificate-data:\s*(\S+)/.exec(text);
    let pem: string | undefined;
    try {
      pem = m ? atob(m[1]) : undefined;
    } catch {
      pem = undefined;
    }
    const next = pem ? decodeCertificate(pem) : undefined;
    if (!m || !next) return 'missing';
    fs.writeFile(r.file, text.replace(m[1], certificateData({ ...next, notBefore: nowMs - 5 * 60_000, notAfter: nowMs + YEAR_MS })));
    return 'renewed';
  }
  const pem = renew(text);
  if (!pem) return 'missing';
  fs.writeFile(r.file, pem);
  return 'renewed';
}

/** Renew one certificate by its `kubeadm certs renew` name (as upgrades do); false when missing or unknown. */
export function renewCertificate(machine: Machine, name: string, nowMs: number): boolean {
  const r = RENEWABLE.find((c) => c.name === name);
  return !!r && renewOne(machine, r, nowMs) === 'renewed';
}

/** The output of `kubeadm certs renew <what>` (stdout), or the error for an unknown name. */
export function renewCerts(machine: Machine, what: string, nowMs: number): { stdout: string; error?: string } {
  const targets = what === 'all' ? RENEWABLE : RENEWABLE.filter((r) => r.name === what);
  if (!targets.length) return { stdout: '', error: `unknown command "${what}" for "kubeadm certs renew"` };
  let out = HEADER;
  for (const r of targets) {
    if (renewOne(machine, r, nowMs) === 'missing') out += `MISSING! ${r.longName}\n`;
    else out += `${r.longName} renewed\n`;
  }
  if (what === 'all') out += '\nDone renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.\n';
  return { stdout: out };
}
