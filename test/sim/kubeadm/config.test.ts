/** kubeadm configuration files: strict decoding, API versions, the settings init and join take. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INIT_FLAGS_WITH_CONFIG, loadKubeadmConfig, migrateConfig, mixedFlagsError } from '../../../src/sim/kubeadm/config';
import { initDefaults } from '../../../src/sim/kubeadm/defaults';

const CHAPTER_CONFIG = `apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: 192.168.6.171
  bindPort: 6443
nodeRegistration:
  name: cka01
  criSocket: unix:///var/run/containerd/containerd.sock
  taints:
  - key: node-role.kubernetes.io/control-plane
    effect: NoSchedule
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: v1.33.4
controlPlaneEndpoint: k8s-api.cka.lab:6443
clusterName: kubernetes
imageRepository: registry.k8s.io
apiServer:
  certSANs:
  - k8s-api.cka.lab
  - 192.168.6.200
networking:
  dnsDomain: cluster.local
  serviceSubnet: 10.96.0.0/12
  podSubnet: 10.244.0.0/16
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: systemd
---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: ipvs
`;

describe('kubeadm configuration files', () => {
  it('reads the settings of every kind', () => {
    const r = loadKubeadmConfig(CHAPTER_CONFIG);
    expect(r.error).toBeUndefined();
    expect(r.warnings).toEqual([]);
    expect(r.config).toMatchObject({
      advertiseAddress: '192.168.6.171',
      bindPort: 6443,
      nodeName: 'cka01',
      criSocket: 'unix:///var/run/containerd/containerd.sock',
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      kubernetesVersion: 'v1.33.4',
      controlPlaneEndpoint: 'k8s-api.cka.lab:6443',
      podSubnet: '10.244.0.0/16',
      serviceSubnet: '10.96.0.0/12',
      certSANs: ['k8s-api.cka.lab', '192.168.6.200'],
      cgroupDriver: 'systemd',
      proxyMode: 'ipvs',
      kinds: ['InitConfiguration', 'ClusterConfiguration', 'KubeletConfiguration', 'KubeProxyConfiguration'],
    });
  });

  it('print init-defaults is a file it reads back without warnings, for v1beta4 and v1beta3 kubeadm', () => {
    const v4 = loadKubeadmConfig(initDefaults(33));
    expect(v4.warnings).toEqual([]);
    expect(v4.config).toMatchObject({ advertiseAddress: '1.2.3.4', nodeName: 'node', taints: null, token: 'abcdef.0123456789abcdef', kubernetesVersion: '1.33.0' });
    const v3 = loadKubeadmConfig(initDefaults(30));
    expect(v3.error).toBeUndefined();
    expect(v3.warnings.map((w) => w.file)).toEqual(['common.go:101', 'common.go:101']);
  });

  it('v1beta3 is read with the deprecation warning; v1beta2 is refused with the real message', () => {
    const v3 = loadKubeadmConfig('apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: v1.33.4\n');
    expect(v3.warnings).toEqual([
      {
        file: 'common.go:101',
        message:
          'your configuration file uses a deprecated API spec: "kubeadm.k8s.io/v1beta3" (kind: "ClusterConfiguration"). Please use \'kubeadm config migrate --old-config old-config-file --new-config new-config-file\', which will write the new, similar spec using a newer API version.',
      },
    ]);
    const v2 = loadKubeadmConfig('apiVersion: kubeadm.k8s.io/v1beta2\nkind: InitConfiguration\n');
    expect(v2.error).toBe(
      'your configuration file uses an old API spec: "kubeadm.k8s.io/v1beta2" (kind: "InitConfiguration"). Please use kubeadm v1.22 instead and run \'kubeadm config migrate --old-config old-config-file --new-config new-config-file\', which will write the new, similar spec using a newer API version.',
    );
  });

  it('unknown fields: a strict decoding warning for init, an error for validate', () => {
    const text = 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nlocalAPIEndpoint:\n  advertiseAddress: 1.2.3.4\nnetworking:\n  podCIDR: 10.244.0.0/16\n';
    const lenient = loadKubeadmConfig(text);
    expect(lenient.error).toBeUndefined();
    expect(lenient.warnings).toEqual([
      { file: 'initconfiguration.go:333', message: 'error unmarshaling configuration schema.GroupVersionKind{Group:"kubeadm.k8s.io", Version:"v1beta4", Kind:"ClusterConfiguration"}: strict decoding error: unknown field "localAPIEndpoint", unknown field "networking.podCIDR"' },
    ]);
    expect(loadKubeadmConfig(text, { strict: true }).error).toBe(lenient.warnings[0].message);
  });

  it('--config cannot be mixed with most flags', () => {
    expect(mixedFlagsError(['config', 'pod-network-cidr', 'upload-certs'], INIT_FLAGS_WITH_CONFIG)).toBe("can not mix '--config' with arguments [pod-network-cidr]");
    expect(mixedFlagsError(['config', 'upload-certs', 'ignore-preflight-errors'], INIT_FLAGS_WITH_CONFIG)).toBeUndefined();
  });

  it('migrate writes v1beta4 with kubeletExtraArgs as a list', () => {
    const m = migrateConfig('apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nnodeRegistration:\n  name: cka01\n  kubeletExtraArgs:\n    node-ip: 192.168.6.171\n');
    expect(m.output).toBe('apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n  - name: node-ip\n    value: 192.168.6.171\n  name: cka01\n');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = loadKubeadmConfig(text);
        expect(r.error !== undefined || r.config !== undefined).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
