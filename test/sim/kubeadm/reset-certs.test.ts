import { describe, expect, it } from 'vitest';
import { run, worldOf } from '../../tools/helpers';
import { clusterOf } from '../../../src/sim/cluster/attach';

describe('kubeadm certs check-expiration', () => {
  it('reads the certificates of the control plane', async () => {
    const w = worldOf('cluster');
    const r = await run(w, 'kubeadm certs check-expiration');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('[check-expiration] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...');
    expect(lines[3]).toMatch(/^CERTIFICATE {16}EXPIRES {18}RESIDUAL TIME {3}CERTIFICATE AUTHORITY {3}EXTERNALLY MANAGED/);
    expect(r.stdout).toMatch(/\napiserver {18}\w{3} \d\d, \d{4} \d\d:\d\d UTC {3}36[45]d {12}ca /);
    expect(r.stdout).toMatch(/\nca {22}\w{3} \d\d, \d{4} \d\d:\d\d UTC {3}9y /);
  });
});

describe('kubeadm reset', () => {
  it('refuses without an answer, then with -f stops the kubelet and removes the files, with the reminders', async () => {
    const w = worldOf('cluster');
    let r = await run(w, 'kubeadm reset < /dev/null; echo rc=$?', { host: 'cka03' });
    expect(r.stdout).toBe('[reset] Are you sure you want to proceed? [y/N]: \nrc=1\n');
    expect(r.stderr).toContain('error execution phase preflight: aborted reset operation\n');
    r = await run(w, 'kubeadm reset -f 2>/dev/null; ls /etc/kubernetes/pki /var/lib/kubelet | wc -l; systemctl is-active kubelet', { host: 'cka03' });
    expect(r.stdout).toContain('[reset] Stopping the kubelet service\n');
    expect(r.stdout).toContain('The reset process does not clean CNI configuration. To do so, you must remove /etc/cni/net.d\n');
    expect(r.stdout.endsWith('Please, check the contents of the $HOME/.kube/config file.\n3\ninactive\n')).toBe(true);
    expect(clusterOf(w)!.kubelets.get('cka03')!.running).toBe(false);
  });
});
