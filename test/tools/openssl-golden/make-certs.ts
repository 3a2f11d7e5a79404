/**
 * Makes certificates shaped like kubeadm's (Go's extensions, in Go's order) with the real openssl,
 * for the recorders of the openssl goldens.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertSpec } from './cases';

/** The extensions Go's x509 writes for such a certificate, in Go's order. */
function extfile(c: CertSpec): string {
  const lines = [`keyUsage=critical,digitalSignature,keyEncipherment${c.isCA ? ',keyCertSign' : ''}`];
  if (c.usages.length) lines.push(`extendedKeyUsage=${c.usages.map((u) => (u === 'server' ? 'serverAuth' : 'clientAuth')).join(',')}`);
  lines.push(`basicConstraints=critical,CA:${c.isCA ? 'TRUE' : 'FALSE'}`);
  lines.push(c.isCA ? 'subjectKeyIdentifier=hash' : 'subjectKeyIdentifier=none');
  lines.push(c.isCA ? 'authorityKeyIdentifier=none' : 'authorityKeyIdentifier=keyid');
  const san = [...c.dnsNames.map((d) => `DNS:${d}`), ...c.ipAddresses.map((ip) => `IP:${ip}`)];
  if (san.length) lines.push(`subjectAltName=${san.join(',')}`);
  return `${lines.join('\n')}\n`;
}

/** Key and certificate of `c` in `dir`: self-signed when it is a CA without an issuer, else signed by `issuer` (default ca.crt). */
export function makeCertificate(dir: string, c: CertSpec, issuer?: CertSpec): void {
  const sh = (script: string) => execFileSync('bash', ['-c', script], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const subj = [...c.organizations.map((o) => `/O=${o}`), `/CN=${c.commonName}`].join('');
  writeFileSync(join(dir, `${c.file}.cnf`), extfile(c));
  const signer = c.isCA && !issuer ? `-signkey ${c.keyFile}` : `-CA ${issuer?.file ?? 'ca.crt'} -CAkey ${issuer?.keyFile ?? 'ca.key'} -CAcreateserial`;
  sh(`openssl genrsa -out ${c.keyFile} 2048 && openssl req -new -key ${c.keyFile} -subj "${subj}" -out tmp.csr && openssl x509 -req -in tmp.csr ${signer} -days ${c.days} -extfile ${c.file}.cnf -out ${c.file} && rm -f tmp.csr *.srl`);
}
