/**
 * A kubelet whose kubeconfig is gone (moved away, or the drop-in's --kubeconfig mistyped) turns to
 * the drop-in's --bootstrap-kubeconfig, which kubeadm join deleted: it exits before anything else
 * and systemd restarts it in a loop; the file back, it runs again.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

describe('the kubelet without its kubeconfig', () => {
  it('fails with the bootstrap kubeconfig it cannot find, and runs once the file is back', async () => {
    const world = bootWorld('cluster');
    const broken = await runScript(world, 'cka02', 'mv /etc/kubernetes/kubelet.conf /root/; systemctl restart kubelet; sleep 5; systemctl is-active kubelet; journalctl -u kubelet --no-pager | grep "command failed" | tail -n 1');
    expect(broken.stdout).toMatch(/^activating\n.* kubelet\[\d+\]: E\d{4} [\d:.]+ +\d+ run\.go:72\] "command failed" err="failed to run Kubelet: unable to load bootstrap kubeconfig: stat \/etc\/kubernetes\/bootstrap-kubelet\.conf: no such file or directory"\n$/);
    const healed = await runScript(world, 'cka02', 'mv /root/kubelet.conf /etc/kubernetes/; sleep 15; systemctl is-active kubelet');
    expect(healed.stdout).toBe('active\n');
  });

  it('reads --kubeconfig from the drop-in: a mistyped path fails the same way', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka02', "sed -i 's#--kubeconfig=/etc/kubernetes/kubelet.conf#--kubeconfig=/etc/kubernetes/kubelet.cfg#' /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf; systemctl daemon-reload; systemctl restart kubelet; sleep 5; journalctl -u kubelet --no-pager | grep -c 'unable to load bootstrap kubeconfig'");
    expect(Number(r.stdout.trim())).toBeGreaterThan(0);
  });
});
