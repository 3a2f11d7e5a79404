/**
 * nodeRegistration.kubeletExtraArgs (a list of {name, value} in v1beta4, a map in v1beta3) go into
 * /var/lib/kubelet/kubeadm-flags.env with kubeadm's own flags, overriding them by name, sorted.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { PREPARE_NODE } from './equivalence/install-script';

const V1BETA4 = `apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: 192.168.6.171
nodeRegistration:
  kubeletExtraArgs:
  - name: node-ip
    value: 192.168.6.171
  - name: pod-infra-container-image
    value: registry.k8s.io/pause:3.9
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
networking:
  podSubnet: 10.244.0.0/16
`;

describe('kubeletExtraArgs', () => {
  it('reach kubeadm-flags.env on init, sorted with kubeadm\'s flags and overriding them', async () => {
    const world = bootWorld('machines', 1);
    await runScript(world, 'cka01', PREPARE_NODE);
    const r = await runScript(world, 'cka01', `cat > init.yaml <<'YAML'\n${V1BETA4}YAML\nkubeadm init --config init.yaml >/dev/null 2>&1; echo rc=$?\ncat /var/lib/kubelet/kubeadm-flags.env`);
    expect(r.stdout).toBe(
      'rc=0\nKUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --node-ip=192.168.6.171 --pod-infra-container-image=registry.k8s.io/pause:3.9"\n',
    );
  }, 120_000);
});

describe('KUBELET_EXTRA_ARGS', () => {
  const fsOf = (files: Record<string, string>) => ({
    readFile: (p: string) => {
      if (!(p in files)) throw new Error(`ENOENT ${p}`);
      return files[p];
    },
  });
  const DROP_IN = '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf';
  it('come from the file the drop-in names: /etc/sysconfig/kubelet with the rpm packages, /etc/default/kubelet with the deb ones', async () => {
    const { extraArgsFile, kubeletFlag } = await import('../../../src/sim/kubelet/flags');
    const rpm = fsOf({
      [DROP_IN]: 'EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env\nEnvironmentFile=-/etc/sysconfig/kubelet\n',
      '/etc/sysconfig/kubelet': 'KUBELET_EXTRA_ARGS="--cgroup-driver=systemd"\n',
      '/etc/default/kubelet': 'KUBELET_EXTRA_ARGS=--cgroup-driver=cgroupfs\n',
    });
    expect(extraArgsFile(rpm as never)).toBe('/etc/sysconfig/kubelet');
    expect(kubeletFlag(rpm as never, 'cgroup-driver')).toBe('systemd');
    const deb = fsOf({ [DROP_IN]: 'EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env\nEnvironmentFile=-/etc/default/kubelet\n', '/etc/sysconfig/kubelet': 'KUBELET_EXTRA_ARGS=--v=4\n' });
    expect(extraArgsFile(deb as never)).toBe('/etc/default/kubelet');
    expect(kubeletFlag(deb as never, 'v')).toBeUndefined();
    expect(extraArgsFile(fsOf({}) as never)).toBe('/etc/default/kubelet');
  });
});
