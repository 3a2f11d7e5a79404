/**
 * The kubeconfig as kubectl writes and prints it: entries sorted by name, known fields only,
 * false/empty values dropped, `current-context` and `preferences` always present; `config view`
 * additionally redacts secrets (DATA+OMITTED, REDACTED) unless --raw.
 */
import { EXEC_INTERACTIVE_DEFAULTED, type KubeConfig } from './types';

const CLUSTER_FIELDS = ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression', 'extensions'];
const CONTEXT_FIELDS = ['cluster', 'user', 'namespace', 'extensions'];
const USER_FIELDS = [
  'client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'as-uid', 'as-groups',
  'as-user-extra', 'username', 'password', 'auth-provider', 'exec', 'extensions',
];

/** Fields clientcmd/api/v1 writes even when empty (no omitempty). */
const ALWAYS = new Set(['server', 'cluster', 'user']);

function pick(src: Record<string, unknown> | undefined, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = src?.[f];
    if (ALWAYS.has(f) && (v === undefined || v === null || v === '')) {
      out[f] = '';
      continue;
    }
    if (v === undefined || v === null || v === false || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[f] = v;
  }
  return out;
}

/** ExecConfig in Go field order: command, args, env and provideClusterInfo always written. */
function execConfig(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const e = raw as Record<string, unknown>;
  const env = Array.isArray(e.env) ? e.env.map((v: { name?: string; value?: string }) => ({ name: v?.name ?? '', value: v?.value ?? '' })) : null;
  const interactiveMode = e.interactiveMode || (EXEC_INTERACTIVE_DEFAULTED.has(String(e.apiVersion ?? '')) ? 'IfAvailable' : undefined);
  return {
    command: e.command ?? '',
    args: Array.isArray(e.args) ? e.args : null,
    env,
    ...(e.apiVersion ? { apiVersion: e.apiVersion } : {}),
    ...(e.installHint ? { installHint: e.installHint } : {}),
    provideClusterInfo: e.provideClusterInfo === true,
    ...(interactiveMode ? { interactiveMode } : {}),
  };
}

/** AuthProviderConfig: name and config (null when absent) always written. */
function authProvider(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const p = raw as Record<string, unknown>;
  return { name: p.name ?? '', config: p.config ?? null };
}

function canonicalUser(user: Record<string, unknown> | undefined): Record<string, unknown> {
  const out = pick(user, USER_FIELDS);
  if (out.exec) out.exec = execConfig(out.exec);
  if (out['auth-provider']) out['auth-provider'] = authProvider(out['auth-provider']);
  return out;
}

function byName<T extends { name: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The config in clientcmd/api/v1 form, in Go struct field order (for -o json). */
export function canonical(cfg: KubeConfig): Record<string, unknown> {
  const clusters = byName(cfg.clusters).map((c) => ({ name: c.name, cluster: pick(c.cluster, CLUSTER_FIELDS) }));
  const users = byName(cfg.users).map((u) => ({ name: u.name, user: canonicalUser(u.user) }));
  const contexts = byName(cfg.contexts).map((c) => ({ name: c.name, context: pick(c.context, CONTEXT_FIELDS) }));
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: clusters.length ? clusters : null,
    users: users.length ? users : null,
    contexts: contexts.length ? contexts : null,
    'current-context': cfg['current-context'] ?? '',
  };
}

export function redact(view: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(view)) as Record<string, unknown>;
  for (const c of (copy.clusters as { cluster: Record<string, unknown> }[] | null) ?? []) {
    if (c.cluster['certificate-authority-data']) c.cluster['certificate-authority-data'] = 'DATA+OMITTED';
  }
  for (const u of (copy.users as { user: Record<string, unknown> }[] | null) ?? []) {
    for (const k of ['client-certificate-data', 'client-key-data']) if (u.user[k]) u.user[k] = 'DATA+OMITTED';
    for (const k of ['token', 'password']) if (u.user[k]) u.user[k] = 'REDACTED';
  }
  return copy;
}
