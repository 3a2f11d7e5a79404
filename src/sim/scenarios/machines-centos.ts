/** The `machines-centos` scenario: the same three machines as `machines`, installed with CentOS Linux 7 (Core). */
import { Machine } from '../machine/machine';
import { CENTOS_BASE_PROGRAMS } from '../machine/centos-image';
import type { World, WorldOptions } from '../world';
import { CLUSTER_MACHINES } from './machines';

function centosPrograms(options: WorldOptions): string[] {
  if (!options.programs) return [...CENTOS_BASE_PROGRAMS];
  const available = new Set(options.programs);
  return CENTOS_BASE_PROGRAMS.filter((p) => available.has(p));
}

export function buildCentosMachines(world: World, options: WorldOptions): void {
  const programs = centosPrograms(options);
  for (const spec of CLUSTER_MACHINES) {
    world.addMachine(Machine.centos({ hostname: spec.hostname, ip: spec.ip, cpus: 2, memoryMiB: 4096, programs }, () => world.clock.now()));
  }
}
