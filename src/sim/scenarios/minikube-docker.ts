/**
 * The container runtime of a minikube node (docker driver, default --container-runtime=docker):
 * Docker Engine from kicbase v0.0.47 with cri-dockerd in front of it, as minikube v1.36's
 * cruntime/docker.go sets it up — cri-docker.socket/.service enabled with minikube's drop-in,
 * /etc/crictl.yaml pointing at cri-dockerd, the kubelet's CRI endpoint on that socket, and the
 * containerd that dockerd runs on left active but disabled (the kicbase Dockerfile's
 * `systemctl disable containerd`; disableOthers keeps it because Docker is bound to it).
 */
import type { Machine } from '../machine/machine';
import type { World } from '../world';
import { installPrograms } from '../machine/image';
import { PAYLOADS } from '../packages/files';
import { packagesState, placePayload } from '../packages/db';
import { Systemd } from '../systemd/manager';
import { CRI_DOCKERD_SOCKET } from '../systemd/docker';
import { PAUSE_IMAGE } from '../kubelet/pod-worker';
import { kicbaseContainerd, writeNodeFile } from './minikube-node';

/** hack/kicbase_version/os-package-list.txt of minikube v1.36.0 (kicbase v0.0.47, Ubuntu 22.04). */
const KICBASE_PACKAGES: Record<string, string> = {
  'docker-ce': '5:28.1.1-1~ubuntu.22.04~jammy',
  'docker-ce-cli': '5:28.1.1-1~ubuntu.22.04~jammy',
  'containerd.io': '1.7.27-1',
};

/** cri-dockerd v0.4.0's packaging/systemd units, which the kicbase Dockerfile downloads beside the binary. */
const CRI_DOCKER_SERVICE = `[Unit]
Description=CRI Interface for Docker Application Container Engine
Documentation=https://docs.mirantis.com
After=network-online.target firewalld.service docker.service
Wants=network-online.target
Requires=cri-docker.socket

[Service]
Type=notify
ExecStart=/usr/bin/cri-dockerd --container-runtime-endpoint fd://
ExecReload=/bin/kill -s HUP $MAINPID
TimeoutSec=0
RestartSec=2
Restart=always

# Note that StartLimit* options were moved from "Service" to "Unit" in systemd 229.
# Both the old, and new location are accepted by systemd 229 and up, so using the old location
# to make them work for either version of systemd.
StartLimitBurst=3

# Note that StartLimitInterval was renamed to StartLimitIntervalSec in systemd 230.
# Both the old, and new name are accepted by systemd 230 and up, so using the old name to make
# this option work for either version of systemd.
StartLimitInterval=60s

# Having non-zero Limit*s causes performance problems due to accounting overhead
# in the kernel. We recommend using cgroups to do container-local accounting.
LimitNOFILE=infinity
LimitNPROC=infinity
LimitCORE=infinity

# Comment TasksMax if your systemd version does not support it.
# Only systemd 226 and above support this option.
TasksMax=infinity
Delegate=yes
KillMode=process

[Install]
WantedBy=multi-user.target
`;

const CRI_DOCKER_SOCKET_UNIT = `[Unit]
Description=CRI Docker Socket for the API
PartOf=cri-docker.service

[Socket]
ListenStream=%t/cri-dockerd.sock
SocketMode=0660
SocketUser=root
SocketGroup=docker

[Install]
WantedBy=sockets.target
`;

/** generateCRIDockerdConfig's drop-in (no trailing newline: minikube writes the template as is). */
const CRI_DOCKER_DROP_IN = `[Service]
ExecStart=
ExecStart=/usr/bin/cri-dockerd --container-runtime-endpoint fd:// --pod-infra-container-image=${PAUSE_IMAGE} --network-plugin=cni --hairpin-mode=hairpin-veth`;

/**
 * The docker.service minikube's provisioner writes over the package's
 * (pkg/provision/ubuntu.go GenerateDockerOptions, installed by provision.go updateUnit at
 * /lib/systemd/system/docker.service): its template with the remote TLS paths (setRemoteAuthOptions:
 * /etc/docker/{ca,server,server-key}.pem), the label provider=docker, the insecure registry
 * 10.96.0.0/12 (machine/start.go engineOptions), no environment, no --docker-opt; the kic root
 * filesystem is overlay, so no DOCKER_RAMDISK. The shell's double quotes turn \\$MAINPID into $MAINPID.
 */
const MINIKUBE_DOCKER_SERVICE = `[Unit]
Description=Docker Application Container Engine
Documentation=https://docs.docker.com
BindsTo=containerd.service
After=network-online.target firewalld.service containerd.service
Wants=network-online.target
Requires=docker.socket
StartLimitBurst=3
StartLimitIntervalSec=60

[Service]
Type=notify
Restart=on-failure



# This file is a systemd drop-in unit that inherits from the base dockerd configuration.
# The base configuration already specifies an 'ExecStart=...' command. The first directive
# here is to clear out that command inherited from the base configuration. Without this,
# the command from the base configuration and the command specified here are treated as
# a sequence of commands, which is not the desired behavior, nor is it valid -- systemd
# will catch this invalid input and refuse to start the service with an error like:
#  Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services.

# NOTE: default-ulimit=nofile is set to an arbitrary number for consistency with other
# container runtimes. If left unlimited, it may result in OOM issues with MySQL.
ExecStart=
ExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2376 -H unix:///var/run/docker.sock --default-ulimit=nofile=1048576:1048576 --tlsverify --tlscacert /etc/docker/ca.pem --tlscert /etc/docker/server.pem --tlskey /etc/docker/server-key.pem --label provider=docker --insecure-registry 10.96.0.0/12 
ExecReload=/bin/kill -s HUP $MAINPID

# Having non-zero Limit*s causes performance problems due to accounting overhead
# in the kernel. We recommend using cgroups to do container-local accounting.
LimitNOFILE=infinity
LimitNPROC=infinity
LimitCORE=infinity

# Uncomment TasksMax if your systemd version supports it.
# Only systemd 226 and above support this version.
TasksMax=infinity
TimeoutStartSec=0

# set delegate yes so that systemd does not reset the cgroups of docker containers
Delegate=yes

# kill only the docker process, not all processes in the cgroup
KillMode=process

[Install]
WantedBy=multi-user.target
`;

/**
 * What the node image holds before the cluster boots: dockerd, the docker CLI and cri-dockerd with
 * their units and Docker's daemon.json. The kubelet that starts next finds
 * cri-dockerd and talks Docker (nodeRuntime in src/sim/systemd/docker.ts).
 */
export function installDockerRuntime(m: Machine): void {
  for (const name of ['docker-ce', 'docker-ce-cli']) placePayload(m, PAYLOADS[name]);
  writeNodeFile(m, '/lib/systemd/system/docker.service', MINIKUBE_DOCKER_SERVICE);
  // Recorded now: the kubelet reads Docker's version (its node's containerRuntimeVersion) when it starts.
  const installed = packagesState(m).installed;
  for (const [name, version] of Object.entries(KICBASE_PACKAGES)) installed[name] = { version, arch: 'amd64', auto: false, hold: false };
  installPrograms(m.rootFs, ['cri-dockerd'], '/usr/bin');
  writeNodeFile(m, '/usr/lib/systemd/system/cri-docker.service', CRI_DOCKER_SERVICE);
  writeNodeFile(m, '/usr/lib/systemd/system/cri-docker.socket', CRI_DOCKER_SOCKET_UNIT);
  writeNodeFile(m, '/etc/systemd/system/cri-docker.service.d/10-cni.conf', CRI_DOCKER_DROP_IN);
  // configureDocker: Go's json.Marshal of its daemon config, with the cgroup driver of a cgroup v2 host (systemd, as the kubelet's config.yaml).
  writeNodeFile(m, '/etc/docker/daemon.json', '{"exec-opts":["native.cgroupdriver=systemd"],"log-driver":"json-file","log-opts":{"max-size":"100m"},"storage-driver":"overlay2"}');
}

/**
 * kubeadm's files as minikube's kubeadm.yaml makes them: node-ip among kubeletExtraArgs; from
 * v1.24 criSocket and the kubelet's containerRuntimeEndpoint on cri-dockerd, before it the
 * kubelet's own dockershim with the CNI network plugin (kubeadm's flags for a Docker node then).
 */
function pointKubeletAtDocker(m: Machine, cri: boolean): void {
  if (cri) return pointKubeletAt(m, CRI_DOCKERD_SOCKET);
  editKubeadmFlags(m, (flags) => {
    flags.delete('container-runtime-endpoint');
    flags.set('network-plugin', 'cni');
  });
}

/** kubeadm-flags.env's flags, edited, written back in kubeadm's order (by name), with node-ip as minikube's kubeletExtraArgs give it. */
function editKubeadmFlags(m: Machine, edit: (flags: Map<string, string>) => void): void {
  const fs = m.rootFs;
  const flagsFile = '/var/lib/kubelet/kubeadm-flags.env';
  const quoted = /^KUBELET_KUBEADM_ARGS="(.*)"$/m.exec(fs.readFile(flagsFile))?.[1] ?? '';
  const flags = new Map(quoted.split(' ').filter(Boolean).map((a) => a.replace(/^--/, '').split(/=(.*)/s).slice(0, 2) as [string, string]));
  edit(flags);
  flags.set('node-ip', m.ip);
  const args = [...flags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `--${k}=${v}`);
  fs.writeFile(flagsFile, `KUBELET_KUBEADM_ARGS="${args.join(' ')}"\n`);
}

/** The kubelet's CRI endpoint as minikube's kubeadm.yaml gives it (criSocket, containerRuntimeEndpoint), in both its files. */
export function pointKubeletAt(m: Machine, endpoint: string): void {
  editKubeadmFlags(m, (flags) => flags.set('container-runtime-endpoint', endpoint));
  const config = '/var/lib/kubelet/config.yaml';
  m.rootFs.writeFile(config, m.rootFs.readFile(config).replace(/^containerRuntimeEndpoint: .*$/m, `containerRuntimeEndpoint: ${endpoint}`));
}

/**
 * After the cluster booted: dpkg's records without Ubuntu's containerd and runc that a kubeadm
 * node gets (kicbase has Docker's containerd.io), the kubelet's files on cri-dockerd,
 * and the units as `systemctl` shows them on the node.
 */
export function startDockerRuntime(world: World, m: Machine, kubeletMinor: number): void {
  // minikube talks to Docker through cri-dockerd from v1.24 (Docker.UseCRI), through dockershim before.
  const cri = kubeletMinor >= 24;
  pointKubeletAtDocker(m, cri);
  // populateCRIConfig: crictl goes where the kubelet goes.
  writeNodeFile(m, '/etc/crictl.yaml', `runtime-endpoint: ${cri ? CRI_DOCKERD_SOCKET : 'unix:///var/run/dockershim.sock'}\n`);
  const { sd, containerdSince } = kicbaseContainerd(world, m);
  // Docker and cri-dockerd came up with the node, right after containerd and before the kubelet's
  // pods: their units start at that time, and the journal keeps its order of time.
  let at = containerdSince;
  const early = new Systemd(m, world, () => at);
  for (const unit of cri ? ['docker.service', 'cri-docker.socket', 'cri-docker.service'] : ['docker.service']) {
    at += 1000;
    early.enable(unit);
    early.start(unit);
  }
  sd.state.journal.sort((a, b) => a.t - b.t);
}
