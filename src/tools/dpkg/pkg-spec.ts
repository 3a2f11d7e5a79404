/**
 * Package specifiers (lib/dpkg/pkg-spec.c): `name[:arch]`, where -l, -W and --get-selections
 * take fnmatch patterns on both parts and -s, -L take one package, checked as dpkg checks names.
 */
import type { DpkgPackage } from './database';
import { fnmatch } from './fnmatch';

const PATTERN_CHARS = /[*[?\\]/;

function split(spec: string): { name: string; arch?: string } {
  const colon = spec.indexOf(':');
  return colon < 0 ? { name: spec } : { name: spec.slice(0, colon), arch: spec.slice(colon + 1) };
}

/** Does a pattern of -l/-W/--get-selections select the package? (names are case-sensitive here) */
export function specMatches(spec: string, pkg: DpkgPackage): boolean {
  const { name, arch } = split(spec);
  const nameOk = PATTERN_CHARS.test(name) ? fnmatch(name, pkg.name) : name === pkg.name;
  if (!nameOk) return false;
  if (arch === undefined) return true;
  return PATTERN_CHARS.test(arch) ? fnmatch(arch, pkg.architecture) : arch === pkg.architecture;
}

/** pkg_name_is_illegal: why a package name is not one, if it is not. */
export function nameIllegal(p: string): string | undefined {
  if (!p) return 'may not be empty string';
  if (!/^[A-Za-z0-9]/.test(p)) return 'must start with an alphanumeric character';
  const bad = /[^A-Za-z0-9\-+._]/.exec(p);
  return bad ? `character '${bad[0]}' not allowed (only letters, digits and characters '-+._')` : undefined;
}

/** dpkg_arch_name_is_illegal. */
export function archIllegal(p: string): string | undefined {
  if (!p) return 'may not be empty string';
  if (!/^[A-Za-z0-9]/.test(p)) return 'must start with an alphanumeric';
  const bad = /[^A-Za-z0-9-]/.exec(p);
  return bad ? `character '${bad[0]}' not allowed (only letters, digits and characters '-')` : undefined;
}

/**
 * The one package a -s/-L argument names: the package (undefined when not installed), or the
 * error text of `--ACTION needs a valid package name but 'ARG' is not: …`.
 */
export function singlePackage(spec: string, packages: DpkgPackage[]): { pkg?: DpkgPackage; name: string } | { error: string } {
  const { name, arch } = split(spec);
  const illegalName = nameIllegal(name);
  if (illegalName) return { error: `illegal package name in specifier '${spec}': ${illegalName}` };
  if (arch !== undefined) {
    const illegalArch = archIllegal(arch);
    if (illegalArch) return { error: `illegal architecture name in specifier '${spec}': ${illegalArch}` };
  }
  // The package hash folds names to lower case.
  const lower = name.toLowerCase();
  const pkg = packages.find((p) => p.name === lower && (arch === undefined || arch === p.architecture));
  // A foreign architecture qualifies the name in messages (pnaw_nonambig).
  return { pkg, name: arch === undefined || arch === 'amd64' || arch === 'all' ? lower : `${lower}:${arch}` };
}
