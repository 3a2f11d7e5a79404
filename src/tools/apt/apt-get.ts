/** apt-get and apt: a table of operations over the package database. */
import type { CommandContext, Program } from '../../shell/command';
import { packagesState, upgradable, versionsOf, availableVersions } from '../../sim/packages/db';
import { machineOf } from '../lib/context';
import { aptCliWarning, lockError, progress } from './common';
import { aptCommandLine } from './command-line';
import { aptInstall, type InstallOptions } from './install';
import { aptUpdate, ensureInitialLists } from './update';

interface Parsed {
  command?: string;
  args: string[];
  o: InstallOptions;
  installed: boolean;
  upgradableOnly: boolean;
  allVersions: boolean;
}

function parse(argv: string[], apt: boolean): Parsed {
  const o: InstallOptions = { yes: false, allowHeld: false, allowDowngrades: false, noInstallRecommends: false, upgradeAll: false, remove: false, purge: false, apt, dryRun: false };
  const p: Parsed = { args: [], o, installed: false, upgradableOnly: false, allVersions: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-y' || a === '--yes' || a === '--assume-yes' || a === '-yq' || a === '-qy') o.yes = true;
    else if (a === '-q' || a === '-qq' || a === '--quiet' || a === '-f' || a === '--fix-broken' || a === '--no-install-suggests' || a === '--reinstall') continue;
    else if (a === '--allow-change-held-packages') o.allowHeld = true;
    else if (a === '--allow-downgrades') o.allowDowngrades = true;
    else if (a === '--no-install-recommends') o.noInstallRecommends = true;
    else if (a === '-s' || a === '--dry-run' || a === '--simulate' || a === '--just-print') o.dryRun = true;
    else if (a === '--purge') o.purge = true;
    else if (a === '--installed') p.installed = true;
    else if (a === '--upgradable') p.upgradableOnly = true;
    else if (a === '-a' || a === '--all-versions') p.allVersions = true;
    else if (a === '-o' || a === '-c' || a === '-t') i++;
    // Anything else was checked by aptCommandLine: options apt takes that change nothing here, and words.
  }
  return p;
}

type Operation = (ctx: CommandContext, p: Parsed, apt: boolean) => Promise<number>;

const install: Operation = async (ctx, p) => {
  const lock = lockError(ctx, false);
  if (lock !== undefined) return lock;
  return aptInstall(ctx, machineOf(ctx), p.args, p.o);
};

const upgrade: Operation = async (ctx, p) => {
  const lock = lockError(ctx, false);
  if (lock !== undefined) return lock;
  // `apt upgrade PKG=VER` installs those packages (upgrades only); without packages, all that can be.
  return aptInstall(ctx, machineOf(ctx), p.args, { ...p.o, upgradeAll: p.args.length === 0 });
};

const remove =
  (purge: boolean): Operation =>
  async (ctx, p) => {
    const lock = lockError(ctx, false);
    if (lock !== undefined) return lock;
    return aptInstall(ctx, machineOf(ctx), p.args, { ...p.o, remove: true, purge: purge || p.o.purge });
  };

const update: Operation = async (ctx, p, apt) => {
  if (p.args.length) {
    ctx.stderr.write("E: The update command takes no arguments\n");
    return 100;
  }
  const lock = lockError(ctx, true);
  if (lock !== undefined) {
    if (apt) progress(ctx, 'Reading package lists', true);
    return lock;
  }
  return aptUpdate(ctx, machineOf(ctx), apt);
};

const clean: Operation = async (ctx) => lockError(ctx, false) ?? 0;

const autoremove: Operation = async (ctx, p) => {
  const lock = lockError(ctx, false);
  if (lock !== undefined) return lock;
  progress(ctx, 'Reading package lists', p.o.apt);
  progress(ctx, 'Building dependency tree', p.o.apt);
  progress(ctx, 'Reading state information', p.o.apt);
  const n = upgradable(machineOf(ctx)).length;
  ctx.stdout.write(`0 upgraded, 0 newly installed, 0 to remove and ${n} not upgraded.\n`);
  return 0;
};

/** apt list [--installed | --upgradable] [pattern]. */
const list: Operation = async (ctx, p) => {
  const machine = machineOf(ctx);
  ensureInitialLists(machine);
  const s = packagesState(machine);
  ctx.stdout.write('Listing...' + ' Done\n');
  const pattern = p.args[0] ? new RegExp('^' + p.args[0].replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$') : undefined;
  const names = new Set<string>([...Object.keys(s.installed), ...(p.installed ? [] : availableVersions(machine).map((v) => v.entry.name))]);
  const lines: string[] = [];
  const upg = new Set(upgradable(machine));
  for (const name of [...names].sort()) {
    if (pattern && !pattern.test(name)) continue;
    const inst = s.installed[name];
    if (p.installed && !inst) continue;
    if (p.upgradableOnly && !upg.has(name)) continue;
    const versions = versionsOf(machine, name);
    const shown = p.allVersions ? versions : versions.slice(0, 1);
    if (!shown.length && inst) {
      lines.push(`${name}/now ${inst.version} amd64 [installed,local]`);
      continue;
    }
    for (const v of shown) {
      const suites = versions.filter((x) => x.entry.version === v.entry.version).map((x) => x.entry.suite ?? 'unknown');
      const isInst = inst?.version === v.entry.version;
      let tag = '';
      if (isInst) tag = ` [installed${inst.auto ? ',automatic' : ''}]`;
      else if (inst && upg.has(name) && v === versions[0]) tag = ` [upgradable from: ${inst.version}]`;
      lines.push(`${name}/${[...new Set(suites)].join(',')}${isInst ? ',now' : ''} ${v.entry.version} ${v.entry.arch}${tag}`);
    }
    if (inst && !shown.some((v) => v.entry.version === inst.version) && !p.upgradableOnly) {
      if (p.allVersions || p.installed) lines.push(`${name}/now ${inst.version} amd64 [installed,local]`);
    }
  }
  if (lines.length) ctx.stdout.write(lines.join('\n') + '\n');
  return 0;
};

const OPERATIONS: Record<string, Operation> = {
  update,
  install,
  upgrade,
  'dist-upgrade': upgrade,
  'full-upgrade': upgrade,
  remove: remove(false),
  purge: remove(true),
  autoremove,
  clean,
  autoclean: clean,
};

function makeApt(apt: boolean): Program {
  return async (ctx) => {
    const line = aptCommandLine(ctx, apt ? 'apt' : 'apt-get');
    if (typeof line === 'number') return line;
    const p = { ...parse(ctx.argv.slice(1), apt), command: line.command, args: line.operands };
    const op = apt && p.command === 'list' ? list : OPERATIONS[p.command];
    if (apt) aptCliWarning(ctx);
    if (!op) {
      ctx.stderr.write(`E: Invalid operation ${p.command}\n`);
      return 100;
    }
    return op(ctx, p, apt);
  };
}

export const aptGet = makeApt(false);
export const apt = makeApt(true);

