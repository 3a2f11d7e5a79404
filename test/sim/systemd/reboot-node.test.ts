import { describe, expect, it } from 'vitest';
import { run, worldOf } from '../../tools/helpers';
import { clusterOf } from '../../../src/sim/cluster/attach';

describe('rebooting a cluster node', () => {
  it('comes back with containerd and the kubelet running; a swap line restored in fstab keeps the kubelet down', async () => {
    const w = worldOf('cluster');
    await run(w, 'reboot 2>/dev/null', { host: 'cka02' });
    let r = await run(w, 'systemctl is-active containerd kubelet', { host: 'cka02' });
    expect(r.stdout).toBe('active\nactive\n');
    expect(clusterOf(w)!.kubelets.get('cka02')!.running).toBe(true);
    await run(w, "sed -i 's/^#\\(.*swap.*\\)/\\1/' /etc/fstab\nreboot 2>/dev/null", { host: 'cka03' });
    w.clock.advance(15_000);
    r = await run(w, 'swapon --show | wc -l; systemctl is-active kubelet; journalctl -u kubelet -n 3 | grep -c "running with swap on is not supported"', { host: 'cka03' });
    expect(r.stdout).toBe('2\nactivating\n1\n');
    expect(clusterOf(w)!.kubelets.get('cka03')!.running).toBe(false);
  });
});
