import { describe, expect, it } from 'vitest';
import { run, worldOf } from '../../tools/helpers';
import { clusterOf } from '../../../src/sim/cluster/attach';

describe('nodes of the cluster scenario', () => {
  it('have their packages, units and a running kubelet; systemctl drives the cluster kubelet', async () => {
    const w = worldOf('cluster');
    let r = await run(w, 'systemctl is-active kubelet containerd; systemctl is-enabled kubelet; apt-mark showhold; dpkg -l kubeadm | tail -1', { host: 'cka02' });
    expect(r.stdout).toMatch(/^active\nactive\nenabled\nkubeadm\nkubectl\nkubelet\nhi {2}kubeadm +1\.33\.4-1\.1 +amd64 /);
    const kubelet = clusterOf(w)!.kubelets.get('cka02')!;
    expect(kubelet.running).toBe(true);
    r = await run(w, 'systemctl stop kubelet; systemctl is-active kubelet', { host: 'cka02' });
    expect(r.stdout).toBe('inactive\n');
    expect(kubelet.running).toBe(false);
    await run(w, 'systemctl start kubelet', { host: 'cka02' });
    expect(kubelet.running).toBe(true);
  });
});
