/**
 * What flanneld writes on its Node when it holds its lease, through nodes/status: the lease
 * annotations (its VTEP MAC the one the node's flannel.1 has) and NetworkUnavailable=False
 * (FlannelIsUp), which stays first in the conditions while the kubelet goes on posting its own.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

describe("flanneld and its Node", () => {
  it('annotates the Node with its lease and reports the network up', async () => {
    const world = bootWorld('cluster');
    const run = (s: string, host = 'cka01') => runScript(world, host, s);
    const annotations = (await run(`kubectl get node cka02 -o jsonpath='{.metadata.annotations}'`)).stdout;
    const parsed = JSON.parse(annotations) as Record<string, string>;
    const mac = (await run("ip -br link show flannel.1 | awk '{print $3}'", 'cka02')).stdout.trim();
    expect(parsed).toMatchObject({
      'flannel.alpha.coreos.com/backend-data': `{"VNI":1,"VtepMAC":"${mac}"}`,
      'flannel.alpha.coreos.com/backend-type': 'vxlan',
      'flannel.alpha.coreos.com/kube-subnet-manager': 'true',
      'flannel.alpha.coreos.com/public-ip': '192.168.6.172',
      'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
    });
    await run('sleep 60');
    const conditions = (await run(`kubectl get node cka02 -o jsonpath='{range .status.conditions[*]}{.type}={.status}/{.reason} {end}'`)).stdout;
    expect(conditions).toBe('NetworkUnavailable=False/FlannelIsUp MemoryPressure=False/KubeletHasSufficientMemory DiskPressure=False/KubeletHasNoDiskPressure PIDPressure=False/KubeletHasSufficientPID Ready=True/KubeletReady ');
    expect((await run('kubectl describe node cka02 | grep NetworkUnavailable')).stdout).toMatch(/^  NetworkUnavailable   False   \w{3}, .* FlannelIsUp +Flannel is running on this node\n$/);
  });
});
