/** `openssl x509 -text` and `openssl req -text` layouts (OpenSSL 3.0), for the fields the simulated objects carry. */
import { certificatePublicKey, type Certificate } from '../../sim/pki/cert';
import type { CertificateRequest } from '../../sim/pki/csr';
import { derivedBytes, modulusBytes, type PublicKey } from '../../sim/pki/key';
import { EXTENSION_TITLES } from './extensions';
import { colonHex, dumpLines, formatName, formatTime, hexBytes, serialBytes } from './format';

/** A CA's subject key identifier; a leaf's authority key identifier is its issuer's (same function). */
export function keyIdentifier(commonName: string): string {
  return colonHex(hexBytes(derivedBytes(`ski:${commonName}`, 20), ''));
}

/** IPv6 as OpenSSL prints it: eight upper-case groups, no compression. */
function formatIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head, tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.map((g) => parseInt(g || '0', 16).toString(16).toUpperCase()).join(':');
}

export function subjectAltNames(cert: Certificate): string | undefined {
  const names = [...cert.dnsNames.map((d) => `DNS:${d}`), ...cert.ipAddresses.map((ip) => `IP Address:${formatIp(ip)}`)];
  return names.length ? names.join(', ') : undefined;
}

export interface Extension {
  /** The name -ext takes (subjectAltName, keyUsage, …). */
  key: string;
  title: string;
  critical: boolean;
  value: string;
}

/** The extensions kubeadm's (Go's) certificates carry, in the order Go writes them. */
export function extensionsOf(cert: Certificate): Extension[] {
  if (cert.extensions) return cert.extensions.map((e) => ({ key: e.name, title: EXTENSION_TITLES[e.name] ?? e.name, critical: e.critical, value: e.value }));
  if (cert.version1) return [];
  if (cert.profile === 'openssl-self-signed') {
    const id = keyIdentifier(cert.subject.commonName);
    return [
      { key: 'subjectKeyIdentifier', title: 'X509v3 Subject Key Identifier', critical: false, value: id },
      { key: 'authorityKeyIdentifier', title: 'X509v3 Authority Key Identifier', critical: false, value: id },
      { key: 'basicConstraints', title: 'X509v3 Basic Constraints', critical: true, value: 'CA:TRUE' },
    ];
  }
  const ext: Extension[] = [];
  ext.push({ key: 'keyUsage', title: 'X509v3 Key Usage', critical: true, value: cert.isCA ? 'Digital Signature, Key Encipherment, Certificate Sign' : 'Digital Signature, Key Encipherment' });
  if (!cert.isCA && cert.usages.length) {
    const eku = cert.usages.map((u) => (u === 'server' ? 'TLS Web Server Authentication' : 'TLS Web Client Authentication')).join(', ');
    ext.push({ key: 'extendedKeyUsage', title: 'X509v3 Extended Key Usage', critical: false, value: eku });
  }
  ext.push({ key: 'basicConstraints', title: 'X509v3 Basic Constraints', critical: true, value: cert.isCA ? 'CA:TRUE' : 'CA:FALSE' });
  if (cert.isCA) ext.push({ key: 'subjectKeyIdentifier', title: 'X509v3 Subject Key Identifier', critical: false, value: keyIdentifier(cert.subject.commonName) });
  else ext.push({ key: 'authorityKeyIdentifier', title: 'X509v3 Authority Key Identifier', critical: false, value: keyIdentifier(cert.issuer.commonName) });
  const san = subjectAltNames(cert);
  if (san) ext.push({ key: 'subjectAltName', title: 'X509v3 Subject Alternative Name', critical: false, value: san });
  return ext;
}

/** An extension block as -text and -ext print it, at an indent. */
export function formatExtension(e: Extension, indent: number): string {
  const pad = ' '.repeat(indent);
  return `${pad}${e.title}: ${e.critical ? 'critical' : ''}\n${e.value.split('\n').map((line) => `${pad}    ${line}\n`).join('')}`;
}

function publicKeyInfo(key: PublicKey): string {
  return (
    '        Subject Public Key Info:\n' +
    '            Public Key Algorithm: rsaEncryption\n' +
    `                Public-Key: (${key.bits} bit)\n` +
    '                Modulus:\n' +
    `${dumpLines(modulusBytes(key), 15, 20)}\n` +
    '                Exponent: 65537 (0x10001)\n'
  );
}

function signature(seed: string, bits: number): string {
  return '    Signature Algorithm: sha256WithRSAEncryption\n    Signature Value:\n' + `${dumpLines(derivedBytes(`signature:${seed}`, bits / 8), 18, 8)}\n`;
}

function serialLine(serialHex: string): string {
  const bytes = serialBytes(serialHex);
  if (bytes.length <= 8) {
    const n = BigInt(`0x${hexBytes(bytes, '') || '0'}`);
    return `        Serial Number: ${n.toString()} (0x${n.toString(16)})\n`;
  }
  return `        Serial Number:\n            ${hexBytes(bytes)}\n`;
}

export function certificateText(cert: Certificate): string {
  const exts = extensionsOf(cert);
  const key = certificatePublicKey(cert);
  let out = 'Certificate:\n    Data:\n';
  out += cert.version1 ? '        Version: 1 (0x0)\n' : '        Version: 3 (0x2)\n';
  out += serialLine(cert.serial);
  out += '        Signature Algorithm: sha256WithRSAEncryption\n';
  out += `        Issuer: ${formatName(cert.issuer)}\n`;
  out += `        Validity\n            Not Before: ${formatTime(cert.notBefore)}\n            Not After : ${formatTime(cert.notAfter)}\n`;
  out += `        Subject: ${formatName(cert.subject)}\n`;
  out += publicKeyInfo(key);
  if (exts.length) out += '        X509v3 extensions:\n' + exts.map((e) => formatExtension(e, 12)).join('');
  out += signature(`${cert.serial}/${cert.subject.commonName}/${cert.notBefore}`, 2048);
  return out;
}

export function requestText(req: CertificateRequest): string {
  let out = 'Certificate Request:\n    Data:\n        Version: 1 (0x0)\n';
  out += `        Subject: ${formatName(req.subject)}\n`;
  out += publicKeyInfo(req.publicKey);
  if (req.extensions?.length) {
    out += '        Attributes:\n            Requested Extensions:\n';
    out += req.extensions.map((e) => formatExtension({ key: e.name, title: EXTENSION_TITLES[e.name] ?? e.name, critical: e.critical, value: e.value }, 16)).join('');
  } else out += '        Attributes:\n            (none)\n            Requested Extensions:\n';
  out += signature(`csr/${req.publicKey.id}/${req.subject.commonName}`, req.publicKey.bits);
  return out;
}

/** sha256/sha1/md5 fingerprint over the certificate's encoded body. */
export function fingerprintInput(pem: string): Uint8Array {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  return new TextEncoder().encode((m ? m[1] : pem).replace(/\s+/g, ''));
}
