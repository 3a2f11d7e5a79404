/**
 * Every official example manifest of the Kubernetes documentation (shared/corpus/k8s-examples)
 * must be accepted by the API server on its own (strict field validation, as kubectl sends),
 * in a fresh cluster with the namespaces and default service accounts it needs.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SimClock } from '../../../src/sim/clock';
import { SeededRandom } from '../../../src/sim/random';
import { createApiServer, ApiClient, gvr, splitApiVersion, type KubeObject } from '../../../src/sim/apiserver';

const dir = resolve(__dirname, '../../../../shared/corpus/k8s-examples');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')) : [];

function applyFile(file: string): string[] {
  const server = createApiServer({ clock: new SimClock(), random: new SeededRandom(1) });
  const c = new ApiClient(server);
  const ensureNamespace = (ns: string) => {
    if (ns !== 'default') c.create(gvr('namespaces'), undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    c.create(gvr('serviceaccounts'), ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
  };
  ensureNamespace('default');
  const problems: string[] = [];
  const objects = parseAllDocuments(readFileSync(`${dir}/${file}`, 'utf8'))
    .map((d) => d.toJSON() as KubeObject | null)
    .flatMap((o) => (o && o.kind === 'List' ? ((o.items as KubeObject[]) ?? []) : o ? [o] : []));
  const definedAccounts = new Set(objects.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata?.name));
  for (const o of objects) {
    const { group, version } = splitApiVersion(String(o.apiVersion));
    const info = server.registry.byKind(String(o.kind), group, version);
    if (!info) {
      problems.push(`${o.apiVersion} ${o.kind}: not served`);
      continue;
    }
    const ns = info.namespaced ? (o.metadata?.namespace ?? 'default') : undefined;
    if (ns) ensureNamespace(ns);
    // Pods that name a service account get it, as the README's prerequisites say.
    const sa = ((o.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName) ??
      ((o.spec as { template?: { spec?: { serviceAccountName?: string } } } | undefined)?.template?.spec?.serviceAccountName);
    if (ns && sa && !definedAccounts.has(sa)) c.create(gvr('serviceaccounts'), ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa } });
    let r = c.create(info, ns, o, { fieldValidation: 'Strict' });
    if (r.code === 409) {
      // What `kubectl apply` does for an object that exists (the bootstrap roles): update it.
      const live = c.get(info, ns, String(o.metadata?.name)).body as KubeObject;
      r = c.update(info, ns, { ...o, metadata: { ...o.metadata, resourceVersion: live.metadata!.resourceVersion } }, { fieldValidation: 'Strict' });
      if (r.code === 200) r = { ...r, code: 201 };
    }
    if (r.code !== 201) problems.push(`${o.kind} ${o.metadata?.name}: ${r.code} ${(r.body as { message?: string }).message}`);
  }
  return problems;
}

describe('official example manifests', () => {
  it.skipIf(files.length === 0)('are all accepted', () => {
    const failures = files.flatMap((f) => applyFile(f).map((p) => `${f}: ${p}`));
    expect(failures).toEqual([]);
  });
});
