/** What machine tools need from a program context: the machine, the world, root checks. */
import type { CommandContext } from '../../shell/command';
import type { Machine } from '../../sim/machine/machine';
import type { FsView } from '../../sim/machine/fs';
import type { World } from '../../sim/world';
import { kernelState } from '../../sim/kernel/state';
import { adoptClusterNode, adoptClusterNodes } from '../../sim/packages/adopt';

/** The machine, with a cluster scenario's node packages recorded on first use (src/sim/packages/adopt.ts). */
export function machineOf(ctx: CommandContext): Machine {
  const machine = ctx.machine as Machine;
  const world = worldOf(ctx);
  if (world) adoptClusterNodes(world);
  else adoptClusterNode(machine, world);
  return machine;
}

export function worldOf(ctx: CommandContext): World | undefined {
  return (ctx.world ?? undefined) as World | undefined;
}

export function isRoot(ctx: CommandContext): boolean {
  return ctx.user.uid === 0;
}

/**
 * The machine's filesystem as the kernel sees it (for /proc and state files that a tool changes
 * through a system call, after its own permission check), with the kernel's /proc files present.
 */
export function systemFs(ctx: CommandContext): FsView {
  const machine = machineOf(ctx);
  kernelState(machine);
  return machine.rootFs;
}

/** Write lines to a stream. */
export function out(stream: { write(s: string): void }, text: string): void {
  if (text) stream.write(text.endsWith('\n') ? text : `${text}\n`);
}
