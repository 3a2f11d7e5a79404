/**
 * The downward API's values, as the kubelet makes them for env vars and downwardAPI volume files:
 * - fieldRef (pkg/fieldpath ExtractFieldPathAsString, and the kubelet's podFieldSelectorRuntimeValue
 *   for spec.* and status.*): labels and annotations whole are `key="value"` lines sorted by key
 *   (FormatMap, Go's %q), one of them by `metadata.labels['key']`;
 * - resourceFieldRef (ExtractContainerResourceValue): the container's limit or request divided by
 *   the divisor (1 when unset) and rounded up; a limit the container does not set is the node's
 *   allocatable (MergeContainerResourceLimits).
 */
import type { KubeObject } from '../apiserver/types';
import { parseQuantity } from '../apiserver/quantity';
import { spec, type Obj } from '../controllers/machinery/objects';
import { goQuote } from '../go-quote';

export interface DownwardFacts {
  nodeIP: string;
  podIP?: string;
  /** The node's allocatable (cpu, memory, ephemeral-storage), for limits the container leaves unset. */
  allocatable?: Record<string, string>;
}

/** A fieldRef's value; undefined for a path the API server would not have admitted. */
export function fieldRefValue(pod: KubeObject, path: string, facts: DownwardFacts): string | undefined {
  const meta = pod.metadata ?? {};
  const subscript = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (subscript) return ((meta[subscript[1] as 'labels' | 'annotations'] ?? {}) as Record<string, string>)[subscript[2]] ?? '';
  switch (path) {
    case 'metadata.labels':
      return formatMap((meta.labels ?? {}) as Record<string, string>);
    case 'metadata.annotations':
      return formatMap((meta.annotations ?? {}) as Record<string, string>);
    case 'metadata.name':
      return String(meta.name ?? '');
    case 'metadata.namespace':
      return String(meta.namespace ?? '');
    case 'metadata.uid':
      return String(meta.uid ?? '');
    case 'spec.nodeName':
      return String(spec(pod).nodeName ?? '');
    case 'spec.serviceAccountName':
      return String(spec(pod).serviceAccountName ?? '');
    case 'status.hostIP':
    case 'status.hostIPs':
      return facts.nodeIP;
    case 'status.podIP':
    case 'status.podIPs':
      return facts.podIP ?? String((pod.status as Obj | undefined)?.podIP ?? '');
  }
  return undefined;
}

/** FormatMap: `key="value"` per line, keys sorted, no final newline. */
export function formatMap(m: Record<string, string>): string {
  return Object.keys(m)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}=${goQuote(String(m[k]))}`)
    .join('\n');
}

const RESOURCES: Record<string, { field: 'limits' | 'requests'; name: string }> = {
  'limits.cpu': { field: 'limits', name: 'cpu' },
  'limits.memory': { field: 'limits', name: 'memory' },
  'limits.ephemeral-storage': { field: 'limits', name: 'ephemeral-storage' },
  'requests.cpu': { field: 'requests', name: 'cpu' },
  'requests.memory': { field: 'requests', name: 'memory' },
  'requests.ephemeral-storage': { field: 'requests', name: 'ephemeral-storage' },
};

/** A resourceFieldRef's value for a container (the one named, or `container` itself in env). */
export function resourceFieldRefValue(pod: KubeObject, ref: Obj, container: Obj | undefined, facts: DownwardFacts): string | undefined {
  const which = RESOURCES[String(ref.resource ?? '')];
  if (!which) return undefined;
  const named = ref.containerName ? ((spec(pod).containers ?? []) as Obj[]).find((c) => c.name === ref.containerName) : container;
  if (!named) return undefined;
  const resources = (named.resources ?? {}) as { limits?: Record<string, string>; requests?: Record<string, string> };
  let amount = resources[which.field]?.[which.name];
  if (amount === undefined && which.field === 'limits') amount = facts.allocatable?.[which.name];
  const value = parseQuantity(amount ?? '0');
  const divisor = ref.divisor === undefined || parseQuantity(ref.divisor) === 0 ? 1 : parseQuantity(ref.divisor);
  // CPU is divided in millicores, the rest in whole units, each then rounded up (math.Ceil).
  const result = which.name === 'cpu' ? Math.ceil(Math.round(value * 1000) / Math.round(divisor * 1000)) : Math.ceil(Math.ceil(value) / Math.ceil(divisor));
  return Number.isFinite(result) ? String(result) : undefined;
}
