/**
 * Each node's own shell, for the Pods on it that enter its root (`chroot /host` in a node-debugging
 * Pod): the node's program table and world. The runtime, which owns the program table, installs it
 * (src/runtime/programs); kept apart from the container code so that installing loads none of it.
 */
import type { RemoteHost } from '../../shell/session';
import type { Machine } from '../machine/machine';

const hostShells = new WeakMap<Machine, RemoteHost>();

export function installHostShell(host: RemoteHost): void {
  hostShells.set(host.machine, host);
}

export function hostShellOf(machine: Machine): RemoteHost | undefined {
  return hostShells.get(machine);
}
