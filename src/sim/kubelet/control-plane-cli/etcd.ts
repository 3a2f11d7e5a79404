/**
 * The etcd binary of the etcd image (`kubectl exec -n kube-system etcd-NODE -- etcd -h`), v3.5.21,
 * up to the point where it would start a member: etcdmain parses its arguments with Go's flag
 * package (server/etcdmain/config.go parse) before anything else.
 *
 * - -h, -help, --help (etcd defines no such flag): flag.Parse calls the FlagSet's Usage, which
 *   prints usageline on stderr, then etcd prints flagsline on stdout and exits 0 — so
 *   `etcd --help | grep snapshot` filters the flag list while the usage stays on the terminal;
 * - a flag error (`flag provided but not defined: -bogus`, `flag needs an argument: -name`…):
 *   the message and usageline on stderr, exit 2;
 * - an argument that is not a flag (`etcd help`): parsing stops there and etcd refuses it before
 *   reading any other setting — its default zap logger (JSON on stderr) logs the command line
 *   (etcdmain/etcd.go:73) and "failed to verify flags" (etcd.go:75), exit 1;
 * - --version: the version, exit 0.
 *
 * Anything else would start a second member next to the running one; that run is not simulated
 * and answers as a program this simulation does not provide (see versionOnly's caller).
 */
import type { CommandContext, Program } from '../../../shell/command';
import { etcdFlagParse, ETCD_USAGE } from '../../cluster/component-flags';
import { zap } from '../../cluster/control-plane-processes';
import { etcdVersionText } from '../../etcd/build';
import { parseBool } from '../../pflag';

let flagsline: Promise<string> | undefined;
/** The help text (13 KB): loaded the first time someone asks for it. */
const helpText = () => (flagsline ??= import('./etcd-help.json').then((m) => (m.default ?? m).flagsline));

export function etcdProgram(otherwise: Program): Program {
  return async (ctx) => {
    const parsed = etcdFlagParse(ctx.argv.slice(1));
    if ('error' in parsed) {
      ctx.stderr.write(`${parsed.error}\n${ETCD_USAGE}\n`);
      return 2;
    }
    if ('help' in parsed) {
      ctx.stderr.write(`${ETCD_USAGE}\n`);
      ctx.stdout.write(`${await helpText()}\n`);
      return 0;
    }
    if (parsed.rest.length) return refuseArgument(ctx, parsed.rest[0]);
    if (parsed.values.version !== undefined && parseBool(parsed.values.version)) {
      ctx.stdout.write(etcdVersionText());
      return 0;
    }
    return otherwise(ctx);
  };
}

/** config.parse's `'%s' is not a valid flag`, logged by the logger etcd makes when it has none yet. */
function refuseArgument(ctx: CommandContext, arg: string): number {
  const at = ctx.clock.now();
  ctx.stderr.write(`${zap('info', at, 101, 'etcdmain/etcd.go:73', 'Running: ', { args: [...ctx.argv] })}\n`);
  ctx.stderr.write(`${zap('warn', at, 187, 'etcdmain/etcd.go:75', 'failed to verify flags', { error: `'${arg}' is not a valid flag` })}\n`);
  return 1;
}
