/**
 * The kubelet reads its static pods from its config's `staticPodPath`. A typo there
 * (/etc/kubernetes/manifest) on the control plane, then a kubelet restart: the file source sends
 * an empty pod list, the running control-plane pods are killed as unwanted, kubectl is refused, and
 * every second the kubelet journals (pkg/kubelet/config/file_linux.go:61, retryPeriod 1 s; the
 * line as kubelets of nodes without a manifest directory log it in many install notes):
 *
 *   E0914 00:59:22.040084    1611 file_linux.go:61] "Unable to read config path" err="path does not exist, ignoring" path="/etc/kubernetes/manifests"
 *
 * Fixing the path and restarting brings the control plane back.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

const LINE = /^Jan 15 (\d\d):(\d\d):(\d\d) cka01 kubelet\[\d+\]: E0115 \1:\2:\3\.\d{6} +\d+ file_linux\.go:61\] "Unable to read config path" err="path does not exist, ignoring" path="\/etc\/kubernetes\/manifest"$/;

describe('a kubelet whose staticPodPath names a directory that does not exist', () => {
  it('kills the control plane it ran, logs the path every second, and runs it again once fixed', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', "sed -i 's#staticPodPath: /etc/kubernetes/manifests#staticPodPath: /etc/kubernetes/manifest#' /var/lib/kubelet/config.yaml; systemctl restart kubelet");
    const broken = await runScript(world, 'cka01', "sleep 30; crictl ps 2>/dev/null | grep -c -E 'kube-apiserver|etcd|kube-scheduler|kube-controller'; kubectl get nodes >/dev/null 2>&1; echo rc=$?; journalctl -u kubelet --no-pager | grep file_linux | tail -3");
    const [running, rc, ...journal] = broken.stdout.trimEnd().split('\n');
    expect(running).toBe('0');
    expect(rc).toBe('rc=1');
    expect(journal).toHaveLength(3);
    for (const line of journal) expect(line).toMatch(LINE);
    const seconds = journal.map((l) => {
      const [, h, m, sec] = LINE.exec(l)!;
      return Number(h) * 3600 + Number(m) * 60 + Number(sec);
    });
    expect(seconds[2] - seconds[1]).toBe(1);

    await runScript(world, 'cka01', "sed -i 's#staticPodPath: /etc/kubernetes/manifest$#staticPodPath: /etc/kubernetes/manifests#' /var/lib/kubelet/config.yaml; systemctl restart kubelet");
    const healed = await runScript(world, 'cka01', 'sleep 60; kubectl get nodes >/dev/null; echo rc=$?; n=$(journalctl -u kubelet --no-pager | grep -c file_linux); sleep 10; [ "$(journalctl -u kubelet --no-pager | grep -c file_linux)" = "$n" ] && echo quiet');
    expect(healed.stdout).toBe('rc=0\nquiet\n');
  }, 60_000);
});
