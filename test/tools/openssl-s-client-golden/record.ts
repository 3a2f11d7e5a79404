/**
 * Records the `openssl s_client` goldens from the real programs: kubeadm-like certificates made with
 * openssl, an `openssl s_server` on loopback for each cluster endpoint (cases.ts SERVERS), each case
 * run with the endpoint and file paths replaced by the local ones. Go's servers differ from s_server
 * where s_server cannot be told to behave like them; the options below bring them as close as it
 * allows:
 * - Go's TLS 1.3 server picks TLS_AES_128_GCM_SHA256 (its own preference) and X25519;
 * - its CertificateRequest lists Go's defaultSupportedSignatureAlgorithms (crypto/tls/defaults.go,
 *   Go 1.24), SHA-1 ones included, which s_server only sends at security level 0;
 * - it sends only the certificates of its certificate file (no chain built from a CA store);
 * - it sends one session ticket; when it asks for a client certificate (every Kubernetes server
 *   does), only after the client's Finished, as s_server does.
 * Usage: npx tsx test/tools/openssl-s-client-golden/record.ts
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificate } from '../openssl-golden/make-certs';
import { formatCase } from '../openssl-golden/mask';
import { ADMIN } from '../openssl-golden/cases';
import { PATHS, SERVERS, S_CLIENT_CASES, S_CLIENT_CERTS } from './cases';
import { maskSClientOutput } from './mask';

const GO_SIGALGS = 'rsa_pss_rsae_sha256:ecdsa_secp256r1_sha256:ed25519:rsa_pss_rsae_sha384:rsa_pss_rsae_sha512:rsa_pkcs1_sha256:rsa_pkcs1_sha384:rsa_pkcs1_sha512:ecdsa_secp384r1_sha384:ecdsa_secp521r1_sha512:RSA+SHA1:ECDSA+SHA1';

const dir = mkdtempSync(join(tmpdir(), 'openssl-s-client-'));
for (const [cert, issuer] of S_CLIENT_CERTS) makeCertificate(dir, cert, issuer);
// A chain store holding no issuer keeps s_server from completing the chain from the CA names' file.

/** An s_server for each endpoint, fresh for every case (a client that aborts can end s_server). */
function startServers(): ChildProcess[] {
  const servers: ChildProcess[] = [];
  const started = new Set<string>();
  for (const s of SERVERS) {
    const port = s.local.split(':')[1];
    if (started.has(port)) continue;
    started.add(port);
    const names = `names-${port}.pem`;
    writeFileSync(join(dir, names), s.clientCAs.map((c) => readFileSync(join(dir, c.file), 'utf8')).join(''));
    const args = ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', s.cert.file, '-key', s.cert.keyFile, s.require ? '-Verify' : '-verify', '1', '-CAfile', names, '-chainCAfile', ADMIN.file,
      '-client_sigalgs', GO_SIGALGS, '-cipher', 'DEFAULT:@SECLEVEL=0', '-ciphersuites', 'TLS_AES_128_GCM_SHA256', '-num_tickets', '1', '-quiet'];
    if (s.chain) args.push('-cert_chain', s.chain.file);
    // s_server ends at the end of its own stdin: a pipe that stays open.
    servers.push(spawn('openssl', args, { cwd: dir, stdio: ['pipe', 'ignore', 'ignore'] }));
  }
  spawnSync('sleep', ['0.5']);
  return servers;
}

const LOCAL: [string, string][] = [...SERVERS.map((s): [string, string] => [s.endpoint, s.local]), ['192.168.6.172:6443', '127.0.0.1:1'], ...Object.entries(PATHS)];

for (const c of S_CLIENT_CASES) {
  const local = LOCAL.reduce((cmd, [from, to]) => cmd.split(from).join(to), c.command);
  const servers = startServers();
  const r = spawnSync('bash', ['-c', local], { cwd: dir, encoding: 'utf8', timeout: 10_000 });
  for (const s of servers) s.kill();
  const golden = formatCase({ command: c.command, stdout: maskSClientOutput(r.stdout), stderr: maskSClientOutput(r.stderr), status: r.status ?? 1 });
  writeFileSync(join(import.meta.dirname, `${c.name}.txt`), golden);
}
rmSync(dir, { recursive: true, force: true });
console.log(`${S_CLIENT_CASES.length} cases recorded with ${execFileSync('openssl', ['version']).toString().trim()}`);
