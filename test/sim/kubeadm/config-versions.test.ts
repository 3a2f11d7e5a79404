/**
 * Which configuration API versions each kubeadm release reads (common.go validateSupportedVersion):
 * v1beta2 stays readable, deprecated, from 1.22 to 1.26 and is an old spec from 1.27; v1beta4 is
 * experimental on 1.28–1.30 and the default from 1.31, when v1beta3 becomes deprecated. The texts
 * are the ones real kubeadm prints in each era (no kind and old.yaml before 1.31; the kind from
 * 1.31; old-config-file from 1.32).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKubeadmConfig, migrateConfig } from '../../../src/sim/kubeadm/config';
import { freshWorld, run, usePackageNetwork } from '../../tools/helpers';
import { PREPARE_NODE } from './prepare';

const V1BETA2_INIT = `apiVersion: kubeadm.k8s.io/v1beta2
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: 192.168.6.171
nodeRegistration:
  name: cka01
  criSocket: /run/containerd/containerd.sock
  kubeletExtraArgs:
    node-ip: 192.168.6.171
---
apiVersion: kubeadm.k8s.io/v1beta2
kind: ClusterConfiguration
kubernetesVersion: v1.24.17
imageRepository: registry.aliyuncs.com/google_containers
dns:
  type: CoreDNS
networking:
  podSubnet: 10.244.0.0/16
`;

const V1BETA2_JOIN = `apiVersion: kubeadm.k8s.io/v1beta2
kind: JoinConfiguration
discovery:
  bootstrapToken:
    apiServerEndpoint: 192.168.6.171:6443
    token: abcdef.0123456789abcdef
    caCertHashes:
    - sha256:0000
  timeout: 5m0s
nodeRegistration:
  name: cka02
`;

const PLAIN_DEPRECATED = (v: string) => `your configuration file uses a deprecated API spec: "${v}". Please use 'kubeadm config migrate --old-config old.yaml --new-config new.yaml', which will write the new, similar spec using a newer API version.`;

const v1beta4 = (kind: string) => `apiVersion: kubeadm.k8s.io/v1beta4\nkind: ${kind}\n`;
const v1beta3 = (kind: string) => `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ${kind}\n`;

describe('v1beta2 on kubeadm 1.22–1.26: read, with the deprecation warning', () => {
  it.each([22, 23, 24, 25, 26])('kubeadm 1.%i reads an init file of v1beta2 documents and warns once per document', (minor) => {
    const loaded = loadKubeadmConfig(V1BETA2_INIT, { minor });
    expect(loaded.error).toBeUndefined();
    const file = minor <= 24 ? 'common.go:83' : 'common.go:84';
    // From 1.24 a socket path without its unix:// scheme is taken with a warning, the scheme prepended.
    const criWarning = {
      file: 'initconfiguration.go:120',
      message: 'Usage of CRI endpoints without URL scheme is deprecated and can cause kubelet errors in the future. Automatically prepending scheme "unix" to the "criSocket" with value "/run/containerd/containerd.sock". Please update your configuration!',
    };
    expect(loaded.warnings).toEqual([{ file, message: PLAIN_DEPRECATED('kubeadm.k8s.io/v1beta2') }, { file, message: PLAIN_DEPRECATED('kubeadm.k8s.io/v1beta2') }, ...(minor >= 24 ? [criWarning] : [])]);
    expect(loaded.config).toMatchObject({ advertiseAddress: '192.168.6.171', nodeName: 'cka01', criSocket: `${minor >= 24 ? 'unix://' : ''}/run/containerd/containerd.sock`, kubeletExtraArgs: [{ name: 'node-ip', value: '192.168.6.171' }], kubernetesVersion: 'v1.24.17', podSubnet: '10.244.0.0/16' });
  });

  it('a v1beta2 JoinConfiguration (discovery timeout included) gives join its endpoint, token and CA hashes', () => {
    const loaded = loadKubeadmConfig(V1BETA2_JOIN, { minor: 25 });
    expect(loaded.error).toBeUndefined();
    expect(loaded.warnings.map((w) => w.message)).toEqual([PLAIN_DEPRECATED('kubeadm.k8s.io/v1beta2')]);
    expect(loaded.config).toMatchObject({ apiServerEndpoint: '192.168.6.171:6443', token: 'abcdef.0123456789abcdef', caCertHashes: ['sha256:0000'], nodeName: 'cka02', joinControlPlane: false });
  });

  it('v1beta3 is the current version there: no warning; v1beta4 is not in the scheme yet', () => {
    expect(loadKubeadmConfig(v1beta3('ClusterConfiguration'), { minor: 24 })).toEqual({ config: { kinds: ['ClusterConfiguration'] }, warnings: [] });
    expect(loadKubeadmConfig(v1beta4('InitConfiguration'), { minor: 26 }).error).toBe(
      'no kind "InitConfiguration" is registered for version "kubeadm.k8s.io/v1beta4" in scheme "k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/scheme/scheme.go:31"',
    );
  });

  it('v1beta1 is an old spec from 1.22 (without the kind in the message)', () => {
    expect(loadKubeadmConfig(v1beta3('InitConfiguration').replace('v1beta3', 'v1beta1'), { minor: 22 }).error).toBe(
      "your configuration file uses an old API spec: \"kubeadm.k8s.io/v1beta1\". Please use kubeadm v1.15 instead and run 'kubeadm config migrate --old-config old.yaml --new-config new.yaml', which will write the new, similar spec using a newer API version.",
    );
  });

  it('migrate reads deprecated versions without the warning (and validate, from 1.28, v1beta3 on 1.31+)', () => {
    expect(migrateConfig(V1BETA2_INIT, { minor: 24 }).error).toBeUndefined();
    const validated = loadKubeadmConfig(v1beta3('InitConfiguration'), { minor: 31, strict: true, allowDeprecated: true });
    expect(validated.error).toBeUndefined();
    expect(validated.warnings).toEqual([]);
  });
});

describe('v1beta2 from kubeadm 1.27: the old spec error', () => {
  it('1.27–1.30 name no kind and say old.yaml; 1.31 names the kind; 1.32+ say old-config-file', () => {
    const hint = (words: string) => `Please use kubeadm v1.22 instead and run 'kubeadm config migrate --old-config ${words}', which will write the new, similar spec using a newer API version.`;
    for (const minor of [27, 28, 30]) expect(loadKubeadmConfig(V1BETA2_INIT, { minor }).error).toBe(`your configuration file uses an old API spec: "kubeadm.k8s.io/v1beta2". ${hint('old.yaml --new-config new.yaml')}`);
    expect(loadKubeadmConfig(V1BETA2_INIT, { minor: 31 }).error).toBe(`your configuration file uses an old API spec: "kubeadm.k8s.io/v1beta2" (kind: "InitConfiguration"). ${hint('old.yaml --new-config new.yaml')}`);
    for (const minor of [32, 33]) expect(loadKubeadmConfig(V1BETA2_INIT, { minor }).error).toBe(`your configuration file uses an old API spec: "kubeadm.k8s.io/v1beta2" (kind: "InitConfiguration"). ${hint('old-config-file --new-config new-config-file')}`);
  });
});

describe('v1beta4: experimental on 1.28–1.30, the default from 1.31', () => {
  it.each([28, 29, 30])('kubeadm 1.%i refuses v1beta4 unless --allow-experimental-api is given', (minor) => {
    expect(loadKubeadmConfig(v1beta4('InitConfiguration'), { minor }).error).toBe(
      'experimental API spec: "kubeadm.k8s.io/v1beta4" is not allowed. You can use the --allow-experimental-api flag if the command supports it.',
    );
    expect(loadKubeadmConfig(v1beta4('InitConfiguration'), { minor, strict: true, allowExperimental: true })).toEqual({ config: { kinds: ['InitConfiguration'] }, warnings: [] });
    expect(loadKubeadmConfig(v1beta3('InitConfiguration'), { minor }).warnings).toEqual([]);
  });

  it('v1beta4 was not in the scheme of 1.27', () => {
    expect(loadKubeadmConfig(v1beta4('ClusterConfiguration'), { minor: 27 }).error).toMatch(/^no kind "ClusterConfiguration" is registered for version "kubeadm\.k8s\.io\/v1beta4"/);
  });

  it('v1beta3 on 1.31 warns with the kind and old.yaml; on 1.32+ with old-config-file (common.go:101)', () => {
    expect(loadKubeadmConfig(v1beta3('ClusterConfiguration'), { minor: 31 }).warnings).toEqual([
      { file: 'common.go:101', message: 'your configuration file uses a deprecated API spec: "kubeadm.k8s.io/v1beta3" (kind: "ClusterConfiguration"). Please use \'kubeadm config migrate --old-config old.yaml --new-config new.yaml\', which will write the new, similar spec using a newer API version.' },
    ]);
    expect(loadKubeadmConfig(v1beta3('InitConfiguration'), { minor: 32 }).warnings[0].message).toContain("(kind: \"InitConfiguration\"). Please use 'kubeadm config migrate --old-config old-config-file --new-config new-config-file'");
  });
});

describe('v1beta1 on kubeadm 1.15–1.21: read, deprecated', () => {
  it('kubeadm 1.20 reads a v1beta1 ClusterConfiguration with the warning of its time', () => {
    const loaded = loadKubeadmConfig('apiVersion: kubeadm.k8s.io/v1beta1\nkind: ClusterConfiguration\nkubernetesVersion: v1.20.9\n', { minor: 20 });
    expect(loaded.error).toBeUndefined();
    expect(loaded.warnings).toEqual([{ file: 'common.go:77', message: PLAIN_DEPRECATED('kubeadm.k8s.io/v1beta1') }]);
    expect(loaded.config?.kubernetesVersion).toBe('v1.20.9');
  });
});

describe('kubeadm config migrate per release', () => {
  it('1.24 writes v1beta3: the DNS type is gone, extra arguments stay a map', () => {
    const m = migrateConfig(V1BETA2_INIT, { minor: 24 });
    expect(m.error).toBeUndefined();
    expect(m.output).toBe(
      'apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nlocalAPIEndpoint:\n  advertiseAddress: 192.168.6.171\nnodeRegistration:\n  criSocket: /run/containerd/containerd.sock\n  kubeletExtraArgs:\n    node-ip: 192.168.6.171\n  name: cka01\n' +
        '---\napiVersion: kubeadm.k8s.io/v1beta3\ndns: {}\nimageRepository: registry.aliyuncs.com/google_containers\nkind: ClusterConfiguration\nkubernetesVersion: v1.24.17\nnetworking:\n  podSubnet: 10.244.0.0/16\n',
    );
  });

  it('1.29 writes v1beta3, or v1beta4 with --allow-experimental-api (extra arguments as a sorted list)', () => {
    const text = 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer:\n  timeoutForControlPlane: 4m0s\n  extraArgs:\n    profiling: "false"\n    audit-log-path: /var/log/audit.log\n';
    // Go's YAML sorts keys byte-wise: apiServer before apiVersion, as kubeadm prints them.
    expect(migrateConfig(text, { minor: 29 }).output).toBe('apiServer:\n  extraArgs:\n    audit-log-path: /var/log/audit.log\n    profiling: "false"\n  timeoutForControlPlane: 4m0s\napiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n');
    expect(migrateConfig(text, { minor: 29, allowExperimental: true }).output).toBe(
      'apiServer:\n  extraArgs:\n  - name: audit-log-path\n    value: /var/log/audit.log\n  - name: profiling\n    value: "false"\napiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n',
    );
  });

  it('1.33 refuses v1beta2 as kubeadm does', () => {
    expect(migrateConfig(V1BETA2_INIT, { minor: 33 }).error).toMatch(/^your configuration file uses an old API spec: "kubeadm\.k8s\.io\/v1beta2" \(kind: "InitConfiguration"\)\. Please use kubeadm v1\.22 instead/);
  });
});

describe('through the shell, kubeadm 1.24 from the aliyun mirror', () => {
  beforeAll(() => usePackageNetwork());

  it('images list and init --config read a v1beta2 file with the warnings on stderr; migrate writes v1beta3; validate does not exist yet', async () => {
    const w = freshWorld();
    const install = [
      'apt-get update >/dev/null',
      'apt-get install -y apt-transport-https curl gpg >/dev/null',
      'curl -fsSL https://mirrors.aliyun.com/kubernetes/apt/doc/apt-key.gpg | apt-key add - >/dev/null 2>&1',
      "echo 'deb https://mirrors.aliyun.com/kubernetes/apt/ kubernetes-xenial main' > /etc/apt/sources.list.d/kubernetes.list",
      // cri-tools >= 1.28 comes from pkgs.k8s.io
      'curl -fsSL https://pkgs.k8s.io/core:/stable:/v1.28/deb/Release.key | gpg --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg',
      "echo 'deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.28/deb/ /' >> /etc/apt/sources.list.d/kubernetes.list",
      'apt-get update >/dev/null',
      'apt-get install -y kubeadm=1.24.17-00 kubelet=1.24.17-00 kubectl=1.24.17-00 >/dev/null 2>&1',
      'kubeadm version -o short',
    ].join('\n');
    expect((await run(w, install)).stdout).toBe('v1.24.17\n');
    w.machines.get('cka01')!.rootFs.writeFile('/root/kubeadm.yaml', V1BETA2_INIT);
    const images = await run(w, 'kubeadm config images list --config /root/kubeadm.yaml | head -1');
    expect(images.stdout).toBe('registry.aliyuncs.com/google_containers/kube-apiserver:v1.24.17\n');
    expect(images.stderr.split('\n').filter(Boolean).map((l) => l.replace(/^W\d{4} [\d:.]+ +\d+ /, '').split('] ')[0])).toEqual(['common.go:83', 'common.go:83', 'initconfiguration.go:120']);
    expect(images.stderr).toContain(`common.go:83] ${PLAIN_DEPRECATED('kubeadm.k8s.io/v1beta2')}\n`);
    const migrate = await run(w, 'kubeadm config migrate --old-config /root/kubeadm.yaml --new-config /root/new.yaml; echo rc=$?; grep -c v1beta3 /root/new.yaml');
    expect(migrate).toEqual({ stdout: 'rc=0\n2\n', stderr: '', status: 0 });
    // `config validate` came with kubeadm 1.28.
    const validate = await run(w, 'kubeadm config validate --config /root/kubeadm.yaml; echo rc=$?');
    expect(validate).toEqual({ stdout: 'rc=1\n', stderr: 'unknown command "validate" for "kubeadm config"\nTo see the stack trace of this error execute with --v=5 or higher\n', status: 0 });
    // init with the v1beta2 file on a prepared node: the warnings, then a control plane at v1.24.17.
    await run(w, PREPARE_NODE.split('\n').filter((l) => !/kubernetes|kubelet kubeadm kubectl|apt-get update/.test(l)).join('\n'));
    const init = await run(w, 'systemctl enable --now kubelet\nkubeadm init --config /root/kubeadm.yaml >/tmp/init.log; echo rc=$?; grep -c "initialized successfully" /tmp/init.log');
    expect(init.stdout).toBe('rc=0\n1\n');
    expect(init.stderr).toContain(`common.go:83] ${PLAIN_DEPRECATED('kubeadm.k8s.io/v1beta2')}\n`);
    const pod = await run(w, "kubectl --kubeconfig /etc/kubernetes/admin.conf -n kube-system get pod kube-apiserver-cka01 -o jsonpath='{.spec.containers[0].image}'");
    expect(pod.stdout).toBe('registry.aliyuncs.com/google_containers/kube-apiserver:v1.24.17');
  });
});
