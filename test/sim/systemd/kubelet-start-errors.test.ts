/**
 * A kubelet that cannot start journals what a real v1.33 kubelet does, and the fix heals the node.
 *
 * - A wrong `clientCAFile` in /var/lib/kubelet/config.yaml (KodeKloud's "the cluster is broken
 *   again" worker, journals pasted in public CKA notes, v1.31 and v1.32; the same text on a
 *   killercoda v1.33.2 control plane):
 *     Flag --container-runtime-endpoint has been deprecated, This parameter should be set via the config file …
 *     Flag --pod-infra-container-image has been deprecated, …
 *     I0410 03:04:21.236944   14756 server.go:215] "--pod-infra-container-image will not be pruned by the image garbage collector in kubelet and should also be set in the remote runtime"
 *     E0410 03:04:21.238395   14756 run.go:72] "command failed" err="failed to construct kubelet dependencies: unable to load client CA file /etc/kubernetes/pki/WRONG-CA-FILE.crt: open /etc/kubernetes/pki/WRONG-CA-FILE.crt: no such file or directory"
 *     systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE
 * - A --config in kubeadm's drop-in naming a file that does not exist: the kubelet's own
 *   "failed to load kubelet config file, path: …" for that path (cmd/kubelet/app/server.go; the
 *   text seen for /var/lib/kubelet/config.yaml before kubeadm init in many install guides).
 * - Swap on: since v1.31 (swap.IsSwapOn, pkg/kubelet/util/swap/swap_util.go) the error names no
 *   /proc/swaps content: `err="failed to run Kubelet: running with swap on is not supported,
 *   please disable swap or set --fail-swap-on flag to false"` (a v1.34.3 journal, kubeadm notes
 *   of 2025).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

const DROP_IN = '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf';
const JOURNAL_LINE = (text: string) => `^Jan 15 \\d\\d:\\d\\d:\\d\\d cka02 ${text}$`;
const KLOG = (level: string, source: string) => `kubelet\\[\\d+\\]: ${level}0115 \\d\\d:\\d\\d:\\d\\d\\.\\d{6} +\\d+ ${source.replace('.', '\\.')}\\] `;

describe('a kubelet that cannot start', () => {
  it('with a wrong clientCAFile: the dependencies error after its notices; the node goes NotReady; fixed, Ready', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka02', "sed -i 's#clientCAFile: /etc/kubernetes/pki/ca.crt#clientCAFile: /etc/kubernetes/pki/WRONG-CA-FILE.crt#' /var/lib/kubelet/config.yaml; systemctl restart kubelet");
    const r = await runScript(world, 'cka02', 'sleep 5; systemctl is-active kubelet; journalctl -u kubelet --no-pager | tail -6');
    const [state, ...journal] = r.stdout.trimEnd().split('\n');
    expect(state).toBe('activating');
    const expected = [
      'kubelet\\[\\d+\\]: Flag --container-runtime-endpoint has been deprecated, This parameter should be set via the config file specified by the Kubelet\'s --config flag\\. See https://kubernetes\\.io/docs/tasks/administer-cluster/kubelet-config-file/ for more information\\.',
      'kubelet\\[\\d+\\]: Flag --pod-infra-container-image has been deprecated, will be removed in 1\\.35\\. Image garbage collector will get sandbox image information from CRI\\.',
      `${KLOG('I', 'server.go:215')}"--pod-infra-container-image will not be pruned by the image garbage collector in kubelet and should also be set in the remote runtime"`,
      `${KLOG('E', 'run.go:72')}"command failed" err="failed to construct kubelet dependencies: unable to load client CA file /etc/kubernetes/pki/WRONG-CA-FILE\\.crt: open /etc/kubernetes/pki/WRONG-CA-FILE\\.crt: no such file or directory"`,
      'systemd\\[1\\]: kubelet\\.service: Main process exited, code=exited, status=1/FAILURE',
      "systemd\\[1\\]: kubelet\\.service: Failed with result 'exit-code'\\.",
    ];
    journal.forEach((line, i) => expect(line).toMatch(new RegExp(JOURNAL_LINE(expected[i]))));

    const notReady = await runScript(world, 'cka01', "sleep 60; kubectl get node cka02 --no-headers | awk '{print $2}'");
    expect(notReady.stdout).toBe('NotReady\n');
    await runScript(world, 'cka02', "sed -i 's#WRONG-CA-FILE.crt#ca.crt#' /var/lib/kubelet/config.yaml; systemctl restart kubelet");
    const ready = await runScript(world, 'cka01', "sleep 20; kubectl get node cka02 --no-headers | awk '{print $2}'");
    expect(ready.stdout).toBe('Ready\n');
  }, 60_000);

  it('with --config naming a missing file in the drop-in: the config error for that path; fixed and reloaded, it runs', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka02', `sed -i 's#--config=/var/lib/kubelet/config.yaml#--config=/var/lib/kubelet/configx.yaml#' ${DROP_IN}; systemctl daemon-reload; systemctl restart kubelet`);
    const r = await runScript(world, 'cka02', "sleep 5; journalctl -u kubelet --no-pager | grep 'command failed' | tail -1");
    expect(r.stdout).toMatch(
      new RegExp(
        JOURNAL_LINE(
          `${KLOG('E', 'run.go:72')}"command failed" err="failed to load kubelet config file, path: /var/lib/kubelet/configx\\.yaml, error: failed to load Kubelet config file /var/lib/kubelet/configx\\.yaml, error failed to read kubelet config file \\\\"/var/lib/kubelet/configx\\.yaml\\\\", error: open /var/lib/kubelet/configx\\.yaml: no such file or directory"`,
        ) + '\\n',
        'm',
      ),
    );
    await runScript(world, 'cka02', `sed -i 's#configx.yaml#config.yaml#' ${DROP_IN}; systemctl daemon-reload; systemctl restart kubelet`);
    const healed = await runScript(world, 'cka02', 'sleep 5; systemctl is-active kubelet');
    expect(healed.stdout).toBe('active\n');
  }, 60_000);

  it('with swap on: the v1.33 refusal, which names no /proc/swaps content', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka02', "sed -i 's#^\\#/swap.img#/swap.img#' /etc/fstab; swapon -a; systemctl restart kubelet");
    const r = await runScript(world, 'cka02', "sleep 5; journalctl -u kubelet --no-pager | grep 'command failed' | tail -1");
    expect(r.stdout).toMatch(new RegExp(JOURNAL_LINE(`${KLOG('E', 'run.go:72')}"command failed" err="failed to run Kubelet: running with swap on is not supported, please disable swap or set --fail-swap-on flag to false"`) + '\\n', 'm'));
  }, 60_000);
});
