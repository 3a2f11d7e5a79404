/**
 * A worker whose kubelet client certificate was deleted: the running kubelet keeps its
 * certificate in memory, but once restarted it finds its kubeconfig unusable and, kubeadm join
 * having removed bootstrap-kubelet.conf, cannot bootstrap either. A kind v1.32.2 worker's journal
 * (a public "node recovery" challenge write-up):
 *
 *   bootstrap.go:241] "Unhandled Error" err="unable to read existing bootstrap client config from /etc/kubernetes/kubelet.conf: invalid configuration: [unable to read client-cert /var/lib/kubelet/pki/kubelet-client-current.pem for default-auth due to open /var/lib/kubelet/pki/kubelet-client-current.pem: no such file or directory, unable to read client-key /var/lib/kubelet/pki/kubelet-client-current.pem for default-auth due to open /var/lib/kubelet/pki/kubelet-client-current.pem: no such file or directory]" logger="UnhandledError"
 *   E0428 11:35:30.233890    6804 run.go:72] "command failed" err="failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory"
 *   systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE
 *
 * (a v1.27.1 journal shows the same, with "Client rotation is on, will bootstrap in background"
 * just before). Putting the certificate back and restarting heals the node.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

const PEM = '/var/lib/kubelet/pki/kubelet-client-current.pem';
const KLOG = (level: string, source: string) => `kubelet\\[\\d+\\]: ${level}0115 \\d\\d:\\d\\d:\\d\\d\\.\\d{6} +\\d+ ${source.replace('.', '\\.')}\\] `;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a worker whose kubelet client certificate was deleted', () => {
  it('runs on until restarted, then fails on its kubeconfig and the missing bootstrap kubeconfig; the file back, Ready', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka02', `mv ${PEM} /root/kubelet-client.pem`);
    const before = await runScript(world, 'cka02', 'sleep 20; systemctl is-active kubelet');
    expect(before.stdout).toBe('active\n');

    await runScript(world, 'cka02', 'systemctl restart kubelet');
    const r = await runScript(world, 'cka02', 'sleep 5; systemctl is-active kubelet; journalctl -u kubelet --no-pager | tail -5');
    const [state, ...journal] = r.stdout.trimEnd().split('\n');
    expect(state).toBe('activating');
    const invalid = `invalid configuration: [unable to read client-cert ${PEM} for default-auth due to open ${PEM}: no such file or directory, unable to read client-key ${PEM} for default-auth due to open ${PEM}: no such file or directory]`;
    const expected = [
      `${KLOG('I', 'server.go:954')}"Client rotation is on, will bootstrap in background"`,
      `${KLOG('E', 'bootstrap.go:241')}"Unhandled Error" err="${esc(`unable to read existing bootstrap client config from /etc/kubernetes/kubelet.conf: ${invalid}`)}" logger="UnhandledError"`,
      `${KLOG('E', 'run.go:72')}"command failed" err="failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet\\.conf: no such file or directory"`,
      'systemd\\[1\\]: kubelet\\.service: Main process exited, code=exited, status=1/FAILURE',
      "systemd\\[1\\]: kubelet\\.service: Failed with result 'exit-code'\\.",
    ];
    journal.forEach((line, i) => expect(line).toMatch(new RegExp(`^Jan 15 \\d\\d:\\d\\d:\\d\\d cka02 ${expected[i]}$`)));

    const notReady = await runScript(world, 'cka01', "sleep 60; kubectl get node cka02 --no-headers | awk '{print $2}'");
    expect(notReady.stdout).toBe('NotReady\n');
    // systemd's next attempt (RestartSec=10) runs with the file back.
    const restarted = await runScript(world, 'cka02', `mv /root/kubelet-client.pem ${PEM}; sleep 10; systemctl is-active kubelet`);
    expect(restarted.stdout).toBe('active\n');
    const ready = await runScript(world, 'cka01', "sleep 20; kubectl get node cka02 --no-headers | awk '{print $2}'");
    expect(ready.stdout).toBe('Ready\n');
  }, 60_000);
});
