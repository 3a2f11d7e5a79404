import { describe, expect, it } from 'vitest';
import { freshWorld, run } from '../../tools/helpers';
import { parseUnitText } from '../../../src/sim/systemd/units';
import { DROPIN, KUBELET_UNIT, withKubeletUnit } from './_kubelet-unit';

describe('unit files', () => {
  it('an empty ExecStart= in a drop-in resets the list', () => {
    const s = parseUnitText(DROPIN, parseUnitText(KUBELET_UNIT));
    expect(s.Service.ExecStart).toEqual(['/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS']);
    expect(s.Service.Environment).toHaveLength(2);
  });
});

describe('systemctl', () => {
  it('fails like systemd for unknown units and verbs', async () => {
    const w = freshWorld();
    const r = await run(w, 'systemctl stop kebelet; echo rc=$?\nsystemctl start kebelet; echo rc=$?\nsystemctl daemon_reload; echo rc=$?\nsystemctl status kebelet; echo rc=$?\nsystemctl is-active kebelet; echo rc=$?');
    expect(r.stderr).toBe(
      'Failed to stop kebelet.service: Unit kebelet.service not loaded.\n' +
        'Failed to start kebelet.service: Unit kebelet.service not found.\n' +
        'Unknown command verb daemon_reload.\n' +
        'Unit kebelet.service could not be found.\n',
    );
    expect(r.stdout).toBe('rc=5\nrc=5\nrc=1\nrc=4\ninactive\nrc=3\n');
  });

  it('base units are active and enabled', async () => {
    const r = await run(freshWorld(), 'systemctl is-active ssh cron\nsystemctl is-enabled ssh');
    expect(r.stdout).toBe('active\nactive\nenabled\n');
  });

  it('enable --now creates the wants link and starts; disable removes it', async () => {
    const w = withKubeletUnit();
    const r = await run(w, 'systemctl enable --now kubelet; echo rc=$?\nsystemctl is-enabled kubelet\nsystemctl disable kubelet\nsystemctl is-enabled kubelet; echo rc=$?');
    expect(r.stderr).toBe(
      'Created symlink /etc/systemd/system/multi-user.target.wants/kubelet.service → /lib/systemd/system/kubelet.service.\n' +
        'Removed /etc/systemd/system/multi-user.target.wants/kubelet.service.\n',
    );
    expect(r.stdout).toBe('rc=0\nenabled\ndisabled\nrc=1\n');
  });

  it('a kubelet without its config restarts every 10 s, and status and the journal show it', async () => {
    const w = withKubeletUnit();
    await run(w, 'systemctl start kubelet');
    w.clock.advance(35_000);
    const r = await run(w, 'systemctl status kubelet --no-pager -n 3; echo rc=$?\nsystemctl is-active kubelet\njournalctl -u kubelet --no-pager | grep -c "Scheduled restart job"');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('● kubelet.service - kubelet: The Kubernetes Node Agent');
    expect(lines[1]).toBe('     Loaded: loaded (/lib/systemd/system/kubelet.service; disabled; vendor preset: enabled)');
    expect(lines[2]).toBe('    Drop-In: /usr/lib/systemd/system/kubelet.service.d');
    expect(lines[3]).toBe('             └─10-kubeadm.conf');
    expect(lines[4]).toMatch(/^ {5}Active: activating \(auto-restart\) \(Result: exit-code\) since \w{3} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; \d+s ago$/);
    expect(lines[6]).toMatch(/^ {4}Process: \d+ ExecStart=\/usr\/bin\/kubelet \$KUBELET_KUBECONFIG_ARGS .* \(code=exited, status=1\/FAILURE\)$/);
    expect(r.stdout).toContain('kubelet[');
    expect(r.stdout).toContain('"command failed" err="failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file \\"/var/lib/kubelet/config.yaml\\", error: open /var/lib/kubelet/config.yaml: no such file or directory"');
    expect(r.stdout).toContain('rc=3\nactivating\n3\n');
  });

  it('the loop ends on its own once the cause is fixed (next restart succeeds)', async () => {
    const w = withKubeletUnit();
    await run(w, 'swapoff -a\nsystemctl start containerd 2>/dev/null; systemctl start kubelet');
    w.clock.advance(5_000);
    w.machines.get('cka01')!.rootFs.mkdir('/var/lib/kubelet', { recursive: true });
    w.machines.get('cka01')!.rootFs.writeFile('/var/lib/kubelet/config.yaml', 'kind: KubeletConfiguration\n');
    w.clock.advance(20_000);
    // Neither kubelet.conf nor the bootstrap kubeconfig of the drop-in's flags exists: that fails next.
    let r = await run(w, 'systemctl is-active kubelet; journalctl -u kubelet -n 4 --no-pager | grep -o "unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory"');
    expect(r.stdout).toBe('activating\nunable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory\n');
    w.machines.get('cka01')!.rootFs.mkdir('/etc/kubernetes', { recursive: true });
    w.machines.get('cka01')!.rootFs.writeFile('/etc/kubernetes/kubelet.conf', 'apiVersion: v1\nkind: Config\n');
    w.clock.advance(20_000);
    // containerd has no unit on a bare machine: the CRI check fails next.
    r = await run(w, 'systemctl is-active kubelet; journalctl -u kubelet -n 4 --no-pager | grep -o "validate CRI v1 runtime API"');
    expect(r.stdout).toBe('activating\nvalidate CRI v1 runtime API\n');
    w.machines.get('cka01')!.rootFs.writeFile('/usr/lib/systemd/system/containerd.service', '[Unit]\nDescription=containerd container runtime\n\n[Service]\nExecStart=/usr/bin/containerd\n\n[Install]\nWantedBy=multi-user.target\n');
    await run(w, 'systemctl start containerd');
    w.clock.advance(11_000);
    r = await run(w, 'systemctl is-active kubelet');
    expect(r.stdout).toBe('active\n');
  });

  it('warns when a unit changed on disk until daemon-reload', async () => {
    const w = withKubeletUnit();
    await run(w, 'systemctl start kubelet');
    const r = await run(w, 'echo "# x" >> /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf\nsystemctl restart kubelet\nsystemctl daemon-reload\nsystemctl restart kubelet');
    expect(r.stderr).toBe("Warning: The unit file, source configuration file or drop-ins of kubelet.service changed on disk. Run 'systemctl daemon-reload' to reload units.\n");
  });

  it('mask makes start fail; normal users are refused', async () => {
    const w = withKubeletUnit();
    let r = await run(w, 'systemctl mask kubelet\nsystemctl start kubelet; echo rc=$?');
    expect(r.stderr).toBe('Created symlink /etc/systemd/system/kubelet.service → /dev/null.\nFailed to start kubelet.service: Unit kubelet.service is masked.\n');
    expect(r.stdout).toBe('rc=1\n');
    r = await run(w, 'systemctl restart ssh; echo rc=$?', { user: 'ubuntu' });
    expect(r.stderr).toBe("Failed to restart ssh.service: Interactive authentication required.\nSee system logs and 'systemctl status ssh.service' for details.\n");
  });

  it('enabled units start at boot, others stay down', async () => {
    const w = withKubeletUnit();
    await run(w, 'systemctl enable kubelet 2>/dev/null\nreboot 2>/dev/null');
    const r = await run(w, 'systemctl is-active kubelet ssh');
    expect(r.stdout).toBe('activating\nactive\n');
  });
});
