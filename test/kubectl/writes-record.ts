/**
 * Records the writes goldens from the real kubectl 1.33: for each case of writes-world.ts a fresh
 * world, after the case's setup, is served over loopback HTTP (writes-bridge.ts); each command runs
 * through bash in a temporary directory holding the case's files, with `kubectl` naming the real
 * client; its stdout, stderr and exit status (and, for cases that ask, the body of each PATCH request
 * it sent) go to test/kubectl/writes-golden/. As in our shell,
 * each program takes PROGRAM_MS of simulated time.
 * Needs the git mirrors of kubernetes/api and kubernetes/apimachinery (protobuf bodies, see
 * writes-protobuf.ts). Run: npx tsx test/kubectl/writes-record.ts [case-name…]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROGRAM_MS } from '../../src/runtime/programs';
import { clusterOf } from '../../src/sim/cluster/attach';
import { routeRawPath } from '../../src/sim/apiserver/rawpath';
import type { PatchType } from '../../src/sim/apiserver/types';
import { serveWorld, VERB_OF_METHOD } from './writes-bridge';
import { buildWriteWorld, CASES, goldenName, recordedRequest, type SentPatch, type SentRequest, transcript } from './writes-world';
import { loopbackKubeconfig } from './real-kubectl';
import { realKubectlBin, runBash } from './real-bash';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'writes-golden');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const dir = mkdtempSync(join(tmpdir(), 'writes-oracle-'));
  const bin = realKubectlBin(dir);
  mkdirSync(OUT, { recursive: true });
  for (const [i, c] of CASES.entries()) {
    if (only.length && !only.includes(c.name)) continue;
    const world = await buildWriteWorld(c);
    let patches: SentPatch[] = [];
    let requests: SentRequest[] = [];
    const api = clusterOf(world)!.apiServer;
    const bridge = await serveWorld(world, (seen) => {
      if (seen.method === 'PATCH') patches.push({ contentType: seen.contentType, body: seen.body });
      const target = routeRawPath(seen.url, () => api.discovery());
      if (target.kind !== 'request') return;
      const request = { ...target.request, verb: VERB_OF_METHOD[seen.method]?.(!!target.request.name) ?? target.request.verb };
      if (seen.method === 'PATCH') request.patchType = seen.contentType as PatchType;
      if (recordedRequest(request)) requests.push({ request, body: seen.body });
    });
    const work = join(dir, c.name);
    mkdirSync(work);
    for (const [name, text] of Object.entries(c.files ?? {})) {
      mkdirSync(dirname(join(work, name)), { recursive: true });
      writeFileSync(join(work, name), text);
    }
    const kubeconfig = join(dir, `${c.name}.kubeconfig`);
    writeFileSync(kubeconfig, loopbackKubeconfig(bridge.port));
    const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: '/nonexistent', KUBECONFIG: kubeconfig };
    let out = '';
    for (const command of c.commands) {
      patches = [];
      requests = [];
      const r = await runBash(command, work, env);
      world.clock.advance(PROGRAM_MS);
      out += transcript(command, r, c.recordPatches ? patches : [], c.recordRequests ? requests : []);
      process.stdout.write(`${c.name}: ${command}: ${r.exit}\n`);
    }
    writeFileSync(join(OUT, goldenName(i, c)), out);
    await bridge.close();
  }
  rmSync(dir, { recursive: true, force: true });
}

void main();
