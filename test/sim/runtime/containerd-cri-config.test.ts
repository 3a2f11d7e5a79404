/**
 * The CRI plugin's `Start cri plugin with config …` line: Go's %+v of containerd's criconfig.Config
 * built from config.toml over containerd's defaults. The reference is a real line, from Ubuntu
 * 22.04's own containerd 1.7.2 package started without a config.toml (journalctl pasted in a public
 * repository); v1.7.27 differs only by two fields appended to PluginConfig and the 5m default of
 * image_pull_progress_timeout, which the comparison takes into account.
 */
import { describe, expect, it } from 'vitest';
import { criPluginConfigMessage } from '../../../src/sim/runtime/containerd-cri-config';
import { kubeadmContainerdConfig } from '../../../src/sim/cluster/prepare-node';
import { logrusValue, rfc3339NanoFixed } from '../../../src/sim/systemd/journal';

const PATHS = { root: '/var/lib/containerd', state: '/run/containerd', address: '/run/containerd/containerd.sock' };

const REAL_1_7_2 =
  'Start cri plugin with config {PluginConfig:{ContainerdConfig:{Snapshotter:overlayfs DefaultRuntimeName:runc DefaultRuntime:{Type: Path: Engine: PodAnnotations:[] ContainerAnnotations:[] Root: Options:map[] PrivilegedWithoutHostDevices:false PrivilegedWithoutHostDevicesAllDevicesAllowed:false BaseRuntimeSpec: NetworkPluginConfDir: NetworkPluginMaxConfNum:0 Snapshotter: SandboxMode:} UntrustedWorkloadRuntime:{Type: Path: Engine: PodAnnotations:[] ContainerAnnotations:[] Root: Options:map[] PrivilegedWithoutHostDevices:false PrivilegedWithoutHostDevicesAllDevicesAllowed:false BaseRuntimeSpec: NetworkPluginConfDir: NetworkPluginMaxConfNum:0 Snapshotter: SandboxMode:} Runtimes:map[runc:{Type:io.containerd.runc.v2 Path: Engine: PodAnnotations:[] ContainerAnnotations:[] Root: Options:map[BinaryName: CriuImagePath: CriuPath: CriuWorkPath: IoGid:0 IoUid:0 NoNewKeyring:false NoPivotRoot:false Root: ShimCgroup: SystemdCgroup:false] PrivilegedWithoutHostDevices:false PrivilegedWithoutHostDevicesAllDevicesAllowed:false BaseRuntimeSpec: NetworkPluginConfDir: NetworkPluginMaxConfNum:0 Snapshotter: SandboxMode:podsandbox}] NoPivot:false DisableSnapshotAnnotations:true DiscardUnpackedLayers:false IgnoreBlockIONotEnabledErrors:false IgnoreRdtNotEnabledErrors:false} CniConfig:{NetworkPluginBinDir:/opt/cni/bin NetworkPluginConfDir:/etc/cni/net.d NetworkPluginMaxConfNum:1 NetworkPluginSetupSerially:false NetworkPluginConfTemplate: IPPreference:} Registry:{ConfigPath: Mirrors:map[] Configs:map[] Auths:map[] Headers:map[]} ImageDecryption:{KeyModel:node} DisableTCPService:true StreamServerAddress:127.0.0.1 StreamServerPort:0 StreamIdleTimeout:4h0m0s EnableSelinux:false SelinuxCategoryRange:1024 SandboxImage:registry.k8s.io/pause:3.8 StatsCollectPeriod:10 SystemdCgroup:false EnableTLSStreaming:false X509KeyPairStreaming:{TLSCertFile: TLSKeyFile:} MaxContainerLogLineSize:16384 DisableCgroup:false DisableApparmor:false RestrictOOMScoreAdj:false MaxConcurrentDownloads:3 DisableProcMount:false UnsetSeccompProfile: TolerateMissingHugetlbController:true DisableHugetlbController:true DeviceOwnershipFromSecurityContext:false IgnoreImageDefinedVolumes:false NetNSMountsUnderStateDir:false EnableUnprivilegedPorts:false EnableUnprivilegedICMP:false EnableCDI:false CDISpecDirs:[/etc/cdi /var/run/cdi] ImagePullProgressTimeout:1m0s DrainExecSyncIOTimeout:0s} ContainerdRootDir:/var/lib/containerd ContainerdEndpoint:/run/containerd/containerd.sock RootDir:/var/lib/containerd/io.containerd.grpc.v1.cri StateDir:/run/containerd/io.containerd.grpc.v1.cri}';

/** v1.7.27's line as v1.7.2 would print it: its two added fields dropped, 1.7.2's progress timeout default. */
const as172 = (line: string) => line.replace(' ImagePullWithSyncFs:false IgnoreDeprecationWarnings:[]}', '}').replace('ImagePullProgressTimeout:5m0s', 'ImagePullProgressTimeout:1m0s');

describe("containerd's CRI plugin config line", () => {
  it('without config.toml: the real line of Ubuntu 22.04 containerd 1.7.2, field for field', () => {
    expect(as172(criPluginConfigMessage('', PATHS))).toBe(REAL_1_7_2);
  });

  it("the chapter's config.toml (containerd config default + the two seds): its values, in the same shape", () => {
    const line = criPluginConfigMessage(kubeadmContainerdConfig('registry.k8s.io/pause:3.10'), PATHS);
    const expected = REAL_1_7_2.replace('SystemdCgroup:false]', 'SystemdCgroup:true]').replace('SandboxImage:registry.k8s.io/pause:3.8', 'SandboxImage:registry.k8s.io/pause:3.10');
    expect(as172(line)).toBe(expected);
    expect(line).toContain(' ImagePullProgressTimeout:5m0s DrainExecSyncIOTimeout:0s ImagePullWithSyncFs:false IgnoreDeprecationWarnings:[]} ');
  });

  it('another runtime and a registry mirror as config.toml declares them', () => {
    const toml = [
      '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata]',
      '  runtime_type = "io.containerd.kata.v2"',
      '[plugins."io.containerd.grpc.v1.cri".registry]',
      '  config_path = "/etc/containerd/certs.d"',
      '[plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]',
      '  endpoint = ["https://mirror.gcr.io", "https://registry-1.docker.io"]',
    ].join('\n');
    const line = criPluginConfigMessage(toml, PATHS);
    expect(line).toContain('Runtimes:map[kata:{Type:io.containerd.kata.v2 Path: Engine: PodAnnotations:[] ContainerAnnotations:[] Root: Options:map[] ');
    expect(line).toContain('SandboxMode:} runc:{Type:io.containerd.runc.v2 ');
    expect(line).toContain('Registry:{ConfigPath:/etc/containerd/certs.d Mirrors:map[docker.io:{Endpoints:[https://mirror.gcr.io https://registry-1.docker.io]}] Configs:map[] ');
  });
});

describe("logrus's text format as containerd writes it", () => {
  it('quotes values that need it, as %q, and stamps nine fraction digits', () => {
    expect(logrusValue('serving...')).toBe('serving...');
    expect(logrusValue('')).toBe('');
    expect(logrusValue('starting containerd')).toBe('"starting containerd"');
    expect(logrusValue('loading plugin "io.containerd.grpc.v1.cri"...')).toBe('"loading plugin \\"io.containerd.grpc.v1.cri\\"..."');
    expect(rfc3339NanoFixed(Date.UTC(2026, 0, 15, 7, 57, 30, 123), 456_789)).toBe('2026-01-15T07:57:30.123456789Z');
  });
});
