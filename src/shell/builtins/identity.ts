/** id, groups, whoami, hostname: programs that report who and where the process is. */
import type { SessionProgram } from '../exec/interpreter';
import { findUser, groupsOf, readGroups } from '../../sim/machine/users';
import type { CommandContext } from '../command';
import { flag, parseArgs, type ParsedArgs, type OptionSpec } from '../commands/lib/args';
import { loadGnuTexts, mayNeedTexts } from '../commands/gnu-help/texts';

/** id's options in the order of id.c's long table (shortopts "agnruzGZ"; -a is accepted and ignored). */
const ID_SPECS = [flag('Z', 'context'), flag('g', 'group'), flag('G', 'groups'), flag('n', 'name'), flag('r', 'real'), flag('u', 'user'), flag('z', 'zero'), flag('a')];

/** coreutils' getopt, with the recorded --help and --version texts loaded first when they may be asked for. */
async function gnuArgs(ctx: CommandContext, specs: OptionSpec[]): Promise<ParsedArgs | number> {
  if (mayNeedTexts(ctx.argv)) await loadGnuTexts(ctx);
  return parseArgs(ctx, specs);
}

/** id.c's checks of the options, before it looks anyone up: the message, or undefined. */
function idOptionError(args: ParsedArgs): string | undefined {
  if (args.has('Z')) return '--context (-Z) works only on an SELinux-enabled kernel';
  const only = ['u', 'g', 'G'].filter((f) => args.has(f)).length;
  if (only > 1) return 'cannot print "only" of more than one choice';
  if (only === 0 && (args.has('r') || args.has('n'))) return 'cannot print only names or real IDs in default format';
  if (only === 0 && args.has('z')) return 'option --zero not permitted in default format';
  return undefined;
}

export const id: SessionProgram = async (ctx, shell) => {
  const fs = shell.env.machine.fs.admin;
  const args = await gnuArgs(ctx, ID_SPECS);
  if (typeof args === 'number') return args;
  const problem = idOptionError(args);
  if (problem) {
    ctx.stderr.write(`${ctx.argv[0]}: ${problem}\n`);
    return 1;
  }
  const flags = new Set(args.order.map((o) => o.key));
  const names = args.operands;
  const user = names.length ? findUser(fs, names[0]) : findUser(fs, ctx.user.uid);
  if (!user && !names.length && !flags.size) {
    // A process whose uid has no passwd entry (a container's runAsUser): its ids, named where the files name them.
    const creds = shell.env.user.creds;
    const groupName = (gid: number) => readGroups(fs).find((g) => g.gid === gid)?.name;
    const named = (n: number, name: string | undefined) => (name === undefined ? String(n) : `${n}(${name})`);
    // busybox lists getgroups(2) as it is (sorted); coreutils puts the effective group first (mgetgroups).
    const list = shell.env.dialect === 'ash' ? creds.groups : [creds.gid, ...creds.groups.filter((g) => g !== creds.gid)];
    ctx.stdout.write(`uid=${creds.uid} gid=${named(creds.gid, groupName(creds.gid))} groups=${list.map((g) => named(g, groupName(g))).join(',')}\n`);
    return 0;
  }
  if (!user) {
    ctx.stderr.write(`id: '${names[0]}': no such user\n`);
    return 1;
  }
  const groups = groupsOf(fs, user);
  const byName = flags.has('n');
  // -z ends each id with a NUL instead of separating them with spaces and ending with a newline.
  const end = flags.has('z') ? '\0' : '\n';
  if (flags.has('u')) {
    ctx.stdout.write(`${byName ? user.name : user.uid}${end}`);
    return 0;
  }
  if (flags.has('g')) {
    ctx.stdout.write(`${byName ? groups[0].name : user.gid}${end}`);
    return 0;
  }
  if (flags.has('G')) {
    const ids = groups.map((g) => (byName ? g.name : String(g.gid)));
    ctx.stdout.write(flags.has('z') ? ids.map((i) => `${i}\0`).join('') : `${ids.join(' ')}\n`);
    return 0;
  }
  const primary = readGroups(fs).find((g) => g.gid === user.gid);
  ctx.stdout.write(`uid=${user.uid}(${user.name}) gid=${user.gid}(${primary?.name ?? user.gid}) groups=${groups.map((g) => `${g.gid}(${g.name})`).join(',')}\n`);
  return 0;
};

/** groups (coreutils): the caller's group names, or `user : groups` for each named user. */
export const groups: SessionProgram = async (ctx, shell) => {
  const fs = shell.env.machine.fs.admin;
  const args = await gnuArgs(ctx, []);
  if (typeof args === 'number') return args;
  const names = args.operands;
  if (!names.length) {
    const me = findUser(fs, ctx.user.uid);
    ctx.stdout.write((me ? groupsOf(fs, me).map((g) => g.name) : [String(ctx.user.gid)]).join(' ') + '\n');
    return 0;
  }
  let status = 0;
  for (const name of names) {
    const user = findUser(fs, name);
    if (!user) {
      ctx.stderr.write(`groups: ‘${name}’: no such user\n`);
      status = 1;
      continue;
    }
    ctx.stdout.write(`${user.name} : ${groupsOf(fs, user).map((g) => g.name).join(' ')}\n`);
  }
  return status;
};

export const whoami: SessionProgram = async (ctx, shell) => {
  const args = await gnuArgs(ctx, []);
  if (typeof args === 'number') return args;
  if (args.operands.length) {
    ctx.stderr.write(`whoami: extra operand '${args.operands[0]}'\nTry 'whoami --help' for more information.\n`);
    return 1;
  }
  if (!findUser(shell.env.machine.fs.admin, ctx.user.uid)) {
    // No passwd entry for the uid (a container's runAsUser): busybox's xuid2uname, coreutils' getpwuid failure.
    ctx.stderr.write(shell.env.dialect === 'ash' ? `whoami: unknown uid ${ctx.user.uid}\n` : `whoami: cannot find name for user ID ${ctx.user.uid}\n`);
    return 1;
  }
  ctx.stdout.write(`${ctx.user.name}\n`);
  return 0;
};

/** The first address /etc/hosts gives a name (or its short form). */
function hostsAddress(fs: { readFile(path: string): string }, name: string): string | undefined {
  let text = '';
  try {
    text = fs.readFile('/etc/hosts');
  } catch {
    return undefined;
  }
  const short = name.split('.')[0];
  for (const raw of text.split('\n')) {
    const [ip, ...names] = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (ip && names.some((n) => n === name || n === short)) return ip;
  }
  return undefined;
}

export const hostname: SessionProgram = async (ctx, shell) => {
  const m = shell.env.machine;
  const args = ctx.argv.slice(1);
  if (!args.length || args[0] === '-s' || args[0] === '--short' || args[0] === '-f' || args[0] === '--fqdn' || args[0] === '--long') {
    ctx.stdout.write(`${args[0] === '-s' ? m.hostname.split('.')[0] : m.hostname}\n`);
    return 0;
  }
  if (args[0] === '-I' || args[0] === '--all-ip-addresses') {
    ctx.stdout.write(`${m.ip} \n`);
    return 0;
  }
  if (args[0] === '-i' || args[0] === '--ip-address') {
    // The addresses the host name resolves to, from /etc/hosts (a Pod's lists its own IP).
    const ip = hostsAddress(m.fs.admin, m.hostname);
    if (!ip) {
      ctx.stderr.write('hostname: Name or service not known\n');
      return 1;
    }
    ctx.stdout.write(`${ip}\n`);
    return 0;
  }
  if (args[0].startsWith('-')) {
    ctx.stderr.write(`hostname: invalid option -- '${args[0].replace(/^-+/, '')[0]}'\nUsage: hostname [-b] {hostname|-F file}         set host name (from file)\n`);
    return 1;
  }
  if (ctx.user.uid !== 0) {
    ctx.stderr.write('hostname: you must be root to change the host name\n');
    return 1;
  }
  m.hostname = args[0];
  m.fs.admin.writeFile('/proc/sys/kernel/hostname', `${args[0]}\n`);
  return 0;
};
