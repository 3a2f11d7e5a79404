/**
 * A package's fields as dpkg-query's --showformat sees them (lib/dpkg/dump.c writers without their
 * headers, and the virtual fields of lib/dpkg/pkg-format.c). Names match case-insensitively.
 */
import type { DpkgPackage } from './database';
import { statusOf } from './stanza';

type FieldWriter = (pkg: DpkgPackage) => string;

const empty: FieldWriter = () => '';

/** The upstream part of a version: without epoch and revision (dpkg's struct dpkg_version .version). */
function upstream(version: string): string {
  const noEpoch = version.includes(':') ? version.slice(version.indexOf(':') + 1) : version;
  const hyphen = noEpoch.lastIndexOf('-');
  return hyphen >= 0 ? noEpoch.slice(0, hyphen) : noEpoch;
}

/** The first line of the description (pkgbin_synopsis). */
const synopsis: FieldWriter = (p) => p.description.split('\n')[0];

/** Known fields in dpkg's field table order, then the virtual ones. */
const FIELDS: Array<[string, FieldWriter]> = [
  ['Package', (p) => p.name],
  ['Essential', () => 'no'],
  ['Protected', () => 'no'],
  ['Status', statusOf],
  ['Priority', (p) => p.priority],
  ['Section', (p) => p.section],
  ['Installed-Size', (p) => String(p.installedSize)],
  ['Origin', empty],
  ['Maintainer', (p) => p.maintainer],
  ['Bugs', empty],
  ['Architecture', (p) => p.architecture],
  ['Multi-Arch', () => 'no'],
  ['Source', empty],
  ['Version', (p) => p.version],
  ['Config-Version', empty],
  ['Replaces', empty],
  ['Provides', empty],
  ['Depends', (p) => p.depends.join(', ')],
  ['Pre-Depends', empty],
  ['Recommends', empty],
  ['Suggests', empty],
  ['Breaks', empty],
  ['Conflicts', empty],
  ['Enhances', empty],
  ['Conffiles', (p) => p.conffiles.map(([path, sum]) => ` ${path} ${sum}`).join('\n')],
  ['Filename', empty],
  ['Size', empty],
  ['MD5sum', empty],
  ['MSDOS-Filename', empty],
  ['Description', (p) => p.description],
  ['Triggers-Pending', empty],
  ['Triggers-Awaited', empty],
  ['Revision', empty],
  ['Recommended', empty],
  ['Optional', empty],
  ['Class', empty],
  ['Package-Revision', empty],
  ['Package_Revision', empty],
  ['binary:Package', (p) => p.name],
  ['binary:Synopsis', synopsis],
  ['binary:Summary', synopsis],
  ['db:Status-Abbrev', (p) => `${p.want === 'hold' ? 'h' : 'i'}i `],
  ['db:Status-Want', (p) => p.want],
  ['db:Status-Status', () => 'installed'],
  ['db:Status-Eflag', () => 'ok'],
  ['db-fsys:Files', (p) => p.files.map((f) => ` ${f}\n`).join('')],
  ['db-fsys:Last-Modified', (p) => (p.unpackedAt === undefined ? '' : String(p.unpackedAt))],
  ['source:Package', (p) => p.name],
  ['source:Version', (p) => p.version],
  ['source:Upstream-Version', (p) => upstream(p.version)],
];

/** Fields the package carries beyond dpkg's own (the status file's other fields). */
function otherFields(pkg: DpkgPackage): Array<[string, string]> {
  return pkg.homepage ? [['Homepage', pkg.homepage]] : [];
}

/** The field's value, or undefined when the package has no such field (nothing is printed). */
export function fieldValue(pkg: DpkgPackage, name: string): string | undefined {
  const lower = name.toLowerCase();
  const known = FIELDS.find(([n]) => n.toLowerCase() === lower);
  if (known) return known[1](pkg);
  return otherFields(pkg).find(([n]) => n.toLowerCase() === lower)?.[1];
}
