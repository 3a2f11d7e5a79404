/**
 * The values describe pod prints beside an env var taken from the pod or its container. A fieldRef
 * goes through the scheme's field label conversion for Pods, then fieldpath.ExtractFieldPathAsString:
 * only metadata.name and metadata.namespace pass both (labels, annotations, spec.nodeName print
 * empty, as the real client shows). A resourceFieldRef goes through ExtractContainerResourceValue:
 * the container's request or limit over the divisor, rounded up; an unset CPU or memory limit is
 * "node allocatable". A pod template has no pod: its fieldRefs print empty.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { parseQuantity } from '../../sim/apiserver/quantity';
import type { Obj } from './helpers';

export function fieldRefValue(pod: KubeObject | undefined, fieldPath: string): string {
  if (fieldPath === 'metadata.name') return pod?.metadata?.name ?? '';
  if (fieldPath === 'metadata.namespace') return pod?.metadata?.namespace ?? '';
  return '';
}

export function resourceFieldRefValue(container: Obj, ref: Obj): string {
  const [kind, name] = String(ref.resource ?? '').split('.') as ['limits' | 'requests', string];
  if ((kind !== 'limits' && kind !== 'requests') || !name) return '';
  const divisor = parseQuantity(String(ref.divisor ?? '0')) || 1;
  const amount = parseQuantity(String(container.resources?.[kind]?.[name] ?? '0')) || 0;
  // CPU is compared in millicores, as convertResourceCPUToString does.
  const value = name === 'cpu' ? Math.ceil(Math.round(amount * 1000) / Math.round(divisor * 1000)) : Math.ceil(amount / divisor);
  if (value === 0 && kind === 'limits' && (name === 'cpu' || name === 'memory')) return 'node allocatable';
  return String(value);
}
