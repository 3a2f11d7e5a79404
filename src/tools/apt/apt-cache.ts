/** apt-cache madison/policy/show/search and apt-mark hold/unhold/showhold/auto/manual. */
import type { Program } from '../../shell/command';
import { availableVersions, isKnownPackage, packageInfo, packagesState, versionsOf, type AvailableVersion } from '../../sim/packages/db';
import { compareDebVersions } from '../../sim/packages/version';
import { machineOf } from '../lib/context';
import { ensureInitialLists } from './update';
import { aptCommandLine } from './command-line';

function indexLabel(v: AvailableVersion): string {
  const uri = v.source.uri.replace(/\/+$/, '');
  return v.entry.suite ? `${uri} ${v.entry.suite}/${v.entry.component ?? 'main'} amd64 Packages` : `${uri}  Packages`;
}

export const aptCache: Program = async (ctx) => {
  const machine = machineOf(ctx);
  ensureInitialLists(machine);
  const line = aptCommandLine(ctx, 'apt-cache');
  if (typeof line === 'number') return line;
  const cmd = line.command;
  const names = line.operands;
  const s = packagesState(machine);
  if (cmd === 'madison') {
    let rc = 0;
    for (const name of names) {
      const versions = versionsOf(machine, name);
      if (!versions.length) {
        ctx.stderr.write(`N: Unable to locate package ${name}\n`);
        rc = 0;
        continue;
      }
      for (const v of versions) ctx.stdout.write(`${name.padStart(10)} | ${v.entry.version} | ${indexLabel(v)}\n`);
    }
    return rc;
  }
  if (cmd === 'policy') {
    for (const name of names) {
      const versions = versionsOf(machine, name);
      const inst = s.installed[name];
      if (!versions.length && !inst) {
        ctx.stderr.write(`N: Unable to locate package ${name}\n`);
        continue;
      }
      const candidate = versions[0]?.entry.version ?? inst?.version;
      let text = `${name}:\n  Installed: ${inst?.version ?? '(none)'}\n  Candidate: ${candidate}\n  Version table:\n`;
      const all = [...new Set([...versions.map((v) => v.entry.version), ...(inst ? [inst.version] : [])])].sort((a, b) => compareDebVersions(b, a));
      for (const ver of all) {
        const mine = inst?.version === ver;
        text += ` ${mine ? '***' : '   '} ${ver} ${mine && !versions.some((v) => v.entry.version === ver) ? 100 : 500}\n`;
        for (const v of versions.filter((x) => x.entry.version === ver)) text += `        500 ${indexLabel(v)}\n`;
        if (mine) text += '        100 /var/lib/dpkg/status\n';
      }
      ctx.stdout.write(text);
    }
    if (!names.length) ctx.stdout.write('Package files:\n 100 /var/lib/dpkg/status\n     release a=now\nPinned packages:\n');
    return 0;
  }
  if (cmd === 'show') {
    let rc = 0;
    for (const name of names) {
      const versions = versionsOf(machine, name);
      if (!isKnownPackage(machine, name)) {
        ctx.stderr.write(`N: Unable to locate package ${name}\nE: No packages found\n`);
        rc = 100;
        continue;
      }
      const info = packageInfo(name);
      const vs = versions.length ? [...new Set(versions.map((v) => v.entry.version))] : [s.installed[name].version];
      ctx.stdout.write(
        vs
          .map(
            (ver) =>
              `Package: ${name}\nVersion: ${ver}\nPriority: optional\nSection: ${info.section}\nMaintainer: ${info.maintainer}\nInstalled-Size: ${info.installedKiB}\n` +
              (info.depends.length ? `Depends: ${info.depends.join(', ')}\n` : '') +
              (info.homepage ? `Homepage: ${info.homepage}\n` : '') +
              `Filename: pool/${name}_${ver.replace(/:/g, '%3a')}_amd64.deb\nSize: ${info.debKiB * 1024}\nDescription: ${info.description}\n\n`,
          )
          .join(''),
      );
    }
    return rc;
  }
  if (cmd === 'search') {
    const re = new RegExp(names[0] ?? '', 'i');
    const seen = new Set<string>();
    const lines: string[] = [];
    for (const name of [...new Set([...Object.keys(s.installed), ...availableVersions(machine).map((v) => v.entry.name)])].sort()) {
      if (seen.has(name)) continue;
      seen.add(name);
      if (re.test(name) || re.test(packageInfo(name).description)) lines.push(`${name} - ${packageInfo(name).description}`);
    }
    if (lines.length) ctx.stdout.write(lines.join('\n') + '\n');
    return 0;
  }
  ctx.stderr.write(`E: Invalid operation ${cmd}\n`);
  return 100;
};

export const aptMark: Program = async (ctx) => {
  const machine = machineOf(ctx);
  ensureInitialLists(machine);
  const line = aptCommandLine(ctx, 'apt-mark');
  if (typeof line === 'number') return line;
  const cmd = line.command;
  const names = line.operands;
  const s = packagesState(machine);
  if (cmd === 'showhold' || cmd === 'showholds') {
    const held = Object.keys(s.installed).filter((n) => s.installed[n].hold).sort();
    if (held.length) ctx.stdout.write(held.join('\n') + '\n');
    return 0;
  }
  if (cmd === 'showmanual' || cmd === 'showauto') {
    const want = cmd === 'showauto';
    const list = Object.keys(s.installed).filter((n) => s.installed[n].auto === want).sort();
    if (list.length) ctx.stdout.write(list.join('\n') + '\n');
    return 0;
  }
  if (!['hold', 'unhold', 'auto', 'manual'].includes(cmd)) {
    ctx.stderr.write(`E: Invalid operation ${cmd}\n`);
    return 100;
  }
  if (!names.length) {
    ctx.stderr.write('E: No packages found\n');
    return 100;
  }
  for (const n of names) {
    if (!isKnownPackage(machine, n)) {
      ctx.stderr.write(`E: Unable to locate package ${n}\n`);
      return 100;
    }
  }
  if (ctx.user.uid !== 0) {
    ctx.stderr.write(cmd === 'hold' || cmd === 'unhold' ? 'E: Could not open lock file /var/lib/dpkg/lock - open (13: Permission denied)\nE: Unable to lock the administration directory (/var/lib/dpkg/), are you root?\n' : 'E: Could not create temporary file for /var/lib/apt/extended_states - mkstemp (13: Permission denied)\nE: Failed to write temporary StateFile /var/lib/apt/extended_states\n');
    return 100;
  }
  for (const n of names) {
    const inst = s.installed[n];
    if (cmd === 'hold') {
      if (!inst) {
        // dpkg can hold a package that is not installed yet: apt-mark records the selection.
        ctx.stdout.write(`${n} set on hold.\n`);
        continue;
      }
      ctx.stdout.write(inst.hold ? `${n} was already set on hold.\n` : `${n} set on hold.\n`);
      inst.hold = true;
    } else if (cmd === 'unhold') {
      ctx.stdout.write(inst?.hold ? `Canceled hold on ${n}.\n` : `${n} was already not on hold.\n`);
      if (inst) inst.hold = false;
    } else if (inst) {
      const auto = cmd === 'auto';
      ctx.stdout.write(inst.auto === auto ? `${n} was already set to ${auto ? 'automatically' : 'manually'} installed.\n` : `${n} set to ${auto ? 'automatically' : 'manually'} installed.\n`);
      inst.auto = auto;
    } else ctx.stderr.write(`${n} can not be marked as it is not installed.\n`);
  }
  return 0;
};
