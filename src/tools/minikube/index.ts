/**
 * `minikube`: a local Kubernetes cluster beside the machine. The subcommands are a table of handlers;
 * the global -p/--profile flag picks the cluster (default `minikube`).
 */
import type { CommandContext, Program } from '../../shell/command';
import { parseArgs } from './args';
import type { MinikubeDeps } from './deps';
import { start } from './start';
import { addons, dashboard, del, ip, kubectl, nodeList, profileList, ssh, status, stop, updateContext, version, type Invocation } from './commands';
import { err, EXIT, out } from './messages';

export type { MinikubeDeps } from './deps';

type Handler = (inv: Invocation) => number | Promise<number>;

const HANDLERS: Record<string, Handler> = {
  start: (inv) => start(inv.ctx, inv.deps, inv.profile, inv.parsed),
  status,
  stop,
  delete: del,
  ip,
  node: (inv) => (inv.parsed.args[1] === 'list' ? nodeList(inv) : nodeUsage(inv.ctx)),
  profile: (inv) => (inv.parsed.args[1] === 'list' ? profileList(inv) : profileUsage(inv)),
  addons,
  kubectl,
  dashboard,
  version,
  ssh,
  'update-context': updateContext,
};

function nodeUsage(ctx: CommandContext): number {
  out(ctx, 'Operations on nodes\n\nAvailable Commands:\n  add         Adds a node to the given cluster.\n  delete      Deletes a node from a cluster.\n  list        List nodes.\n  start       Starts a node.\n  stop        Stops a node in a cluster.\n\nUse "minikube <command> --help" for more information about a given command.');
  return 0;
}

function profileUsage(inv: Invocation): number {
  const name = inv.parsed.args[1];
  if (!name) {
    out(inv.ctx, `${inv.profile}`);
    return 0;
  }
  out(inv.ctx, `✅  minikube profile was successfully set to ${name}`);
  return 0;
}

const USAGE = `minikube provisions and manages local Kubernetes clusters optimized for development workflows.

Basic Commands:
  start            Starts a local Kubernetes cluster
  status           Gets the status of a local Kubernetes cluster
  stop             Stops a running local Kubernetes cluster
  delete           Deletes a local Kubernetes cluster
  dashboard        Access the Kubernetes dashboard running within the minikube cluster

Images Commands:
  docker-env       Provides instructions to point your terminal's docker-cli to the Docker Engine inside minikube.

Configuration and Management Commands:
  addons           Enable or disable a minikube addon
  node             Add, remove, or list additional nodes
  profile          Get or list the current profiles (clusters)

Networking and Connectivity Commands:
  service          Returns a URL to connect to a service
  ip               Retrieves the IP address of the specified node

Troubleshooting Commands:
  ssh              Log into the minikube environment (for debugging)
  kubectl          Run a kubectl binary matching the cluster version
  update-context   Update kubeconfig in case of an IP or port change
  version          Print the version of minikube

Use "minikube <command> --help" for more information about a given command.
`;

export function createMinikube(deps: MinikubeDeps): Program {
  return async (ctx) => {
    const kubectlAt = ctx.argv.indexOf('kubectl', 1);
    // After `kubectl`, every word belongs to kubectl (its own flags included).
    const own = kubectlAt > 0 ? ctx.argv.slice(1, kubectlAt + 1) : ctx.argv.slice(1);
    const parsed = parseArgs(own);
    if (kubectlAt > 0) parsed.rest = ctx.argv.slice(kubectlAt + 1).filter((a, i) => !(i === 0 && a === '--'));
    const name = parsed.args[0];
    if (!name || parsed.flags.has('help') || parsed.flags.has('h')) {
      ctx.stdout.write(USAGE);
      return 0;
    }
    const handler = HANDLERS[name];
    if (!handler) {
      err(ctx, `Error: unknown command "${name}" for "minikube"\nRun 'minikube --help' for usage.`);
      return EXIT.usage;
    }
    const profile = parsed.flags.get('profile') || 'minikube';
    try {
      return await handler({ ctx, deps, profile, parsed });
    } catch (e) {
      err(ctx, `❌  Exiting due to MK_INTERNAL: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
  };
}
