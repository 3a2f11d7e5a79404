/**
 * From loaded kubeconfig files and the global flags to the settings a client connects with, as
 * clientcmd's DirectClientConfig and the REST transport build them, stage by stage:
 *   1. Namespace() (kubectl, unless --namespace is given): ConfirmUsable;
 *   2. ClientConfig(): --user, --context, --cluster must name entries; ConfirmUsable again; over
 *      https only, the user's credentials (a tokenFile read) — none at all and kubectl prompts;
 *   3. the transport (auth provider, TLS material) and the server URL.
 * Each failure is a ClientConfigError with client-go's text.
 */
import { FsError, type CommandContext } from '../../shell/command';
import type { Flags } from '../flags/parse';
import { clientError, invalidConfig } from './client-config-error';
import type { LoadedConfig } from './load';
import { defaultServerUrl, serverUrlText } from './server-url';
import { authProviderError } from './auth-provider';
import { caBundleError, INSECURE_WITH_CA, keyPairError } from './tls-material';
import type { AuthInfo, Cluster, Context } from './types';
import { confirmUsable, type UsableView } from './validate';

/** The effective client settings after the global flag overrides. */
export interface ClientConfig {
  contextName: string;
  context?: Context;
  clusterName: string;
  cluster?: Cluster;
  userName: string;
  /** The credentials sent (none over plain http). */
  user?: AuthInfo;
  /** The server URL as client-go builds it (scheme added, path prefix kept). */
  server: string;
  namespace: string;
  /** Whether the namespace came from --namespace (or the context) rather than the default. */
  namespaceExplicit: boolean;
  /** How the client verifies the server's certificate. */
  tls: ClientTls;
  /** Over https with nothing that identifies the user: an interactive client asks for a username and password. */
  needsCredentials: boolean;
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
export type LoaderFlags = Pick<Flags, 'str' | 'globalStr' | 'globalBool'> & Partial<Pick<Flags, 'list'>>;

/**
 * How a program asks for its client config: most kubectl commands ask for the namespace first
 * (so ConfirmUsable speaks first), others (create, apply, run…) and helm for the REST config;
 * kubectl prompts for missing credentials, helm does not.
 */
export interface ClientOrder {
  namespaceFirst: boolean;
  interactive: boolean;
}

/** The filesystem as Go's os.Open and os.ReadFile see it: an error text, or the content. */
export interface ConfigFiles {
  open(path: string): string | undefined;
  read(path: string): { text: string } | { error: string };
}

function goFsError(e: unknown): string {
  const code = e instanceof FsError ? e.code : '';
  return code === 'EACCES' ? 'permission denied' : code === 'ENOTDIR' ? 'not a directory' : 'no such file or directory';
}

export function configFiles(ctx: CommandContext): ConfigFiles {
  const read = (path: string): { text: string } | { error: string } => {
    try {
      return { text: ctx.fs.readFile(path) };
    } catch (e) {
      // os.Open succeeds on a directory; reading it fails later.
      if (e instanceof FsError && e.code === 'EISDIR') return { error: `read ${path}: is a directory` };
      return { error: `open ${path}: ${goFsError(e)}` };
    }
  };
  return {
    open: (path) => {
      const r = read(path);
      return 'error' in r && !r.error.startsWith('read ') ? r.error : undefined;
    },
    read,
  };
}

const nonEmpty = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== false;

/** mergo.Merge with override: the source's non-empty fields replace the destination's. */
function overlay<T extends object>(dst: T, src: Partial<T> | undefined): T {
  const out = { ...dst } as Record<string, unknown>;
  for (const [k, v] of Object.entries(src ?? {})) if (nonEmpty(v)) out[k] = v;
  return out as T;
}

/** getCluster: ClusterDefaults (localhost:8080), the named cluster, then the flags. */
function mergedCluster(ctx: CommandContext, entry: Cluster | undefined, flags: LoaderFlags): Cluster {
  const defaults: Cluster = { server: ctx.env.KUBERNETES_MASTER || 'http://localhost:8080' };
  let c = overlay(overlay(defaults, entry), { server: flags.globalStr('server'), 'tls-server-name': flags.globalStr('tls-server-name') });
  const insecureFlag = flags.globalBool('insecure-skip-tls-verify');
  const caFlag = flags.globalStr('certificate-authority');
  // A CA or insecure flag replaces all three of the kubeconfig's settings; --server or --tls-server-name replaces its server name.
  if (insecureFlag || caFlag) c = { ...c, 'insecure-skip-tls-verify': insecureFlag, 'certificate-authority': caFlag, 'certificate-authority-data': '' };
  if (flags.globalStr('server') || flags.globalStr('tls-server-name')) c['tls-server-name'] = flags.globalStr('tls-server-name');
  return c;
}

/** getAuthInfo: the named user, then the flags (a certificate or key flag replaces the data too). */
function mergedAuthInfo(entry: AuthInfo | undefined, flags: LoaderFlags): AuthInfo {
  const given = (name: string) => flags.globalStr(name);
  const a = overlay({ ...(entry ?? {}) }, {
    token: given('token'), username: given('username'), password: given('password'), 'client-certificate': given('client-certificate'), 'client-key': given('client-key'),
    as: given('as'), 'as-uid': given('as-uid'), ...(flags.list?.('as-group').length ? { 'as-groups': flags.list('as-group') } : {}),
  });
  if (given('client-key')) a['client-key-data'] = '';
  if (given('client-certificate')) a['client-certificate-data'] = '';
  return a;
}

/** restclient.Config's canIdentifyUser. */
function canIdentifyUser(a: AuthInfo): boolean {
  return nonEmpty(a.username) || nonEmpty(a['client-certificate']) || nonEmpty(a['client-certificate-data']) || nonEmpty(a.token) || !!a['auth-provider'] || !!a.exec;
}

/** The PEM a kubeconfig names: base64 data, else the file's text. */
function pemOf(files: ConfigFiles, data: unknown, file: unknown): string {
  if (typeof data === 'string' && data) return atob(data.replace(/\s+/g, ''));
  if (typeof file === 'string' && file) {
    const r = files.read(file);
    if ('error' in r) throw clientError(r.error);
    return r.text;
  }
  return '';
}

/** rest.Config's TransportConfig (the auth provider), then transport.TLSConfigFor's checks, in their order. */
function checkTransport(files: ConfigFiles, cluster: Cluster, user: AuthInfo): void {
  const provider = authProviderError(user['auth-provider']);
  if (provider) throw clientError(provider);
  const hasCa = nonEmpty(cluster['certificate-authority']) || nonEmpty(cluster['certificate-authority-data']);
  if (hasCa && cluster['insecure-skip-tls-verify']) throw clientError(INSECURE_WITH_CA);
  if (hasCa) {
    const why = caBundleError(pemOf(files, cluster['certificate-authority-data'], cluster['certificate-authority']));
    if (why) throw clientError(why);
  }
  // A certificate or key from a file is loaded by a background rotation that only logs its failures; data is checked now.
  const fromFile = nonEmpty(user['client-certificate']) || nonEmpty(user['client-key']);
  if (!fromFile && nonEmpty(user['client-certificate-data']) && nonEmpty(user['client-key-data'])) {
    const why = keyPairError(pemOf(files, user['client-certificate-data'], user['client-certificate']), pemOf(files, user['client-key-data'], user['client-key']));
    if (why) throw clientError(why);
  }
}

/** A username and password typed at kubectl's prompt. */
export interface PromptedCredentials {
  username: string;
  password: string;
}

export function clientConfig(ctx: CommandContext, loaded: LoadedConfig, flags: LoaderFlags, order: ClientOrder, prompted?: PromptedCredentials, files: ConfigFiles = configFiles(ctx)): ClientConfig {
  const cfg = loaded.resolved;
  const contextFlag = flags.globalStr('context');
  const contextName = contextFlag || cfg['current-context'] || '';
  const context = cfg.contexts.find((c) => c.name === contextName)?.context;
  const clusterFlag = flags.globalStr('cluster');
  const clusterName = clusterFlag || context?.cluster || '';
  const clusterEntry = cfg.clusters.find((c) => c.name === clusterName);
  const userFlag = flags.globalStr('user');
  const userName = userFlag || context?.user || '';
  const userEntry = cfg.users.find((u) => u.name === userName);
  // A named entry that does not exist is an empty one to ConfirmUsable.
  const cluster = clusterFlag && !clusterEntry ? {} : mergedCluster(ctx, clusterEntry?.cluster, flags);
  const authInfo = userFlag && !userEntry ? {} : mergedAuthInfo(userEntry?.user, flags);
  const view: UsableView = { contextName, contextExists: !!context, authInfoName: userName, authInfo, clusterName, cluster };
  const assertUsable = () => {
    const errs = confirmUsable(view, files.open);
    if (errs.length) throw invalidConfig(errs);
  };
  const nsFlag = flags.str('namespace');
  if (order.namespaceFirst && !nsFlag) assertUsable();
  if (userFlag && !userEntry) throw clientError(`auth info "${userFlag}" does not exist`);
  if (contextFlag && !context) throw clientError(`context "${contextFlag}" does not exist`);
  if (clusterFlag && !clusterEntry) throw clientError(`cluster "${clusterFlag}" does not exist`);
  assertUsable();

  const server = cluster.server ?? '';
  const probe = defaultServerUrl(server, false);
  const secure = !('error' in probe) && probe.scheme === 'https';
  let user: AuthInfo = {};
  let tls: ClientTls = { insecure: false };
  if (secure) {
    user = { ...authInfo };
    if (!nonEmpty(user.token) && nonEmpty(user.tokenFile)) {
      const r = files.read(user.tokenFile as string);
      if ('error' in r) throw clientError(r.error);
      // The cached file token source sends the file's content without surrounding white space.
      user.token = r.text.trim();
    }
    if (prompted && !canIdentifyUser(user)) Object.assign(user, prompted);
    // kubectl prompts before the transport checks its TLS material.
    if (!order.interactive || canIdentifyUser(user)) checkTransport(files, cluster, user);
    tls = { insecure: cluster['insecure-skip-tls-verify'] === true };
    if (nonEmpty(cluster['certificate-authority-data'])) tls.caData = cluster['certificate-authority-data'];
    else if (nonEmpty(cluster['certificate-authority'])) tls.caFile = cluster['certificate-authority'];
    if (nonEmpty(cluster['tls-server-name'])) tls.serverName = cluster['tls-server-name'];
  }
  const url = defaultServerUrl(server, secure && (tls.insecure || !!tls.caData || !!tls.caFile));
  if ('error' in url) throw clientError(url.error);
  return {
    contextName,
    context,
    clusterName,
    cluster: clusterEntry?.cluster,
    userName,
    user,
    server: serverUrlText(url),
    namespace: nsFlag || context?.namespace || 'default',
    namespaceExplicit: Boolean(nsFlag),
    tls,
    needsCredentials: order.interactive && secure && !canIdentifyUser(user),
  };
}
