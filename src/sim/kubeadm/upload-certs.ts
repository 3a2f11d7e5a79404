/**
 * `--upload-certs` (cmd/kubeadm/app/phases/copycerts): the certificates that control plane nodes
 * share are stored, encrypted with the certificate key, in the Secret kube-system/kubeadm-certs,
 * owned by a bootstrap token that expires in two hours (the token cleaner deletes the token, the
 * garbage collector the Secret). `join --control-plane --certificate-key` downloads them.
 */
import type { Machine } from '../machine/machine';
import { ApiClient, type KubeObject } from '../apiserver';

/** The files shared by control plane nodes (kubeadm's certsToTransfer), by Secret key. */
export const SHARED_CERTS: Record<string, string> = {
  'ca.crt': 'ca.crt',
  'ca.key': 'ca.key',
  'etcd-ca.crt': 'etcd/ca.crt',
  'etcd-ca.key': 'etcd/ca.key',
  'front-proxy-ca.crt': 'front-proxy-ca.crt',
  'front-proxy-ca.key': 'front-proxy-ca.key',
  'sa.key': 'sa.key',
  'sa.pub': 'sa.pub',
};

const SECRETS = { group: '', version: 'v1', resource: 'secrets' };
export const UPLOAD_TTL_MS = 2 * 3600_000;

/** Keystream cipher keyed by the certificate key: only the right key gives the PEM back. */
function crypt(text: string, key: string): string {
  let h = 0x811c9dc5;
  for (const c of key) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ (i & 0xff), 0x01000193) >>> 0;
    out += String.fromCharCode((text.charCodeAt(i) ^ (h >>> 24)) & 0xff);
  }
  return out;
}

/** Upload the shared certificates of `machine`, encrypted with `key`, owned by a 2 h bootstrap token. */
export function uploadCerts(client: ApiClient, machine: Machine, key: string, tokenId: string, tokenSecret: string, nowMs: number): string | undefined {
  const data: Record<string, string> = {};
  for (const [name, file] of Object.entries(SHARED_CERTS)) {
    try {
      data[name] = btoa(crypt(machine.rootFs.readFile(`/etc/kubernetes/pki/${file}`), key));
    } catch {
      return `error execution phase upload-certs: error uploading certs: failed to load the certificate: open /etc/kubernetes/pki/${file}: no such file or directory`;
    }
  }
  const b64 = (s: string) => btoa(s);
  const expires = new Date(nowMs + UPLOAD_TTL_MS).toISOString().replace(/\.\d+Z$/, 'Z');
  const tokenName = `bootstrap-token-${tokenId}`;
  const token = client.create(SECRETS, 'kube-system', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: tokenName, namespace: 'kube-system' },
    type: 'bootstrap.kubernetes.io/token',
    data: { description: b64('Proxy for managing TTL for the kubeadm-certs secret'), expiration: b64(expires), 'token-id': b64(tokenId), 'token-secret': b64(tokenSecret) },
  });
  const uid = token.code < 300 ? (token.body as KubeObject).metadata?.uid : undefined;
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'kubeadm-certs',
      namespace: 'kube-system',
      ...(uid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Secret', name: tokenName, uid, controller: true, blockOwnerDeletion: true }] } : {}),
    },
    type: 'Opaque',
    data,
  };
  const existing = client.get(SECRETS, 'kube-system', 'kubeadm-certs');
  if (existing.code === 200) client.request({ verb: 'update', ...SECRETS, namespace: 'kube-system', name: 'kubeadm-certs', body: { ...secret, metadata: { ...secret.metadata, resourceVersion: (existing.body as KubeObject).metadata?.resourceVersion } } });
  else client.create(SECRETS, 'kube-system', secret);
  return undefined;
}

/** Download and decrypt the shared certificates onto `machine`; the error text of kubeadm when it cannot. */
export function downloadCerts(client: ApiClient, machine: Machine, key: string): string | undefined {
  const r = client.get(SECRETS, 'kube-system', 'kubeadm-certs');
  if (r.code !== 200) return 'error execution phase control-plane-prepare/download-certs: error downloading certs: error downloading the secret: secrets "kubeadm-certs" not found';
  if (!/^[0-9a-f]{64}$/.test(key)) return `error execution phase control-plane-prepare/download-certs: error downloading certs: error decoding certificate key: encoding/hex: invalid byte: U+00${(key.split('').find((c) => !/[0-9a-f]/.test(c)) ?? 'x').charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')} ${JSON.stringify(key.split('').find((c) => !/[0-9a-f]/.test(c)) ?? '')}`.replace(/"/g, "'");
  const data = ((r.body as KubeObject).data ?? {}) as Record<string, string>;
  const files: Record<string, string> = {};
  for (const [name, file] of Object.entries(SHARED_CERTS)) {
    const plain = crypt(atob(data[name] ?? ''), key);
    if (!plain.startsWith('-----BEGIN')) return 'error execution phase control-plane-prepare/download-certs: error downloading certs: error decoding secret data with provided key: cipher: message authentication failed';
    files[file] = plain;
  }
  for (const [file, text] of Object.entries(files)) {
    const path = `/etc/kubernetes/pki/${file}`;
    machine.rootFs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
    machine.rootFs.writeFile(path, text, { mode: file.endsWith('.key') ? 0o600 : 0o644 });
  }
  return undefined;
}
