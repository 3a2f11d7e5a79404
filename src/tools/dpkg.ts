/** dpkg and dpkg-query (1.21 as on jammy): -l, -W, -s, -L, --get-selections, --compare-versions. */
import type { CommandContext, Program } from '../shell/command';
import { packageInfo, packagesState } from '../sim/packages/db';
import { PAYLOADS } from '../sim/packages/files';
import { compareDebVersions, satisfies } from '../sim/packages/version';
import { machineOf } from './lib/context';

function globToRe(p: string): RegExp {
  return new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
}

function listPackages(ctx: CommandContext, patterns: string[], prog: string): number {
  const s = packagesState(machineOf(ctx));
  const names = Object.keys(s.installed).sort();
  const selected = patterns.length ? names.filter((n) => patterns.some((p) => globToRe(p).test(n))) : names;
  const missing = patterns.filter((p) => !names.some((n) => globToRe(p).test(n)));
  if (selected.length) {
    const rows = selected.map((n) => [s.installed[n].hold ? 'hi' : 'ii', n, s.installed[n].version, s.installed[n].arch, packageInfo(n).description]);
    const w1 = Math.max(14, ...rows.map((r) => r[1].length));
    const w2 = Math.max(12, ...rows.map((r) => r[2].length));
    const w3 = 12;
    const descW = Math.max(10, (ctx.columns || 80) - w1 - w2 - w3 - 7);
    let text = 'Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n';
    text += `||/ ${'Name'.padEnd(w1)} ${'Version'.padEnd(w2)} ${'Architecture'.padEnd(w3)} Description\n`;
    text += `+++-${'='.repeat(w1)}-${'='.repeat(w2)}-${'='.repeat(w3)}-${'='.repeat(descW)}\n`;
    for (const r of rows) text += `${r[0]}  ${r[1].padEnd(w1)} ${r[2].padEnd(w2)} ${r[3].padEnd(w3)} ${r[4]}\n`;
    ctx.stdout.write(text);
  }
  for (const p of missing) ctx.stderr.write(`${prog === 'dpkg' ? 'dpkg-query' : prog}: no packages found matching ${p}\n`);
  return missing.length ? 1 : 0;
}

function showPackage(ctx: CommandContext, names: string[], prog: string): number {
  const s = packagesState(machineOf(ctx));
  let rc = 0;
  for (const n of names) {
    const inst = s.installed[n];
    if (!inst) {
      ctx.stderr.write(`${prog === 'dpkg' ? 'dpkg-query' : prog}: package '${n}' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n`);
      rc = 1;
      continue;
    }
    const info = packageInfo(n);
    ctx.stdout.write(
      `Package: ${n}\nStatus: ${inst.hold ? 'hold' : 'install'} ok installed\nPriority: optional\nSection: ${info.section}\nInstalled-Size: ${info.installedKiB}\nMaintainer: ${info.maintainer}\nArchitecture: ${inst.arch}\nVersion: ${inst.version}\n` +
        (info.depends.length ? `Depends: ${info.depends.join(', ')}\n` : '') +
        `Description: ${info.description}\n` +
        (info.homepage ? `Homepage: ${info.homepage}\n` : ''),
    );
  }
  return rc;
}

function listFiles(ctx: CommandContext, names: string[], prog: string): number {
  const s = packagesState(machineOf(ctx));
  for (const n of names) {
    if (!s.installed[n]) {
      ctx.stderr.write(`${prog === 'dpkg' ? 'dpkg-query' : prog}: package '${n}' is not installed\nUse dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n`);
      return 1;
    }
    const p = PAYLOADS[n];
    const paths = [...Object.entries(p?.programs ?? {}).map(([prog2, dir]) => `${dir}/${prog2}`), ...Object.keys(p?.files ?? {})].sort();
    const dirs = new Set<string>(['/.']);
    for (const path of paths) {
      const parts = path.split('/').slice(1, -1);
      for (let i = 1; i <= parts.length; i++) dirs.add('/' + parts.slice(0, i).join('/'));
    }
    ctx.stdout.write([...dirs].sort().concat(paths).sort().join('\n') + '\n');
  }
  return 0;
}

function showFormat(ctx: CommandContext, names: string[], format: string | undefined): number {
  const s = packagesState(machineOf(ctx));
  let rc = 0;
  const selected = names.length ? names : Object.keys(s.installed).sort();
  for (const n of selected) {
    const inst = s.installed[n];
    if (!inst) {
      ctx.stderr.write(`dpkg-query: no packages found matching ${n}\n`);
      rc = 1;
      continue;
    }
    const fmt = format ?? '${binary:Package}\t${Version}\n';
    ctx.stdout.write(
      fmt
        .replace(/\$\{(binary:)?Package\}/g, n)
        .replace(/\$\{Version\}/g, inst.version)
        .replace(/\$\{Architecture\}/g, inst.arch)
        .replace(/\$\{Status\}/g, `${inst.hold ? 'hold' : 'install'} ok installed`)
        .replace(/\$\{db:Status-Abbrev\}/g, inst.hold ? 'hi ' : 'ii ')
        .replace(/\\n/g, '\n')
        .replace(/\\t/g, '\t'),
    );
  }
  return rc;
}

function makeDpkg(prog: 'dpkg' | 'dpkg-query'): Program {
  return async (ctx) => {
    const argv = ctx.argv.slice(1);
    let format: string | undefined;
    const rest: string[] = [];
    let action: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '-f' || a === '--showformat') format = argv[++i];
      else if (a.startsWith('--showformat=')) format = a.slice(13);
      else if (a.startsWith('-f') && a.length > 2 && action) format = a.slice(2);
      else if (!action && a.startsWith('-')) action = a;
      else rest.push(a);
    }
    switch (action) {
      case '-l':
      case '--list':
        return listPackages(ctx, rest, prog);
      case '-s':
      case '--status':
        return showPackage(ctx, rest, prog);
      case '-L':
      case '--listfiles':
        return listFiles(ctx, rest, prog);
      case '-W':
      case '--show':
        return showFormat(ctx, rest, format);
      case '--get-selections': {
        const s = packagesState(machineOf(ctx));
        for (const n of Object.keys(s.installed).sort()) ctx.stdout.write(`${n}${'\t'.repeat(Math.max(1, Math.ceil((48 - n.length) / 8)))}${s.installed[n].hold ? 'hold' : 'install'}\n`);
        return 0;
      }
      case '--compare-versions': {
        const [a, op, b] = rest;
        if (!a || !op || !b) {
          ctx.stderr.write('dpkg: error: --compare-versions takes three arguments: <version> <relation> <version>\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse \'apt\' or \'aptitude\' for user-friendly package management;\nType dpkg -Dhelp for a list of dpkg debug flag values;\nType dpkg --force-help for a list of forcing options;\nType dpkg-deb --help for help about manipulating *.deb files;\n\nOptions marked [*] produce a lot of output - pipe it through \'less\' or \'more\' !\n');
          return 2;
        }
        const rel = { lt: '<<', le: '<=', eq: '=', ne: '!=', ge: '>=', gt: '>>' }[op] ?? op;
        if (rel === '!=') return compareDebVersions(a, b) !== 0 ? 0 : 1;
        return satisfies(a, `${rel} ${b}`) ? 0 : 1;
      }
      case '--print-architecture':
        ctx.stdout.write('amd64\n');
        return 0;
      case undefined:
        ctx.stderr.write(`${prog}: error: need an action option\n\nType ${prog} --help for help about ${prog === 'dpkg' ? 'installing and deinstalling packages [*]' : 'querying packages'};\n`);
        return 2;
      default:
        if (prog === 'dpkg' && (action === '-i' || action === '--install' || action === '-r' || action === '--remove' || action === '-P' || action === '--purge') && ctx.user.uid !== 0) {
          ctx.stderr.write(`dpkg: error: requested operation requires superuser privilege\n`);
          return 2;
        }
        ctx.stderr.write(`${prog}: error: unknown option ${action}\n\nType ${prog} --help for help about ${prog === 'dpkg' ? 'installing and deinstalling packages [*]' : 'querying packages'};\n`);
        return 2;
    }
  };
}

export const dpkg = makeDpkg('dpkg');
export const dpkgQuery = makeDpkg('dpkg-query');
