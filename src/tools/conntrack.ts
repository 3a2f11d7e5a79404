/**
 * conntrack (conntrack-tools 1.4.6, installed with the kubelet's package) over the machine's
 * connection tracking table (src/sim/network/conntrack.ts): -L with -p/-s/-d/--sport/--dport/
 * --src-nat/--dst-nat filters, -C, -D, -F, --version. Its summaries go to stderr, as the real one's.
 */
import type { CommandContext, Program } from '../shell/command';
import { isRoot, machineOf, worldOf } from './lib/context';
import { conntrackTable, deleteEntries, entryLine, type ConntrackEntry } from '../sim/network/conntrack';
import { daemonConnections } from '../sim/network/conntrack-daemons';
import { clusterOf } from '../sim/cluster/attach';

const BANNER = 'conntrack v1.4.6 (conntrack-tools)';

type Filter = (e: ConntrackEntry) => boolean;

/** Filters by option: each takes a value (or none) and tests an entry's original or reply direction. */
const FILTERS: Record<string, { arity: 0 | 1; make: (v: string) => Filter }> = {
  '-p': { arity: 1, make: (v) => (e) => e.proto === v.toLowerCase() },
  '--proto': { arity: 1, make: (v) => (e) => e.proto === v.toLowerCase() },
  '-s': { arity: 1, make: (v) => (e) => e.src === v },
  '--src': { arity: 1, make: (v) => (e) => e.src === v },
  '--orig-src': { arity: 1, make: (v) => (e) => e.src === v },
  '-d': { arity: 1, make: (v) => (e) => e.dst === v },
  '--dst': { arity: 1, make: (v) => (e) => e.dst === v },
  '--orig-dst': { arity: 1, make: (v) => (e) => e.dst === v },
  '-r': { arity: 1, make: (v) => (e) => e.replySrc === v },
  '--reply-src': { arity: 1, make: (v) => (e) => e.replySrc === v },
  '--sport': { arity: 1, make: (v) => (e) => e.sport === Number(v) },
  '--orig-port-src': { arity: 1, make: (v) => (e) => e.sport === Number(v) },
  '--dport': { arity: 1, make: (v) => (e) => e.dport === Number(v) },
  '--orig-port-dst': { arity: 1, make: (v) => (e) => e.dport === Number(v) },
  // -g: the destination was translated (kube-proxy's DNAT of a Service address)
  '-g': { arity: 0, make: () => (e) => e.replySrc !== e.dst || e.replySport !== e.dport },
  '--dst-nat': { arity: 0, make: () => (e) => e.replySrc !== e.dst || e.replySport !== e.dport },
};

const COMMANDS: Record<string, 'list' | 'count' | 'delete' | 'flush' | 'version'> = {
  '-L': 'list', '--dump': 'list', '-C': 'count', '--count': 'count', '-D': 'delete', '--delete': 'delete', '-F': 'flush', '--flush': 'flush', '-V': 'version', '--version': 'version',
};

function table(ctx: CommandContext): ConntrackEntry[] {
  const machine = machineOf(ctx);
  const world = worldOf(ctx);
  const cluster = world ? clusterOf(world) : undefined;
  return conntrackTable(machine, ctx.clock.now(), cluster ? daemonConnections(cluster, machine) : []);
}

function usageError(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`${BANNER}: ${message}\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`);
  return 2;
}

export const conntrack: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let command: (typeof COMMANDS)[string] | undefined;
  const filters: Filter[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (COMMANDS[a]) {
      command = COMMANDS[a];
      // The table a command may name: conntrack (the default) or expect; any other word is no table.
      const table = args[i + 1];
      if (table !== undefined && !table.startsWith('-')) {
        if (table !== 'conntrack' && table !== 'expect') return usageError(ctx, `unknown type \`${table}'`);
        i++;
      }
      continue;
    }
    const f = FILTERS[a];
    if (!f) {
      // Any other option is unknown (opterr is off: conntrack words it); a word after no command, the
      // default command's missing --dst.
      return usageError(ctx, a.startsWith('-') ? `unknown option \`${a}'` : "You need to supply the `--dst' option for this command");
    }
    const value = f.arity ? args[++i] : '';
    if (f.arity && value === undefined) {
      ctx.stderr.write(`${BANNER}: option \`${a}' requires an argument\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`);
      return 2;
    }
    filters.push(f.make(value));
  }
  if (command === 'version') {
    ctx.stdout.write(`${BANNER}\n`);
    return 0;
  }
  if (!command) command = 'list';
  if (!isRoot(ctx)) {
    ctx.stderr.write(`${BANNER}: Operation failed: Operation not permitted\n`);
    return 1;
  }
  const matches = (e: ConntrackEntry) => filters.every((f) => f(e));
  if (command === 'flush') {
    deleteEntries(machineOf(ctx), ctx.clock.now(), () => true);
    ctx.stderr.write(`${BANNER}: connection tracking table has been emptied.\n`);
    return 0;
  }
  if (command === 'delete') {
    const n = deleteEntries(machineOf(ctx), ctx.clock.now(), matches);
    ctx.stderr.write(`${BANNER}: ${n} flow entries have been deleted.\n`);
    return 0;
  }
  // -C is the kernel's count of all entries (nf_conntrack_count), whatever the filters
  if (command === 'count') {
    ctx.stdout.write(`${table(ctx).length}\n`);
    return 0;
  }
  const entries = table(ctx).filter(matches);
  ctx.stdout.write(entries.map((e) => `${entryLine(e)}\n`).join(''));
  ctx.stderr.write(`${BANNER}: ${entries.length} flow entries have been shown.\n`);
  return 0;
};
