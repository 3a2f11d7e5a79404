/**
 * Loading kubeconfig files as clientcmd does: `--kubeconfig` alone when given; otherwise every
 * file of $KUBECONFIG (colon-separated, missing files skipped) merged with the first definition
 * of each name winning; otherwise ~/.kube/config. Then the overrides of the global flags.
 */
import { parse } from 'yaml';
import type { CommandContext } from '../../shell/command';
import { FsError } from '../../shell/command';
import { fail, raw } from '../errors';
import type { Flags } from '../flags/parse';
import { emptyConfig, type AuthInfo, type Cluster, type Context, type KubeConfig } from './types';

export interface LoadedConfig {
  /** The merged configuration. */
  config: KubeConfig;
  /** Files in precedence order (existing or not) and whether kubectl was told one explicitly. */
  files: string[];
  explicitPath?: string;
  /** Per file, its parsed content (only files that exist). */
  perFile: Map<string, KubeConfig>;
}

export function normalize(raw: unknown): KubeConfig {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Partial<KubeConfig>;
  return {
    ...c,
    clusters: Array.isArray(c.clusters) ? c.clusters.filter((x) => x && x.name) : [],
    contexts: Array.isArray(c.contexts) ? c.contexts.filter((x) => x && x.name) : [],
    users: Array.isArray(c.users) ? c.users.filter((x) => x && x.name) : [],
  } as KubeConfig;
}

function readConfigFile(ctx: CommandContext, path: string): KubeConfig | null {
  let text: string;
  try {
    text = ctx.fs.readFile(path);
  } catch (e) {
    if (e instanceof FsError && e.code === 'ENOENT') return null;
    throw e;
  }
  let doc: unknown;
  try {
    doc = text.trim() === '' ? {} : parse(text);
  } catch (e) {
    throw fail(`error loading config file "${path}": yaml: ${(e as Error).message.split('\n')[0]}`);
  }
  return normalize(doc);
}

export function defaultKubeconfigPath(ctx: CommandContext): string {
  const home = ctx.env.HOME ?? ctx.user.home;
  return `${home}/.kube/config`;
}

export function loadKubeconfig(ctx: CommandContext, explicitPath?: string): LoadedConfig {
  const perFile = new Map<string, KubeConfig>();
  if (explicitPath) {
    const cfg = readConfigFile(ctx, explicitPath);
    if (!cfg) throw fail(`stat ${explicitPath}: no such file or directory`);
    perFile.set(explicitPath, cfg);
    return { config: cfg, files: [explicitPath], explicitPath, perFile };
  }
  const env = ctx.env.KUBECONFIG;
  const files = env ? env.split(':').filter((f) => f !== '') : [defaultKubeconfigPath(ctx)];
  const merged = emptyConfig();
  const seen = { clusters: new Set<string>(), contexts: new Set<string>(), users: new Set<string>() };
  for (const file of files) {
    if (perFile.has(file)) continue;
    const cfg = readConfigFile(ctx, file);
    if (!cfg) continue;
    perFile.set(file, cfg);
    if (!merged['current-context'] && cfg['current-context']) merged['current-context'] = cfg['current-context'];
    for (const kind of ['clusters', 'contexts', 'users'] as const) {
      for (const entry of cfg[kind] as { name: string }[]) {
        if (seen[kind].has(entry.name)) continue;
        seen[kind].add(entry.name);
        (merged[kind] as { name: string }[]).push(entry);
      }
    }
  }
  return { config: merged, files, perFile };
}

/** The effective client settings after the global flag overrides. */
export interface ClientConfig {
  contextName: string;
  context?: Context;
  clusterName: string;
  cluster?: Cluster;
  userName: string;
  user?: AuthInfo;
  server: string;
  namespace: string;
  /** Whether the namespace came from --namespace (or the context) rather than the default. */
  namespaceExplicit: boolean;
  /** How the client verifies the server's certificate. */
  tls: ClientTls;
}

/** The cluster's TLS settings after the flags (--certificate-authority, --insecure-skip-tls-verify, --tls-server-name). */
export interface ClientTls {
  /** PEM of the CA file or base64 data; absent: the system's roots. */
  caFile?: string;
  caData?: string;
  insecure: boolean;
  serverName?: string;
}

/** The flags clientConfig reads (kubectl's parsed flags, or helm's --kube-context and --namespace). */
export type LoaderFlags = Pick<Flags, 'str' | 'globalStr' | 'globalBool'>;

export function clientConfig(loaded: LoadedConfig, flags: LoaderFlags): ClientConfig {
  const cfg = loaded.config;
  const contextName = flags.globalStr('context') || cfg['current-context'] || '';
  const context = cfg.contexts.find((c) => c.name === contextName)?.context;
  // client-go's checks, in its order and words (kubectl 1.33): the context (a configuration error), the cluster's server, the user.
  if (flags.globalStr('context') && !context) throw raw(`Error in configuration: context was not found for specified context: ${contextName}`);
  const clusterName = flags.globalStr('cluster') || context?.cluster || '';
  const cluster = cfg.clusters.find((c) => c.name === clusterName)?.cluster;
  if (flags.globalStr('cluster') && !cluster) throw fail(`no server found for cluster "${clusterName}"`);
  const userName = flags.globalStr('user') || context?.user || '';
  if (flags.globalStr('user') && !cfg.users.some((u) => u.name === userName)) throw fail(`auth info "${userName}" does not exist`);
  const user = { ...(cfg.users.find((u) => u.name === userName)?.user ?? {}) };
  if (flags.globalStr('token')) user.token = flags.globalStr('token');
  if (flags.globalStr('client-certificate')) user['client-certificate'] = flags.globalStr('client-certificate');
  const server = flags.globalStr('server') || cluster?.server || 'http://localhost:8080';
  const nsFlag = flags.str('namespace');
  const namespace = nsFlag || context?.namespace || 'default';
  // --insecure-skip-tls-verify on the command line drops the kubeconfig's CA (clientcmd's override rule).
  const insecure = flags.globalBool('insecure-skip-tls-verify') || cluster?.['insecure-skip-tls-verify'] === true;
  const caFlag = flags.globalStr('certificate-authority');
  const tls: ClientTls = flags.globalBool('insecure-skip-tls-verify')
    ? { insecure: true }
    : { insecure, ...(caFlag ? { caFile: caFlag } : cluster?.['certificate-authority-data'] ? { caData: cluster['certificate-authority-data'] } : cluster?.['certificate-authority'] ? { caFile: cluster['certificate-authority'] } : {}) };
  const serverName = flags.globalStr('tls-server-name') || cluster?.['tls-server-name'];
  if (serverName) tls.serverName = serverName;
  return {
    contextName,
    context,
    clusterName,
    cluster,
    userName,
    user,
    server,
    namespace,
    namespaceExplicit: Boolean(nsFlag),
    tls,
  };
}
