import { beforeAll, describe, expect, it } from 'vitest';
import { run, usePackageNetwork, worldOf } from '../../tools/helpers';
import { clusterOf } from '../../../src/sim/cluster/attach';

beforeAll(() => usePackageNetwork());

const NEW_REPO = "sed -i 's/v1.32/v1.33/' /etc/apt/sources.list.d/kubernetes.list\napt-get update >/dev/null\n";

describe('kubeadm upgrade on the upgrade scenario', () => {
  it('plan shows the tables with the NODE column once kubeadm is upgraded; apply rewrites the control plane', async () => {
    const w = worldOf('upgrade');
    let r = await run(w, `${NEW_REPO}apt-get install -y kubeadm=1.33.4-1.1 2>&1 | tail -1; apt-mark unhold kubeadm >/dev/null; apt-get install -y kubeadm=1.33.4-1.1 >/dev/null; kubeadm version -o short`);
    expect(r.stdout).toBe('E: Held packages were changed and -y was used without --allow-change-held-packages.\nv1.33.4\n');
    r = await run(w, 'kubeadm upgrade plan');
    expect(r.stdout).toContain('[upgrade/versions] Cluster version: v1.32.8\n[upgrade/versions] kubeadm version: v1.33.4\n[upgrade/versions] Target version: v1.33.4\n');
    expect(r.stdout).toContain('COMPONENT   NODE      CURRENT   TARGET\nkubelet     cka01     v1.32.8   v1.33.4\nkubelet     cka02     v1.32.8   v1.33.4\nkubelet     cka03     v1.32.8   v1.33.4\n');
    expect(r.stdout).toContain('kube-proxy                          1.32.8     v1.33.4\n');
    expect(r.stdout).toContain('\tkubeadm upgrade apply v1.33.4\n');
    r = await run(w, 'kubeadm upgrade apply v1.34.0 -y; echo rc=$?');
    expect(r.stderr).toContain('Specified version to upgrade to "v1.34.0" is higher than the kubeadm version "v1.33.4". Upgrade kubeadm first using the tool you used to install kubeadm');
    r = await run(w, 'kubeadm upgrade apply v1.33.4 -y | tail -3; grep image: /etc/kubernetes/manifests/kube-apiserver.yaml');
    expect(r.stdout).toBe('[upgrade/successful] SUCCESS! Your cluster was upgraded to "v1.33.4". Enjoy!\n\n[upgrade/kubelet] Now that your control plane is upgraded, please proceed with upgrading your kubelets if you haven\'t already done so.\n    image: registry.k8s.io/kube-apiserver:v1.33.4\n');
    await run(w, 'apt-mark unhold kubelet kubectl >/dev/null; apt-get install -y kubelet=1.33.4-1.1 kubectl=1.33.4-1.1 >/dev/null; systemctl daemon-reload; systemctl restart kubelet');
    expect(clusterOf(w)!.kubelets.get('cka01')!.version).toBe('v1.33.4');
    expect(clusterOf(w)!.kubelets.get('cka01')!.running).toBe(true);
  });
});
