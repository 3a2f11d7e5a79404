/**
 * Records the `kubectl top` / `describe hpa` goldens from the real kubectl 1.33: each world of
 * top-world.ts is served over loopback HTTP (every GET answered by the simulated API server, as
 * `kubectl get --raw` would be), the real client runs each case against it, and its stdout,
 * stderr and exit status are written to test/kubectl/top-golden/. Run: npx tsx test/kubectl/top-record.ts
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorld, CASES, type WorldName } from './top-world';

const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'top-golden');

function serve(world: WorldName): Promise<{ server: Server; port: number }> {
  const { server: api } = buildWorld(world);
  const server = createServer((req, res) => {
    const r = api.raw(req.url ?? '/');
    const body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    res.writeHead(r.code, { 'Content-Type': typeof r.body === 'string' ? 'text/plain' : 'application/json' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

function run(args: string, kubeconfig: string): Promise<{ stdout: string; stderr: string; exit: number }> {
  return new Promise((resolve) => {
    const p = spawn(KUBECTL, args.split(' '), { env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent', KUBECONFIG: kubeconfig } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ stdout, stderr, exit: code ?? 1 }));
  });
}

export function goldenName(i: number, world: string, args: string): string {
  return `${String(i).padStart(2, '0')}-${world}-${args.replace(/[^A-Za-z0-9=.-]+/g, '_')}.txt`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'top-oracle-'));
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const servers = new Map<WorldName, { server: Server; port: number }>();
  for (const [i, c] of CASES.entries()) {
    if (!servers.has(c.world)) servers.set(c.world, await serve(c.world));
    const { port } = servers.get(c.world)!;
    const kubeconfig = join(dir, `${c.world}.yaml`);
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: http://127.0.0.1:${port}\n  name: k\ncontexts:\n- context:\n    cluster: k\n    user: u\n  name: k\ncurrent-context: k\nusers:\n- name: u\n  user: {}\n`);
    const r = await run(c.args, kubeconfig);
    writeFileSync(join(OUT, goldenName(i, c.world, c.args)), `$ kubectl ${c.args}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit ${r.exit}\n`);
    process.stdout.write(`${c.world} ${c.args}: ${r.exit}\n`);
  }
  for (const { server } of servers.values()) server.close();
  rmSync(dir, { recursive: true, force: true });
}

void main();
