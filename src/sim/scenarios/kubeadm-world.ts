/**
 * A world whose machines were turned into a kubeadm cluster the way a learner would: the packages'
 * binaries and files on every node, the control plane from static pod manifests, the workers joined,
 * the add-ons created through the API (see src/sim/cluster/bootstrap.ts). Shared by the `cluster`
 * and `upgrade` scenarios, which differ in version and workloads.
 */
import type { World, WorldOptions } from '../world';
import { buildMachines, CLUSTER_MACHINES } from './machines';
import { bootstrapKubeadmCluster } from '../cluster/bootstrap';
import { CLUSTER_ATTACHMENT, registerClusterAttachment } from '../cluster/attach';
import type { Cluster } from '../cluster/cluster';
import { installPrograms } from '../machine/image';
import { adoptClusterNodes } from '../packages/adopt';
import { prepareKubeadmNode } from '../cluster/prepare-node';
import { kubeadmRelease } from '../kubeadm/versions';
import { Systemd } from '../systemd/manager';

/** Binaries of the packages a kubeadm node has installed. */
export const KUBERNETES_NODE_PROGRAMS = ['kubeadm', 'kubelet', 'kubectl', 'crictl', 'ctr', 'containerd', 'runc'];

/** The patch release of the default cluster (kubeadm, kubelet, control-plane images). */
export const CLUSTER_VERSION = 'v1.33.4';

export function buildKubeadmWorld(world: World, options: WorldOptions, version: string): Cluster {
  buildMachines(world, options);
  // What the kubeadm, kubelet, kubectl, cri-tools and containerd packages put on every machine.
  for (const m of world.machines.values()) installPrograms(m.rootFs, KUBERNETES_NODE_PROGRAMS);
  // The install chapter's prepare-node.sh: modules, sysctls, containerd with the systemd cgroup driver.
  // (Its `systemctl restart containerd` after writing config.toml is when containerd's running process started.)
  for (const m of world.machines.values()) {
    prepareKubeadmNode(m, `registry.k8s.io/pause:${kubeadmRelease(version).pause}`);
    m.ext.containerdStartedAt = world.clock.now();
  }
  registerClusterAttachment();
  const [cp, ...workers] = CLUSTER_MACHINES.map((m) => m.hostname);
  const cluster = bootstrapKubeadmCluster({ clock: world.clock, random: world.random, machines: [...world.machines.values()], controlPlane: cp, workers, version });
  world.attach(CLUSTER_ATTACHMENT, cluster);
  // What apt, systemd and the install guides left on each node: packages (held), the pkgs.k8s.io
  // source, enabled units, swap off with its fstab line commented.
  adoptClusterNodes(world);
  // systemd's state as a booted node has it (the enabled units' links in multi-user.target.wants),
  // before the learner's first `ls /etc/systemd/system` rather than at the first systemctl.
  for (const m of world.machines.values()) void new Systemd(m, world, () => world.clock.now()).state;
  return cluster;
}

