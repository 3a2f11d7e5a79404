/**
 * iptables, iptables-save and iptables-restore (1.8.7, nf_tables, as on Ubuntu 22.04) over the
 * machine's rules (src/sim/network/netfilter). The daemons that own rules (kube-proxy, the kubelet,
 * flanneld) bring theirs up to date before each command reads or writes.
 */
import type { CommandContext, Program } from '../shell/command';
import { getNetwork } from '../shell/commands/lib/system';
import { strftime } from '../shell/commands/lib/time';
import { isRoot, machineOf } from './lib/context';
import { iptablesHelp } from './iptables-help';
import { hostsEntries } from './getent';
import { syncNetfilterAgents } from '../sim/network/netfilter/agents';
import { runCommand } from '../sim/network/netfilter/commands';
import { ParameterProblem } from '../sim/network/netfilter/extensions';
import { saveTable, type ListFormat } from '../sim/network/netfilter/list';
import { BadArgument, parseInvocation, VersionProblem } from '../sim/network/netfilter/parse';
import { restoreRules } from '../sim/network/netfilter/restore';
import { isTableName, netfilterOf, TABLE_ORDER, type NetfilterState } from '../sim/network/netfilter/state';

/**
 * The iptables of the machine's distribution: Ubuntu 22.04's 1.8.7 on nf_tables, CentOS 7's legacy
 * 1.4.21 (whose messages have no "(nf_tables)" and whose tables need root to be read at all).
 */
function flavour(ctx: CommandContext): { version: string; nft: boolean } {
  return machineOf(ctx).os.id === 'centos' ? { version: '1.4.21', nft: false } : { version: '1.8.7', nft: true };
}

/** "iptables v1.8.7 (nf_tables)", the prefix of iptables' messages. */
function banner(ctx: CommandContext, prog: string): string {
  const f = flavour(ctx);
  return `${prog} v${f.version}${f.nft ? ' (nf_tables)' : ''}`;
}

function progName(ctx: CommandContext): string {
  return ctx.argv[0].split('/').pop() ?? 'iptables';
}

function tryHelp(prog: string): string {
  return `Try \`${prog} -h' or '${prog} --help' for more information.\n`;
}

/** The machine's rules, after its rule-owning daemons have caught up. */
function rulesOf(ctx: CommandContext): NetfilterState {
  const machine = machineOf(ctx);
  syncNetfilterAgents(machine);
  return netfilterOf(machine);
}

function resolver(ctx: CommandContext): (name: string) => string | undefined {
  return (name) => hostsEntries(ctx).find((e) => e.names.includes(name) && /^\d+\.\d+\.\d+\.\d+$/.test(e.addr))?.addr ?? getNetwork().resolve(ctx, name) ?? undefined;
}

/** A problem iptables blames on its version or the kernel (status 3). */
function versionProblem(ctx: CommandContext, prog: string, message: string): number {
  ctx.stderr.write(`${banner(ctx, prog)}: ${message}\nPerhaps ${prog} or your kernel needs to be upgraded.\n`);
  return 3;
}

function noSuchTable(ctx: CommandContext, prog: string, table: string): number {
  return versionProblem(ctx, prog, `table '${table}' does not exist`);
}

function notRoot(ctx: CommandContext, prog: string): number {
  if (!flavour(ctx).nft) return versionProblem(ctx, prog, "can't initialize iptables table `filter': Permission denied (you must be root)");
  ctx.stderr.write(`${banner(ctx, prog)}: Could not fetch rule set generation id: Permission denied (you must be root)\n\n`);
  return 4;
}

export const iptables: Program = async (ctx) => {
  const prog = progName(ctx);
  let inv;
  try {
    inv = parseInvocation(ctx.argv.slice(1), resolver(ctx));
  } catch (e) {
    if (e instanceof BadArgument) {
      ctx.stderr.write(`Bad argument \`${e.message}'\n${tryHelp(prog)}`);
      return 2;
    }
    if (e instanceof ParameterProblem) {
      ctx.stderr.write(`${banner(ctx, prog)}: ${e.message}\n${tryHelp(prog)}`);
      return 2;
    }
    if (e instanceof VersionProblem) return versionProblem(ctx, prog, e.message);
    throw e;
  }
  if (inv.version) {
    ctx.stdout.write(`${banner(ctx, prog)}\n`);
    return 0;
  }
  if (inv.help) {
    ctx.stdout.write(iptablesHelp(prog, flavour(ctx).version));
    return 0;
  }
  if (!isRoot(ctx)) return notRoot(ctx, prog);
  const hosts = hostsEntries(ctx);
  const format: ListFormat = { numeric: inv.numeric, verbose: inv.verbose, exact: inv.exact, lineNumbers: inv.lineNumbers, hostName: (ip) => hosts.find((e) => e.addr === ip)?.names[0] };
  const result = runCommand(rulesOf(ctx), inv, format);
  ctx.stdout.write(result.stdout);
  if (result.problem) {
    ctx.stderr.write(`${banner(ctx, prog)}: ${result.problem.message}\n${tryHelp(prog)}`);
    return 2;
  }
  if (result.failure) {
    ctx.stderr.write(`${prog.replace(/-legacy$/, '')}: ${result.failure}.\n`);
    return 1;
  }
  if (result.resourceBusy) {
    ctx.stderr.write(`${banner(ctx, prog)}:  ${result.resourceBusy}\n`);
    return 4;
  }
  return 0;
};

/** ctime(3): "Mon Nov 23 02:14:08 2026". */
function ctime(ms: number): string {
  return strftime('%a %b %e %H:%M:%S %Y', ms);
}

export const iptablesSave: Program = async (ctx) => {
  const prog = progName(ctx);
  const args = ctx.argv.slice(1);
  let table: string | undefined;
  let counters = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-c' || a === '--counters') counters = true;
    else if (a === '-t' || a === '--table') table = args[++i];
    else if (a.startsWith('--table=')) table = a.slice(8);
    else if (a.startsWith('-t') && a.length > 2) table = a.slice(2);
    else if (a === '-V' || a === '--version') {
      ctx.stdout.write(`${banner(ctx, prog)}\n`);
      return 0;
    } else {
      ctx.stderr.write(`${prog}: invalid option -- '${a.replace(/^-+/, '')[0] ?? ''}'\nLook at manual page \`${prog}.8' for more information.\n`);
      return 1;
    }
  }
  if (!isRoot(ctx)) return notRoot(ctx, prog);
  if (table !== undefined && !isTableName(table)) return noSuchTable(ctx, prog, table);
  const state = rulesOf(ctx);
  const now = ctx.clock.now();
  let text = '';
  for (const name of TABLE_ORDER) {
    const t = state.tables[name];
    if (!t || (table !== undefined && table !== name)) continue;
    text += `# Generated by ${prog} v${flavour(ctx).version} on ${ctime(now)}\n${saveTable(t, name, counters)}# Completed on ${ctime(now)}\n`;
  }
  ctx.stdout.write(text);
  return 0;
};

export const iptablesRestore: Program = async (ctx) => {
  const prog = progName(ctx);
  const args = ctx.argv.slice(1);
  let noflush = false;
  let counters = false;
  let test = false;
  let table: string | undefined;
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--noflush') noflush = true;
    else if (a === '-c' || a === '--counters') counters = true;
    else if (a === '-t' || a === '--test') test = true;
    else if (a === '-v' || a === '--verbose' || a === '-w' || a === '--wait') continue;
    else if (a === '-T' || a === '--table') table = args[++i];
    else if (a.startsWith('--table=')) table = a.slice(8);
    else if (a === '-V' || a === '--version') {
      ctx.stdout.write(`${banner(ctx, prog)}\n`);
      return 0;
    } else if (!a.startsWith('-') && file === undefined) file = a;
    else {
      ctx.stderr.write(`Unknown arguments found on commandline\n`);
      return 1;
    }
  }
  let text: string;
  try {
    text = file === undefined ? await ctx.stdin.readAll() : ctx.fs.readFile(file);
  } catch {
    ctx.stderr.write(`Can't open ${file}: No such file or directory\n`);
    return 1;
  }
  if (!isRoot(ctx)) return notRoot(ctx, prog);
  if (table !== undefined && !isTableName(table)) return noSuchTable(ctx, prog, table);
  const state = rulesOf(ctx);
  const target: NetfilterState = test ? structuredClone(state) : state;
  const error = restoreRules(target, text, { noflush, counters, table: table as never }, resolver(ctx));
  if (!error) return 0;
  if (error.kind === 'failed') {
    ctx.stderr.write(`${prog}: line ${error.line} failed\n`);
    return 1;
  }
  const message = error.kind === 'bad-argument' ? `Bad argument \`${error.argument}'` : `${banner(ctx, prog)}: ${error.message}`;
  ctx.stderr.write(`${message}\nError occurred at line: ${error.line}\n${tryHelp(prog)}`);
  return 2;
};
