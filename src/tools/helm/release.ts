/**
 * Releases stored as Helm 3 stores them: one Secret per revision, `sh.helm.release.v1.NAME.vN`,
 * type helm.sh/release.v1, labelled name/owner/status/version, its `release` key holding the
 * base64 of the gzipped release JSON (so the Secret's data is base64 twice, as with the real one).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { gzipDecode, gzipEncode } from '../../shell/commands/lib/archive';
import type { KubeClient } from './client';
import type { Values } from './values';

export type ReleaseStatus = 'deployed' | 'superseded' | 'failed' | 'uninstalling' | 'pending-install' | 'pending-upgrade' | 'pending-rollback' | 'uninstalled';

export interface Release {
  name: string;
  namespace: string;
  version: number;
  info: { first_deployed: string; last_deployed: string; deleted: string; description: string; status: ReleaseStatus; notes?: string };
  chart: { metadata: { name: string; version: string; appVersion: string; description: string; apiVersion: 'v2' }; values: Values };
  /** The user-supplied values. */
  config: Values;
  manifest: string;
}

const SECRETS = { group: '', version: 'v1', resource: 'secrets' };

const utf8ToLatin1 = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));
const latin1ToUtf8 = (s: string) => new TextDecoder().decode(Uint8Array.from(s, (c) => c.charCodeAt(0)));

function encode(r: Release): string {
  return btoa(btoa(gzipEncode(utf8ToLatin1(JSON.stringify(r)))));
}

function decode(data: string): Release | undefined {
  try {
    const json = gzipDecode(atob(atob(data)));
    return json === null ? undefined : (JSON.parse(latin1ToUtf8(json)) as Release);
  } catch {
    return undefined;
  }
}

export const secretName = (name: string, version: number) => `sh.helm.release.v1.${name}.v${version}`;

/** Every stored revision of a release (or of all releases with no name), oldest first. */
export function listReleases(client: KubeClient, namespace: string | undefined, name?: string): Release[] {
  const selector = name ? `owner=helm,name=${name}` : 'owner=helm';
  const r = client.request<{ items: KubeObject[] }>({ verb: 'list', ...SECRETS, namespace, query: { labelSelector: selector } });
  if (r.code !== 200) return [];
  const out: Release[] = [];
  for (const s of (r.body as { items: KubeObject[] }).items) {
    if (s.type !== 'helm.sh/release.v1') continue;
    const rel = decode(String((s.data as Record<string, string> | undefined)?.release ?? ''));
    if (rel) out.push(rel);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version);
}

export function history(client: KubeClient, namespace: string, name: string): Release[] {
  return listReleases(client, namespace, name);
}

/** The newest revision of each release. */
export function latest(releases: Release[]): Release[] {
  const byName = new Map<string, Release>();
  for (const r of releases) {
    const key = `${r.namespace}/${r.name}`;
    const cur = byName.get(key);
    if (!cur || cur.version < r.version) byName.set(key, r);
  }
  return [...byName.values()];
}

function secretOf(r: Release, created?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secretName(r.name, r.version), namespace: r.namespace, labels: { name: r.name, owner: 'helm', status: r.info.status, version: String(r.version), ...(created ? { modifiedAt: created } : {}) } },
    type: 'helm.sh/release.v1',
    data: { release: encode(r) },
  };
}

export function storeRelease(client: KubeClient, r: Release): void {
  client.request({ verb: 'create', ...SECRETS, namespace: r.namespace, body: secretOf(r) });
}

export function updateRelease(client: KubeClient, r: Release): void {
  const cur = client.request<KubeObject>({ verb: 'get', ...SECRETS, namespace: r.namespace, name: secretName(r.name, r.version) });
  if (cur.code !== 200) return storeRelease(client, r);
  const body = secretOf(r);
  body.metadata!.resourceVersion = (cur.body as KubeObject).metadata?.resourceVersion;
  client.request({ verb: 'update', ...SECRETS, namespace: r.namespace, name: body.metadata!.name, body });
}

export function deleteReleaseSecrets(client: KubeClient, r: Release[]): void {
  for (const x of r) client.request({ verb: 'delete', ...SECRETS, namespace: x.namespace, name: secretName(x.name, x.version) });
}
