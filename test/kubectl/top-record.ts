/**
 * Records the `kubectl top` / `describe hpa` goldens from the real kubectl 1.33: each world of
 * top-world.ts is served over loopback HTTP (every GET answered by the simulated API server, as
 * `kubectl get --raw` would be), the real client runs each case against it, and its stdout,
 * stderr and exit status are written to test/kubectl/top-golden/, and every API answer it read to
 * top-golden/_api-<world>.json, so the test replays exactly those answers to our kubectl (the
 * goldens do not move when the simulation changes). Run: npx tsx test/kubectl/top-record.ts
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorld, CASES, type WorldName } from './top-world';
import { loopbackKubeconfig, runRealKubectl } from './real-kubectl';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'top-golden');

interface Recording {
  now: number;
  discovery: unknown;
  responses: Record<string, { code: number; body: unknown }>;
}

function serve(world: WorldName, recording: Recording): Promise<{ server: Server; port: number }> {
  const { server: api, now } = buildWorld(world);
  recording.now = now();
  recording.discovery = api.discovery();
  const server = createServer((req, res) => {
    const r = api.raw(req.url ?? '/');
    recording.responses[req.url ?? '/'] = { code: r.code, body: r.body };
    const body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    res.writeHead(r.code, { 'Content-Type': typeof r.body === 'string' ? 'text/plain' : 'application/json' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

export function goldenName(i: number, world: string, args: string): string {
  return `${String(i).padStart(2, '0')}-${world}-${args.replace(/[^A-Za-z0-9=.-]+/g, '_')}.txt`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'top-oracle-'));
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const servers = new Map<WorldName, { server: Server; port: number }>();
  const recordings = new Map<WorldName, Recording>();
  for (const [i, c] of CASES.entries()) {
    if (!servers.has(c.world)) {
      const rec: Recording = { now: 0, discovery: undefined, responses: {} };
      recordings.set(c.world, rec);
      servers.set(c.world, await serve(c.world, rec));
    }
    const { port } = servers.get(c.world)!;
    const kubeconfig = join(dir, `${c.world}.yaml`);
    writeFileSync(kubeconfig, loopbackKubeconfig(port));
    const r = await runRealKubectl(c.args, kubeconfig);
    writeFileSync(join(OUT, goldenName(i, c.world, c.args)), `$ kubectl ${c.args}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit ${r.exit}\n`);
    process.stdout.write(`${c.world} ${c.args}: ${r.exit}\n`);
  }
  for (const { server } of servers.values()) server.close();
  for (const [world, rec] of recordings) writeFileSync(join(OUT, `_api-${world}.json`), `${JSON.stringify(rec, null, 1)}\n`);
  rmSync(dir, { recursive: true, force: true });
}

void main();
