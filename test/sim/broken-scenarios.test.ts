/** The broken variants of `cluster` show the symptoms of the real breakage, and heal the real way. */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('broken scenarios', () => {
  it('cluster-kubelet-stopped: cka02 NotReady with its kubelet inactive and disabled; starting it heals', async () => {
    const world = bootWorld('cluster-kubelet-stopped');
    const before = await runScript(world, 'cka01', "kubectl get nodes --no-headers | awk '{print $1, $2}'\nssh cka02 systemctl is-active kubelet\nssh cka02 systemctl is-enabled kubelet");
    expect(before.stdout).toBe('cka01 Ready\ncka02 NotReady\ncka03 Ready\ninactive\ndisabled\n');
    await runScript(world, 'cka02', 'systemctl enable --now kubelet');
    world.clock.advance(30_000);
    const after = await runScript(world, 'cka01', "kubectl get node cka02 --no-headers | awk '{print $2}'");
    expect(after.stdout).toBe('Ready\n');
  });

  it('cluster-broken-scheduler: the scheduler cannot pull its image and new pods stay Pending until the manifest is fixed', async () => {
    const world = bootWorld('cluster-broken-scheduler');
    const before = await runScript(world, 'cka01', "kubectl -n kube-system get pod kube-scheduler-cka01 --no-headers | awk '{print $3}'\nkubectl run x --image=nginx >/dev/null; sleep 10; kubectl get pod x --no-headers | awk '{print $3}'");
    expect(before.stdout).toMatch(/^(ErrImagePull|ImagePullBackOff)\nPending\n$/);
    await runScript(world, 'cka01', "sed -i 's/\\(kube-scheduler:v[0-9.]*\\)4$/\\1/' /etc/kubernetes/manifests/kube-scheduler.yaml");
    world.clock.advance(60_000);
    const after = await runScript(world, 'cka01', "kubectl get pod x --no-headers | awk '{print $3}'");
    expect(after.stdout).toBe('Running\n');
  });
});
