/**
 * metadata.managedFields as the real server records them: one entry per (manager, operation,
 * subresource) with the set of fields the manager owns in FieldsV1 form
 * ({"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{…}}}}).
 */
import type { RequestContext } from '../context';
import { apiVersionOf } from '../registry/registry';
import { fieldAt, definitionFor, fieldType, type FieldSpec } from '../schema';
import type { KubeObject } from '../types';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Update' | 'Apply';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

const SYSTEM_META = new Set(['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink', 'namespace', 'name']);

/** The FieldsV1 set of an object (what a manager that wrote all of it owns). */
export function fieldsOf(obj: unknown, defName: string | undefined, top = true): Obj {
  const out: Obj = {};
  if (!isObj(obj)) return out;
  for (const [k, v] of Object.entries(obj)) {
    if (top && (k === 'apiVersion' || k === 'kind' || k === 'status')) continue;
    if (top && k === 'metadata') {
      const m: Obj = {};
      for (const [mk, mv] of Object.entries(v as Obj)) {
        if (SYSTEM_META.has(mk) || mv === undefined) continue;
        m[`f:${mk}`] = isObj(mv) ? Object.fromEntries(Object.keys(mv).map((x) => [`f:${x}`, {}])) : {};
      }
      if (Object.keys(m).length) out['f:metadata'] = m;
      continue;
    }
    const spec: FieldSpec | undefined = defName ? fieldAt(defName, [k])?.spec : undefined;
    const childDef = defName ? fieldAt(defName, [k])?.def : undefined;
    out[`f:${k}`] = fieldsOfValue(v, spec, childDef);
  }
  return out;
}

function fieldsOfValue(v: unknown, spec: FieldSpec | undefined, def: string | undefined): Obj {
  if (Array.isArray(v)) {
    const keys = spec && typeof spec !== 'string' ? (spec.lk ?? (spec.k ? [spec.k] : undefined)) : undefined;
    const t = spec ? fieldType(spec) : '';
    if (keys && t.startsWith('[]#')) {
      const o: Obj = {};
      for (const item of v) {
        if (!isObj(item)) continue;
        const id: Obj = {};
        for (const k of keys) if (item[k] !== undefined) id[k] = item[k];
        o[`k:${JSON.stringify(id)}`] = { '.': {}, ...fieldsOf(item, def, false) };
      }
      return o;
    }
    if (spec && typeof spec !== 'string' && spec.lt === 'set') {
      return Object.fromEntries(v.map((x) => [`v:${JSON.stringify(x)}`, {}]));
    }
    return {};
  }
  if (isObj(v) && def) return { '.': {}, ...fieldsOf(v, def, false) };
  if (isObj(v)) return { '.': {}, ...Object.fromEntries(Object.keys(v).map((x) => [`f:${x}`, {}])) };
  return {};
}

export function recordManagedFields(
  ctx: RequestContext,
  obj: KubeObject,
  _old: KubeObject | undefined,
  manager: { name: string; operation: 'Update' | 'Apply' },
  subresource?: string,
): void {
  const meta = obj.metadata!;
  const defName = definitionFor(ctx.info.group, ctx.info.version, ctx.info.kind);
  const fields = subresource === 'status' ? (isObj(obj.status) ? { 'f:status': { '.': {}, ...fieldsOfValueStatus(obj.status) } } : {}) : fieldsOf(obj, defName);
  const list = (Array.isArray(meta.managedFields) ? meta.managedFields : []) as ManagedFieldsEntry[];
  const entry: ManagedFieldsEntry = {
    manager: manager.name,
    operation: manager.operation,
    apiVersion: apiVersionOf(ctx.info.group, ctx.info.version),
    time: ctx.server.clock.rfc3339(),
    fieldsType: 'FieldsV1',
    fieldsV1: fields,
  };
  if (subresource) entry.subresource = subresource;
  const rest = list.filter((e) => !(e.manager === entry.manager && e.operation === entry.operation && (e.subresource ?? '') === (subresource ?? '')));
  meta.managedFields = [...rest, entry];
}

function fieldsOfValueStatus(status: Obj): Obj {
  return Object.fromEntries(Object.keys(status).map((k) => [`f:${k}`, {}]));
}
