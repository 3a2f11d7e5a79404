/** rpm (4.11, CentOS 7): queries of the package database (-q, -qa, -qi), --import of keys, -e. */
import type { Program } from '../shell/command';
import { packagesState } from '../sim/packages/db';
import { eraseRpm } from '../sim/packages/rpm/install';
import { parseEvr, withoutEpoch } from '../sim/packages/rpm/version';
import { isRoot, machineOf, out, worldOf } from './lib/context';

export const rpm: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const machine = machineOf(ctx);
  const installed = packagesState(machine).installed;
  const flags = args.filter((a) => a.startsWith('-'));
  const names = args.filter((a) => !a.startsWith('-'));
  const has = (...f: string[]) => flags.some((x) => f.includes(x) || (/^-[a-zA-Z]+$/.test(x) && f.some((y) => y.length === 2 && x.includes(y[1]))));
  const label = (n: string) => `${n}-${withoutEpoch(installed[n].version)}.${installed[n].arch}`;
  if (flags.includes('--import')) {
    if (!isRoot(ctx)) {
      ctx.stderr.write('error: cannot open Packages database in /var/lib/rpm\n');
      return 1;
    }
    return 0;
  }
  if (has('-e') || flags.includes('--erase')) {
    if (!isRoot(ctx)) {
      ctx.stderr.write('error: can\'t create transaction lock on /var/lib/rpm/.rpm.lock (Permission denied)\n');
      return 1;
    }
    let status = 0;
    for (const n of names) {
      const name = installed[n] ? n : Object.keys(installed).find((k) => label(k) === n || `${k}-${withoutEpoch(installed[k].version)}` === n);
      if (!name) {
        ctx.stderr.write(`error: package ${n} is not installed\n`);
        status = 1;
        continue;
      }
      eraseRpm(machine, worldOf(ctx), () => ctx.clock.now(), name);
    }
    return status;
  }
  if (!has('-q') && !flags.includes('--query')) {
    ctx.stderr.write('rpm: no operation specified\n');
    return 1;
  }
  if (has('-a') || flags.includes('--all')) {
    const pattern = names[0] ? new RegExp(`^${names[0].replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`) : undefined;
    out(ctx.stdout, Object.keys(installed).filter((n) => !pattern || pattern.test(n)).sort().map(label).join('\n'));
    return 0;
  }
  if (!names.length) {
    ctx.stderr.write('rpm: no arguments given for query\n');
    return 1;
  }
  let status = 0;
  for (const n of names) {
    if (!installed[n]) {
      out(ctx.stdout, `package ${n} is not installed`);
      status = 1;
      continue;
    }
    if (has('-i')) {
      const { version, release } = parseEvr(installed[n].version);
      out(ctx.stdout, `Name        : ${n}\nVersion     : ${version}\nRelease     : ${release}\nArchitecture: ${installed[n].arch}\nInstall Date: Thu 15 Jan 2026 08:00:00 AM UTC\nGroup       : Unspecified\nSize        : 0\nLicense     : ASL 2.0\nSource RPM  : ${n}-${version}-${release}.src.rpm\nFrom repo   : ${installed[n].repo ?? 'anaconda'}`);
    } else out(ctx.stdout, label(n));
  }
  return status;
};
