/**
 * Chart repositories as Helm 3 keeps them: ~/.config/helm/repositories.yaml (names and URLs) and
 * the downloaded indexes in ~/.cache/helm/repository/NAME-index.yaml. Indexes are fetched over the
 * machine's network, so an unknown host fails as it does for curl.
 */
import { parse, stringify } from 'yaml';
import type { CommandContext } from '../../shell/command';
import { chartRepository, type Chart } from '../../sim/addons/charts';
import { HelmError, type HelmDeps } from './client';

export interface RepoEntry {
  name: string;
  url: string;
}

const home = (ctx: CommandContext) => ctx.env.HOME ?? ctx.user.home;
export const repoConfigPath = (ctx: CommandContext) => ctx.env.HELM_REPOSITORY_CONFIG ?? `${home(ctx)}/.config/helm/repositories.yaml`;
export const repoCacheDir = (ctx: CommandContext) => ctx.env.HELM_REPOSITORY_CACHE ?? `${home(ctx)}/.cache/helm/repository`;

export function readRepos(ctx: CommandContext): RepoEntry[] {
  try {
    const doc = parse(ctx.fs.readFile(repoConfigPath(ctx))) as { repositories?: RepoEntry[] } | null;
    return (doc?.repositories ?? []).map((r) => ({ name: r.name, url: r.url }));
  } catch {
    return [];
  }
}

export function writeRepos(ctx: CommandContext, repos: RepoEntry[]): void {
  const path = repoConfigPath(ctx);
  ctx.fs.mkdir(path.replace(/\/[^/]+$/, ''), { recursive: true });
  const body = {
    apiVersion: '',
    generated: '0001-01-01T00:00:00Z',
    repositories: repos.map((r) => ({ caFile: '', certFile: '', insecure_skip_tls_verify: false, keyFile: '', name: r.name, pass_credentials_all: false, password: '', url: r.url, username: '' })),
  };
  ctx.fs.writeFile(path, stringify(body, { indentSeq: false }));
}

const DEPRECATED: Record<string, string> = {
  '//kubernetes-charts.storage.googleapis.com': 'https://charts.helm.sh/stable',
  '//kubernetes-charts-incubator.storage.googleapis.com': 'https://charts.helm.sh/incubator',
};

export function deprecatedRepoError(url: string): string | undefined {
  for (const [old, replacement] of Object.entries(DEPRECATED)) if (url.includes(old)) return `repo "${url}" is no longer available; try "${replacement}" instead`;
  return undefined;
}

/** Download a repository's index into the cache; the error text helm prints when it cannot. */
export function fetchIndex(ctx: CommandContext, deps: HelmDeps, repo: RepoEntry): string | undefined {
  const url = `${repo.url.replace(/\/+$/, '')}/index.yaml`;
  const res = deps.readUrl(url, ctx);
  if ('dialError' in res) return `Get "${url}": ${res.dialError}`;
  if (res.status !== 200) return `failed to fetch ${url} : ${res.status} ${res.statusText}`;
  const dir = repoCacheDir(ctx);
  ctx.fs.mkdir(dir, { recursive: true });
  ctx.fs.writeFile(`${dir}/${repo.name}-index.yaml`, res.body);
  const names = [...new Set(Object.keys((parse(res.body) as { entries?: Record<string, unknown> }).entries ?? {}))];
  ctx.fs.writeFile(`${dir}/${repo.name}-charts.txt`, names.map((n) => `${n}\n`).join(''));
  return undefined;
}

export interface IndexedChart {
  repo: string;
  name: string;
  version: string;
  appVersion: string;
  description: string;
}

/** The charts of a repository's cached index (newest first per chart). */
export function cachedIndex(ctx: CommandContext, repo: RepoEntry): IndexedChart[] | undefined {
  let text: string;
  try {
    text = ctx.fs.readFile(`${repoCacheDir(ctx)}/${repo.name}-index.yaml`);
  } catch {
    return undefined;
  }
  const doc = parse(text) as { entries?: Record<string, Array<{ version: string; appVersion: string; description: string }>> };
  const out: IndexedChart[] = [];
  for (const [name, versions] of Object.entries(doc.entries ?? {})) for (const v of versions) out.push({ repo: repo.name, name, version: String(v.version), appVersion: String(v.appVersion ?? ''), description: String(v.description ?? '') });
  return out;
}

/**
 * Resolve REPO/CHART (optionally at --version) to a chart, as `helm install` does from the
 * cached index. Throws Helm's errors for an unknown repository or chart.
 */
export function resolveChart(ctx: CommandContext, ref: string, version: string | undefined): Chart {
  const slash = ref.indexOf('/');
  if (slash < 0 || ref.startsWith('.') || ref.startsWith('/')) {
    let isDir = false;
    try {
      isDir = ctx.fs.stat(ref)?.type === 'dir';
    } catch {
      isDir = false;
    }
    if (isDir) throw new HelmError(`Chart.yaml file is missing`);
    if (ref.startsWith('.') || ref.startsWith('/')) throw new HelmError(`path "${ref}" not found`);
    throw new HelmError(`non-absolute URLs should be in form of repo_name/path_to_chart, got: ${ref}`);
  }
  const repoName = ref.slice(0, slash);
  const chartName = ref.slice(slash + 1);
  const repo = readRepos(ctx).find((r) => r.name === repoName);
  if (!repo) throw new HelmError(`repo ${repoName} not found`);
  const index = cachedIndex(ctx, repo);
  if (!index) throw new HelmError(`no cached repo found. (try 'helm repo update'): open ${repoCacheDir(ctx)}/${repoName}-index.yaml: no such file or directory`);
  const entries = index.filter((c) => c.name === chartName);
  if (!entries.length) throw new HelmError(`chart "${chartName}" ${version ? `version "${version}" ` : ''}not found in ${repoName} index. (try 'helm repo update'): no chart name found`);
  const wanted = version ? entries.find((c) => c.version === version.replace(/^v/, '')) : entries[0];
  if (!wanted) throw new HelmError(`chart "${chartName}" version "${version}" not found in ${repoName} index. (try 'helm repo update'): no chart version found for ${chartName}-${version}`);
  const chart = chartRepository(repo.url)?.charts.find((c) => c.name === chartName && c.version === wanted.version);
  if (!chart) throw new HelmError(`failed to fetch ${repo.url}/${chartName}-${wanted.version}.tgz : 404 Not Found`);
  return chart;
}
