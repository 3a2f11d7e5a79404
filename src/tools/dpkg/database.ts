/**
 * The dpkg database of a machine as dpkg keeps it in /var/lib/dpkg: one status stanza per package
 * and the list of paths it owns (info/PKG.list), derived from the machine's package records
 * (src/sim/packages). The simulated dpkg-query reads these records, and the recorder
 * (scripts/dpkg/record.ts) writes the same records as a real admin directory for the real
 * dpkg-query, so both answer from one database.
 */
import type { Machine } from '../../sim/machine/machine';
import { packageInfo, packagesState } from '../../sim/packages/db';
import { PAYLOADS, type PackagePayload } from '../../sim/packages/files';
import { md5 } from '../../shell/commands/lib/hash';
import { executableContent } from '../../sim/machine/image';

export interface DpkgPackage {
  name: string;
  /** Selection state (the first word of Status): a held package is `hold`. */
  want: 'install' | 'hold';
  priority: string;
  section: string;
  installedSize: number;
  maintainer: string;
  architecture: string;
  version: string;
  depends: string[];
  /** Configuration files under /etc with the md5sum of the shipped content. */
  conffiles: Array<[string, string]>;
  description: string;
  homepage?: string;
  /** Every path the package owns, directories included, in the order of its .list file. */
  files: string[];
  /** The md5sums control file: `md5  path` (no leading slash) for each regular file but conffiles. */
  md5sums: string;
  /** When the package was unpacked (seconds since the epoch): what `db-fsys:Last-Modified` reports. */
  unpackedAt?: number;
}

/** The installed packages, sorted by name as dpkg's package array is. */
export function dpkgPackages(machine: Machine): DpkgPackage[] {
  const state = packagesState(machine);
  return Object.keys(state.installed)
    .sort()
    .map((name) => {
      const inst = state.installed[name];
      const info = packageInfo(name);
      const payload = PAYLOADS[name] ?? {};
      return {
        name,
        want: inst.hold ? 'hold' : 'install',
        priority: 'optional',
        section: info.section,
        installedSize: info.installedKiB,
        maintainer: info.maintainer,
        architecture: inst.arch,
        version: inst.version,
        depends: info.depends,
        conffiles: conffilesOf(payload),
        description: info.description,
        homepage: info.homepage,
        files: fileList(payload),
        md5sums: md5sumsOf(payload),
        unpackedAt: unpackedAt(machine, payload),
      };
    });
}

function conffilesOf(payload: PackagePayload): Array<[string, string]> {
  return Object.entries(payload.files ?? {})
    .filter(([path]) => path.startsWith('/etc/'))
    .map(([path, content]) => [path, md5(new TextEncoder().encode(content))]);
}

/**
 * The modification time of the package's first program or file on the machine, as its .list
 * file's; a package of the base image whose files are not modelled dates from the image's /var/lib/dpkg.
 */
function unpackedAt(machine: Machine, payload: PackagePayload): number | undefined {
  const first = Object.entries(payload.programs ?? {}).map(([prog, dir]) => `${dir}/${prog}`)[0] ?? Object.keys(payload.files ?? {})[0] ?? '/var/lib/dpkg';
  const mtime = machine.rootFs.stat(first)?.mtimeMs ?? machine.rootFs.stat('/')?.mtimeMs;
  return mtime === undefined ? undefined : Math.floor(mtime / 1000);
}

function md5sumsOf(payload: PackagePayload): string {
  const contents: Array<[string, string]> = [
    ...Object.entries(payload.programs ?? {}).map(([prog, dir]): [string, string] => [`${dir}/${prog}`, executableContent(prog)]),
    ...Object.entries(payload.files ?? {}).filter(([path]) => !path.startsWith('/etc/')),
  ];
  return contents
    .sort(([a], [b]) => bytewise(a, b))
    .map(([path, content]) => `${md5(new TextEncoder().encode(content))}  ${path.slice(1)}\n`)
    .join('');
}

/**
 * The .list file of a package: `/.`, then every directory and file of its data archive in the
 * archive's order (dpkg-deb sorts the names bytewise, so a directory precedes its contents).
 */
function fileList(payload: PackagePayload): string[] {
  const leaves = [...Object.entries(payload.programs ?? {}).map(([prog, dir]) => `${dir}/${prog}`), ...Object.keys(payload.files ?? {})];
  const all = new Set<string>();
  for (const path of [...leaves, ...(payload.dirs ?? [])]) {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) all.add('/' + parts.slice(0, i).join('/'));
  }
  return ['/.', ...[...all].sort(bytewise)];
}

function bytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
