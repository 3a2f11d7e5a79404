/**
 * The CNI configuration removed from a node: the node goes NotReady with the runtime's network
 * condition, and its kubelet journals every 5 s what a real v1.33 kubelet does:
 *
 *   E0730 21:44:40.048656   69503 kubelet.go:3117] "Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"
 *
 * (a v1.33.3 node without a CNI yet, in a public Kubernetes-on-bare-metal guide; v1.33-era
 * journals of kubeadm notes repeat it 5 s apart). Putting the file back heals the node and
 * stops the lines.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

const LINE = /^Jan 15 (\d\d):(\d\d):(\d\d) cka02 kubelet\[\d+\]: E0115 \1:\2:\3\.\d{6} +\d+ kubelet\.go:3117\] "Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"$/;

const seconds = (line: string) => {
  const [, h, m, s] = LINE.exec(line)!;
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
};

describe('a node whose CNI configuration was removed', () => {
  it('goes NotReady, its kubelet logs the network every 5 s; the file back, Ready and quiet', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka02', 'mv /etc/cni/net.d/10-flannel.conflist /root/');
    const broken = await runScript(world, 'cka01', "sleep 30; kubectl get node cka02 --no-headers | awk '{print $2}'; kubectl describe node cka02 | grep -E '^ +Ready ' | sed 's/  */ /g'");
    expect(broken.stdout).toMatch(/^NotReady\n Ready False .* KubeletNotReady container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized\n$/);
    const journal = (await runScript(world, 'cka02', "journalctl -u kubelet --no-pager | grep 'kubelet.go:3117'")).stdout.trimEnd().split('\n');
    expect(journal.length).toBeGreaterThanOrEqual(3);
    for (const line of journal) expect(line).toMatch(LINE);
    for (let i = 1; i < journal.length; i++) expect(seconds(journal[i]) - seconds(journal[i - 1])).toBe(5);

    await runScript(world, 'cka02', 'mv /root/10-flannel.conflist /etc/cni/net.d/');
    const healed = await runScript(world, 'cka01', "sleep 20; kubectl get node cka02 --no-headers | awk '{print $2}'");
    expect(healed.stdout).toBe('Ready\n');
    const count = (await runScript(world, 'cka02', "journalctl -u kubelet --no-pager | grep -c 'kubelet.go:3117'; sleep 60; journalctl -u kubelet --no-pager | grep -c 'kubelet.go:3117'")).stdout.split('\n');
    expect(count[0]).toBe(count[1]);
  }, 60_000);
});
