/**
 * A package's status stanza as dpkg writes it (lib/dpkg/dump.c): the known fields in the order of
 * dpkg's field table (lib/dpkg/parse.c fieldinfos), then the package's other fields (Homepage) in
 * their own order. The same text is a stanza of /var/lib/dpkg/status and what `dpkg -s` prints.
 */
import type { DpkgPackage } from './database';

/** `install ok installed`: selection, error flag, state. */
export function statusOf(pkg: DpkgPackage): string {
  return `${pkg.want} ok installed`;
}

/** The stanza's fields as [name, value] pairs (a multi-line value carries its own `\n ` lines). */
export function stanzaFields(pkg: DpkgPackage): Array<[string, string]> {
  const fields: Array<[string, string | undefined]> = [
    ['Package', pkg.name],
    ['Status', statusOf(pkg)],
    ['Priority', pkg.priority],
    ['Section', pkg.section],
    ['Installed-Size', String(pkg.installedSize)],
    ['Maintainer', pkg.maintainer],
    ['Architecture', pkg.architecture],
    ['Version', pkg.version],
    ['Depends', pkg.depends.length ? pkg.depends.join(', ') : undefined],
    ['Conffiles', pkg.conffiles.length ? pkg.conffiles.map(([path, sum]) => `\n ${path} ${sum}`).join('') : undefined],
    ['Description', pkg.description],
    ['Homepage', pkg.homepage],
  ];
  return fields.filter((f): f is [string, string] => f[1] !== undefined);
}

export function stanza(pkg: DpkgPackage): string {
  return stanzaFields(pkg)
    .map(([name, value]) => (value.startsWith('\n') ? `${name}:${value}\n` : `${name}: ${value}\n`))
    .join('');
}
