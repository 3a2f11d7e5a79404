/**
 * apt-get install/upgrade/remove: plan the change (new, upgraded, downgraded, held, removed
 * packages and dependencies), print it the way apt 2.4 does, ask or refuse, then unpack and
 * set up each package through the package database.
 */
import type { CommandContext } from '../../shell/command';
import type { Machine } from '../../sim/machine/machine';
import { availableVersions, installPackage, isKnownPackage, packageInfo, packagesState, removePackage, upgradable, versionsOf, type AvailableVersion } from '../../sim/packages/db';
import { compareDebVersions, satisfies } from '../../sim/packages/version';
import { worldOf } from '../lib/context';
import { Systemd } from '../../sim/systemd/manager';
import { bytesText, buildingTree, readingLists, wrappedList } from './common';
import { ensureInitialLists } from './update';

export interface InstallOptions {
  yes: boolean;
  allowHeld: boolean;
  allowDowngrades: boolean;
  noInstallRecommends: boolean;
  /** `upgrade` with no package: every upgradable package not held. */
  upgradeAll: boolean;
  remove: boolean;
  purge: boolean;
  apt: boolean;
  dryRun: boolean;
}

interface Change {
  name: string;
  from?: string;
  to?: AvailableVersion;
  requested: boolean;
  kind: 'new' | 'upgrade' | 'downgrade' | 'remove' | 'reinstall';
}

const fail = (ctx: CommandContext, lines: string[]): number => {
  for (const l of lines) ctx.stderr.write(`${l}\n`);
  return 100;
};

function debFile(name: string, version: string, arch: string): string {
  return `${name}_${version.replace(/:/g, '%3a')}_${arch}.deb`;
}

function getLine(v: AvailableVersion): string {
  const uri = (v.repo.fetchUri ?? v.source.uri).replace(/\/+$/, '');
  // Flat repositories (pkgs.k8s.io) print no distribution and no architecture.
  if (!v.entry.suite) return `${uri}  ${v.entry.name} ${v.entry.version}`;
  return `${uri} ${v.entry.suite}/${v.entry.component ?? 'main'} amd64 ${v.entry.name} ${v.entry.arch} ${v.entry.version}`;
}

export async function aptInstall(ctx: CommandContext, machine: Machine, requests: string[], o: InstallOptions): Promise<number> {
  ensureInitialLists(machine);
  // The service manager's own units exist before any package adds one.
  void new Systemd(machine, worldOf(ctx), () => ctx.clock.now()).state;
  const state = packagesState(machine);
  readingLists(ctx, o.apt);
  buildingTree(ctx, o.apt);
  const changes = new Map<string, Change>();
  const errors: string[] = [];
  const notices: string[] = [];
  const manual: string[] = [];

  const addInstall = (name: string, version: AvailableVersion, requested: boolean) => {
    const installed = state.installed[name];
    if (installed && installed.version === version.entry.version) return;
    const kind = !installed ? 'new' : compareDebVersions(version.entry.version, installed.version) > 0 ? 'upgrade' : 'downgrade';
    changes.set(name, { name, from: installed?.version, to: version, requested, kind });
  };

  const targets = o.upgradeAll ? upgradable(machine).map((n) => n) : requests;
  const kept: string[] = [];
  for (const raw of targets) {
    let name = raw;
    let wanted: string | undefined;
    let removing = o.remove;
    if (raw.includes('=')) [name, wanted] = raw.split('=', 2);
    else if (!o.remove && raw.endsWith('-') && raw.length > 1) {
      name = raw.slice(0, -1);
      removing = true;
    }
    if (removing) {
      if (!state.installed[name]) {
        if (!isKnownPackage(machine, name)) errors.push(`E: Unable to locate package ${name}`);
        else notices.push(`Package '${name}' is not installed, so not removed`);
        continue;
      }
      changes.set(name, { name, from: state.installed[name].version, requested: true, kind: 'remove' });
      continue;
    }
    if (!isKnownPackage(machine, name)) {
      errors.push(`E: Unable to locate package ${name}`);
      continue;
    }
    const versions = versionsOf(machine, name);
    let chosen: AvailableVersion | undefined;
    if (wanted) {
      chosen = versions.find((v) => v.entry.version === wanted);
      if (!chosen) {
        errors.push(`E: Version '${wanted}' for '${name}' was not found`);
        continue;
      }
    } else chosen = versions[0];
    const installed = state.installed[name];
    if (o.upgradeAll && installed?.hold) {
      kept.push(name);
      continue;
    }
    if (!chosen || (installed && installed.version === chosen.entry.version)) {
      if (installed) {
        notices.push(`${name} is already the newest version (${installed.version}).`);
        if (installed.auto && !o.upgradeAll) {
          installed.auto = false;
          manual.push(`${name} set to manually installed.`);
        }
      }
      continue;
    }
    addInstall(name, chosen, true);
  }
  if (errors.length) return fail(ctx, errors);

  // Dependencies of everything being installed, resolved to their candidates.
  const unmet: string[] = [];
  const queue = [...changes.values()].filter((c) => c.to);
  while (queue.length) {
    const c = queue.shift() as Change;
    for (const dep of packageInfo(c.name).depends) {
      const m = /^(\S+)(?:\s*\(([^)]+)\))?$/.exec(dep);
      if (!m) continue;
      const [, depName, relation] = m;
      const planned = changes.get(depName);
      const have = planned?.to?.entry.version ?? state.installed[depName]?.version;
      if (have && satisfies(have, relation)) continue;
      const candidate = versionsOf(machine, depName).find((v) => satisfies(v.entry.version, relation));
      if (!candidate) {
        unmet.push(` ${c.name} : Depends: ${dep} but it is not installable`);
        continue;
      }
      addInstall(depName, candidate, false);
      queue.push(changes.get(depName) as Change);
    }
  }
  if (unmet.length) {
    ctx.stdout.write(
      'Some packages could not be installed. This may mean that you have\nrequested an impossible situation or if you are using the unstable\ndistribution that some required packages have not yet been created\nor been moved out of Incoming.\nThe following information may help to resolve the situation:\n\nThe following packages have unmet dependencies:\n' +
        unmet.join('\n') +
        '\n',
    );
    return fail(ctx, ['E: Unable to correct problems, you have held broken packages.']);
  }

  for (const n of notices) ctx.stdout.write(`${n}\n`);
  for (const m of manual) ctx.stdout.write(`${m}\n`);
  const list = (kind: Change['kind'], pred: (c: Change) => boolean = () => true) => [...changes.values()].filter((c) => c.kind === kind && pred(c)).map((c) => c.name).sort();
  const additional = [...changes.values()].filter((c) => !c.requested && c.kind === 'new').map((c) => c.name).sort();
  const held = [...changes.values()].filter((c) => c.kind !== 'new' && state.installed[c.name]?.hold).map((c) => c.name).sort();
  const cols = ctx.columns || 80;
  if (kept.length) ctx.stdout.write(`The following packages have been kept back:\n${wrappedList(kept.sort(), cols)}`);
  if (additional.length) ctx.stdout.write(`The following additional packages will be installed:\n${wrappedList(additional, cols)}`);
  const removed = list('remove');
  if (removed.length) ctx.stdout.write(`The following packages will be REMOVED:\n${wrappedList(removed.map((n) => (o.purge ? `${n}*` : n)), cols)}`);
  if (held.length) ctx.stdout.write(`The following held packages will be changed:\n${wrappedList(held, cols)}`);
  const added = list('new');
  if (added.length) ctx.stdout.write(`The following NEW packages will be installed:\n${wrappedList(added, cols)}`);
  const upgraded = list('upgrade');
  if (upgraded.length) ctx.stdout.write(`The following packages will be upgraded:\n${wrappedList(upgraded, cols)}`);
  const downgraded = list('downgrade');
  if (downgraded.length) ctx.stdout.write(`The following packages will be DOWNGRADED:\n${wrappedList(downgraded, cols)}`);
  const notUpgraded = upgradable(machine).filter((n) => !changes.has(n)).length;
  ctx.stdout.write(`${upgraded.length} upgraded, ${added.length} newly installed, ${downgraded.length ? `${downgraded.length} downgraded, ` : ''}${removed.length} to remove and ${notUpgraded} not upgraded.\n`);
  if (!changes.size) return 0;

  if (held.length && !o.allowHeld && o.yes) return fail(ctx, ['E: Held packages were changed and -y was used without --allow-change-held-packages.']);
  if (downgraded.length && !o.allowDowngrades && o.yes) return fail(ctx, ['E: Packages were downgraded and -y was used without --allow-downgrades.']);

  const installs = [...changes.values()].filter((c) => c.to).sort((a, b) => a.name.localeCompare(b.name));
  const download = installs.reduce((s, c) => s + packageInfo(c.name).debKiB * 1024, 0);
  const growth = installs.reduce((s, c) => s + (c.from ? 0 : packageInfo(c.name).installedKiB * 1024), 0) - [...changes.values()].filter((c) => c.kind === 'remove').reduce((s, c) => s + packageInfo(c.name).installedKiB * 1024, 0);
  if (installs.length) ctx.stdout.write(`Need to get ${bytesText(download)} of archives.\n`);
  if (growth > 0) ctx.stdout.write(`After this operation, ${bytesText(growth)} of additional disk space will be used.\n`);
  else if (growth < 0) ctx.stdout.write(`After this operation, ${bytesText(-growth)} disk space will be freed.\n`);

  if (!o.yes) {
    ctx.stdout.write('Do you want to continue? [Y/n] ');
    const answer = await readAnswer(ctx);
    if (answer === null || !/^(y|yes|)$/i.test(answer.trim())) {
      ctx.stdout.write(answer === null ? '\nAbort.\n' : 'Abort.\n');
      return 1;
    }
  }
  if (o.dryRun) return 0;

  const world = worldOf(ctx);
  const now = () => ctx.clock.now();
  installs.forEach((c, i) => ctx.stdout.write(`Get:${i + 1} ${getLine(c.to as AvailableVersion)} [${bytesText(packageInfo(c.name).debKiB * 1024)}]\n`));
  if (installs.length) {
    const secs = Math.max(1, Math.round(download / 30_000_000));
    await ctx.clock.sleep(secs * 1000);
    ctx.stdout.write(`Fetched ${bytesText(download)} in ${secs}s (${bytesText(Math.round(download / secs))}/s)\n`);
  }
  let db = 74324 + Object.keys(state.installed).length * 3;
  const dbLine = () => `(Reading database ... ${db} files and directories currently installed.)\n`;
  let first = true;
  for (const c of [...changes.values()].filter((x) => x.kind === 'remove').sort((a, b) => a.name.localeCompare(b.name))) {
    if (first) ctx.stdout.write(dbLine());
    first = false;
    ctx.stdout.write(`Removing ${c.name} (${c.from}) ...\n`);
    removePackage(machine, world, now, c.name, o.purge);
    if (o.purge) ctx.stdout.write(`Purging configuration files for ${c.name} (${c.from}) ...\n`);
  }
  installs.forEach((c, i) => {
    const v = c.to as AvailableVersion;
    const file = installs.length > 1 ? `${i}-${debFile(c.name, v.entry.version, v.entry.arch)}` : debFile(c.name, v.entry.version, v.entry.arch);
    if (!c.from) ctx.stdout.write(`Selecting previously unselected package ${c.name}.\n`);
    if (first) ctx.stdout.write(dbLine());
    first = false;
    ctx.stdout.write(`Preparing to unpack .../${file} ...\n`);
    ctx.stdout.write(c.from ? `Unpacking ${c.name} (${v.entry.version}) over (${c.from}) ...\n` : `Unpacking ${c.name} (${v.entry.version}) ...\n`);
    db += 12;
  });
  for (const c of installs) {
    const v = c.to as AvailableVersion;
    ctx.stdout.write(`Setting up ${c.name} (${v.entry.version}) ...\n`);
    const before = wantedUnits(machine);
    installPackage(machine, world, now, c.name, v.entry.version, !c.requested);
    const after = wantedUnits(machine);
    for (const unit of after.filter((u) => !before.includes(u))) {
      const target = machine.rootFs.lstat(`/etc/systemd/system/multi-user.target.wants/${unit}`)?.target;
      ctx.stdout.write(`Created symlink /etc/systemd/system/multi-user.target.wants/${unit} → ${target}.\n`);
    }
  }
  if (installs.length) ctx.stdout.write('Processing triggers for man-db (2.10.2-1) ...\n');
  return 0;
}

/** Units enabled for multi-user.target (to report the symlinks a postinst creates). */
function wantedUnits(machine: Machine): string[] {
  try {
    return machine.rootFs.readdir('/etc/systemd/system/multi-user.target.wants');
  } catch {
    return [];
  }
}

async function readAnswer(ctx: CommandContext): Promise<string | null> {
  const chunk = await ctx.stdin.read();
  if (chunk === null) return null;
  return chunk.split('\n')[0];
}

/** Everything apt can see, for callers that list (apt list). */
export function allAvailable(machine: Machine): AvailableVersion[] {
  return availableVersions(machine);
}
