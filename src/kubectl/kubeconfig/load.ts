/**
 * Loading kubeconfig files as clientcmd does: `--kubeconfig` alone when given; otherwise every
 * file of $KUBECONFIG (colon-separated, missing files skipped) merged with the first definition
 * of each name winning; otherwise ~/.kube/config. Every file that fails to load is reported
 * ("error loading config file …"), all of them together. The flags' overrides come after
 * (client-config.ts).
 */
import type { CommandContext } from '../../shell/command';
import { FsError } from '../../shell/command';
import { normalizePath } from '../../sim/machine/fs';
import { dirnameOf } from '../../shell/commands/pathnames';
import { clientError, loadError } from './client-config-error';
import { decodeKubeconfig, KubeconfigDecodeError } from './decode';
import { emptyConfig, type AuthInfo, type Cluster, type KubeConfig } from './types';

export interface LoadedConfig {
  /** The merged configuration, paths as the files wrote them (what `config view` prints). */
  config: KubeConfig;
  /** The same with relative paths made absolute from the directory of the file that defined each entry. */
  resolved: KubeConfig;
  /** Files in precedence order (existing or not) and whether kubectl was told one explicitly. */
  files: string[];
  explicitPath?: string;
  /** Per file, its parsed content (only files that exist). */
  perFile: Map<string, KubeConfig>;
}

/** The error of reading one file, or null when it does not exist. */
function readConfigFile(ctx: CommandContext, path: string): { config: KubeConfig } | { error: string } | null {
  let text: string;
  try {
    text = ctx.fs.readFile(path);
  } catch (e) {
    if (e instanceof FsError && e.code === 'ENOENT') return null;
    if (e instanceof FsError && e.code === 'EISDIR') return { error: `error loading config file "${path}": read ${path}: is a directory` };
    if (e instanceof FsError && e.code === 'EACCES') return { error: `error loading config file "${path}": open ${path}: permission denied` };
    throw e;
  }
  try {
    return { config: decodeKubeconfig(text) };
  } catch (e) {
    if (e instanceof KubeconfigDecodeError) return { error: `error loading config file "${path}": ${e.message}` };
    throw e;
  }
}

export function defaultKubeconfigPath(ctx: CommandContext): string {
  const home = ctx.env.HOME ?? ctx.user.home;
  return `${home}/.kube/config`;
}

const CLUSTER_PATHS = ['certificate-authority'] as const;
const USER_PATHS = ['client-certificate', 'client-key', 'tokenFile'] as const;

/** clientcmd's ResolveLocalPaths: a relative path is relative to the file that holds it. */
function resolvePaths(ctx: CommandContext, file: string, cfg: KubeConfig): KubeConfig {
  const base = normalizePath(dirnameOf(file), ctx.cwd);
  const resolve = <T extends Cluster | AuthInfo>(entry: T | undefined, fields: readonly string[]): T | undefined => {
    if (!entry || typeof entry !== 'object') return entry;
    const copy: Record<string, unknown> = { ...entry };
    for (const f of fields) if (typeof copy[f] === 'string' && copy[f]) copy[f] = normalizePath(copy[f] as string, base);
    return copy as T;
  };
  return {
    ...cfg,
    clusters: cfg.clusters.map((c) => ({ ...c, cluster: resolve(c.cluster, CLUSTER_PATHS) as Cluster })),
    users: cfg.users.map((u) => ({ ...u, user: resolve(u.user, USER_PATHS) as AuthInfo })),
  };
}

/** Maps merged in precedence order: the first file to define a name keeps it; the first current-context set wins. */
function merge(configs: KubeConfig[]): KubeConfig {
  const merged = emptyConfig();
  const seen = { clusters: new Set<string>(), contexts: new Set<string>(), users: new Set<string>() };
  for (const cfg of configs) {
    if (!merged['current-context'] && cfg['current-context']) merged['current-context'] = cfg['current-context'];
    for (const kind of ['clusters', 'contexts', 'users'] as const) {
      for (const entry of cfg[kind] as { name: string }[]) {
        if (seen[kind].has(entry.name)) continue;
        seen[kind].add(entry.name);
        (merged[kind] as { name: string }[]).push(entry);
      }
    }
  }
  return merged;
}

export function loadKubeconfig(ctx: CommandContext, explicitPath?: string): LoadedConfig {
  const perFile = new Map<string, KubeConfig>();
  if (explicitPath && !ctx.fs.stat(explicitPath)) throw clientError(`stat ${explicitPath}: no such file or directory`);
  const env = ctx.env.KUBECONFIG;
  const files = explicitPath ? [explicitPath] : env ? env.split(':').filter((f) => f !== '') : [defaultKubeconfigPath(ctx)];
  const errors: string[] = [];
  for (const file of files) {
    if (perFile.has(file)) continue;
    const read = readConfigFile(ctx, file);
    if (!read) continue;
    if ('error' in read) errors.push(read.error);
    else perFile.set(file, read.config);
  }
  if (errors.length) throw loadError(errors);
  const loaded = [...perFile.entries()];
  return {
    config: merge(loaded.map(([, cfg]) => cfg)),
    resolved: merge(loaded.map(([file, cfg]) => resolvePaths(ctx, file, cfg))),
    files,
    ...(explicitPath ? { explicitPath } : {}),
    perFile,
  };
}
