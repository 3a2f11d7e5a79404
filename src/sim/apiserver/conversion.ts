/**
 * Version conversion for the resources served in two shapes over one storage:
 * - core/v1 Event ↔ events.k8s.io/v1 Event (stored as v1: message/involvedObject/source…);
 * - autoscaling/v1 ↔ autoscaling/v2 HorizontalPodAutoscaler (stored as v2: metrics).
 * Everything else only changes apiVersion.
 */
import type { ResourceInfo } from './registry/registry';
import { apiVersionOf } from './registry/registry';
import type { KubeObject } from './types';
import { fillGoZeros } from './patch/field-types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The version a resource is stored in (the kube-apiserver's storage versions). */
export function storageVersion(info: ResourceInfo): string {
  if (info.group === 'autoscaling' && info.resource === 'horizontalpodautoscalers') return 'autoscaling/v2';
  if (info.group === 'events.k8s.io' && info.resource === 'events') return 'v1';
  return apiVersionOf(info.group, info.version);
}

/** Field renames between core/v1 Event (left) and events.k8s.io/v1 Event (right). */
const EVENT_FIELDS: [string, string][] = [
  ['message', 'note'],
  ['involvedObject', 'regarding'],
  ['reportingComponent', 'reportingController'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
];

/**
 * The object in `apiVersion`: type meta first, then its fields with those named on one side of
 * `pairs` renamed to the other, moved after the rest in `pairs` order (null values dropped). Built
 * afresh, in one copy, rather than by deleting from a copy: an object that lost a property turns
 * into a slow dictionary, and every event written through events.k8s.io goes through here twice.
 */
function renameFields(obj: KubeObject, apiVersion: string, kind: string, pairs: [string, string][], forward: boolean): KubeObject {
  const src = obj as Obj;
  const out: Obj = { apiVersion, kind };
  for (const k in src) {
    if (!Object.prototype.hasOwnProperty.call(src, k) || k === 'apiVersion' || k === 'kind') continue;
    if (!pairs.some((p) => (forward ? p[0] : p[1]) === k)) out[k] = src[k];
  }
  for (const p of pairs) {
    const from = forward ? p[0] : p[1];
    const to = forward ? p[1] : p[0];
    if (Object.prototype.hasOwnProperty.call(src, from)) {
      const v = src[from];
      if (v !== undefined && v !== null) out[to] = v;
    }
  }
  return out as KubeObject;
}

function hpaV2ToV1(obj: KubeObject): KubeObject {
  const out: KubeObject = { ...obj };
  const spec = { ...((obj.spec ?? {}) as Obj) };
  const metrics = Array.isArray(spec.metrics) ? (spec.metrics as Obj[]) : [];
  const cpu = metrics.find((m) => m.type === 'Resource' && (m.resource as Obj | undefined)?.name === 'cpu');
  const util = ((cpu?.resource as Obj | undefined)?.target as Obj | undefined)?.averageUtilization;
  delete spec.metrics;
  delete spec.behavior;
  if (typeof util === 'number') spec.targetCPUUtilizationPercentage = util;
  out.spec = spec;
  if (isObj(obj.status)) {
    const st = { ...obj.status };
    const cur = Array.isArray(st.currentMetrics) ? (st.currentMetrics as Obj[]) : [];
    const cpuNow = cur.find((m) => m.type === 'Resource' && (m.resource as Obj | undefined)?.name === 'cpu');
    const curUtil = ((cpuNow?.resource as Obj | undefined)?.current as Obj | undefined)?.averageUtilization;
    delete st.currentMetrics;
    delete st.conditions;
    if (typeof curUtil === 'number') st.currentCPUUtilizationPercentage = curUtil;
    out.status = st;
  }
  return out;
}

function hpaV1ToV2(obj: KubeObject): KubeObject {
  const out: KubeObject = { ...obj };
  const spec = { ...((obj.spec ?? {}) as Obj) };
  const util = spec.targetCPUUtilizationPercentage;
  delete spec.targetCPUUtilizationPercentage;
  if (typeof util === 'number') spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: util } } }];
  out.spec = spec;
  if (isObj(obj.status)) {
    const st = { ...obj.status };
    const cur = st.currentCPUUtilizationPercentage;
    delete st.currentCPUUtilizationPercentage;
    if (typeof cur === 'number') st.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cur } } }];
    out.status = st;
  }
  return out;
}

/** Convert an object of `info`'s kind to `targetApiVersion`. */
export function convert(info: ResourceInfo, obj: KubeObject, targetApiVersion: string): KubeObject {
  const from = String(obj.apiVersion ?? '');
  if (from === targetApiVersion) return obj;
  let out = obj;
  // An Event renamed to the other version gets the fields Go always writes there (the scheduler's
  // events read as core/v1 show firstTimestamp: null).
  if (info.kind === 'Event' && (info.group === '' || info.group === 'events.k8s.io')) {
    // Renamed in one copy that already has its type meta.
    if (from === 'v1' && targetApiVersion === 'events.k8s.io/v1') return fillGoZeros(renameFields(obj, targetApiVersion, info.kind, EVENT_FIELDS, true), 'events.v1.Event');
    if (from === 'events.k8s.io/v1' && targetApiVersion === 'v1') return fillGoZeros(renameFields(obj, targetApiVersion, info.kind, EVENT_FIELDS, false), 'core.v1.Event');
  } else if (info.group === 'autoscaling' && info.kind === 'HorizontalPodAutoscaler') {
    if (from === 'autoscaling/v2' && targetApiVersion === 'autoscaling/v1') out = hpaV2ToV1(obj);
    else if (from === 'autoscaling/v1' && targetApiVersion === 'autoscaling/v2') out = hpaV1ToV2(obj);
  }
  // No field renamed: a copy with the target's type meta first.
  return renameFields(out, targetApiVersion, info.kind, [], true);
}
