/** Boot of the service manager (after the kernel's boot): enabled units start. */
import type { Machine } from '../machine/machine';
import type { World } from '../world';
import { Systemd } from './manager';

export function bootSystemd(machine: Machine, world: World | undefined, nowMs: number): void {
  new Systemd(machine, world, () => nowMs).boot();
}
