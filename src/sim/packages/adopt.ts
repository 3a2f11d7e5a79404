/**
 * Machines of a cluster scenario were built as kubeadm nodes (src/sim/scenarios/cluster.ts) without
 * going through apt and systemd. The first time packages or systemd are consulted on such a
 * machine, record what those installs would have left: the pkgs.k8s.io source and keyring, the
 * kubeadm/kubelet/kubectl/cri-tools/kubernetes-cni and containerd packages at the cluster's
 * version (held, as the guides do), and the kubelet and containerd units enabled and running.
 */
import type { Machine } from '../machine/machine';
import type { World } from '../world';
import { clusterOf } from '../cluster/attach';
import { PAYLOADS } from './files';
import { armoredKey, dearmor } from './keys';
import { K8S_KEY_ID } from './catalogue';
import { packagesState, placePayload } from './db';
import { writeSwaps } from '../kernel/swap';

/** The cluster kubelet version of this machine ('v1.33.4'), if the machine is a node of the world's cluster. */
export function clusterNodeVersion(machine: Machine, world: World | undefined): string | undefined {
  if (!world) return undefined;
  const cluster = clusterOf(world);
  const kubelet = cluster?.kubelets.get(machine.hostname);
  return kubelet ? kubelet.version : undefined;
}

function write(machine: Machine, path: string, content: string): void {
  const fs = machine.rootFs;
  const dir = path.slice(0, path.lastIndexOf('/'));
  if (!fs.stat(dir)) fs.mkdir(dir, { recursive: true });
  if (!fs.stat(path)) fs.writeFile(path, content);
}

function bootSwapOff(machine: Machine): void {
  const fs = machine.rootFs;
  writeSwaps(fs, []);
  try {
    const fstab = fs.readFile('/etc/fstab');
    fs.writeFile('/etc/fstab', fstab.replace(/^([^#\n]*\sswap\s[^\n]*)$/gm, '#$1'));
  } catch {
    /* no fstab */
  }
}

/** The packages the install guide puts on a node (with their dependencies). */
const NODE_PACKAGES = ['kubeadm', 'kubelet', 'kubectl', 'cri-tools', 'kubernetes-cni', 'containerd', 'runc', 'socat', 'conntrack', 'ebtables', 'apt-transport-https'];

/** Files and package records of a kubeadm node; returns the units that run (for systemd). */
export function adoptClusterNode(machine: Machine, world: World | undefined): string[] {
  const version = clusterNodeVersion(machine, world);
  if (!version) return [];
  const units = ['containerd.service', 'kubelet.service'];
  const mark = machine.ext as { adoptedNode?: boolean };
  if (mark.adoptedNode) return units;
  mark.adoptedNode = true;
  const minor = /^v?1\.(\d+)\./.exec(version)?.[1] ?? '33';
  const deb = `${version.replace(/^v/, '')}-1.1`;
  const keyring = dearmor(armoredKey(K8S_KEY_ID, 'isv:kubernetes OBS Project <isv:kubernetes@build.opensuse.org>')) ?? '';
  write(machine, '/etc/apt/keyrings/kubernetes-apt-keyring.gpg', keyring);
  write(machine, '/etc/apt/sources.list.d/kubernetes.list', `deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.${minor}/deb/ /\n`);
  // kubeadm's preflight required swap off, and the guides comment the fstab line so it stays off.
  bootSwapOff(machine);
  const state = packagesState(machine);
  // The guide's `apt-get update` fetched this source's lists: the key is its URI and suite, as
  // sourceKey makes it from the kubernetes.list line written above.
  state.lists[`https://pkgs.k8s.io/core:/stable:/v1.${minor}/deb /`] = `pkgs.k8s.io/v1.${minor}`;
  const record = (name: string, v: string, hold: boolean, auto = false) => (state.installed[name] ??= { version: v, arch: 'amd64', auto, hold });
  for (const name of ['kubeadm', 'kubelet', 'kubectl']) record(name, deb, true);
  record('cri-tools', `1.${minor}.0-1.1`, false, true);
  record('kubernetes-cni', '1.6.0-1.1', false, true);
  record('containerd', '1.7.27-0ubuntu1~22.04.1', false);
  record('runc', '1.2.5-0ubuntu1~22.04.1', false, true);
  for (const name of ['socat', 'conntrack', 'ebtables']) record(name, name === 'socat' ? '1.7.4.1-3ubuntu4' : name === 'conntrack' ? '1:1.4.6-2build2' : '2.0.11-4build2', false, true);
  // The install guide's `apt-get install -y apt-transport-https ca-certificates curl gpg` (the others are in the base image).
  record('apt-transport-https', '2.4.14', false);
  // What those packages unpacked: programs, unit files, /opt/cni/bin (configuration files already there are kept).
  for (const name of NODE_PACKAGES) if (PAYLOADS[name]) placePayload(machine, PAYLOADS[name]);
  return units;
}

/**
 * Record the node packages on every machine of a cluster world. Scenario builders should call this
 * right after building the cluster, so that files such as /etc/apt/sources.list.d/kubernetes.list
 * exist before the learner's first command (otherwise it happens on the first machine tool run).
 */
export function adoptClusterNodes(world: World): void {
  for (const m of world.machines.values()) adoptClusterNode(m, world);
}
