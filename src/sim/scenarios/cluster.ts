/**
 * The `cluster` scenario: the three machines of `machines` as a kubeadm cluster at v1.33 with
 * flannel, all nodes Ready, root on cka01 with ~/.kube/config. Built by running the cluster
 * (see src/sim/cluster/bootstrap.ts), not by writing finished objects.
 */
import type { World, WorldOptions } from '../world';
import { upgradeScenario } from './upgrade';
import { buildKubeadmWorld, CLUSTER_VERSION } from './kubeadm-world';

export { CLUSTER_VERSION, KUBERNETES_NODE_PROGRAMS, buildKubeadmWorld } from './kubeadm-world';

export const clusterScenario = {
  description: 'cka01 (control plane), cka02 and cka03 as a kubeadm cluster at v1.33 with flannel, all nodes Ready',
  build(world: World, options: WorldOptions): void {
    buildKubeadmWorld(world, options, CLUSTER_VERSION);
  },
};

/** The scenarios this part provides, for the scenario table. */
export const CLUSTER_SCENARIOS = { cluster: clusterScenario, upgrade: upgradeScenario };
