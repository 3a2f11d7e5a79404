import { describe, expect, it } from 'vitest';
import { freshWorld, run } from './helpers';

describe('ufw, iptables, timedatectl', () => {
  it('ufw is inactive; rules are kept and shown once enabled', async () => {
    const w = freshWorld();
    const r = await run(w, 'ufw status\nufw allow 6443/tcp\nufw allow 6443/tcp\nufw --force enable\nufw status');
    expect(r.stdout).toBe(
      'Status: inactive\nRules updated\nRules updated (v6)\nSkipping adding existing rule\nSkipping adding existing rule (v6)\nFirewall is active and enabled on system startup\n' +
        'Status: active\n\nTo                         Action      From\n--                         ------      ----\n6443/tcp                   ALLOW       Anywhere\n6443/tcp (v6)              ALLOW       Anywhere (v6)\n',
    );
    const u = await run(w, 'ufw status; echo rc=$?', { user: 'ubuntu' });
    expect(u.stderr).toBe('ERROR: You need to be root to run this script\n');
  });

  it('iptables lists empty chains as root and refuses others', async () => {
    const w = freshWorld();
    const r = await run(w, 'iptables -F && iptables -L | head -2');
    expect(r.stdout).toBe('Chain INPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n');
    const u = await run(w, 'iptables -L; echo rc=$?', { user: 'ubuntu' });
    expect(u.stderr).toBe('iptables v1.8.7 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n\n');
    expect(u.stdout).toBe('rc=4\n');
  });

  it('timedatectl set-timezone changes the zone shown', async () => {
    const w = freshWorld();
    const r = await run(w, 'timedatectl set-timezone Asia/Shanghai\ntimedatectl | grep "Time zone"\ntimedatectl set-timezone Mars/Base; echo rc=$?');
    expect(r.stdout).toBe('                Time zone: Asia/Shanghai (CST, +0800)\nrc=1\n');
    expect(r.stderr).toBe("Failed to set time zone: Invalid or missing time zone 'Mars/Base'.\n");
  });

  it('kubeadm config print init-defaults follows the kubeadm version', async () => {
    const w = freshWorld();
    const fs = w.machines.get('cka01')!.rootFs;
    fs.writeFile('/usr/bin/kubeadm', '\u007fELF\u0002\u0001\u0001\u0000 program:kubeadm\n');
    fs.chmod('/usr/bin/kubeadm', 0o755);
    const r = await run(w, 'kubeadm config print init-defaults | grep -E "^(apiVersion|kubernetesVersion)"');
    expect(r.stdout).toBe('apiVersion: kubeadm.k8s.io/v1beta4\napiVersion: kubeadm.k8s.io/v1beta4\nkubernetesVersion: 1.33.0\n');
  });
});
