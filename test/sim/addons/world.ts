/** A kubeadm cluster whose nodes wait for a CNI (as after `kubeadm init` and `join`, before any network add-on). */
import { World } from '../../../src/sim/world';
import { SimClock } from '../../../src/sim/clock';
import { SeededRandom } from '../../../src/sim/random';
import { buildMachines, CLUSTER_MACHINES } from '../../../src/sim/scenarios/machines';
import { installPrograms } from '../../../src/sim/machine/image';
import { bootstrapKubeadmCluster } from '../../../src/sim/cluster/bootstrap';
import { CLUSTER_ATTACHMENT, registerClusterAttachment } from '../../../src/sim/cluster/attach';
import { adoptClusterNodes } from '../../../src/sim/packages/adopt';
import { KUBERNETES_NODE_PROGRAMS, CLUSTER_VERSION } from '../../../src/sim/scenarios/kubeadm-world';
import { systemProgramNames } from '../../../src/runtime/programs';
import { shellProgramNames } from '../../../src/shell/index';

export function clusterWithoutCni(): World {
  const world = new World('cluster', new SimClock(), new SeededRandom(1));
  buildMachines(world, { programs: [...new Set([...shellProgramNames(), ...systemProgramNames()])] });
  for (const m of world.machines.values()) installPrograms(m.rootFs, KUBERNETES_NODE_PROGRAMS);
  registerClusterAttachment();
  const [cp, ...workers] = CLUSTER_MACHINES.map((m) => m.hostname);
  const cluster = bootstrapKubeadmCluster({ clock: world.clock, random: world.random, machines: [...world.machines.values()], controlPlane: cp, workers, version: CLUSTER_VERSION, cni: false });
  world.attach(CLUSTER_ATTACHMENT, cluster);
  adoptClusterNodes(world);
  return world;
}
