/**
 * kubectl drain against PodDisruptionBudgets on a running cluster: a refused eviction (429) is
 * retried every 5 s of simulated time until --timeout, in the layout of kubectl 1.33's drain
 * helper (staging/src/k8s.io/kubectl/pkg/drain/drain.go, pkg/cmd/drain/drain.go).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

const VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

async function webOnCka02(minAvailable: number): Promise<{ world: World; onCka02: string[] }> {
  const world = bootWorld('cluster');
  // cka03 cordoned while the replicas are scheduled: all three land on cka02
  await runScript(world, 'cka01', `kubectl cordon cka03; kubectl create deployment web --image=nginx --replicas=3; kubectl create pdb web --selector=app=web --min-available=${minAvailable}; sleep 60; kubectl uncordon cka03`);
  const pods = await runScript(world, 'cka01', "kubectl get pods -l app=web --field-selector spec.nodeName=cka02 -o jsonpath='{.items[*].metadata.name}'");
  return { world, onCka02: pods.stdout.split(' ').filter(Boolean).sort() };
}

function count(text: string, line: string): number {
  return text.split('\n').filter((l) => l === line).length;
}

describe('kubectl drain with a PodDisruptionBudget', () => {
  it('retries a refused eviction every 5s and gives up at --timeout with the pending-node report', async () => {
    const { world, onCka02 } = await webOnCka02(3);
    expect(onCka02.length).toBe(3);
    const before = world.clock.now();
    const r = await runScript(world, 'cka01', 'kubectl drain cka02 --ignore-daemonsets --timeout=20s');
    expect(r.status).toBe(1);
    // 20 s of retries, plus the few milliseconds the requests themselves take
    expect(world.clock.now() - before).toBeGreaterThanOrEqual(20_000);
    expect(world.clock.now() - before).toBeLessThan(21_000);
    expect(r.stdout.startsWith('node/cka02 cordoned\n')).toBe(true);
    expect(r.stdout).not.toContain('drained');
    const timeouts = onCka02.map((n) => `error when evicting pods/"${n}" -n "default": global timeout reached: 20s`);
    const agg = timeouts.length === 1 ? timeouts[0] : `[${timeouts.join(', ')}]`;
    for (const name of onCka02) {
      // attempts at 0, 5, 10, 15 are refused; the one at 20 s finds the deadline passed
      expect(count(r.stdout, `evicting pod default/${name}`)).toBe(5);
      expect(count(r.stderr, `error when evicting pods/"${name}" -n "default" (will retry after 5s): ${VIOLATION}`)).toBe(4);
    }
    const tail = [
      `There are pending pods in node "cka02" when an error occurred: ${agg}`,
      ...onCka02.map((n) => `pod/${n}`),
      `error: unable to drain node "cka02" due to error: ${agg}, continuing command...`,
      'There are pending nodes to be drained:',
      ' cka02',
      ...timeouts,
      '',
    ].join('\n');
    expect(r.stderr.endsWith(tail)).toBe(true);
    // nothing of the deployment was evicted, and the node stays cordoned
    const after = await runScript(world, 'cka01', "kubectl get pods -l app=web --field-selector spec.nodeName=cka02 -o name; kubectl get node cka02 -o jsonpath='{.spec.unschedulable}'");
    expect(after.stdout).toBe(`${onCka02.map((n) => `pod/${n}`).join('\n')}\ntrue`);
  });

  it('evicts one pod at a time as a budget of minAvailable 2 recovers, then reports the node drained', async () => {
    const { world, onCka02 } = await webOnCka02(2);
    expect(onCka02.length).toBe(3);
    const r = await runScript(world, 'cka01', 'kubectl drain cka02 --ignore-daemonsets');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    const order = onCka02.map((n) => ({ n, at: lines.indexOf(`pod/${n} evicted`) })).sort((a, b) => a.at - b.at);
    expect(order.every((o) => o.at > 0)).toBe(true);
    const [first, second, third] = order.map((o) => o.n);
    const refused = (n: string) => `error when evicting pods/"${n}" -n "default" (will retry after 5s): ${VIOLATION}\n`;
    // the first goes at once; the others are refused until the replacement of the one before is Ready
    expect(r.stderr).not.toContain(`pods/"${first}"`);
    expect(r.stderr).toContain(refused(second));
    expect(r.stderr).toContain(refused(third));
    expect(lines.lastIndexOf(`evicting pod default/${second}`)).toBeGreaterThan(lines.indexOf(`pod/${first} evicted`));
    expect(lines.lastIndexOf(`evicting pod default/${third}`)).toBeGreaterThan(lines.indexOf(`pod/${second} evicted`));
    expect(r.stdout.endsWith('node/cka02 drained\n')).toBe(true);
    // all three replicas run on cka03 now; the budget allows a disruption again once they are Ready
    const pods = await runScript(world, 'cka01', 'sleep 30; kubectl get pods -l app=web -o jsonpath=\'{range .items[*]}{.spec.nodeName}{"\\n"}{end}\'');
    expect(pods.stdout).toBe('cka03\ncka03\ncka03\n');
    const pdb = await runScript(world, 'cka01', 'kubectl get pdb web --no-headers');
    expect(pdb.stdout.split(/\s+/).slice(0, 4)).toEqual(['web', '2', 'N/A', '1']);
  });

  it('shows ALLOWED DISRUPTIONS drop to 0 after an eviction takes the only disruption', async () => {
    const { world, onCka02 } = await webOnCka02(2);
    // with cka03 cordoned too, the replacement cannot run and the budget does not recover
    const pdb = await runScript(world, 'cka01', `kubectl get pdb web --no-headers; kubectl cordon cka03 >/dev/null; kubectl drain cka02 --ignore-daemonsets --timeout=6s >/dev/null 2>&1; echo $?; kubectl get pdb web --no-headers`);
    const [before, status, after] = pdb.stdout.trim().split('\n');
    expect([before.split(/\s+/)[3], status, after.split(/\s+/)[3]]).toEqual(['1', '1', '0']);
    expect(onCka02.length).toBe(3);
  });

  it('--disable-eviction deletes the pods whatever the budget says', async () => {
    const { world, onCka02 } = await webOnCka02(3);
    const r = await runScript(world, 'cka01', 'kubectl drain cka02 --ignore-daemonsets --disable-eviction');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('evicting');
    for (const n of onCka02) expect(r.stdout).toContain(`pod/${n} deleted\n`);
    expect(r.stdout.endsWith('node/cka02 drained\n')).toBe(true);
  });

  it('--dry-run=client lists what would be evicted and evicts nothing', async () => {
    const { world, onCka02 } = await webOnCka02(3);
    const r = await runScript(world, 'cka01', 'kubectl drain cka02 --ignore-daemonsets --dry-run=client');
    expect(r.status).toBe(0);
    for (const n of onCka02) expect(r.stdout).toContain(`evicting pod default/${n} (dry run)\n`);
    expect(r.stdout.endsWith('node/cka02 drained (dry run)\n')).toBe(true);
  });
});
