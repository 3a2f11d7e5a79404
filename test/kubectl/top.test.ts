/**
 * `kubectl top` and `kubectl describe hpa` against the goldens recorded from the real kubectl 1.33
 * on the same deterministic worlds (test/kubectl/top-record.ts; layout from
 * staging/src/k8s.io/kubectl/pkg/metricsutil/metrics_printer.go and describe.go).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/sim/clock';
import { MemFs } from './_memfs';
import { runKubectl } from './_run';
import { KUBECONFIG, SERVER } from './_cluster';
import { buildWorld, CASES, type WorldName } from './top-world';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'top-golden');

function harness(world: WorldName) {
  const { server, now } = buildWorld(world);
  const fs = new MemFs('/root');
  fs.mkdir('/root/.kube', { recursive: true });
  fs.writeFile('/root/.kube/config', KUBECONFIG);
  const clock = new SimClock({ startMs: now() });
  return { server, run: (args: string) => runKubectl(`kubectl ${args}`, { fs, clock, transports: { [SERVER]: server } }) };
}

describe('kubectl top and describe hpa match the real kubectl', () => {
  const files = readdirSync(GOLDEN).sort();
  expect(files).toHaveLength(CASES.length);
  const worlds = new Map<WorldName, ReturnType<typeof harness>>();
  for (const [i, c] of CASES.entries()) {
    it(`${c.world}: kubectl ${c.args}`, async () => {
      if (!worlds.has(c.world)) worlds.set(c.world, harness(c.world));
      const r = await worlds.get(c.world)!.run(c.args);
      const got = `$ kubectl ${c.args}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit ${r.exit}\n`;
      expect(got).toBe(readFileSync(join(GOLDEN, files[i]), 'utf8'));
    });
  }
});

describe('kubectl top before metrics exist', () => {
  it('says metrics are not available yet for pods younger than two minutes (top_pod.go verifyEmptyMetrics)', async () => {
    const h = harness('metrics');
    const r = await h.run('top pod -n fresh');
    expect(r).toEqual({ exit: 1, stdout: '', stderr: 'error: metrics not available yet\n' });
  });

  it('names an old pod without metrics with its age', async () => {
    const h = harness('metrics');
    // The same answers read by a client whose clock is minutes later: the pod is now old enough to be an error.
    const pods = h.server.request({ verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: 'fresh' }).body as { items: { metadata: { name: string } }[] };
    expect(pods.items.map((p) => p.metadata.name)).toEqual(['new']);
    const clock = new SimClock({ startMs: Date.parse('2026-01-15T08:10:00Z') });
    const fs = new MemFs('/root');
    fs.mkdir('/root/.kube', { recursive: true });
    fs.writeFile('/root/.kube/config', KUBECONFIG);
    const r = await runKubectl('kubectl top pod -n fresh', { fs, clock, transports: { [SERVER]: h.server } });
    expect(r.exit).toBe(1);
    expect(r.stderr).toMatch(/^error: Metrics not available for pod fresh\/new, age: 8m\d+(\.\d+)?s\n$/);
  });
});
