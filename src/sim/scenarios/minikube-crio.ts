/**
 * A minikube node started with --container-runtime=cri-o (minikube v1.36.0, kicbase v0.0.47): the
 * image's CRI-O (cri-o 1.24.6~0, cri-o-runc 1.1.12~0 and conmon 100:2.1.2~0 from the kubic
 * repository, hack/kicbase_version/os-package-list.txt) set up by cruntime/crio.go Enable:
 * - disableOthers: Docker.Disable as for containerd (sockets disabled, services masked) and
 *   Containerd.Disable (`systemctl stop -f containerd`; kicbase disabled it already);
 * - populateCRIConfig: /etc/crictl.yaml `runtime-endpoint: unix:///var/run/crio/crio.sock`;
 * - generateCRIOConfig: kicbase's /etc/crio/crio.conf.d/02-crio.conf (deploy/kicbase/02-crio.conf)
 *   edited by its sed lines (pause_image, cgroup_manager, conmon_cgroup, default_sysctls);
 * - Init.Restart("crio"): crio.service runs, still disabled (kicbase: `systemctl disable crio`);
 * - the kubelet's endpoint unix:///var/run/crio/crio.sock (CRIO.SocketPath, minikube's kubeadm.yaml).
 * The pods themselves run in the simulation's one container runtime model; what CRI-O prints
 * (its journal, `crio` itself, conmon processes) is not modelled.
 */
import type { Machine } from '../machine/machine';
import type { World } from '../world';
import { installPrograms } from '../machine/image';
import { packagesState } from '../packages/db';
import { Systemd } from '../systemd/manager';
import { disableDocker } from './minikube-containerd';
import { pointKubeletAt } from './minikube-docker';
import { kicbaseContainerd, writeNodeFile } from './minikube-node';
import { clusterOf } from '../cluster/attach';
import { dialsCrio } from '../kubelet/cri-endpoint';

/** CRIO.SocketPath() with the scheme minikube's templates put before it. */
export const MINIKUBE_CRIO_ENDPOINT = 'unix:///var/run/crio/crio.sock';

/** The kubic packages of kicbase v0.0.47 (os-package-list.txt). */
const KICBASE_CRIO_PACKAGES: Record<string, string> = {
  'cri-o': '1.24.6~0',
  'cri-o-runc': '1.1.12~0',
  conmon: '100:2.1.2~0',
};

/** `crio --version`'s first line without "crio version " (CRIO.Version): the package's version. */
export const CRIO_IN_NODE = '1.24.6';

/** deploy/kicbase/02-crio.conf of minikube v1.36.0. */
const KICBASE_02_CRIO_CONF = `[crio.image]
# pause_image = ""

[crio.network]
# cni_default_network = ""

[crio.runtime]
# cgroup_manager = ""
`;

/**
 * cri-o v1.24.6 contrib/systemd/crio.service as packages install it: their build removes /local
 * from the binary's path (sed -i 's/\/local//', as cri-o's own contrib/test/ci/cri-o.spec does).
 */
const CRIO_SERVICE = `[Unit]
Description=Container Runtime Interface for OCI (CRI-O)
Documentation=https://github.com/cri-o/cri-o
Wants=network-online.target
Before=kubelet.service
After=network-online.target

[Service]
Type=notify
EnvironmentFile=-/etc/sysconfig/crio
Environment=GOTRACEBACK=crash
ExecStart=/usr/bin/crio \\
          $CRIO_CONFIG_OPTIONS \\
          $CRIO_RUNTIME_OPTIONS \\
          $CRIO_STORAGE_OPTIONS \\
          $CRIO_NETWORK_OPTIONS \\
          $CRIO_METRICS_OPTIONS
ExecReload=/bin/kill -s HUP $MAINPID
TasksMax=infinity
LimitNOFILE=1048576
LimitNPROC=1048576
LimitCORE=infinity
OOMScoreAdjust=-999
TimeoutStartSec=0
Restart=on-abnormal

[Install]
WantedBy=multi-user.target
Alias=cri-o.service
`;

/**
 * generateCRIOConfig's sed lines, in their order, on a 02-crio.conf (Kubernetes >= 1.22): each
 * line naming pause_image or cgroup_manager replaced whole, conmon_cgroup = "pod" after
 * cgroup_manager, any ip_unprivileged_port_start entry dropped, a default_sysctls list added after
 * conmon_cgroup when none exists, and the entry put first in it.
 */
export function minikubeCrioConfig(pauseImage: string, cgroupDriver: 'systemd' | 'cgroupfs', text = KICBASE_02_CRIO_CONF): string {
  let lines = text.split('\n');
  lines = lines.map((l) => (/pause_image = /.test(l) ? `pause_image = ${JSON.stringify(pauseImage)}` : l));
  lines = lines.map((l) => (/cgroup_manager = /.test(l) ? `cgroup_manager = ${JSON.stringify(cgroupDriver)}` : l));
  lines = lines.filter((l) => !/conmon_cgroup = /.test(l));
  lines = lines.flatMap((l) => (/cgroup_manager = /.test(l) ? [l, 'conmon_cgroup = "pod"'] : [l]));
  lines = lines.filter((l) => !/^ *"net\.ipv4\.ip_unprivileged_port_start=.*"/.test(l));
  if (!lines.some((l) => /^ *default_sysctls/.test(l))) lines = lines.flatMap((l) => (/conmon_cgroup = /.test(l) ? [l, 'default_sysctls = [', ']'] : [l]));
  lines = lines.flatMap((l) => (/^default_sysctls *= *\[/.test(l) ? [l, '  "net.ipv4.ip_unprivileged_port_start=0",'] : [l]));
  return lines.join('\n');
}

/** The image's CRI-O (binary, unit, dpkg records), then Enable's files, before kubeadm runs. */
export function useCrioRuntime(m: Machine, pauseImage: string): void {
  installPrograms(m.rootFs, ['crio'], '/usr/bin');
  writeNodeFile(m, '/lib/systemd/system/crio.service', CRIO_SERVICE);
  const installed = packagesState(m).installed;
  for (const [name, version] of Object.entries(KICBASE_CRIO_PACKAGES)) installed[name] = { version, arch: 'amd64', auto: false, hold: false };
  disableDocker(m);
  writeNodeFile(m, '/etc/crictl.yaml', `runtime-endpoint: ${MINIKUBE_CRIO_ENDPOINT}\n`);
  // minikube's cgroup driver for the docker driver on a cgroup v2 host: systemd (as the kubelet's config.yaml).
  writeNodeFile(m, '/etc/crio/crio.conf.d/02-crio.conf', minikubeCrioConfig(pauseImage, 'systemd'));
}

/**
 * After kubeadm: crio restarted and containerd stopped (disableOthers), the kubelet on CRI-O's
 * socket with CRI-O's Version answer (the node's containerRuntimeVersion).
 */
export function startCrioRuntime(world: World, m: Machine): void {
  // The control plane's kubelet started on CRI-O's socket already (minikube.ts beforeKubeletStart);
  // a worker's, started by the bootstrap on containerd's, reads its runtime's Version answer again.
  const onCrio = dialsCrio(m);
  pointKubeletAt(m, MINIKUBE_CRIO_ENDPOINT);
  const kubelet = clusterOf(world)?.kubelets.get(m.hostname);
  if (kubelet?.running && !onCrio) {
    kubelet.stop();
    kubelet.start();
  }
  const { sd, containerdSince } = kicbaseContainerd(world, m);
  const at = containerdSince + 1000;
  const early = new Systemd(m, world, () => at);
  early.start('crio.service');
  early.stop('containerd.service');
  sd.state.journal.sort((a, b) => a.t - b.t);
}
