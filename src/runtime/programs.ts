/**
 * The programs of a simulated machine: the shell's own (coreutils…), the full-screen editors, and the
 * cluster tools (kubectl…) wired to this world's network. This is where the layers meet: the shell
 * knows nothing of kubectl, kubectl knows nothing of the world, and here each gets what it needs.
 */
import type { Program } from '../shell/command';
import { programs as shellPrograms } from '../shell/commands/index';
import { terminalPrograms } from '../terminal/programs';
import { createKubectl } from '../kubectl/index';
import type { World } from '../sim/world';
import { connectToServer, identify } from './network';

/** Programs that need the world (its network, its cluster): built per world. */
function clusterTools(world: World): Record<string, Program> {
  return {
    kubectl: createKubectl({
      connect: (serverUrl, ctx) => connectToServer(world, serverUrl, ctx.host),
      identify: (authInfo) => identify(world, authInfo),
      pid: 4242,
    }),
  };
}

const CLUSTER_TOOL_NAMES = ['kubectl'];

export function systemPrograms(world: World): Record<string, Program> {
  return { ...shellPrograms, ...terminalPrograms, ...clusterTools(world) };
}

/** Names of every program, so that the machines' /usr/bin lists them (`which kubectl`, `ls /usr/bin`). */
export function systemProgramNames(): string[] {
  return [...Object.keys(shellPrograms), ...Object.keys(terminalPrograms), ...CLUSTER_TOOL_NAMES];
}
