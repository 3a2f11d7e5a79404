/**
 * etcdctl 3.5.21 as its main and cobra run it: ETCDCTL_API picks the v3 client (the default),
 * cobra finds the command (prefix matching on), parses its flags, shows the help etcdctl
 * writes to stdout for --help, `help CMD` or a command that only groups others, and prints
 * errors as cobra's Execute and then cobrautl.ExitWithError print them (a flag error: the
 * error, the usage, a blank line, the error again, exit 1).
 */
import type { CommandContext, Program } from '../../shell/command';
import { packagesState } from '../../sim/packages/db';
import { machineOf, out } from '../lib/context';
import { Command, find, parseFlags, type CommandSpec } from './cobra';
import { alarm, authQuery, compaction, defrag, endpointHealth, endpointStatus, memberList } from './cluster-commands';
import commands from './commands.json';
import { EXIT, Invocation } from './invocation';
import { delCommand, getCommand, putCommand } from './kv-commands';
import { restoreSnapshot, saveSnapshot, snapshotStatus } from './snapshot';
import { ETCD_API_VERSION, ETCD_VERSION, etcdctlUsage } from './usage';

let tree: Command | undefined;
function root(): Command {
  return (tree ??= new Command(commands.etcdctl as CommandSpec));
}

type Handler = (inv: Invocation) => number | Promise<number>;

/** By command path below the root. */
const HANDLERS: Record<string, Handler> = {
  version: (inv) => (out(inv.ctx.stdout, `etcdctl version: ${ETCD_VERSION}\nAPI version: ${ETCD_API_VERSION}`), 0),
  get: getCommand,
  put: putCommand,
  del: delCommand,
  'member list': memberList,
  'endpoint health': endpointHealth,
  'endpoint status': endpointStatus,
  compaction,
  defrag,
  'alarm list': alarm,
  'alarm disarm': alarm,
  'auth status': authQuery((line) => (line('Authentication Status: false'), line('AuthRevision: 1'))),
  'user list': authQuery(() => undefined),
  'role list': authQuery(() => undefined),
  'snapshot save': async (inv) => {
    if (inv.args.length !== 1) return inv.fail(EXIT.badArgs, 'snapshot save expects one argument');
    const conn = await inv.client();
    return typeof conn === 'number' ? conn : saveSnapshot(inv.ctx, conn.store, inv.endpoints[0], inv.args[0]);
  },
  'snapshot status': (inv) => {
    inv.ctx.stderr.write('Deprecated: Use `etcdutl snapshot status` instead.\n\n');
    return snapshotStatus(inv.ctx, inv.write, inv.args);
  },
  'snapshot restore': (inv) => {
    inv.ctx.stderr.write('Deprecated: Use `etcdutl snapshot restore` instead.\n\n');
    return restoreSnapshot(inv.ctx, inv.args, inv.flag('data-dir'));
  },
};

function pathOf(cmd: Command): string {
  return cmd.path.split(' ').slice(1).join(' ');
}

/** cobra's help command: the usage of the command the words name, or "Unknown help topic" and the root's. */
function helpCommand(ctx: CommandContext, args: string[]): number {
  const found = find(root(), args);
  if (found.error) {
    ctx.stderr.write(`Unknown help topic [${args.map((a) => '`' + a + '`').join(' ')}]\n`);
    ctx.stdout.write(etcdctlUsage(root()));
    return 0;
  }
  ctx.stdout.write(etcdctlUsage(found.cmd));
  return 0;
}

export async function runEtcdctlV3(ctx: CommandContext, argv: string[]): Promise<number> {
  const found = find(root(), argv);
  if (found.error) {
    // Println's newline comes after the error's own (its suggestions end with one).
    ctx.stderr.write(`Error: ${found.error}\nRun '${found.cmd.path} --help' for usage.\nError: ${found.error}\n`);
    return EXIT.error;
  }
  const { cmd } = found;
  const parsed = parseFlags(cmd, found.args);
  if ('error' in parsed) {
    out(ctx.stderr, `Error: ${parsed.error}`);
    ctx.stdout.write(etcdctlUsage(cmd));
    ctx.stderr.write('\n');
    out(ctx.stderr, `Error: ${parsed.error}`);
    return EXIT.error;
  }
  if (parsed.values.get('help') === 'true' || !cmd.runnable()) {
    ctx.stdout.write(etcdctlUsage(cmd));
    return 0;
  }
  if (cmd === root().help()) return helpCommand(ctx, parsed.positional);
  const handler = HANDLERS[pathOf(cmd)];
  if (!handler) {
    out(ctx.stderr, `etcdctl ${pathOf(cmd)}: not available in the simulated cluster`);
    return EXIT.error;
  }
  return handler(new Invocation(ctx, cmd, parsed.positional, parsed.values, parsed.changed));
}

export const etcdctl: Program = async (ctx) => {
  const fromUbuntu = !!packagesState(machineOf(ctx)).installed['etcd-client'];
  const api = ctx.env.ETCDCTL_API ?? (fromUbuntu ? '2' : '3');
  const argv = ctx.argv.slice(1);
  if (fromUbuntu && (argv[0] === 'version' || argv[0] === '--version')) {
    out(ctx.stdout, `etcdctl version: 3.3.25\nAPI version: ${api === '3' ? '3.3' : '2'}`);
    return 0;
  }
  if (api === '' || api === '3') return runEtcdctlV3(ctx, argv);
  if (api === '2') {
    // etcdctl's v2 client (urfave/cli) is not modelled beyond its answer to a v3 command.
    ctx.stderr.write(`No help topic for '${argv.find((a) => !a.startsWith('-')) ?? ''}'\n`);
    return 3;
  }
  out(ctx.stderr, `unsupported API version: ${api}`);
  return 1;
};
