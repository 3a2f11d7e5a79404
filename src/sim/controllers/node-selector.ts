/**
 * A NodeSelectorTerm against a node (component-helpers/scheduling/corev1/nodeaffinity): every
 * expression on its labels and every field (only metadata.name) must match; an empty term
 * matches nothing. Pods' node affinity and volumes' node affinity both use it.
 */
import type { KubeObject } from '../apiserver/types';
import type { Obj } from './machinery/objects';

export function nodeSelectorTermMatches(term: Obj, node: KubeObject): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const e of (term.matchExpressions ?? []) as Obj[]) {
    const v = labels[e.key];
    const has = v !== undefined;
    const values = (e.values ?? []) as string[];
    const ok =
      e.operator === 'In' ? has && values.includes(v) :
      e.operator === 'NotIn' ? !has || !values.includes(v) :
      e.operator === 'Exists' ? has :
      e.operator === 'DoesNotExist' ? !has :
      e.operator === 'Gt' ? has && Number(v) > Number(values[0]) :
      e.operator === 'Lt' ? has && Number(v) < Number(values[0]) : false;
    if (!ok) return false;
  }
  for (const e of (term.matchFields ?? []) as Obj[]) {
    if (e.key !== 'metadata.name') return false;
    const values = (e.values ?? []) as string[];
    const ok = e.operator === 'In' ? values.includes(node.metadata!.name!) : e.operator === 'NotIn' ? !values.includes(node.metadata!.name!) : false;
    if (!ok) return false;
  }
  return ((term.matchExpressions ?? []) as Obj[]).length + ((term.matchFields ?? []) as Obj[]).length > 0;
}
