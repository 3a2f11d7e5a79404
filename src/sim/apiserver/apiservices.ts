/**
 * APIService objects, as the kube-aggregator keeps them: one per served group version, "Local"
 * (served by this server) and always Available. Built-in ones are created at start
 * (automanaged: onstart), those of CustomResourceDefinitions follow the CRDs (automanaged: true).
 */
import type { ApiServer } from './server';
import { APISERVICE_PRIORITIES } from './registry/facts';
import { storageKey } from './storage';
import type { KubeObject } from './types';

const GROUP = 'apiregistration.k8s.io';

function apiService(server: ApiServer, group: string, version: string, automanaged: 'onstart' | 'true'): KubeObject {
  const gv = group ? `${group}/${version}` : version;
  const [groupPriorityMinimum, versionPriority] = APISERVICE_PRIORITIES[gv] ?? [1000, 100];
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: `${version}.${group}`, labels: { 'kube-aggregator.kubernetes.io/automanaged': automanaged } },
    spec: { ...(group ? { group } : {}), version, groupPriorityMinimum, versionPriority },
    status: {
      conditions: [
        { lastTransitionTime: server.clock.rfc3339(), message: 'Local APIServices are always available', reason: 'Local', status: 'True', type: 'Available' },
      ],
    },
  };
}

/** Create the APIServices of the built-in group versions (skipping existing ones). */
export function bootstrapAPIServices(server: ApiServer): void {
  const seen = new Set<string>();
  for (const r of server.registry.all()) {
    if (r.custom || seen.has(`${r.group}/${r.version}`)) continue;
    seen.add(`${r.group}/${r.version}`);
    server.request({ verb: 'create', group: GROUP, version: 'v1', resource: 'apiservices', body: apiService(server, r.group, r.version, 'onstart'), query: { fieldManager: 'kube-apiserver' } });
  }
}

/** Keep the APIServices of custom resource groups in step with the served CRD versions. */
export function syncCustomAPIServices(server: ApiServer): void {
  const info = server.registry.get(GROUP, 'v1', 'apiservices');
  if (!info) return;
  const wanted = new Set(server.registry.all().filter((r) => r.custom).map((r) => `${r.version}.${r.group}`));
  for (const e of server.storage.entries(info.etcdPrefix)) {
    if (e.obj.metadata?.labels?.['kube-aggregator.kubernetes.io/automanaged'] === 'true' && !wanted.has(e.name)) server.storage.delete(e.key, e.modRevision);
  }
  for (const name of wanted) {
    if (server.storage.get(storageKey(info.etcdPrefix, undefined, name))) continue;
    const i = name.indexOf('.');
    const obj = apiService(server, name.slice(i + 1), name.slice(0, i), 'true');
    server.request({ verb: 'create', group: GROUP, version: 'v1', resource: 'apiservices', body: obj, query: { fieldManager: 'kube-apiserver' } });
  }
}
