/**
 * `kubectl get --raw /api/v1/nodes/NODE/proxy/…` against the goldens recorded from the real kubectl
 * 1.33 on the same world (test/kubectl/node-proxy-record.ts): the kubelet's answers printed as
 * served (no newline added), its 404 as the client's NotFound, the API server's own errors (unknown
 * node, kubelet down, RBAC) with their texts. Our kubectl reads the recorded answers; then the
 * simulated cluster itself gives the same output for the cases whose answers do not depend on the
 * usage model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';
import { MemFs } from './_memfs';
import { runKubectl } from './_run';
import { KUBECONFIG, SERVER } from './_cluster';
import { buildNodeProxyWorld, CASES, goldenName } from './node-proxy-world';
import { replayTransport } from './node-proxy-replay';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'node-proxy-golden');

const golden = (i: number) => readFileSync(join(GOLDEN, goldenName(i, CASES[i])), 'utf8');
const transcript = (args: string, r: { stdout: string; stderr: string; exit: number }) => `$ kubectl ${args}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}--- exit ${r.exit}\n`;

describe('kubectl get --raw through nodes/proxy prints what the real kubectl prints for the same answers', () => {
  it('has one golden per case', () => {
    expect(readdirSync(GOLDEN).filter((f) => f.endsWith('.txt'))).toHaveLength(CASES.length);
  });
  for (const [i, args] of CASES.entries()) {
    it(`kubectl ${args}`, async () => {
      const { transport, unmatched } = replayTransport(GOLDEN);
      const fs = new MemFs('/root');
      fs.mkdir('/root/.kube', { recursive: true });
      fs.writeFile('/root/.kube/config', KUBECONFIG);
      const r = await runKubectl(`kubectl ${args}`, { fs, transports: { [SERVER]: transport } });
      expect(unmatched, 'requests the real kubectl did not make').toEqual([]);
      expect(transcript(args, r)).toBe(golden(i));
    });
  }
});

describe('the simulated cluster answers those requests itself', () => {
  let world: World;
  beforeAll(async () => {
    ({ world } = await buildNodeProxyWorld());
  }, 60_000);

  // The usage figures (summary, resource metrics) follow the metrics model: their shape is checked in test/sim/kubelet.
  const stable = CASES.map((args, i) => ({ args, i })).filter(({ args }) => !/stats\/summary|metrics\/resource/.test(args));
  for (const { args, i } of stable) {
    it(`kubectl ${args}`, async () => {
      const r = await runScript(world, 'cka01', `kubectl ${args.replace(/(\/\S*\?\S*)/, "'$1'")}`);
      expect(transcript(args, { stdout: r.stdout, stderr: r.stderr, exit: r.status })).toBe(golden(i));
    });
  }
});
