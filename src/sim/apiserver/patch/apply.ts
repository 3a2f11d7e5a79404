/**
 * Server-side apply (simplified structured-merge-diff): the applied configuration is merged into
 * the live object like a strategic merge; a field that another manager owns with a different
 * value is a conflict unless force=true (then ownership moves to the applier).
 */
import { errors } from '../errors';
import { apiVersion, type RequestContext } from '../context';
import { definitionFor } from '../schema';
import { applyStrategicPatch } from './strategic';
import { fieldsOf, type ManagedFieldsEntry } from './managed-fields';
import type { KubeObject, Status } from '../types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** Leaf paths of a FieldsV1 set, printed as the conflict messages print them (.spec.replicas). */
export function leafPaths(fields: Obj, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (k === '.') continue;
    let seg: string;
    if (k.startsWith('f:')) seg = `.${k.slice(2)}`;
    else if (k.startsWith('k:')) {
      const id = JSON.parse(k.slice(2)) as Obj;
      seg = `[${Object.entries(id).map(([a, b]) => `${a}=${JSON.stringify(b)}`).join(',')}]`;
    } else if (k.startsWith('v:')) seg = `[${k.slice(2)}]`;
    else seg = `.${k}`;
    const children = isObj(v) ? Object.keys(v).filter((x) => x !== '.') : [];
    if (children.length === 0) out.push(prefix + seg);
    else out.push(...leafPaths(v as Obj, prefix + seg));
  }
  return out;
}

function valueAt(obj: unknown, path: string): string {
  // Walk .field and [key=value] segments.
  const re = /\.([^.[\]]+)|\[([^\]]+)\]/g;
  let cur: unknown = obj;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) cur = isObj(cur) ? cur[m[1]] : undefined;
    else if (Array.isArray(cur)) {
      const pairs = m[2].split(',').map((p) => {
        const i = p.indexOf('=');
        return [p.slice(0, i), JSON.parse(p.slice(i + 1))] as const;
      });
      cur = cur.find((item) => isObj(item) && pairs.every(([k, v]) => item[k] === v));
    } else cur = undefined;
  }
  return JSON.stringify(cur);
}

export function applyConfig(
  ctx: RequestContext,
  live: KubeObject,
  applied: KubeObject,
  manager: string,
  force: boolean,
  scope: 'main' | 'status',
): KubeObject | Status {
  const defName = definitionFor(ctx.info.group, ctx.info.version, ctx.info.kind);
  const appliedPaths = new Set(leafPaths(fieldsOf(applied, defName)));
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
  next.apiVersion = apiVersion(ctx);
  return next;
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
