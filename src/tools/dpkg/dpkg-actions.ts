/** dpkg's own query-like actions (src/select.c, src/enquiry.c): selections, versions, architectures. */
import type { DpkgPackage } from './database';
import type { Io } from './output';
import { Fatal } from './output';
import { BadUsage } from './options';
import { archIllegal, nameIllegal, specMatches } from './pkg-spec';
import { compareDebVersions } from '../../sim/packages/version';

/** `name<tabs>want`: tabs up to column 48, at least one (getsel1package). */
function selectionLine(p: DpkgPackage): string {
  const tabs = Math.max(1, 6 - (p.name.length >> 3));
  return `${p.name}${'\t'.repeat(tabs)}${p.want}\n`;
}

/** --get-selections: every package, or each pattern's in turn; a miss is only a notice (exit 0). */
export function getSelections(io: Io, packages: DpkgPackage[], args: string[]): number {
  if (!args.length) {
    io.out(packages.map(selectionLine).join(''));
    return 0;
  }
  for (const arg of args) {
    const found = packages.filter((p) => specMatches(arg, p));
    if (!found.length) io.notice(`no packages found matching ${arg}`);
    io.out(found.map(selectionLine).join(''));
  }
  return 0;
}

export function printArchitecture(io: Io, args: string[], action: string, archs: string[]): number {
  if (args.length) throw new BadUsage(`--${action} takes no arguments`);
  io.out(archs.map((a) => `${a}\n`).join(''));
  return 0;
}

/** Exit codes for <, =, > and for an empty first, both, second version (src/enquiry.c cmpversions). */
const RELATIONS: Record<string, { codes: number[]; obsolete?: boolean }> = {
  le: { codes: [0, 0, 1, 0, 0, 1] },
  lt: { codes: [0, 1, 1, 0, 1, 1] },
  eq: { codes: [1, 0, 1, 1, 0, 1] },
  ne: { codes: [0, 1, 0, 0, 1, 0] },
  ge: { codes: [1, 0, 0, 1, 0, 0] },
  gt: { codes: [1, 1, 0, 1, 1, 0] },
  'le-nl': { codes: [0, 0, 1, 1, 0, 0] },
  'lt-nl': { codes: [0, 1, 1, 1, 1, 0] },
  'ge-nl': { codes: [1, 0, 0, 0, 0, 1] },
  'gt-nl': { codes: [1, 1, 0, 0, 1, 1] },
  '<': { codes: [0, 0, 1, 0, 0, 1], obsolete: true },
  '<=': { codes: [0, 0, 1, 0, 0, 1] },
  '<<': { codes: [0, 1, 1, 0, 1, 1] },
  '=': { codes: [1, 0, 1, 1, 0, 1] },
  '>': { codes: [1, 0, 0, 1, 0, 0], obsolete: true },
  '>=': { codes: [1, 0, 0, 1, 0, 0] },
  '>>': { codes: [1, 1, 0, 1, 1, 0] },
};

/** parseversion (lib/dpkg/parsehelp.c): an error stops dpkg, a warning lets it compare. */
function versionProblem(v: string): { level: 'error' | 'warning'; text: string } | undefined {
  const s = v.replace(/^[ \t]+/, '');
  if (!s) return { level: 'error', text: 'version string is empty' };
  if (/[ \t]+[^ \t]/.test(s)) return { level: 'error', text: 'version string has embedded spaces' };
  let rest = s.replace(/[ \t]+$/, '');
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const epoch = /^[ \t]*[+-]?\d+/.exec(rest);
    if (!epoch) return { level: 'error', text: 'epoch in version is empty' };
    if (epoch[0].length !== colon) return { level: 'error', text: 'epoch in version is not number' };
    if (Number(epoch[0]) < 0) return { level: 'error', text: 'epoch in version is negative' };
    if (Number(epoch[0]) > 2 ** 31 - 1) return { level: 'error', text: 'epoch in version is too big' };
    rest = rest.slice(colon + 1);
    if (!rest) return { level: 'error', text: 'nothing after colon in version number' };
  }
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : '';
  if (hyphen >= 0 && !revision) return { level: 'error', text: 'revision number is empty' };
  if (!upstream) return { level: 'error', text: 'version number is empty' };
  if (!/^[0-9]/.test(upstream)) return { level: 'warning', text: 'version number does not start with digit' };
  if (/[^A-Za-z0-9.\-+~:]/.test(upstream)) return { level: 'warning', text: 'invalid character in version number' };
  if (/[^A-Za-z0-9.+~]/.test(revision)) return { level: 'warning', text: 'invalid character in revision number' };
  return undefined;
}

export function compareVersions(io: Io, args: string[]): number {
  if (args.length !== 3) throw new BadUsage('--compare-versions takes three arguments: <version> <relation> <version>');
  const [a, op, b] = args;
  const rel = RELATIONS[op];
  if (!Object.hasOwn(RELATIONS, op)) throw new BadUsage('--compare-versions bad relation');
  if (rel.obsolete) io.err(`dpkg: warning: --compare-versions used with obsolete relation operator '${op}'\n`);
  const present = (v: string) => v !== '' && v !== '<unknown>';
  for (const v of [a, b]) {
    if (!present(v)) continue;
    const problem = versionProblem(v);
    if (problem?.level === 'error') throw new Fatal(`version '${v}' has bad syntax: ${problem.text}`);
    if (problem) io.err(`dpkg: warning: version '${v}' has bad syntax: ${problem.text}\n`);
  }
  if (!present(a)) return present(b) ? rel.codes[3] : rel.codes[4];
  if (!present(b)) return rel.codes[5];
  const rc = compareDebVersions(a, b);
  return rc > 0 ? rel.codes[2] : rc < 0 ? rel.codes[0] : rel.codes[1];
}

/** --assert-FEATURE: features of dpkg 1.21.1 with the version that brought them (src/enquiry.c). */
const FEATURES: Array<[string, string, string]> = [
  ['support-predepends', '1.1.0', 'the Pre-Depends field'],
  ['working-epoch', '1.4.0.7', 'epochs in versions'],
  ['long-filenames', '1.4.1.17', 'long filenames in .deb archives'],
  ['multi-conrep', '1.4.1.19', 'multiple Conflicts and Replaces'],
  ['multi-arch', '1.16.2', 'multi-arch fields and semantics'],
  ['versioned-provides', '1.17.11', 'versioned relationships in the Provides field'],
  ['protected-field', '1.20.1', 'the Protected field'],
];

export function assertFeature(io: Io, feature: string, args: string[]): number {
  if (feature === 'help') {
    io.out('dpkg assert options - assert whether features are supported:\n' + FEATURES.map(([n, v, d]) => `  ${n.padEnd(19)} ${v.padEnd(9)} ${d}\n`).join(''));
    return 0;
  }
  if (!FEATURES.some(([n]) => n === feature)) throw new BadUsage('unknown --assert-<feature>');
  if (args.length) throw new BadUsage('--assert takes no arguments');
  return 0;
}

/** --audit: every installed package here is whole (unpacked, configured, with its md5sums). */
export function audit(packages: DpkgPackage[], args: string[], check: (arg: string) => void): number {
  args.forEach(check);
  return 0;
}

/** --yet-to-unpack, --predep-package: nothing is selected for installation and not yet unpacked. */
export function nothingPending(action: string, args: string[]): number {
  if (args.length) throw new BadUsage(`--${action} takes no arguments`);
  return action === 'predep-package' ? 1 : 0;
}

/** trig_name_is_illegal (lib/dpkg/trigname.c). */
function triggerIllegal(name: string): string | undefined {
  if (!name) return 'empty trigger names are not permitted';
  return [...new TextEncoder().encode(name)].some((c) => c <= 0x20 || c >= 0o177) ? 'trigger name contains invalid character' : undefined;
}

const VALIDATORS: Record<string, { thing: string; what: string; check: (v: string) => string | undefined }> = {
  'validate-pkgname': { thing: 'pkgname', what: 'package name', check: nameIllegal },
  'validate-trigname': { thing: 'trigname', what: 'trigger name', check: triggerIllegal },
  'validate-archname': { thing: 'archname', what: 'architecture name', check: archIllegal },
};

/** --validate-THING STRING: silent success, or dpkg's verdict (src/enquiry.c validate_*). */
export function validate(io: Io, action: string, args: string[]): number {
  const thing = action === 'validate-version' ? 'version' : VALIDATORS[action].thing;
  if (args.length !== 1) throw new BadUsage(`--${action} takes one <${thing}> argument`);
  const [value] = args;
  if (action === 'validate-version') {
    const problem = versionProblem(value);
    if (problem?.level === 'error') throw new Fatal(`version '${value}' has bad syntax: ${problem.text}`);
    if (problem) io.err(`dpkg: warning: version '${value}' has bad syntax: ${problem.text}\n`);
    return problem ? 1 : 0;
  }
  const v = VALIDATORS[action];
  const why = v.check(value);
  if (why) throw new Fatal(`${v.what} '${value}' is invalid: ${why}`);
  return 0;
}
