/**
 * The rpm database and yum's view of the repositories on a CentOS machine. Installed packages
 * live in the same record as on Ubuntu (machine.ext.packages.installed, version = [epoch:]v-r);
 * yum's metadata cache and imported keys in machine.ext.yum. Resolution follows yum 3.4: the
 * newest matching package wins, Requires are satisfied from what is installed or planned, else
 * from the newest provider in the enabled repositories, and excluded packages are invisible.
 */
import type { Machine } from '../../machine/machine';
import { packagesState } from '../db';
import { KNOWN_HOSTS } from '../catalogue';
import { CENTOS_BASE_INSTALLED, RPM_REPOSITORIES, rpmRepoAt, type RpmEntry, type RpmRepoDef } from './catalogue';
import { excluded, readYumConfig, type RepoConfig } from './repos';
import { compareEvr, parseEvr, rpmSatisfies } from './version';

export interface YumState {
  /** Repository id → catalogue id, for repositories whose metadata is cached. */
  cached: Record<string, string>;
  /** GPG key ids imported into the rpm database. */
  keys: string[];
}

export function yumState(machine: Machine): YumState {
  return ((machine.ext.yum as YumState | undefined) ??= { cached: {}, keys: [] }) as YumState;
}

/** The installed-package record of a CentOS machine starts with its minimal install. */
export function seedRpmBase(installed: Record<string, { version: string; arch: string; auto: boolean; hold: boolean }>): void {
  for (const [name, evr, arch] of CENTOS_BASE_INSTALLED) installed[name] = { version: evr, arch, auto: false, hold: false };
}

export interface RepoView {
  config: RepoConfig;
  def?: RpmRepoDef;
  /** Why the metadata cannot be fetched (curl/HTTP error text as yum prints it). */
  error?: string;
  /** The URL that failed. */
  failedUrl?: string;
}

export interface YumOptions {
  enableRepos: string[];
  disableRepos: string[];
  /** --disableexcludes=all|main|REPOID */
  disableExcludes: string[];
}

function hostOf(url: string): string {
  return /^[a-z]+:\/\/([^/:?]+)/.exec(url)?.[1] ?? '';
}

const RPM_HOSTS = new Set(['repo.huaweicloud.com', 'mirrors.aliyuncs.com', 'mirrors.cloud.aliyuncs.com', 'vault.centos.org', 'mirror.centos.org', 'download.fedoraproject.org', 'dl.fedoraproject.org', 'mirrors.fedoraproject.org', 'mirrors.163.com', 'www.elrepo.org']);

/** Can the machine resolve this host? mirrorlist.centos.org is gone since CentOS 7's end of life. */
export function rpmHostResolves(host: string): boolean {
  return KNOWN_HOSTS.has(host) || RPM_HOSTS.has(host);
}

/** Where each enabled repository's metadata comes from, or why it cannot be fetched. */
export function repoViews(machine: Machine, opts: YumOptions): RepoView[] {
  const cfg = readYumConfig(machine.rootFs);
  const match = (id: string, globs: string[]) => excluded(id, globs);
  return cfg.repos
    .filter((r) => (r.enabled && !match(r.id, opts.disableRepos)) || match(r.id, opts.enableRepos))
    .map((config) => {
      for (const url of config.urls) {
        const host = hostOf(url);
        if (!rpmHostResolves(host)) continue;
        const def = rpmRepoAt(url.replace(/\/+$/, '')) ?? rpmRepoAt(url);
        if (def) return { config, def };
      }
      const url = config.urls[0] ?? '';
      const host = hostOf(url);
      if (!url) return { config, error: 'none', failedUrl: '' };
      if (!rpmHostResolves(host)) return { config, error: `curl#6 - "Could not resolve host: ${host}; Unknown error"`, failedUrl: url };
      return { config, error: `${url.startsWith('https') ? 'HTTPS' : 'HTTP'} Error 404 - Not Found`, failedUrl: url };
    });
}

export interface Candidate {
  entry: RpmEntry;
  repoId: string;
}

/** Packages yum can see: from reachable enabled repositories, minus excluded ones. */
export function visiblePackages(machine: Machine, views: RepoView[], opts: YumOptions): Candidate[] {
  const cfg = readYumConfig(machine.rootFs);
  const all = opts.disableExcludes.includes('all');
  const mainEx = all || opts.disableExcludes.includes('main') ? [] : cfg.mainExclude;
  const out: Candidate[] = [];
  for (const v of views) {
    if (!v.def) continue;
    const repoEx = all || opts.disableExcludes.includes(v.config.id) ? [] : v.config.exclude;
    for (const entry of v.def.entries) if (!excluded(entry.name, mainEx) && !excluded(entry.name, repoEx)) out.push({ entry, repoId: v.config.id });
  }
  return out;
}

export function newestFirst(list: Candidate[]): Candidate[] {
  return [...list].sort((a, b) => compareEvr(b.entry.evr, a.entry.evr));
}

/**
 * Packages a yum argument names: `name`, `name-version`, `name-version-release`, with an
 * optional epoch (`docker-ce-3:19.03.15-3.el7`) or `.arch`. Newest first.
 */
export function matchSpec(candidates: Candidate[], spec: string): Candidate[] {
  const s = spec.replace(/\.(x86_64|noarch)$/, '');
  return newestFirst(
    candidates.filter(({ entry }) => {
      if (entry.name === s) return true;
      if (!s.startsWith(`${entry.name}-`)) return false;
      const rest = s.slice(entry.name.length + 1);
      const want = parseEvr(rest.includes(':') ? rest : `${parseEvr(entry.evr).epoch}:${rest}`);
      const have = parseEvr(entry.evr);
      if (want.epoch !== have.epoch && rest.includes(':')) return false;
      // `kubeadm-1.20.9` names a version (any release); `kubeadm-1.20.9-0` a version and release.
      if (`${have.version}-${have.release}` === rest.replace(/^\d+:/, '')) return true;
      return have.version === rest.replace(/^\d+:/, '');
    }),
  );
}

export interface PlanItem {
  entry: RpmEntry;
  repoId: string;
  kind: 'install' | 'update' | 'dep' | 'downgrade';
  /** The installed version this one replaces (updates). */
  replaces?: string;
}

export interface Resolution {
  items: PlanItem[];
  /** The "--> …" lines of the dependency resolution. */
  lines: string[];
  error?: string;
}

export function nevra(e: { name: string; evr: string; arch: string }): string {
  const { epoch, version, release } = parseEvr(e.evr);
  return `${epoch ? `${epoch}:` : ''}${e.name}-${version}-${release}.${e.arch}`;
}

function evrWithEpoch(evr: string): string {
  const { epoch, version, release } = parseEvr(evr);
  return `${epoch}:${version}-${release}`;
}

/** Name (or virtual provide) and relation of a Requires: line. */
function parseRequire(req: string): { name: string; relation?: string } {
  const m = /^(\S+)(?:\s+(>=|<=|=|>|<)\s*(\S+))?$/.exec(req.trim());
  return m ? { name: m[1], relation: m[2] ? `${m[2]} ${m[3]}` : undefined } : { name: req };
}

export function resolve(machine: Machine, candidates: Candidate[], requested: PlanItem[]): Resolution {
  const installed = packagesState(machine).installed;
  const planned = new Map<string, PlanItem>();
  const lines: string[] = [];
  let round = requested.slice();
  for (const item of round) planned.set(item.entry.name, item);
  while (round.length) {
    lines.push('--> Running transaction check');
    const next: PlanItem[] = [];
    for (const item of round) {
      const e = item.entry;
      if (item.kind === 'downgrade' && item.replaces) {
        lines.push(`---> Package ${e.name}.${e.arch} ${evrWithEpoch(e.evr)} will be a downgrade`);
        lines.push(`---> Package ${e.name}.${e.arch} ${evrWithEpoch(item.replaces)} will be erased`);
      } else if (item.replaces) {
        lines.push(`---> Package ${e.name}.${e.arch} ${evrWithEpoch(item.replaces)} will be updated`);
        lines.push(`---> Package ${e.name}.${e.arch} ${evrWithEpoch(e.evr)} will be an update`);
      } else lines.push(`---> Package ${e.name}.${e.arch} ${evrWithEpoch(e.evr)} will be installed`);
      for (const req of e.requires) {
        const { name, relation } = parseRequire(req);
        const providedBy = (n: string, evr: string, provides?: string[]) => (n === name && rpmSatisfies(evr, relation)) || (!relation && (provides ?? []).includes(name));
        const byPlan = [...planned.values()].some((p) => providedBy(p.entry.name, p.entry.evr, p.entry.provides));
        const inst = installed[name];
        const replaced = planned.get(name);
        const byInstalled = !!inst && !replaced && rpmSatisfies(inst.version, relation);
        if (byPlan || byInstalled) continue;
        lines.push(`--> Processing Dependency: ${req} for package: ${nevra(e)}`);
        const provider = newestFirst(candidates).find((c) => providedBy(c.entry.name, c.entry.evr, c.entry.provides));
        if (!provider) {
          return {
            items: [],
            lines,
            error: `Error: Package: ${nevra(e)} (${item.repoId})\n           Requires: ${req}${inst ? `\n           Installed: ${nevra({ name, evr: inst.version, arch: inst.arch })} (@anaconda)\n               ${name} = ${evrWithEpoch(inst.version)}` : ''}\n You could try using --skip-broken to work around the problem\n You could try running: rpm -Va --nofiles --nodigest\n`,
          };
        }
        const dep: PlanItem = { entry: provider.entry, repoId: provider.repoId, kind: 'dep', replaces: installed[provider.entry.name]?.version };
        planned.set(provider.entry.name, dep);
        next.push(dep);
      }
    }
    round = next;
  }
  lines.push('--> Finished Dependency Resolution');
  return { items: [...planned.values()], lines };
}

export function repoDefOf(id: string): RpmRepoDef | undefined {
  return RPM_REPOSITORIES.find((r) => r.id === id);
}
