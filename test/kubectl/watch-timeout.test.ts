/**
 * Following commands under timeout on a hand-driven clock: `kubectl get -w` and `kubectl logs -f`
 * print what happens until the interval is over, then timeout ends them with 124.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('timeout over kubectl get -w and logs -f', () => {
  it('a watch shows the Pod start, unaligned rows as its tabwriter flushes each event; logs -f prints the lines written meanwhile', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', "kubectl run a --image=nginx >/dev/null; timeout 10 kubectl get pods -w; echo \"rc=$?\"");
    expect(r.stdout).toMatch(/^NAME   READY   STATUS              RESTARTS   AGE\na      0\/1     ContainerCreating   0          0s\na     1\/1   Running   0     \d+s\nrc=124\n$/);
    await runScript(world, 'cka01', "kubectl run c --image=busybox -- sh -c 'i=0; while true; do echo $i; i=$((i+1)); sleep 1; done'; sleep 10");
    const before = (await runScript(world, 'cka01', 'kubectl logs c | wc -l')).stdout.trim();
    const f = await runScript(world, 'cka01', 'timeout 3 kubectl logs -f c | tail -1; kubectl logs c | tail -1');
    const [followedLast, after] = f.stdout.trim().split('\n');
    // While it followed (3 s) it printed the lines written meanwhile, one a second.
    expect(Number(followedLast) - (Number(before) - 1)).toBeGreaterThanOrEqual(2);
    expect(Number(after) - Number(followedLast)).toBeLessThanOrEqual(1);
  });
});
