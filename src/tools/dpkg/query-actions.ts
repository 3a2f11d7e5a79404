/**
 * The actions of dpkg-query 1.21 (src/querycmd.c) over a machine's package database: --show,
 * --status, --print-avail, --listfiles and --search. --list lives in list.ts.
 */
import type { DpkgPackage } from './database';
import { Fatal, type Io } from './output';
import { parseFormat, renderFormat } from './format';
import { reportMisses } from './list';
import { PathIndex, trimSlashDot } from './path-index';
import { singlePackage, specMatches } from './pkg-spec';
import { stanza } from './stanza';
import { BadUsage } from './options';
import { fnmatch as fnmatchPath } from './fnmatch';

export const DEFAULT_SHOWFORMAT = '${binary:Package}\t${Version}\n';

export function showPackages(io: Io, packages: DpkgPackage[], patterns: string[], format: string): number {
  const nodes = parseFormat(format);
  if (typeof nodes === 'string') {
    io.notice(`error in show format: ${nodes}`);
    return 1;
  }
  const selected = patterns.length ? packages.filter((p) => patterns.some((s) => specMatches(s, p))) : packages;
  io.out(selected.map((p) => renderFormat(nodes, p)).join(''));
  return reportMisses(io, packages, patterns);
}

/** An argument naming one package (-s, -p, -L): a bad name is a usage error of that action. */
export function namedPackage(action: string, arg: string, packages: DpkgPackage[]): { pkg?: DpkgPackage; name: string } {
  const r = singlePackage(arg, packages);
  if ('error' in r) throw new BadUsage(`--${action} needs a valid package name but '${arg}' is not: ${r.error}`);
  return r;
}

export function printStatus(io: Io, packages: DpkgPackage[], args: string[]): number {
  if (!args.length) {
    io.out(packages.map((p) => stanza(p) + '\n').join(''));
    return 0;
  }
  let failures = 0;
  args.forEach((arg, i) => {
    const { pkg, name } = namedPackage('status', arg, packages);
    if (pkg) io.out(stanza(pkg));
    else {
      io.notice(`package '${name}' is not installed and no information is available`);
      failures++;
    }
    if (i < args.length - 1) io.out('\n');
  });
  if (failures) io.err('Use dpkg --info (= dpkg-deb --info) to examine archive files.\n');
  return failures;
}

/** --print-avail: dpkg's available file, which apt does not fill, holds nothing. */
export function printAvail(io: Io, packages: DpkgPackage[], args: string[]): number {
  let failures = 0;
  args.forEach((arg, i) => {
    const { name } = namedPackage('print-avail', arg, packages);
    io.notice(`package '${name}' is not available`);
    failures++;
    if (i < args.length - 1) io.out('\n');
  });
  return failures;
}

export function listFiles(io: Io, packages: DpkgPackage[], args: string[]): number {
  if (!args.length) throw new BadUsage('--listfiles needs at least one package name argument');
  let failures = 0;
  args.forEach((arg, i) => {
    const { pkg, name } = namedPackage('listfiles', arg, packages);
    if (!pkg) {
      io.notice(`package '${name}' is not installed`);
      failures++;
    } else if (!pkg.files.length) io.out(`Package '${pkg.name}' does not contain any files (!)\n`);
    else io.out(pkg.files.map((f) => `${f}\n`).join(''));
    if (i < args.length - 1) io.out('\n');
  });
  if (failures) io.err('Use dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n');
  return failures;
}

export function searchFiles(io: Io, packages: DpkgPackage[], args: string[]): number {
  if (!args.length) throw new BadUsage('--search needs at least one file name pattern argument');
  const index = new PathIndex(packages);
  let failures = 0;
  for (const arg of args) {
    // An argument that does not start like a pattern or an absolute path matches anywhere.
    const pattern = arg === '' || '*[?/'.includes(arg[0]) ? arg : `*${arg}*`;
    let found = 0;
    if (!/[*[?\\]/.test(pattern)) {
      const node = index.find(trimSlashDot(pattern));
      if (node?.owners.length) {
        io.out(`${node.owners.join(', ')}: ${node.name}\n`);
        found++;
      }
    } else {
      for (const node of index.all()) {
        if (!node.owners.length || !fnmatchPath(pattern, node.name)) continue;
        io.out(`${node.owners.join(', ')}: ${node.name}\n`);
        found++;
      }
    }
    if (!found) {
      io.notice(`no path found matching pattern ${pattern}`);
      failures++;
    }
  }
  return failures;
}

/** The control files dpkg keeps for a package in /var/lib/dpkg/info (here only md5sums). */
function controlFiles(pkg: DpkgPackage): Record<string, string> {
  return { md5sums: pkg.md5sums };
}

const INFO_DIR = '/var/lib/dpkg/info';

/** --control-path, --control-list, --control-show (src/querycmd.c control_*). */
export function controlQuery(io: Io, action: string, packages: DpkgPackage[], args: string[]): number {
  const [arg, file, extra] = args;
  if (action === 'control-list' && (!arg || file !== undefined)) throw new BadUsage(`--${action} takes one package name argument`);
  if (action === 'control-show' && (!arg || file === undefined || extra !== undefined)) throw new BadUsage(`--${action} takes exactly two arguments`);
  if (!arg) throw new BadUsage(`--${action} needs at least one package name argument`);
  if (action === 'control-path' && extra !== undefined) throw new BadUsage(`--${action} takes at most two arguments`);
  if (file !== undefined) for (const c of '/.') if (file.includes(c)) throw new BadUsage(`control file contains ${c}`);
  const { pkg, name } = namedPackage(action, arg, packages);
  if (!pkg) throw new Fatal(`package '${name}' is not installed`);
  const files = controlFiles(pkg);
  const names = Object.keys(files).filter((f) => file === undefined || f === file);
  if (action === 'control-list') io.out(names.map((f) => `${f}\n`).join(''));
  else if (action === 'control-path') io.out(names.map((f) => `${INFO_DIR}/${pkg.name}.${f}\n`).join(''));
  else {
    if (!Object.hasOwn(files, file)) throw new Fatal(`control file '${file}' does not exist`);
    io.out(files[file]);
  }
  return 0;
}
