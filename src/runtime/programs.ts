/**
 * The programs of a simulated machine: the shell's own (coreutils…), the full-screen editors, and the
 * cluster tools (kubectl…) wired to this world's network. This is where the layers meet: the shell
 * knows nothing of kubectl, kubectl knows nothing of the world, and here each gets what it needs.
 */
import type { CommandContext, Program } from '../shell/command';
import { preloadShellPrograms, programs as shellPrograms } from '../shell/commands/index';
import { preloadTerminalPrograms, terminalPrograms } from '../terminal/programs';
import { lazyProgram } from '../shell/lazy-program';
import { World } from '../sim/world';
import { SeededRandom } from '../sim/random';
import { attachedWorlds } from './attached-worlds';
import { connectToServer } from './network';
import { setSystemProvider } from '../shell/commands/lib/system';
import { loadMachineTools, machineTools, toolNames } from '../tools/index';
import { memoryWithSwap } from '../sim/kernel/swap';
import type { Machine } from '../sim/machine/machine';
import { installHostShell } from '../sim/kubelet/host-shells';

// curl, wget and ping on every machine reach the simulated network once src/runtime/attachments.ts
// has loaded (with the cluster's code: see there).
// free, top and friends read the machine's memory and its real swap state (/proc/swaps).
setSystemProvider({
  memoryKiB: (ctx) => {
    const m = ctx.machine as Machine;
    return memoryWithSwap(m.rootFs, m.memoryMiB);
  },
});

const loadKubectl = () => import('../kubectl/index');
const loadUrlReader = () => import('./url-reader');

/** Loads the code of the programs that load on first use (the page calls it once its prompt shows). */
export async function preloadSystemPrograms(): Promise<void> {
  await Promise.all([loadKubectl(), loadMachineTools(), preloadShellPrograms(), preloadTerminalPrograms()]);
}

/** Programs that need the world (its network, its cluster): built per world. */
function clusterTools(world: World): Record<string, Program> {
  const tools: Record<string, Program> = {
    // kubectl (with its recorded help texts) is the biggest program: loaded on first use.
    kubectl: lazyProgram(() =>
      Promise.all([loadKubectl(), loadUrlReader(), import('./api-dial'), import('./identify'), import('./api-tls')]).then(([{ createKubectl }, { readUrl }, { apiDialFailure }, { identify }, { apiTlsFailure }]) =>
        createKubectl({
          connect: (serverUrl, ctx) => connectToServer(world, serverUrl, ctx.host),
          dialFailure: (serverUrl, ctx) => apiDialFailure(world, serverUrl, ctx.host),
          identify: (authInfo, ctx) => identify(world, authInfo, (path) => readText(ctx, path)),
          verifyServer: (serverUrl, ctx, tls) => apiTlsFailure(world, serverUrl, ctx, tls),
          readUrl,
          pid: 4242,
        }),
      ),
    ),
    // On PATH only once installed (get-helm-3 or the get.helm.sh tarball put the binary there).
    helm: lazyProgram(() =>
      Promise.all([import('../tools/helm/index'), loadUrlReader(), import('./identify')]).then(([{ createHelm }, { readUrl }, { identify }]) =>
        createHelm({
          connect: (serverUrl, ctx) => connectToServer(world, serverUrl, ctx.host),
          identify: (authInfo) => identify(world, authInfo),
          readUrl,
        }),
      ),
    ),
  };
  // On PATH only once installed (the minikube-linux-amd64 release binary). Its clusters are worlds
  // of their own beside this one (src/runtime/attached-worlds.ts), reached at 192.168.49.2:8443.
  tools.minikube = lazyProgram(() =>
    Promise.all([import('../tools/minikube/index'), import('../sim/scenarios/minikube')]).then(([{ createMinikube }, { buildMinikubeWorld }]) =>
      createMinikube({
        registry: () => attachedWorlds(world),
        buildCluster: (o) => {
          const child = new World('minikube', world.clock, new SeededRandom(`minikube:${o.profile}`));
          buildMinikubeWorld(child, {}, o);
          return child;
        },
        kubectl: tools.kubectl,
      }),
    ),
  );
  return tools;
}

/** A file's text as the calling process may read it, or undefined. */
function readText(ctx: CommandContext, path: string): string | undefined {
  try {
    return ctx.fs.readFile(path);
  } catch {
    return undefined;
  }
}

const CLUSTER_TOOL_NAMES = ['kubectl', 'helm', 'minikube'];

/**
 * In manual time (tests, the headless CLI) nothing moves unless someone moves the clock, but on a
 * real machine every command takes a little time, during which the cluster goes on working (the
 * endpoints controller fills in a new Service's endpoints before the next `curl`). Each program
 * therefore takes PROGRAM_MS of simulated time. In real time the browser's clock driver does this.
 */
export const PROGRAM_MS = 20;

function timed(world: World, program: Program): Program {
  return async (ctx) => {
    try {
      return await program(ctx);
    } finally {
      if (world.clock.mode === 'manual') world.clock.advance(PROGRAM_MS);
    }
  };
}

/** tmux, with its VT emulator for the panes, loads on first use. */
const multiplexer: Record<string, Program> = { tmux: lazyProgram(() => import('../tools/tmux/index').then((m) => m.tmux)) };

export function systemPrograms(world: World): Record<string, Program> {
  const table: Record<string, Program> = { ...shellPrograms, ...terminalPrograms, ...machineTools, ...multiplexer, ...clusterTools(world) };
  for (const name of Object.keys(table)) table[name] = timed(world, table[name]);
  // A Pod that enters a node's root (`chroot /host`) runs these programs there.
  for (const machine of world.machines.values()) installHostShell({ machine, world, clock: world.clock, programs: table });
  return table;
}

/** Names of every program, so that the machines' /usr/bin lists them (`which kubectl`, `ls /usr/bin`). */
export function systemProgramNames(): string[] {
  return [...Object.keys(shellPrograms), ...Object.keys(terminalPrograms), ...toolNames, ...Object.keys(multiplexer), ...CLUSTER_TOOL_NAMES];
}
