/**
 * minikube's entries in the user's kubeconfig (pkg/minikube/kubeconfig): a cluster, a context and a
 * user named after the profile, certificates referenced by path under ~/.minikube, and the
 * current-context switched to the profile. `delete` takes them out again.
 */
import { parse, stringify } from 'yaml';
import type { CommandContext } from '../../shell/command';
import { MINIKUBE_VERSION } from './messages';

type Named = { name: string; [k: string]: unknown };
interface KubeconfigDoc {
  apiVersion?: string;
  clusters?: Named[] | null;
  contexts?: Named[] | null;
  'current-context'?: string;
  kind?: string;
  preferences?: Record<string, unknown>;
  users?: Named[] | null;
  [k: string]: unknown;
}

export function homeOf(ctx: CommandContext): string {
  return ctx.env.HOME || ctx.user.home;
}

/** The file minikube writes: the first entry of $KUBECONFIG, else ~/.kube/config. */
export function kubeconfigPath(ctx: CommandContext): string {
  const first = (ctx.env.KUBECONFIG ?? '').split(':').find(Boolean);
  return first ? ctx.fs.resolve(first) : `${homeOf(ctx)}/.kube/config`;
}

function load(ctx: CommandContext, path: string): KubeconfigDoc {
  try {
    const doc = parse(ctx.fs.readFile(path)) as KubeconfigDoc | null;
    return doc && typeof doc === 'object' ? doc : {};
  } catch {
    return {};
  }
}

function save(ctx: CommandContext, path: string, doc: KubeconfigDoc): void {
  ctx.fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
  ctx.fs.writeFile(path, stringify(doc, { lineWidth: 0, indentSeq: false }), { mode: 0o600 });
}

function upsert(list: Named[] | null | undefined, entry: Named): Named[] {
  const rest = (list ?? []).filter((e) => e.name !== entry.name);
  return [...rest, entry].sort((a, b) => a.name.localeCompare(b.name));
}

function extension(lastUpdate: string): unknown[] {
  return [{ extension: { 'last-update': lastUpdate, provider: 'minikube.sigs.k8s.io', version: MINIKUBE_VERSION }, name: 'cluster_info' }];
}

/** Go's time.RFC1123 in UTC, as minikube stamps last-update. */
function rfc1123(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}

export function writeMinikubeContext(ctx: CommandContext, profile: string, server: string): void {
  const path = kubeconfigPath(ctx);
  const doc = load(ctx, path);
  const mk = `${homeOf(ctx)}/.minikube`;
  const stamp = rfc1123(ctx.clock.now());
  doc.apiVersion ??= 'v1';
  doc.clusters = upsert(doc.clusters, { cluster: { 'certificate-authority': `${mk}/ca.crt`, extensions: extension(stamp), server }, name: profile });
  doc.contexts = upsert(doc.contexts, { context: { cluster: profile, extensions: extension(stamp), namespace: 'default', user: profile }, name: profile });
  doc['current-context'] = profile;
  doc.kind ??= 'Config';
  doc.preferences ??= {};
  doc.users = upsert(doc.users, { name: profile, user: { 'client-certificate': `${mk}/profiles/${profile}/client.crt`, 'client-key': `${mk}/profiles/${profile}/client.key` } });
  save(ctx, path, doc);
}

export function removeMinikubeContext(ctx: CommandContext, profile: string): void {
  const path = kubeconfigPath(ctx);
  if (!ctx.fs.stat(path)) return;
  const doc = load(ctx, path);
  const drop = (list: Named[] | null | undefined) => (list ?? []).filter((e) => e.name !== profile);
  doc.clusters = drop(doc.clusters);
  doc.contexts = drop(doc.contexts);
  doc.users = drop(doc.users);
  if (doc['current-context'] === profile) doc['current-context'] = '';
  save(ctx, path, doc);
}

/** Is the profile's context in the kubeconfig pointing at its server (status's `kubeconfig:` line)? */
export function contextConfigured(ctx: CommandContext, profile: string, server: string): boolean {
  const doc = load(ctx, kubeconfigPath(ctx));
  const cluster = (doc.clusters ?? []).find((c) => c.name === profile)?.cluster as { server?: string } | undefined;
  return cluster?.server === server;
}

export function currentContext(ctx: CommandContext): string | undefined {
  return load(ctx, kubeconfigPath(ctx))['current-context'] || undefined;
}
