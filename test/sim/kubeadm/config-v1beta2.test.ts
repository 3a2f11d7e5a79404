/**
 * kubeadm 1.15–1.21 speak v1beta2: `config print init-defaults` prints it, `--config` reads it, and
 * the newer v1beta3/v1beta4 are not in their scheme. The older notes' CentOS path (kubeadm 1.20.9)
 * prints, edits and uses exactly such a file.
 */
import { describe, expect, it } from 'vitest';
import { loadKubeadmConfig } from '../../../src/sim/kubeadm/config';
import { initDefaults } from '../../../src/sim/kubeadm/defaults';
import { SEED_CONFIG } from '../../seeds/seed-000-kubeadm-config';


describe('kubeadm configuration v1beta2 (kubeadm 1.15–1.21)', () => {
  it('init-defaults of kubeadm 1.20 is v1beta2, and reads back as the defaults it prints', () => {
    const text = initDefaults(20);
    expect(text.split('\n---\n').map((d) => d.split('\n').find((l) => l.startsWith('apiVersion:')))).toEqual(['apiVersion: kubeadm.k8s.io/v1beta2', 'apiVersion: kubeadm.k8s.io/v1beta2']);
    const loaded = loadKubeadmConfig(text, { minor: 20, strict: true });
    expect(loaded.error).toBeUndefined();
    expect(loaded.warnings).toEqual([]);
    expect(loaded.config).toMatchObject({ advertiseAddress: '1.2.3.4', nodeName: 'node', criSocket: '/var/run/dockershim.sock', kubernetesVersion: 'v1.20.0', imageRepository: 'k8s.gcr.io', taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] });
    // 1.22 moved to v1beta3 and 1.31 to v1beta4.
    expect(initDefaults(22)).toMatch(/^apiVersion: kubeadm\.k8s\.io\/v1beta3\n/);
    expect(initDefaults(33)).toMatch(/^apiVersion: kubeadm\.k8s\.io\/v1beta4\n/);
  });

  it("reads the notes' edited file on kubeadm 1.20.9, KubeProxyConfiguration included", () => {
    const loaded = loadKubeadmConfig(SEED_CONFIG, { minor: 20, strict: true });
    expect(loaded.error).toBeUndefined();
    expect(loaded.config).toMatchObject({ advertiseAddress: '192.168.6.171', nodeName: 'cka01', kubernetesVersion: 'v1.20.9', imageRepository: 'registry.aliyuncs.com/google_containers', podSubnet: '10.244.0.0/16', proxyMode: 'ipvs' });
  });

  it('a newer API version is not in the scheme of kubeadm 1.20; v1beta2 on kubeadm 1.33 is the old spec', () => {
    expect(loadKubeadmConfig('apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n', { minor: 20 }).error).toBe(
      'no kind "ClusterConfiguration" is registered for version "kubeadm.k8s.io/v1beta3" in scheme "k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/scheme/scheme.go:31"',
    );
    expect(loadKubeadmConfig('apiVersion: kubeadm.k8s.io/v1beta2\nkind: InitConfiguration\n', { minor: 33 }).error).toMatch(/^your configuration file uses an old API spec: "kubeadm\.k8s\.io\/v1beta2"/);
  });

  it('fields that v1beta2 does not have are unknown there', () => {
    const loaded = loadKubeadmConfig('apiVersion: kubeadm.k8s.io/v1beta2\nkind: InitConfiguration\nskipPhases:\n- addon/kube-proxy\n', { minor: 20, strict: true });
    expect(loaded.error).toBe('error unmarshaling configuration schema.GroupVersionKind{Group:"kubeadm.k8s.io", Version:"v1beta2", Kind:"InitConfiguration"}: strict decoding error: unknown field "skipPhases"');
  });
});
