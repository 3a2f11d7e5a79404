/**
 * The package database of one machine (what dpkg knows: installed versions, auto/manual, holds)
 * and the package lists apt fetched (what `apt-get update` saw). Plain data in machine.ext.packages.
 * Installing a package puts its payload on the machine: programs, unit files, configs, and for
 * services the postinst's enable + start.
 */
import type { Machine } from '../machine/machine';
import type { World } from '../world';
import { installPrograms } from '../machine/image';
import { Systemd } from '../systemd/manager';
import { BASE_INSTALLED, PACKAGE_INFO, REPOSITORIES, type CatalogueEntry, type RepoDef } from './catalogue';
import { PAYLOADS, type PackagePayload } from './files';
import { CENTOS_BASE_INSTALLED } from './rpm/catalogue';
import { isRpmBased } from '../machine/machine';
import { readSources, isSourceError, sourceKey, sourceSuite, type SourceEntry } from './sources';
import { compareDebVersions } from './version';
import { createSystemGroup } from './groups';

export interface InstalledPackage {
  version: string;
  arch: string;
  auto: boolean;
  hold: boolean;
  /** yum's from_repo: the repository an rpm was installed from. */
  repo?: string;
}

export interface PackagesState {
  installed: Record<string, InstalledPackage>;
  /** Source key (`URI suite`) → repository id, as of the last apt-get update. */
  lists: Record<string, string>;
}

export interface AvailableVersion {
  entry: CatalogueEntry;
  repo: RepoDef;
  source: SourceEntry;
}

export function packagesState(machine: Machine): PackagesState {
  let s = machine.ext.packages as PackagesState | undefined;
  if (!s) {
    s = { installed: {}, lists: {} };
    if (isRpmBased(machine)) for (const [name, version, arch] of CENTOS_BASE_INSTALLED) s.installed[name] = { version, arch, auto: false, hold: false };
    else for (const [name, version] of BASE_INSTALLED) s.installed[name] = { version, arch: 'amd64', auto: false, hold: false };
    machine.ext.packages = s;
  }
  return s;
}

/** Versions apt can see: from sources that are configured now and were fetched by the last update. */
export function availableVersions(machine: Machine): AvailableVersion[] {
  const s = packagesState(machine);
  const out: AvailableVersion[] = [];
  const seen = new Set<string>();
  for (const src of readSources(machine.rootFs)) {
    if (isSourceError(src) || src.type !== 'deb') continue;
    const key = sourceKey(src);
    const repoId = s.lists[key];
    if (!repoId || seen.has(key)) continue;
    seen.add(key);
    const repo = REPOSITORIES.find((r) => r.id === repoId);
    if (!repo) continue;
    const suite = sourceSuite(src);
    for (const entry of repo.entries) {
      if (entry.suite && entry.suite !== suite) continue;
      if (entry.component && src.components.length && !src.components.includes(entry.component)) continue;
      out.push({ entry, repo, source: src });
    }
  }
  return out;
}

export function versionsOf(machine: Machine, name: string): AvailableVersion[] {
  const all = availableVersions(machine).filter((v) => v.entry.name === name);
  return all.sort((a, b) => compareDebVersions(b.entry.version, a.entry.version));
}

/** The candidate: the highest available version (all sources have priority 500), else the installed one. */
export function candidateOf(machine: Machine, name: string): string | undefined {
  return versionsOf(machine, name)[0]?.entry.version ?? packagesState(machine).installed[name]?.version;
}

/** Installed packages whose candidate is newer (apt list --upgradable, "N not upgraded"). */
export function upgradable(machine: Machine): string[] {
  const s = packagesState(machine);
  return Object.keys(s.installed)
    .filter((n) => {
      const c = versionsOf(machine, n)[0]?.entry.version;
      return c !== undefined && compareDebVersions(c, s.installed[n].version) > 0;
    })
    .sort();
}

export function isKnownPackage(machine: Machine, name: string): boolean {
  return !!packagesState(machine).installed[name] || versionsOf(machine, name).length > 0;
}

export function packageInfo(name: string) {
  return PACKAGE_INFO[name] ?? { description: name, section: 'misc', installedKiB: 100, debKiB: 40, depends: [], maintainer: 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>' };
}

/** Place a package's payload on the machine and record it (dpkg unpack + configure + postinst). */
export function installPackage(machine: Machine, world: World | undefined, now: () => number, name: string, version: string, auto: boolean): void {
  const s = packagesState(machine);
  const prev = s.installed[name];
  s.installed[name] = { version, arch: 'amd64', auto: prev ? prev.auto && auto : auto, hold: prev?.hold ?? false };
  const payload = PAYLOADS[name];
  if (!payload) return;
  placePayload(machine, payload);
  if (payload.services?.length) {
    const sd = new Systemd(machine, world, now);
    for (const unit of payload.services) {
      // deb-systemd-helper enables the unit on first install; invoke-rc.d (re)starts it.
      if (!prev) sd.enable(unit);
      sd.daemonReload();
      if (prev) sd.restart(unit);
      else sd.start(unit);
    }
  }
}

/** Unpack a package's files: programs, directories, and configuration files (kept when present under /etc). */
export function placePayload(machine: Machine, payload: PackagePayload): void {
  const fs = machine.rootFs;
  for (const d of payload.dirs ?? []) if (!fs.stat(d)) fs.mkdir(d, { recursive: true });
  const byDir = new Map<string, string[]>();
  for (const [prog, dir] of Object.entries(payload.programs ?? {})) byDir.set(dir, [...(byDir.get(dir) ?? []), prog]);
  for (const [dir, progs] of byDir) {
    if (!fs.stat(dir)) fs.mkdir(dir, { recursive: true });
    installPrograms(fs, progs, dir);
  }
  for (const [path, content] of Object.entries(payload.files ?? {})) {
    // Configuration files (conffiles under /etc) are kept when they exist: an upgrade never clobbers them.
    if (path.startsWith('/etc/') && fs.stat(path)) continue;
    const dir = path.slice(0, path.lastIndexOf('/'));
    if (!fs.stat(dir)) fs.mkdir(dir, { recursive: true });
    fs.writeFile(path, content);
  }
  for (const group of payload.systemGroups ?? []) createSystemGroup(machine, group);
}

export function removePackage(machine: Machine, world: World | undefined, now: () => number, name: string, purge: boolean): void {
  const s = packagesState(machine);
  delete s.installed[name];
  const payload = PAYLOADS[name];
  if (!payload) return;
  const fs = machine.rootFs;
  const sd = new Systemd(machine, world, now);
  for (const unit of payload.services ?? []) {
    sd.stop(unit);
    sd.disable(unit);
  }
  for (const [prog, dir] of Object.entries(payload.programs ?? {})) {
    try {
      fs.remove(`${dir}/${prog}`);
    } catch {
      /* already gone */
    }
  }
  for (const path of Object.keys(payload.files ?? {})) {
    if (path.startsWith('/etc/') && !purge) continue;
    try {
      fs.remove(path);
    } catch {
      /* already gone */
    }
  }
}
