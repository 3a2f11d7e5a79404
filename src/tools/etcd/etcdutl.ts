/**
 * etcdutl 3.5.21: cobra v1.1.3 with its default usage template (etcdutl keeps it, unlike
 * etcdctl), prefix matching, errors printed by cobra (with the usage on stderr for a flag
 * error) and then by main's ExitWithError. Runs version and the offline snapshot commands.
 */
import type { CommandContext, Program } from '../../shell/command';
import { out } from '../lib/context';
import { Command, find, parseFlags, type CommandSpec } from './cobra';
import { cobraUsage } from './cobra-usage';
import commands from './commands.json';
import { EXIT } from './invocation';
import { restoreSnapshot, snapshotStatus } from './snapshot';
import { ETCD_API_VERSION, ETCD_VERSION } from './usage';

let tree: Command | undefined;
function root(): Command {
  return (tree ??= new Command(commands.etcdutl as CommandSpec));
}

type Run = (ctx: CommandContext, args: string[], flag: (name: string) => string) => number;

const RUNS: Record<string, Run> = {
  version: (ctx) => (out(ctx.stdout, `etcdutl version: ${ETCD_VERSION}\nAPI version: ${ETCD_API_VERSION}`), 0),
  'snapshot status': (ctx, args, flag) => snapshotStatus(ctx, flag('write-out'), args),
  'snapshot restore': (ctx, args, flag) => {
    if (args.length === 1 && Number(flag('bump-revision')) > 0 && flag('mark-compacted') !== 'true') {
      out(ctx.stderr, 'Error: --mark-compacted required if --revision-bump > 0');
      return EXIT.badArgs;
    }
    return restoreSnapshot(ctx, args, flag('data-dir'));
  },
  'snapshot save': (ctx) => (out(ctx.stderr, 'Error: In order to download snapshot use: `etcdctl snapshot save ...`'), EXIT.badArgs),
};

export const etcdutl: Program = async (ctx) => {
  const found = find(root(), ctx.argv.slice(1));
  if (found.error) {
    ctx.stderr.write(`Error: ${found.error}\nRun '${found.cmd.path} --help' for usage.\nError: ${found.error}\n`);
    return EXIT.error;
  }
  const { cmd } = found;
  // cobra's execute prints a deprecated command's notice first (c.Printf: stderr).
  if (cmd.spec.deprecated) out(ctx.stderr, `Command ${JSON.stringify(cmd.name)} is deprecated, ${cmd.spec.deprecated}`);
  const parsed = parseFlags(cmd, found.args);
  if ('error' in parsed) {
    ctx.stderr.write(`Error: ${parsed.error}\n${cobraUsage(cmd)}\nError: ${parsed.error}\n`);
    return EXIT.error;
  }
  if (parsed.values.get('help') === 'true' || !cmd.runnable()) {
    ctx.stdout.write(cobraUsage(cmd));
    return 0;
  }
  if (cmd === root().help()) {
    const topic = find(root(), parsed.positional);
    if (topic.error) {
      ctx.stderr.write(`Unknown help topic [${parsed.positional.map((a) => '`' + a + '`').join(' ')}]\n${cobraUsage(root())}`);
      return 0;
    }
    ctx.stdout.write(cobraUsage(topic.cmd));
    return 0;
  }
  const path = cmd.path.split(' ').slice(1).join(' ');
  const run = RUNS[path];
  if (!run) {
    out(ctx.stderr, `etcdutl ${path}: not available in the simulated cluster`);
    return EXIT.error;
  }
  return run(ctx, parsed.positional, (name) => parsed.values.get(name) ?? '');
};
