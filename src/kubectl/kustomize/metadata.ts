/**
 * Labels and annotations (commonLabels, labels, commonAnnotations), with the field specs of
 * kustomize's defaults: metadata everywhere, pod templates, and selectors when asked.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { isObj, kindOf, metaOf, type Obj } from './types';
import { mapAt } from './workloads';

interface FieldSpec {
  kinds: string[];
  path: string[];
  create: boolean;
}

const APPS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'];

/** Selector fields that commonLabels (and labels with includeSelectors) rewrite. */
const SELECTOR_FIELDS: FieldSpec[] = [
  { kinds: ['Service'], path: ['spec', 'selector'], create: true },
  { kinds: ['ReplicationController'], path: ['spec', 'selector'], create: true },
  { kinds: APPS, path: ['spec', 'selector', 'matchLabels'], create: true },
  { kinds: ['Job'], path: ['spec', 'selector', 'matchLabels'], create: false },
  { kinds: ['CronJob'], path: ['spec', 'jobTemplate', 'spec', 'selector', 'matchLabels'], create: false },
  { kinds: ['PodDisruptionBudget'], path: ['spec', 'selector', 'matchLabels'], create: false },
  { kinds: ['NetworkPolicy'], path: ['spec', 'podSelector', 'matchLabels'], create: false },
];

/** Template metadata fields (labels or annotations go under these paths + the map name). */
const TEMPLATE_FIELDS: FieldSpec[] = [
  { kinds: [...APPS, 'ReplicationController', 'Job'], path: ['spec', 'template', 'metadata'], create: true },
  { kinds: ['CronJob'], path: ['spec', 'jobTemplate', 'metadata'], create: true },
  { kinds: ['CronJob'], path: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'], create: true },
];

function addTo(target: Obj | undefined, pairs: Record<string, string>): void {
  if (!target) return;
  for (const [k, v] of Object.entries(pairs)) target[k] = v;
}

function applySpecs(obj: KubeObject, specs: FieldSpec[], suffix: string[], pairs: Record<string, string>): void {
  for (const s of specs) {
    if (!s.kinds.includes(kindOf(obj))) continue;
    addTo(mapAt(obj as Obj, [...s.path, ...suffix], s.create), pairs);
  }
}

export interface LabelOptions {
  includeSelectors: boolean;
  includeTemplates: boolean;
}

export function addLabels(obj: KubeObject, pairs: Record<string, string>, opts: LabelOptions): void {
  if (!Object.keys(pairs).length) return;
  addTo(mapAt(metaOf(obj), ['labels'], true), pairs);
  if (opts.includeSelectors) applySpecs(obj, SELECTOR_FIELDS, [], pairs);
  if (opts.includeSelectors || opts.includeTemplates) applySpecs(obj, TEMPLATE_FIELDS, ['labels'], pairs);
  if (opts.includeSelectors && obj.kind === 'StatefulSet' && isObj(obj.spec) && Array.isArray((obj.spec as Obj).volumeClaimTemplates)) {
    for (const t of (obj.spec as Obj).volumeClaimTemplates as unknown[]) if (isObj(t)) addTo(mapAt(t, ['metadata', 'labels'], true), pairs);
  }
}

export function addAnnotations(obj: KubeObject, pairs: Record<string, string>): void {
  if (!Object.keys(pairs).length) return;
  addTo(mapAt(metaOf(obj), ['annotations'], true), pairs);
  applySpecs(obj, TEMPLATE_FIELDS, ['annotations'], pairs);
}
