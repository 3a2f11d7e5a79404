/**
 * CustomResourceDefinitions: the resources a CRD serves, and the status the apiextensions
 * controllers would give it at once (names accepted, established).
 */
import type { ResourceInfo } from './registry/registry';
import type { KubeObject } from './types';

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: { plural?: string; singular?: string; kind?: string; shortNames?: string[]; categories?: string[]; listKind?: string };
  versions?: { name: string; served?: boolean; storage?: boolean; subresources?: { status?: unknown; scale?: unknown } }[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function crdResources(crd: KubeObject): ResourceInfo[] {
  const spec = (crd.spec ?? {}) as CrdSpec;
  const names = spec.names ?? {};
  if (!spec.group || !names.plural || !names.kind) return [];
  return (spec.versions ?? [])
    .filter((v) => v.served)
    .map((v) => ({
      group: spec.group!,
      version: v.name,
      resource: names.plural!,
      singularName: names.singular ?? names.kind!.toLowerCase(),
      kind: names.kind!,
      namespaced: spec.scope !== 'Cluster',
      verbs: ALL_VERBS,
      shortNames: names.shortNames ?? [],
      categories: names.categories ?? [],
      subresources: [
        ...(v.subresources?.scale ? [{ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] }] : []),
        ...(v.subresources?.status ? [{ name: 'status', kind: names.kind!, verbs: ['get', 'patch', 'update'] }] : []),
      ],
      etcdPrefix: `/registry/${spec.group}/${names.plural}`,
      custom: true,
    }));
}

/** Defaulting + the status the naming and establishing controllers set. */
export function defaultCrd(crd: KubeObject, now: string): void {
  const spec = (crd.spec ?? {}) as CrdSpec & Record<string, unknown>;
  const names = spec.names ?? {};
  if (names.kind && !names.listKind) names.listKind = `${names.kind}List`;
  if (names.kind && !names.singular) names.singular = names.kind.toLowerCase();
  if (!spec.conversion) spec.conversion = { strategy: 'None' };
  const storage = (spec.versions ?? []).find((v) => v.storage)?.name;
  crd.status = {
    acceptedNames: { ...names },
    conditions: [
      { lastTransitionTime: now, message: 'no conflicts found', reason: 'NoConflicts', status: 'True', type: 'NamesAccepted' },
      { lastTransitionTime: now, message: 'the initial names have been accepted', reason: 'InitialNamesAccepted', status: 'True', type: 'Established' },
    ],
    storedVersions: storage ? [storage] : [],
  };
}
