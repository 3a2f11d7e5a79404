/**
 * The containerd configuration of a minikube node started with --container-runtime=containerd:
 * kicbase's deploy/kicbase/containerd.toml edited by generateContainerdConfig's sed lines
 * (minikube v1.36.0 pkg/minikube/cruntime/containerd.go lines 134-191). Each expectation is what
 * that sed does to that file's line.
 */
import { describe, expect, it } from 'vitest';
import { minikubeContainerdConfig } from '../../../src/sim/scenarios/minikube-containerd';

describe('minikube containerd config.toml', () => {
  const toml = minikubeContainerdConfig('registry.k8s.io/pause:3.10', 'systemd');
  const lines = toml.split('\n');

  it('takes the sandbox image, the cgroup driver and the CNI directory (line 134, 148, 176)', () => {
    expect(lines).toContain('    sandbox_image = "registry.k8s.io/pause:3.10"');
    expect(lines).toContain('            SystemdCgroup = true');
    expect(lines).toContain('      conf_dir = "/etc/cni/net.d"');
    expect(lines).toContain('    restrict_oom_score_adj = false');
    expect(toml).not.toContain('pause:3.6');
    expect(minikubeContainerdConfig('registry.k8s.io/pause:3.10', 'cgroupfs')).toContain('            SystemdCgroup = false\n');
  });

  it('enables unprivileged ports right under the CRI plugin\'s table, indented two more (line 190)', () => {
    const i = lines.indexOf('  [plugins."io.containerd.grpc.v1.cri"]');
    expect(lines[i + 1]).toBe('    enable_unprivileged_ports = true');
    expect(lines.filter((l) => l.includes('enable_unprivileged_ports'))).toHaveLength(1);
  });

  it('leaves the rest of kicbase\'s file as it is', () => {
    expect(lines[0]).toBe('version = 2');
    expect(lines).toContain('  address = "/run/containerd/containerd.sock"');
    expect(lines).toContain('          runtime_type = "io.containerd.runc.v2"');
    expect(toml.endsWith('    startup_delay = "100ms"\n')).toBe(true);
  });
});
