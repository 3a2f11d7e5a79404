/** ufw (inactive on a fresh jammy), ip6tables (an empty IPv6 ruleset), timedatectl. State in machine.ext.ufw / ext.timezone. */
import { systemdCommandLine, systemdSpecs } from './lib/systemd-getopt';
import { TIMEDATECTL_HELP } from './lib/systemd-help';
import type { CommandContext, Program } from '../shell/command';
import { isRoot, machineOf, out } from './lib/context';
import { statusTime } from '../sim/systemd/journal';

interface UfwState {
  active: boolean;
  rules: string[];
}

function ufwState(ctx: CommandContext): UfwState {
  const m = machineOf(ctx);
  return ((m.ext.ufw as UfwState | undefined) ??= { active: false, rules: [] }) as UfwState;
}

export const ufw: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const force = args[0] === '--force';
  const [verb, ...rest] = force ? args.slice(1) : args;
  if (!isRoot(ctx)) {
    ctx.stderr.write('ERROR: You need to be root to run this script\n');
    return 1;
  }
  const s = ufwState(ctx);
  switch (verb) {
    case 'status': {
      if (!s.active) {
        out(ctx.stdout, 'Status: inactive');
        return 0;
      }
      let text = 'Status: active\n';
      if (s.rules.length) {
        text += `\n${'To'.padEnd(27)}${'Action'.padEnd(12)}From\n${'--'.padEnd(27)}${'------'.padEnd(12)}----\n`;
        for (const r of s.rules) text += `${r.padEnd(27)}${'ALLOW'.padEnd(12)}Anywhere\n`;
        for (const r of s.rules) text += `${`${r} (v6)`.padEnd(27)}${'ALLOW'.padEnd(12)}Anywhere (v6)\n`;
      }
      ctx.stdout.write(text);
      return 0;
    }
    case 'allow': {
      const rule = rest.join(' ');
      if (!rule) {
        ctx.stderr.write('ERROR: Invalid syntax\n');
        return 1;
      }
      if (s.rules.includes(rule)) out(ctx.stdout, 'Skipping adding existing rule\nSkipping adding existing rule (v6)');
      else {
        s.rules.push(rule);
        out(ctx.stdout, s.active ? 'Rule added\nRule added (v6)' : 'Rules updated\nRules updated (v6)');
      }
      return 0;
    }
    case 'enable': {
      if (!force) {
        ctx.stdout.write('Command may disrupt existing ssh connections. Proceed with operation (y|n)? ');
        const answer = await ctx.stdin.read();
        if (!answer || !/^y/i.test(answer.trim())) {
          out(ctx.stdout, answer === null ? '\nAborted' : 'Aborted');
          return 0;
        }
      }
      s.active = true;
      out(ctx.stdout, 'Firewall is active and enabled on system startup');
      return 0;
    }
    case 'disable':
      s.active = false;
      out(ctx.stdout, 'Firewall stopped and disabled on system startup');
      return 0;
    case 'reload':
      out(ctx.stdout, s.active ? 'Firewall reloaded' : 'Firewall not enabled (skipping reload)');
      return 0;
    default:
      ctx.stderr.write(`ERROR: Invalid syntax\n\nUsage: ufw COMMAND\n`);
      return 1;
  }
};

const CHAINS: Record<string, string[]> = { filter: ['INPUT', 'FORWARD', 'OUTPUT'], nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'], mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'], raw: ['PREROUTING', 'OUTPUT'] };

/** ip6tables: nothing here writes IPv6 rules (the cluster is IPv4), so its tables stay empty. */
export const ip6tables: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const prog = ctx.argv[0].split('/').pop() ?? 'ip6tables';
  if (args[0] === '--version' || args[0] === '-V') {
    out(ctx.stdout, `${prog} v1.8.7 (nf_tables)`);
    return 0;
  }
  if (!isRoot(ctx)) {
    ctx.stderr.write(`${prog} v1.8.7 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n\n`);
    return 4;
  }
  let table = 'filter';
  const ti = args.indexOf('-t');
  if (ti >= 0) table = args[ti + 1] ?? 'filter';
  const chains = CHAINS[table];
  if (!chains) {
    ctx.stderr.write(`${prog} v1.8.7 (nf_tables): table '${table}' does not exist\nPerhaps ${prog} or your kernel needs to be upgraded.\n`);
    return 3;
  }
  if (args.some((a) => a === '-L' || a === '--list' || /^-[a-zA-Z]*L/.test(a))) {
    const text = chains.map((c) => `Chain ${c} (policy ACCEPT)\ntarget     prot opt source               destination         \n`).join('\n');
    ctx.stdout.write(text);
    return 0;
  }
  if (args.some((a) => ['-F', '--flush', '-X', '--delete-chain', '-Z', '--zero', '-P', '--policy', '-A', '-I', '-D'].includes(a))) return 0;
  ctx.stderr.write(`${prog} v1.8.7 (nf_tables): no command specified\nTry \`${prog} -h' or '${prog} --help' for more information.\n`);
  return 2;
};

const ZONES: Record<string, [string, number]> = { 'Etc/UTC': ['UTC', 0], UTC: ['UTC', 0], 'Asia/Shanghai': ['CST', 8], 'Asia/Tokyo': ['JST', 9], 'Europe/London': ['GMT', 0], 'America/New_York': ['EST', -5], 'Europe/Berlin': ['CET', 1] };

/** timedatectl 249's getopt table, in its order ("hH:M:p:a"). */
const TIMEDATECTL_OPTIONS = systemdSpecs([
  ['help', 'none', 'h'], ['version', 'none'], ['no-pager', 'none'], ['host', 'required', 'H'], ['machine', 'required', 'M'],
  ['no-ask-password', 'none'], ['adjust-system-clock', 'none'], ['monitor', 'none'], ['property', 'required', 'p'], ['all', 'none', 'a'], ['value', 'none'],
]);

export const timedatectl: Program = async (ctx) => {
  const m = machineOf(ctx);
  const parsed = systemdCommandLine(ctx, 'timedatectl', TIMEDATECTL_OPTIONS, TIMEDATECTL_HELP);
  if (typeof parsed === 'number') return parsed;
  const [verb, arg] = parsed.operands;
  let zone = 'Etc/UTC';
  try {
    zone = m.rootFs.readFile('/etc/timezone').trim() || zone;
  } catch {
    /* default */
  }
  if (verb === 'set-timezone') {
    if (!arg || !ZONES[arg]) {
      ctx.stderr.write(`Failed to set time zone: Invalid or missing time zone '${arg ?? ''}'.\n`);
      return 1;
    }
    if (!isRoot(ctx)) {
      ctx.stderr.write('Failed to set time zone: Access denied\n');
      return 1;
    }
    m.rootFs.writeFile('/etc/timezone', `${arg}\n`);
    return 0;
  }
  if (verb === 'set-ntp') return isRoot(ctx) ? 0 : (ctx.stderr.write('Failed to set ntp: Access denied\n'), 1);
  if (verb === 'list-timezones') {
    out(ctx.stdout, Object.keys(ZONES).filter((z) => z !== 'UTC').sort().join('\n'));
    return 0;
  }
  if (verb && verb !== 'status') {
    ctx.stderr.write(`Unknown command verb ${verb}.\n`);
    return 1;
  }
  const [abbr, offset] = ZONES[zone] ?? ['UTC', 0];
  const now = ctx.clock.now();
  const local = statusTime(now + offset * 3_600_000).replace(/ UTC$/, ` ${abbr}`);
  const sign = offset >= 0 ? '+' : '-';
  const rows: Array<[string, string]> = [
    ['Local time', local],
    ['Universal time', statusTime(now)],
    ['RTC time', statusTime(now).replace(/ UTC$/, '')],
    ['Time zone', `${zone} (${abbr}, ${sign}${String(Math.abs(offset)).padStart(2, '0')}00)`],
    ['System clock synchronized', 'yes'],
    ['NTP service', 'active'],
    ['RTC in local TZ', 'no'],
  ];
  out(ctx.stdout, rows.map(([k, v]) => `${k.padStart(25)}: ${v}`).join('\n'));
  return 0;
};
