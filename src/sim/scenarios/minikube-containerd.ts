/**
 * A minikube node started with --container-runtime=containerd (minikube v1.36.0, kicbase v0.0.47):
 * the same image — Docker, cri-dockerd and containerd.io 1.7.27 installed — set up by
 * cruntime/containerd.go Enable:
 * - disableOthers → Docker.Disable: cri-docker.socket and docker.socket stopped and disabled,
 *   cri-docker.service and docker.service stopped and masked (they never ran here);
 * - populateCRIConfig: /etc/crictl.yaml `runtime-endpoint: unix:///run/containerd/containerd.sock`;
 * - generateContainerdConfig: kicbase's /etc/containerd/config.toml (deploy/kicbase/containerd.toml)
 *   edited by its sed lines (sandbox_image, restrict_oom_score_adj, SystemdCgroup, conf_dir,
 *   enable_unprivileged_ports), then containerd restarted (before kubeadm runs);
 * - the kubelet's endpoint: unix:///run/containerd/containerd.sock (Containerd.SocketPath, the
 *   criSocket and containerRuntimeEndpoint of minikube's kubeadm.yaml).
 */
import type { Machine } from '../machine/machine';
import type { World } from '../world';
import { pointKubeletAt } from './minikube-docker';
import { kicbaseContainerd, writeNodeFile } from './minikube-node';

export const MINIKUBE_CONTAINERD_ENDPOINT = 'unix:///run/containerd/containerd.sock';

/** deploy/kicbase/containerd.toml of minikube v1.36.0 (copied into the image as /etc/containerd/config.toml). */
const KICBASE_CONTAINERD_TOML = `version = 2
root = "/var/lib/containerd"
state = "/run/containerd"
oom_score = 0
# imports

[grpc]
  address = "/run/containerd/containerd.sock"
  uid = 0
  gid = 0
  max_recv_message_size = 16777216
  max_send_message_size = 16777216

[debug]
  address = ""
  uid = 0
  gid = 0
  level = ""

[metrics]
  address = ""
  grpc_histogram = false

[cgroup]
  path = ""

[plugins]
  [plugins."io.containerd.monitor.v1.cgroups"]
    no_prometheus = false
  [plugins."io.containerd.grpc.v1.cri"]
    stream_server_address = ""
    stream_server_port = "10010"
    enable_selinux = false
    sandbox_image = "registry.k8s.io/pause:3.6"
    stats_collect_period = 10
    enable_tls_streaming = false
    max_container_log_line_size = 16384
    restrict_oom_score_adj = false

    [plugins."io.containerd.grpc.v1.cri".containerd]
      discard_unpacked_layers = true
      snapshotter = "overlayfs"
      default_runtime_name = "runc"
      [plugins."io.containerd.grpc.v1.cri".containerd.untrusted_workload_runtime]
        runtime_type = ""
        runtime_engine = ""
        runtime_root = ""
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes]
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
          runtime_type = "io.containerd.runc.v2"
          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
            SystemdCgroup = false

    [plugins."io.containerd.grpc.v1.cri".cni]
      bin_dir = "/opt/cni/bin"
      conf_dir = "/etc/cni/net.d"
      conf_template = ""
    [plugins."io.containerd.grpc.v1.cri".registry]
      config_path = "/etc/containerd/certs.d"

  [plugins."io.containerd.service.v1.diff-service"]
    default = ["walking"]
  [plugins."io.containerd.gc.v1.scheduler"]
    pause_threshold = 0.02
    deletion_threshold = 0
    mutation_threshold = 100
    schedule_delay = "0s"
    startup_delay = "100ms"
`;

/**
 * generateContainerdConfig's sed lines, in their order, on the kicbase file (Kubernetes >= 1.22,
 * no insecure registry, not in a user namespace). Each keeps a line's indentation as `^( *)` does.
 */
export function minikubeContainerdConfig(pauseImage: string, cgroupDriver: 'systemd' | 'cgroupfs'): string {
  const set = (text: string, key: string, value: string) => text.replace(new RegExp(`^( *)${key} = .*$`, 'gm'), `$1${key} = ${value}`);
  let t = set(KICBASE_CONTAINERD_TOML, 'sandbox_image', JSON.stringify(pauseImage));
  t = set(t, 'restrict_oom_score_adj', 'false');
  t = set(t, 'SystemdCgroup', String(cgroupDriver === 'systemd'));
  t = t.replaceAll('"io.containerd.runtime.v1.linux"', '"io.containerd.runc.v2"');
  t = t.split('\n').filter((l) => !l.includes('systemd_cgroup')).join('\n');
  t = t.replaceAll('"io.containerd.runc.v1"', '"io.containerd.runc.v2"');
  t = set(t, 'conf_dir', JSON.stringify('/etc/cni/net.d'));
  t = t.split('\n').filter((l) => !/^ *enable_unprivileged_ports = .*/.test(l)).join('\n');
  return t.replace(/^( *)\[plugins\."io\.containerd\.grpc\.v1\.cri"\]$/m, (line, indent: string) => `${line}\n${indent}  enable_unprivileged_ports = true`);
}

/** systemctl disable/mask as files: the [Install] symlinks gone, a mask a symlink to /dev/null in /etc/systemd/system. */
function mask(m: Machine, unit: string): void {
  const path = `/etc/systemd/system/${unit}`;
  if (m.rootFs.lstat(path)) m.rootFs.remove(path);
  m.rootFs.symlink('/dev/null', path);
}

function disable(m: Machine, unit: string): void {
  for (const wants of ['multi-user.target.wants', 'sockets.target.wants']) {
    const link = `/etc/systemd/system/${wants}/${unit}`;
    if (m.rootFs.lstat(link)) m.rootFs.remove(link);
  }
}

/** Docker.Disable (cruntime/docker.go), for any other runtime: the sockets disabled, the services disabled and masked. */
export function disableDocker(m: Machine): void {
  for (const unit of ['cri-docker.socket', 'docker.socket']) disable(m, unit);
  for (const unit of ['cri-docker.service', 'docker.service']) {
    disable(m, unit);
    mask(m, unit);
  }
}

/**
 * Before kubeadm runs: Docker and cri-dockerd put away, containerd configured for the kubelet and
 * crictl. (The image's docker-ce, docker-ce-cli and cri-dockerd stay installed, as on a real node.)
 */
export function useContainerdRuntime(m: Machine, pauseImage: string): void {
  disableDocker(m);
  writeNodeFile(m, '/etc/crictl.yaml', `runtime-endpoint: ${MINIKUBE_CONTAINERD_ENDPOINT}\n`);
  // minikube's cgroup driver for the docker driver on a cgroup v2 host: systemd (as the kubelet's config.yaml).
  writeNodeFile(m, '/etc/containerd/config.toml', minikubeContainerdConfig(pauseImage, 'systemd'));
}

/** After kubeadm: the kubelet on containerd's socket as minikube names it; dpkg's records of kicbase (containerd.io, not Ubuntu's containerd and runc). */
export function startContainerdRuntime(world: World, m: Machine): void {
  pointKubeletAt(m, MINIKUBE_CONTAINERD_ENDPOINT);
  // kicbase disabled containerd (`systemctl disable containerd`); minikube only restarts it.
  kicbaseContainerd(world, m);
}
