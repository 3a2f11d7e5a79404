/**
 * The `cluster` scenario: the three machines of `machines` as a kubeadm cluster at v1.33 with
 * flannel, all nodes Ready, root on cka01 with ~/.kube/config. Built by running the cluster
 * (see src/sim/cluster/bootstrap.ts), not by writing finished objects.
 */
import type { World, WorldOptions } from '../world';
import { buildMachines, CLUSTER_MACHINES } from './machines';
import { bootstrapKubeadmCluster } from '../cluster/bootstrap';
import { CLUSTER_ATTACHMENT, registerClusterAttachment } from '../cluster/attach';
import type { Cluster } from '../cluster/cluster';
import { upgradeScenario } from './upgrade';
import { installPrograms } from '../machine/image';

/** Binaries of the packages a kubeadm node has installed. */
export const KUBERNETES_NODE_PROGRAMS = ['kubeadm', 'kubelet', 'kubectl', 'crictl', 'ctr', 'containerd', 'runc'];

/** The patch release of the default cluster (kubeadm, kubelet, control-plane images). */
export const CLUSTER_VERSION = 'v1.33.4';

export function buildKubeadmWorld(world: World, options: WorldOptions, version: string): Cluster {
  buildMachines(world, options);
  // What the kubeadm, kubelet, kubectl, cri-tools and containerd packages put on every machine.
  for (const m of world.machines.values()) installPrograms(m.rootFs, KUBERNETES_NODE_PROGRAMS);
  registerClusterAttachment();
  const [cp, ...workers] = CLUSTER_MACHINES.map((m) => m.hostname);
  const cluster = bootstrapKubeadmCluster({ clock: world.clock, random: world.random, machines: [...world.machines.values()], controlPlane: cp, workers, version });
  world.attach(CLUSTER_ATTACHMENT, cluster);
  return cluster;
}

export const clusterScenario = {
  description: 'cka01 (control plane), cka02 and cka03 as a kubeadm cluster at v1.33 with flannel, all nodes Ready',
  build(world: World, options: WorldOptions): void {
    buildKubeadmWorld(world, options, CLUSTER_VERSION);
  },
};

/** The scenarios this part provides, for the scenario table. */
export const CLUSTER_SCENARIOS = { cluster: clusterScenario, upgrade: upgradeScenario };
