/**
 * The kubelet's serving certificate. Without tlsCertFile in its configuration (kubeadm sets none), the
 * kubelet writes /var/lib/kubelet/pki/kubelet.crt and kubelet.key at its first start with client-go's
 * GenerateSelfSignedCertKey(hostname): a CA `<host>-ca@<unix>` signs a leaf `<host>@<unix>` (serials 1
 * and 2, valid from an hour before for a year, DNS:<host>), and the file holds the leaf then the CA,
 * which is the chain the kubelet serves on port 10250.
 */
import { encodeCertificate, type Certificate } from '../pki/cert';
import { encodePrivateKey } from '../pki/key';
import type { Machine } from '../machine/machine';

export const KUBELET_SERVING_CERT = '/var/lib/kubelet/pki/kubelet.crt';
export const KUBELET_SERVING_KEY = '/var/lib/kubelet/pki/kubelet.key';

const HOUR_MS = 3600 * 1000;
const YEAR_MS = 365 * 24 * HOUR_MS;

/** client-go's GenerateSelfSignedCertKey for `host` at `now`: [leaf, CA]. */
export function selfSignedServingPair(host: string, now: number, alternateIPs: string[] = [], alternateDNS: string[] = []): [Certificate, Certificate] {
  const unix = Math.floor(now / 1000);
  const validFrom = now - HOUR_MS;
  const caName = { commonName: `${host}-ca@${unix}`, organizations: [] };
  const ca: Certificate = { serial: '1', subject: caName, issuer: caName, notBefore: validFrom, notAfter: validFrom + YEAR_MS, isCA: true, dnsNames: [], ipAddresses: [], usages: [], publicKey: { bits: 2048, id: `self-signed-ca/${host}/${unix}` } };
  const isIp = /^[\d.]+$|:/.test(host);
  const leaf: Certificate = {
    serial: '2',
    subject: { commonName: `${host}@${unix}`, organizations: [] },
    issuer: caName,
    notBefore: validFrom,
    notAfter: validFrom + YEAR_MS,
    isCA: false,
    dnsNames: [...(isIp ? [] : [host]), ...alternateDNS],
    ipAddresses: [...(isIp ? [host] : []), ...alternateIPs],
    usages: ['server'],
    publicKey: { bits: 2048, id: `self-signed/${host}/${unix}` },
  };
  return [leaf, ca];
}

/** Write the kubelet's serving certificate unless it is there already (the kubelet keeps an existing one). */
export function ensureKubeletServingCert(machine: Machine, now: number): void {
  const fs = machine.rootFs;
  if (fs.stat(KUBELET_SERVING_CERT)) return;
  const [leaf, ca] = selfSignedServingPair(machine.hostname, now);
  fs.mkdir('/var/lib/kubelet/pki', { recursive: true });
  fs.writeFile(KUBELET_SERVING_CERT, encodeCertificate(leaf) + encodeCertificate(ca), { mode: 0o644 });
  fs.writeFile(KUBELET_SERVING_KEY, encodePrivateKey(leaf.publicKey!), { mode: 0o600 });
}
