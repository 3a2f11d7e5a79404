/**
 * Records the nodes/proxy goldens from the real kubectl 1.33: the world of node-proxy-world.ts is
 * served over loopback HTTP (every GET answered by the simulated API server as ApiServer.raw
 * answers it, impersonation headers naming the user, a proxied kubelet answer with its own
 * Content-Type), the real client runs each case against it, and its stdout, stderr and exit status
 * are written to test/kubectl/node-proxy-golden/, with every answer it read in _api.json, so the
 * test replays exactly those answers to our kubectl. Run: npx tsx test/kubectl/node-proxy-record.ts
 */
import { createServer } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserInfo } from '../../src/sim/apiserver/types';
import { buildNodeProxyWorld, CASES, goldenName } from './node-proxy-world';
import type { RecordedAnswer } from './node-proxy-replay';
import { loopbackKubeconfig, runRealKubectl } from './real-kubectl';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'node-proxy-golden');

async function main(): Promise<void> {
  const { server: api } = await buildNodeProxyWorld();
  const answers: RecordedAnswer[] = [];
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const as = req.headers['impersonate-user'];
    const username = typeof as === 'string' ? as : '';
    // As our kubectl impersonates: the user, its --as-group groups, system:authenticated.
    const user: UserInfo | undefined = username ? { username, groups: ['system:authenticated'] } : undefined;
    const r = api.raw(url, user);
    const contentType = r.contentType ?? (typeof r.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json');
    const body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    answers.push({ url, user: username, code: r.code, contentType, body, proxied: r.contentType !== undefined });
    res.writeHead(r.code, { 'Content-Type': contentType });
    res.end(body);
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  const dir = mkdtempSync(join(tmpdir(), 'node-proxy-oracle-'));
  const kubeconfig = join(dir, 'kc.yaml');
  writeFileSync(kubeconfig, loopbackKubeconfig(port));
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const [i, args] of CASES.entries()) {
    const r = await runRealKubectl(args, kubeconfig);
    writeFileSync(join(OUT, goldenName(i, args)), `$ kubectl ${args}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}--- exit ${r.exit}\n`);
    process.stdout.write(`${args}: ${r.exit}\n`);
  }
  server.close();
  writeFileSync(join(OUT, '_api.json'), `${JSON.stringify(answers, null, 1)}\n`);
  rmSync(dir, { recursive: true, force: true });
}

void main();
