/**
 * kustomize's legacy output order: some kinds first (Namespace, then what others depend on), the
 * webhooks last, the rest in between; ties by group_version_kind, then namespace, then name.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { kindOf, nameOf, namespaceOf, splitApiVersion } from './types';

const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy',
  'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service',
  'LimitRange', 'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet',
  'CronJob', 'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function ranks(first: string[], last: string[]): Map<string, number> {
  return new Map<string, number>([
    ...first.map((k, i): [string, number] => [k, i - first.length]),
    ...last.map((k, i): [string, number] => [k, i + 1]),
  ]);
}

const DEFAULT_RANK = ranks(ORDER_FIRST, ORDER_LAST);

function gvkString(obj: KubeObject): string {
  const { group, version } = splitApiVersion(obj.apiVersion);
  return [group || '~G', version || '~V', obj.kind || '~K'].join('_');
}

function legacySortString(obj: KubeObject): string {
  return [gvkString(obj), namespaceOf(obj) || '~X', nameOf(obj) || '~N'].join('|');
}

const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The legacy order, with sortOptions.legacySortOptions' own first and last kinds when given. */
export function legacyComparator(first?: string[], last?: string[]): (a: KubeObject, b: KubeObject) => number {
  const rank = first || last ? ranks(first ?? [], last ?? []) : DEFAULT_RANK;
  return (a, b) => {
    const ga = gvkString(a);
    const gb = gvkString(b);
    if (ga !== gb) {
      const ra = rank.get(kindOf(a)) ?? 0;
      const rb = rank.get(kindOf(b)) ?? 0;
      return ra !== rb ? ra - rb : byteCompare(ga, gb);
    }
    return byteCompare(legacySortString(a), legacySortString(b));
  };
}

export const compareLegacy = legacyComparator();
