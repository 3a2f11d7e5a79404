/**
 * Server-side apply (simplified structured-merge-diff): the applied configuration is merged into
 * the live object like a strategic merge; a field that another manager owns with a different
 * value is a conflict unless force=true (then ownership moves to the applier).
 */
import { errors } from '../errors';
import { apiVersion, type RequestContext } from '../context';
import { definitionFor } from '../schema';
import { applyStrategicPatch } from './strategic';
import { leafPaths, valueAt, type ManagedFieldsEntry } from './managed-fields';
import { fieldSetOf } from './field-sets';
import type { KubeObject, Status } from '../types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export function applyConfig(
  ctx: RequestContext,
  live: KubeObject,
  applied: KubeObject,
  manager: string,
  force: boolean,
  scope: 'main' | 'status',
): KubeObject | Status {
  const defName = definitionFor(ctx.info.group, ctx.info.version, ctx.info.kind);
  const appliedPaths = new Set(leafPaths(fieldSetOf(applied, defName)));
  const merged = applyStrategicPatch(live, stripMeta(applied), defName);
  if (!merged.ok) return errors.badRequest(merged.error);
  const next = merged.value as KubeObject;
  const managed = (live.metadata?.managedFields ?? []) as ManagedFieldsEntry[];
  const conflicts = new Map<string, string[]>();
  for (const m of managed) {
    if (m.manager === manager && m.operation === 'Apply') continue;
    if ((m.subresource ?? '') !== (scope === 'status' ? 'status' : '')) continue;
    for (const p of leafPaths(m.fieldsV1 ?? {})) {
      if (!appliedPaths.has(p)) continue;
      if (valueAt(live, p) === valueAt(next, p)) continue;
      const who = `"${m.manager}" using ${m.apiVersion}`;
      conflicts.set(who, [...(conflicts.get(who) ?? []), p]);
    }
  }
  if (conflicts.size && !force) {
    const total = [...conflicts.values()].reduce((n, l) => n + l.length, 0);
    const parts = [...conflicts.entries()].map(([who, paths]) =>
      paths.length === 1 ? `conflict with ${who}: ${paths[0]}` : `conflicts with ${who}:\n${paths.map((p) => `- ${p}`).join('\n')}`,
    );
    const s = errors.conflict('', '', '');
    s.message = `Apply failed with ${total} conflict${total === 1 ? '' : 's'}: ${parts.join('\n')}`;
    s.details = {
      causes: [...conflicts.entries()].flatMap(([who, paths]) => paths.map((p) => ({ reason: 'FieldManagerConflict', message: `conflict with ${who}`, field: p }))),
    };
    return s;
  }
  if (conflicts.size && force) {
    // Forced: the other managers lose the conflicting fields.
    const lost = new Set([...conflicts.values()].flat());
    for (const m of managed) {
      if (m.manager === manager) continue;
      m.fieldsV1 = dropPaths(m.fieldsV1 ?? {}, lost);
    }
    next.metadata!.managedFields = managed.filter((m) => leafPaths(m.fieldsV1 ?? {}).length > 0);
  }
  removeDroppedFields(next, managed, manager, appliedPaths, scope);
  next.apiVersion = apiVersion(ctx);
  return next;
}

/**
 * Fields this manager applied before but leaves out now are removed, unless another manager
 * also owns them (structured-merge-diff's "apply removes what you stopped applying").
 */
function removeDroppedFields(obj: KubeObject, managed: ManagedFieldsEntry[], manager: string, applied: Set<string>, scope: 'main' | 'status'): void {
  const sub = scope === 'status' ? 'status' : '';
  const mine = managed.find((m) => m.manager === manager && m.operation === 'Apply' && (m.subresource ?? '') === sub);
  if (!mine) return;
  const before = leafPaths(mine.fieldsV1 ?? {});
  const others = new Set(managed.filter((m) => m !== mine && (m.subresource ?? '') === sub).flatMap((m) => leafPaths(m.fieldsV1 ?? {})));
  const prefixesOf = (paths: Iterable<string>) => {
    const out = new Set<string>();
    for (const p of paths) for (const m of p.matchAll(/\]/g)) out.add(p.slice(0, m.index! + 1));
    return out;
  };
  const keptItems = new Set([...prefixesOf(applied), ...prefixesOf(others)]);
  for (const item of prefixesOf(before)) if (!keptItems.has(item)) deleteAt(obj, item);
  for (const p of before) if (!applied.has(p) && !others.has(p)) deleteAt(obj, p);
}

/** Delete the field or list item at a path like .spec.template.spec.containers[name="web"].image. */
function deleteAt(obj: unknown, path: string): void {
  const segs = [...path.matchAll(/\.([^.[\]]+)|\[([^\]]+)\]/g)];
  let cur: unknown = obj;
  for (let i = 0; i < segs.length; i++) {
    const last = i === segs.length - 1;
    const [, field, keys] = segs[i];
    if (field !== undefined) {
      if (!isObj(cur)) return;
      if (last) {
        delete cur[field];
        return;
      }
      cur = cur[field];
    } else {
      if (!Array.isArray(cur)) return;
      const pairs = keys.split(',').map((p) => {
        const j = p.indexOf('=');
        return [p.slice(0, j), JSON.parse(p.slice(j + 1))] as const;
      });
      const idx = cur.findIndex((item) => isObj(item) && pairs.every(([k, v]) => item[k] === v));
      if (idx < 0) return;
      if (last) {
        cur.splice(idx, 1);
        return;
      }
      cur = cur[idx];
    }
  }
}

function stripMeta(applied: KubeObject): KubeObject {
  const { metadata, ...rest } = applied;
  const { resourceVersion: _r, managedFields: _m, uid: _u, creationTimestamp: _c, ...meta } = metadata ?? {};
  return { ...rest, metadata: meta };
}

function dropPaths(fields: Obj, lost: Set<string>, prefix = ''): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(fields)) {
    const seg = k.startsWith('f:') ? `.${k.slice(2)}` : k;
    const sub = isObj(v) ? Object.keys(v).filter((x) => x !== '.') : [];
    if (!sub.length) {
      if (k === '.' || !lost.has(prefix + seg)) out[k] = v;
    } else {
      const kept = dropPaths(v as Obj, lost, prefix + seg);
      if (Object.keys(kept).some((x) => x !== '.')) out[k] = kept;
    }
  }
  return out;
}
