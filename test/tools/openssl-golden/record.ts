/**
 * Records the openssl goldens from the real program (/usr/bin/openssl): makes kubeadm-like
 * certificates with it in a temporary directory, runs every case there and writes the masked
 * output next to this file. Usage: npx tsx test/tools/openssl-golden/record.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASES, CERTS, type CertSpec } from './cases';
import { formatCase, maskOpensslOutput } from './mask';

const dir = mkdtempSync(join(tmpdir(), 'openssl-golden-'));
const sh = (script: string) => execFileSync('bash', ['-c', script], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

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

for (const c of CERTS) {
  const subj = [...c.organizations.map((o) => `/O=${o}`), `/CN=${c.commonName}`].join('');
  writeFileSync(join(dir, `${c.file}.cnf`), extfile(c));
  const signer = c.isCA ? `-signkey ${c.keyFile}` : '-CA ca.crt -CAkey ca.key -CAcreateserial';
  sh(`openssl genrsa -out ${c.keyFile} 2048 && openssl req -new -key ${c.keyFile} -subj "${subj}" -out tmp.csr && openssl x509 -req -in tmp.csr ${signer} -days ${c.days} -extfile ${c.file}.cnf -out ${c.file} && rm -f tmp.csr ca.srl`);
}

for (const c of CASES) {
  const r = spawnSync('bash', ['-c', c.command], { cwd: dir, encoding: 'utf8' });
  const golden = formatCase({ command: c.command, stdout: maskOpensslOutput(r.stdout), stderr: maskOpensslOutput(r.stderr), status: r.status ?? 1 });
  writeFileSync(join(import.meta.dirname, `${c.name}.txt`), golden);
}
rmSync(dir, { recursive: true, force: true });
console.log(`${CASES.length} cases recorded with ${execFileSync('openssl', ['version']).toString().trim()}`);
