/** The `machines` scenario: three fresh Ubuntu 22.04 servers on 192.168.6.0/24. */
import { Machine } from '../machine/machine';
import { UBUNTU_BASE_PROGRAMS } from '../machine/image';
import type { World, WorldOptions } from '../world';

export const CLUSTER_MACHINES = [
  { hostname: 'cka01', ip: '192.168.6.171' },
  { hostname: 'cka02', ip: '192.168.6.172' },
  { hostname: 'cka03', ip: '192.168.6.173' },
] as const;

/** The base programs, narrowed to those the shell provides when the caller says which. */
export function basePrograms(options: WorldOptions): string[] {
  if (!options.programs) return [...UBUNTU_BASE_PROGRAMS];
  const available = new Set(options.programs);
  return UBUNTU_BASE_PROGRAMS.filter((p) => available.has(p));
}

export function buildMachines(world: World, options: WorldOptions): void {
  const programs = basePrograms(options);
  for (const spec of CLUSTER_MACHINES) {
    world.addMachine(
      Machine.ubuntu(
        { hostname: spec.hostname, ip: spec.ip, cpus: 2, memoryMiB: 4096, users: [{ name: 'ubuntu', uid: 1000, sudo: true }], programs },
        () => world.clock.now(),
      ),
    );
  }
}
