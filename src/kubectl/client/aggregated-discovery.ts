/**
 * Aggregated discovery (apidiscovery.k8s.io/v2), as kube-apiserver 1.33 answers /api and /apis to a
 * client that asks for it (client-go's discovery client does): every group, version and resource
 * in two documents, so a client with no cache makes two discovery requests, not one per group
 * version. kubectl's verbose log shows these answers (-v=8); the verbose goldens' bridge serves them.
 */
import type { APIResource, DiscoveryDocument } from '../../sim/apiserver/types';

export const AGGREGATED_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function kindOf(gv: string, r: APIResource): { group: string; version: string; kind: string } {
  const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
  return { group: r.group ?? group, version: r.version ?? version, kind: r.kind };
}

/** The APIGroupDiscoveryList of /api (legacy: the core group) or /apis (the named groups). */
export function aggregatedDiscovery(doc: DiscoveryDocument, legacy: boolean): unknown {
  const groups = doc.groups.filter((g) => (g.name === '') === legacy);
  const items = groups.map((g) => ({
    metadata: { ...(g.name ? { name: g.name } : {}), creationTimestamp: null },
    versions: g.versions.map((v) => {
      const list = doc.resourceLists.find((l) => l.groupVersion === v.groupVersion);
      const all = list?.resources ?? [];
      const resources = all
        .filter((r) => !r.name.includes('/'))
        .map((r) => {
          const subresources = all
            .filter((s) => s.name.startsWith(`${r.name}/`))
            .map((s) => ({ subresource: s.name.slice(r.name.length + 1), responseKind: kindOf(v.groupVersion, s), verbs: s.verbs }));
          return {
            resource: r.name,
            responseKind: kindOf(v.groupVersion, r),
            scope: r.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: r.singularName,
            verbs: r.verbs,
            ...(r.shortNames?.length ? { shortNames: r.shortNames } : {}),
            ...(r.categories?.length ? { categories: r.categories } : {}),
            ...(subresources.length ? { subresources } : {}),
          };
        });
      return { version: v.version, resources, freshness: 'Current' };
    }),
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
