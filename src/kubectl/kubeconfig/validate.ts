/**
 * clientcmd's ConfirmUsable: what is wrong with the context, user and cluster a command would
 * use, every finding in client-go's words and order (the context, then the user, then the
 * cluster). Files named by the kubeconfig must open; paths arrive already resolved.
 */
import { goUrlParse } from './server-url';
import { EXEC_INTERACTIVE_DEFAULTED, type AuthInfo, type Cluster } from './types';

/** os.Open's error for a path, or undefined when it opens. */
export type OpenFile = (path: string) => string | undefined;

export interface UsableView {
  /** --context, else the current context ('' when neither). */
  contextName: string;
  contextExists: boolean;
  authInfoName: string;
  authInfo: AuthInfo;
  clusterName: string;
  cluster: Cluster;
}

const has = (v: unknown) => typeof v === 'string' ? v.length > 0 : Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && !(typeof v === 'object' && Object.keys(v).length === 0);

/** parseProxyURL's complaint. */
function proxyUrlError(proxy: string): string | undefined {
  const u = goUrlParse(proxy);
  if (u === 'error') return `could not parse: ${proxy}`;
  return ['http', 'https', 'socks5'].includes(u.scheme) ? undefined : `unsupported scheme "${u.scheme}", must be http, https, or socks5`;
}

function clusterErrors(name: string, c: Cluster, open: OpenFile): string[] {
  const errs: string[] = [];
  if (!has(c.server)) errs.push(name ? `no server found for cluster "${name}"` : 'default cluster has no server defined');
  const proxy = c['proxy-url'];
  if (typeof proxy === 'string' && proxy) {
    const why = proxyUrlError(proxy);
    if (why) errs.push(`invalid 'proxy-url' "${proxy}" for cluster "${name}": ${why}`);
  }
  const caFile = c['certificate-authority'];
  if (has(caFile) && has(c['certificate-authority-data'])) errs.push(`certificate-authority-data and certificate-authority are both specified for ${name}. certificate-authority-data will override.`);
  if (typeof caFile === 'string' && caFile) {
    const why = open(caFile);
    if (why) errs.push(`unable to read certificate-authority ${caFile} for ${name} due to ${why}`);
  }
  return errs;
}

const EXEC_MODES = new Set(['Never', 'IfAvailable', 'Always']);
function execErrors(name: string, a: AuthInfo): string[] {
  const exec = a.exec as { command?: string; apiVersion?: string; env?: { name?: string }[]; interactiveMode?: string } | undefined;
  if (!exec || typeof exec !== 'object') return [];
  const errs: string[] = [];
  if (a['auth-provider']) errs.push(`authProvider cannot be provided in combination with an exec plugin for ${name}`);
  if (!exec.command) errs.push(`command must be specified for ${name} to use exec authentication plugin`);
  if (!exec.apiVersion) errs.push(`apiVersion must be specified for ${name} to use exec authentication plugin`);
  for (const env of exec.env ?? []) if (!env?.name) errs.push(`env variable name must be specified for ${name} to use exec authentication plugin`);
  const mode = exec.interactiveMode || (EXEC_INTERACTIVE_DEFAULTED.has(exec.apiVersion ?? '') ? 'IfAvailable' : '');
  if (!mode) errs.push(`interactiveMode must be specified for ${name} to use exec authentication plugin`);
  else if (!EXEC_MODES.has(mode)) errs.push(`invalid interactiveMode for ${name}: "${mode}"`);
  return errs;
}

function authInfoErrors(name: string, a: AuthInfo, open: OpenFile): string[] {
  const errs: string[] = [];
  const methods: string[] = [];
  if (has(a.token)) methods.push('token');
  if (has(a.username) || has(a.password)) methods.push('basicAuth');
  if (has(a['client-certificate']) || has(a['client-certificate-data'])) {
    if (has(a['client-certificate']) && has(a['client-certificate-data'])) errs.push(`client-cert-data and client-cert are both specified for ${name}. client-cert-data will override.`);
    if (has(a['client-key']) && has(a['client-key-data'])) errs.push(`client-key-data and client-key are both specified for ${name}; client-key-data will override`);
    if (!has(a['client-key']) && !has(a['client-key-data'])) errs.push(`client-key-data or client-key must be specified for ${name} to use the clientCert authentication method.`);
    for (const [field, label] of [['client-certificate', 'client-cert'], ['client-key', 'client-key']] as const) {
      const path = a[field];
      const why = typeof path === 'string' && path ? open(path) : undefined;
      if (why) errs.push(`unable to read ${label} ${path} for ${name} due to ${why}`);
    }
  }
  errs.push(...execErrors(name, a));
  if (methods.length > 1) errs.push(`more than one authentication method found for ${name}; found [${methods.join(' ')}], only one is allowed`);
  if ((has(a['as-uid']) || has(a['as-groups']) || has(a['as-user-extra'])) && !has(a.as)) errs.push(`requesting uid, groups or user-extra for ${name} without impersonating a user`);
  return errs;
}

export function confirmUsable(view: UsableView, open: OpenFile): string[] {
  const errs: string[] = [];
  if (view.contextName && !view.contextExists) errs.push(`context was not found for specified context: ${view.contextName}`);
  errs.push(...authInfoErrors(view.authInfoName, view.authInfo, open));
  errs.push(...clusterErrors(view.clusterName, view.cluster, open));
  return errs;
}
