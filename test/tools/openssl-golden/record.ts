/**
 * Records the openssl goldens from the real program (/usr/bin/openssl): makes kubeadm-like
 * certificates with it in a temporary directory, runs every case there and writes the masked
 * output next to this file. Usage: npx tsx test/tools/openssl-golden/record.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASES, CERTS } from './cases';
import { makeCertificate } from './make-certs';
import { formatCase, maskOpensslOutput } from './mask';

const dir = mkdtempSync(join(tmpdir(), 'openssl-golden-'));
for (const c of CERTS) makeCertificate(dir, c);

for (const c of CASES) {
  const r = spawnSync('bash', ['-c', c.command], { cwd: dir, encoding: 'utf8' });
  const golden = formatCase({ command: c.command, stdout: maskOpensslOutput(r.stdout), stderr: maskOpensslOutput(r.stderr), status: r.status ?? 1 });
  writeFileSync(join(import.meta.dirname, `${c.name}.txt`), golden);
}
rmSync(dir, { recursive: true, force: true });
console.log(`${CASES.length} cases recorded with ${execFileSync('openssl', ['version']).toString().trim()}`);
