/**
 * systemd restarts a crash-looping kubelet every RestartSec (10 s in kubeadm's kubelet unit)
 * whether anyone looks at the machine or not: a learner who puts cka02's kubelet config back over
 * ssh and then only watches the nodes from cka01 sees cka02 come back Ready within one restart
 * and a node status report, as on a real cluster. The journal of cka02 tells the loop afterwards
 * exactly as a look during the loop would have: each failed attempt, then the restart that runs.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

/** cka02's STATUS in `kubectl get nodes` on cka01. */
async function cka02Status(world: ReturnType<typeof bootWorld>, before = ''): Promise<string> {
  const r = await runScript(world, 'cka01', `${before}\nkubectl get nodes --no-headers cka02 | awk '{print $2}'`);
  return r.stdout.trim();
}

describe('a crash-looping kubelet fixed without anyone looking', () => {
  it('runs again at its next restart: cka02 is Ready on cka01, its journal tells the loop', async () => {
    const world = bootWorld('cluster');
    expect(await cka02Status(world)).toBe('Ready');

    const broken = await runScript(world, 'cka02', 'mv /var/lib/kubelet/config.yaml /root/\nsystemctl restart kubelet\nsystemctl is-active kubelet');
    expect(broken.stdout).toBe('activating\n');
    // The node-lifecycle controller's grace period (40 s) and its next check.
    expect(await cka02Status(world, 'sleep 60')).toBe('NotReady');

    // Only the file back on cka02: no systemctl, no journalctl there.
    const fixedAt = world.clock.now();
    await runScript(world, 'cka02', 'mv /root/config.yaml /var/lib/kubelet/');
    expect(await cka02Status(world, 'sleep 40')).toBe('Ready');

    // The attempt that ran came at most one period (RestartSec 10 s + the failed run) after the fix.
    const unit = (world.machines.get('cka02')!.ext.systemd as { units: Record<string, { state: string; since: number; crash?: unknown }> }).units['kubelet.service'];
    expect(unit.crash).toBeUndefined();
    expect(unit.state).toBe('active');
    expect(unit.since).toBeGreaterThanOrEqual(fixedAt);
    expect(unit.since).toBeLessThanOrEqual(fixedAt + 10_070);

    const journal = (await runScript(world, 'cka02', 'journalctl -u kubelet --no-pager')).stdout;
    const failed = [...journal.matchAll(/ run\.go:72\] "command failed" err="failed to load kubelet config file/g)].length;
    // One failed attempt at the restart, then one every 10.07 s until the fix (about 60 s later).
    expect(failed).toBeGreaterThanOrEqual(6);
    for (let k = 1; k < failed; k++) expect(journal).toContain(`kubelet.service: Scheduled restart job, restart counter is at ${k}.\n`);
    expect(journal).toMatch(new RegExp(`kubelet\\.service: Scheduled restart job, restart counter is at ${failed}\\.\\n.*Stopped kubelet: The Kubernetes Node Agent\\.\\n.*Started kubelet: The Kubernetes Node Agent\\.\\n`));
    // The start that ran is the last thing systemd says of the unit, and the kubelet logs on from there.
    const afterStart = journal.slice(journal.lastIndexOf('Started kubelet: The Kubernetes Node Agent.'));
    expect(afterStart).not.toContain('command failed');
    expect(afterStart).toMatch(/kubelet\[\d+\]: Flag --container-runtime-endpoint/);
    expect((await runScript(world, 'cka02', 'systemctl is-active kubelet')).stdout).toBe('active\n');
  });
});
