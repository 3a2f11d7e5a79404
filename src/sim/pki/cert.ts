/**
 * Simulated X.509 certificates. Files and kubeconfigs hold them as PEM blocks, exactly where a real
 * cluster has them (/etc/kubernetes/pki/*.crt, `client-certificate-data` in admin.conf), so learners
 * find them, copy them and check their expiry. The PEM body carries our own compact encoding of the
 * fields that matter (subject, issuer, validity, SANs) rather than DER: what reads them is our own
 * openssl, kubeadm and API server.
 */

import { publicKeyHash, type PublicKey } from './key';
import { sha256 } from '../../shell/commands/lib/hash';

export interface DistinguishedName {
  commonName: string;
  organizations: string[];
  /** CN printed before O (openssl -subj order); Go-issued names put O first. */
  cnFirst?: boolean;
  /** Every attribute in order ([type, value], e.g. ['C', 'US']) when the name holds more than CN and O. */
  attributes?: [string, string][];
}

/** An extension as openssl prints it: its short name (subjectAltName…), whether critical, the printed value. */
export interface CertExtension {
  name: string;
  critical: boolean;
  value: string;
}

export interface Certificate {
  serial: string;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  /** Validity, in ms since the epoch (simulated clock). */
  notBefore: number;
  notAfter: number;
  isCA: boolean;
  dnsNames: string[];
  ipAddresses: string[];
  /** 'client', 'server' or both (extended key usage). */
  usages: ('client' | 'server')[];
  /** The subject's public key; absent in certificates written before keys were modelled. */
  publicKey?: PublicKey;
  /** A version 1 certificate without extensions (what `openssl x509 -req` signs without -extfile). */
  version1?: boolean;
  /** Extensions from openssl's default config for a self-signed certificate (`req -x509`): SKI, AKI, CA:TRUE. */
  profile?: 'openssl-self-signed';
  /** Extensions written from an openssl config (-extfile), in order; they replace the kubeadm set. */
  extensions?: CertExtension[];
}

const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';
const MAGIC = 'cka-lab-x509/1';

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(b64: string): string | undefined {
  try {
    const bin = atob(b64);
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** PEM text, wrapped at 64 columns like openssl writes it. */
export function encodeCertificate(cert: Certificate): string {
  const body = toBase64(JSON.stringify({ m: MAGIC, ...cert }));
  const lines = body.match(/.{1,64}/g) ?? [];
  return `${BEGIN}\n${lines.join('\n')}\n${END}\n`;
}

/** The first certificate in a PEM text, or undefined when there is none or it is not one of ours. */
export function decodeCertificate(pem: string): Certificate | undefined {
  const start = pem.indexOf(BEGIN);
  const end = pem.indexOf(END, start + BEGIN.length);
  if (start < 0 || end < 0) return undefined;
  const json = fromBase64(pem.slice(start + BEGIN.length, end).replace(/\s+/g, ''));
  if (!json) return undefined;
  try {
    const data = JSON.parse(json) as Certificate & { m?: string };
    if (data.m !== MAGIC || !data.subject || typeof data.notAfter !== 'number') return undefined;
    const { m: _m, ...cert } = data;
    return cert;
  } catch {
    return undefined;
  }
}

/** What a kubeconfig's `client-certificate-data` holds: base64 of the PEM text. */
/**
 * Is the certificate valid for a host its client dialled: an address among its IP SANs, a name among
 * its DNS SANs (a `*.` wildcard standing for exactly one leftmost label), as Go's and OpenSSL's
 * host checks both read them.
 */
export function certificateNamesHost(cert: Certificate, host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.includes(':')) return cert.ipAddresses.includes(h);
  return cert.dnsNames.some((n) => {
    const name = n.toLowerCase();
    if (!name.startsWith('*.')) return name === h;
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot) === name.slice(1);
  });
}

/**
 * Does a server's x509 client authenticator accept the certificate: issued by one of its client CAs
 * (by name: the simulated PKI signs nothing) and valid at `now`?
 */
export function issuedByAndValid(cert: Certificate, cas: readonly Certificate[], now: number): boolean {
  const issuer = JSON.stringify(cert.issuer);
  return now >= cert.notBefore && now <= cert.notAfter && cas.some((ca) => JSON.stringify(ca.subject) === issuer);
}

/** Every certificate of a PEM file (a bundle, a chain), in order. */
export function certificatesIn(text: string): Certificate[] {
  return (text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []).flatMap((b) => decodeCertificate(b) ?? []);
}

export function certificateData(cert: Certificate): string {
  return toBase64(encodeCertificate(cert));
}

/** The certificate's public key; older certificates get one derived from their identity. */
export function certificatePublicKey(cert: Certificate): PublicKey {
  return cert.publicKey ?? { bits: 2048, id: `${cert.issuer.commonName}/${cert.subject.commonName}/${cert.serial}` };
}

/**
 * kubeadm's `--discovery-token-ca-cert-hash` value (without `sha256:`): the sha256 of the CA's
 * SubjectPublicKeyInfo, which is also what `openssl x509 -pubkey | openssl rsa -pubin -outform der |
 * openssl dgst -sha256` prints. Text that is not a certificate hashes as it is.
 */
export function caPublicKeyHash(caPem: string): string {
  const cert = decodeCertificate(caPem);
  return cert ? publicKeyHash(certificatePublicKey(cert)) : sha256(new TextEncoder().encode(caPem));
}
