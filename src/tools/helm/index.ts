/**
 * helm, the Kubernetes package manager (v3): a client of the cluster's API through the kubeconfig,
 * like kubectl. Subcommands are a table of handlers (src/tools/helm/commands.ts).
 */
import type { Program } from '../../shell/command';
import { HelmUsageError } from './args';
import { HelmError, type HelmDeps } from './client';
import { COMMANDS, ALIASES } from './commands';
import { SetParseError } from './values';

export type { HelmDeps } from './client';

const USAGE = `The Kubernetes package manager

Common actions for Helm:

- helm search:    search for charts
- helm pull:      download a chart to your local directory to view
- helm install:   upload the chart to Kubernetes
- helm list:      list releases of charts

Usage:
  helm [command]

Available Commands:
  completion  generate autocompletion scripts for the specified shell
  create      create a new chart with the given name
  dependency  manage a chart's dependencies
  env         helm client environment information
  get         download extended information of a named release
  help        Help about any command
  history     fetch release history
  install     install a chart
  lint        examine a chart for possible issues
  list        list releases
  package     package a chart directory into a chart archive
  plugin      install, list, or uninstall Helm plugins
  pull        download a chart from a repository and (optionally) unpack it in local directory
  push        push a chart to remote
  registry    login to or logout from a registry
  repo        add, list, remove, update, and index chart repositories
  rollback    roll back a release to a previous revision
  search      search for a keyword in charts
  show        show information of a chart
  status      display the status of the named release
  template    locally render templates
  test        run tests for a release
  uninstall   uninstall a release
  upgrade     upgrade a release
  verify      verify that a chart at the given path has been signed and is valid
  version     print the client version information

Use "helm [command] --help" for more information about a command.
`;

export function createHelm(deps: HelmDeps): Program {
  return async (ctx) => {
    const argv = ctx.argv.slice(1);
    const first = argv.findIndex((a) => !a.startsWith('-'));
    const name = first < 0 ? undefined : argv[first];
    if (!name) {
      ctx.stdout.write(USAGE);
      return 0;
    }
    const cmd = COMMANDS[ALIASES[name] ?? name];
    if (!cmd) {
      ctx.stderr.write(`Error: unknown command "${name}" for "helm"\nRun 'helm --help' for usage.\n`);
      return 1;
    }
    const rest = [...argv.slice(0, first), ...argv.slice(first + 1)];
    try {
      return await cmd({ ctx, deps, argv: rest });
    } catch (e) {
      if (e instanceof HelmError || e instanceof HelmUsageError || e instanceof SetParseError) {
        ctx.stderr.write(`Error: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  };
}
