/**
 * metadata.managedFields as the real server records them (structured-merge-diff's Updater, with
 * the sets of field-sets.ts): one entry per (manager, operation, subresource) with the set of
 * fields that manager owns, in FieldsV1 form
 * ({"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{…}}}}).
 *
 * - update, patch and create (operation Update): the write is compared with the object before it
 *   (a create with the zero object of its type); the manager owns what it owned less what was
 *   removed, plus what it added or modified; every other manager loses all of that;
 * - apply (operation Apply): the manager owns exactly the set of its applied configuration; the
 *   others lose what went away (and, when forced, what conflicted: applyConfig).
 * Entries are kept in the server's order. Apply conflicts are found on leaf paths, in the notation
 * of their messages: .spec.replicas, .spec.template.spec.containers[name="web"].image.
 */
import type { RequestContext } from '../context';
import { apiVersionOf } from '../registry/registry';
import { definitionFor } from '../schema';
import type { KubeObject } from '../types';
import { MAX_CACHED_PATHS } from './field-keys';
import { compareObjects, difference, fieldSetOf, union, type Delta } from './field-sets';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Update' | 'Apply';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export interface Manager {
  name: string;
  operation: 'Update' | 'Apply';
  /** For Apply: the configuration as the applier sent it (what it owns). */
  applied?: KubeObject;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

// ------------------------------------------------------------------ paths

/** Leaf paths of a FieldsV1 set, as apply conflict messages print them. */
export function leafPaths(fields: Obj, prefix = ''): string[] {
  const out: string[] = [];
  addLeafPaths(fields, prefix, out);
  return out;
}

function addLeafPaths(fields: Obj, prefix: string, out: string[]): void {
  for (const k in fields) {
    if (k === '.' || !Object.prototype.hasOwnProperty.call(fields, k)) continue;
    const v = fields[k];
    const path = prefix + segmentOfKey(k);
    if (isObj(v) && hasChild(v)) addLeafPaths(v, path, out);
    else out.push(path);
  }
}

/** Does a set have members other than its own marker ('.')? */
function hasChild(v: Obj): boolean {
  for (const x in v) if (x !== '.' && Object.prototype.hasOwnProperty.call(v, x)) return true;
  return false;
}

/** The path segment of a FieldsV1 key: f:name → .name, k:{"name":"web"} → [name="web"], v:"x" → ["x"]. */
const keySegments = new Map<string, string>();

function segmentOfKey(k: string): string {
  let seg = keySegments.get(k);
  if (seg !== undefined) return seg;
  if (!k.startsWith('k:')) {
    seg = k.startsWith('f:') ? `.${k.slice(2)}` : k.startsWith('v:') ? `[${k.slice(2)}]` : `.${k}`;
    if (keySegments.size >= MAX_CACHED_PATHS) keySegments.clear();
    keySegments.set(k, seg);
    return seg;
  }
  let id: Obj = {};
  try {
    id = JSON.parse(k.slice(2)) as Obj;
  } catch {
    id = {};
  }
  seg = `[${Object.entries(id).map(([a, b]) => `${a}=${JSON.stringify(b)}`).join(',')}]`;
  if (keySegments.size >= MAX_CACHED_PATHS) keySegments.clear();
  keySegments.set(k, seg);
  return seg;
}

const segmentCache = new Map<string, Segment[]>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX_CACHED_PATHS) cache.clear();
  cache.set(key, value);
  return value;
}

/** One step of a path as valueAt follows it: a field, a keyed list item, or a set member. */
type Segment = { field: string } | { pairs: [string, unknown][] } | { member: unknown; memberJson: string | undefined };

function segmentsOf(path: string): Segment[] {
  const cached = segmentCache.get(path);
  if (cached) return cached;
  const segments: Segment[] = [];
  for (const m of path.matchAll(/\.([^.[\]]+)|\[([^\]]+)\]/g)) {
    if (m[1] !== undefined) segments.push({ field: m[1] });
    else if (m[2].includes('=') && !m[2].startsWith('"')) segments.push({ pairs: splitPairs(m[2]) });
    else {
      let member: unknown;
      try {
        member = JSON.parse(m[2]);
      } catch {
        member = m[2];
      }
      segments.push({ member, memberJson: JSON.stringify(member) });
    }
  }
  return remember(segmentCache, path, segments);
}

function splitPairs(s: string): [string, unknown][] {
  const out: [string, unknown][] = [];
  // key=JSON pairs separated by commas that are outside JSON strings
  let i = 0;
  while (i < s.length) {
    const eq = s.indexOf('=', i);
    if (eq < 0) break;
    const key = s.slice(i, eq);
    let j = eq + 1;
    let inStr = false;
    for (; j < s.length; j++) {
      const c = s[j];
      if (c === '"' && s[j - 1] !== '\\') inStr = !inStr;
      if (c === ',' && !inStr) break;
    }
    let value: unknown;
    try {
      value = JSON.parse(s.slice(eq + 1, j));
    } catch {
      value = s.slice(eq + 1, j);
    }
    out.push([key, value]);
    i = j + 1;
  }
  return out;
}

/** The JSON text of the value at a path (undefined → "undefined"), for comparing two objects. */
export function valueAt(obj: unknown, path: string): string {
  let cur: unknown = obj;
  for (const seg of segmentsOf(path)) cur = stepInto(cur, seg);
  return JSON.stringify(cur) ?? 'undefined';
}

/** The value one path segment leads to: a field, the keyed list item, or the set member (undefined when absent). */
function stepInto(cur: unknown, seg: Segment): unknown {
  if ('field' in seg) return isObj(cur) ? cur[seg.field] : undefined;
  if (!Array.isArray(cur)) return undefined;
  if ('pairs' in seg) {
    const pairs = seg.pairs;
    for (let i = 0; i < cur.length; i++) {
      const item = cur[i];
      if (!isObj(item)) continue;
      let all = true;
      for (let j = 0; j < pairs.length && all; j++) all = item[pairs[j][0]] === pairs[j][1];
      if (all) return item;
    }
    return undefined;
  }
  return cur.some((x) => JSON.stringify(x) === seg.memberJson) ? seg.member : undefined;
}

// ------------------------------------------------------------------ recording

export function recordManagedFields(
  ctx: RequestContext,
  obj: KubeObject,
  old: KubeObject | undefined,
  manager: Manager,
  subresource?: string,
  /** What the write may change: status for status and approval, the rest for the object and scale. */
  part: 'main' | 'status' = subresource === 'status' ? 'status' : 'main',
): void {
  const meta = obj.metadata!;
  const defName = definitionFor(ctx.info.group, ctx.info.version, ctx.info.kind);
  const sub = subresource ?? '';
  const source = Array.isArray(meta.managedFields) ? meta.managedFields : Array.isArray(old?.metadata?.managedFields) ? old!.metadata!.managedFields! : [];
  const entries = source as ManagedFieldsEntry[];
  const mine = (e: ManagedFieldsEntry) => e.manager === manager.name && e.operation === manager.operation && (e.subresource ?? '') === sub;
  const delta = compareObjects(old, obj, defName, part);
  if (manager.operation === 'Update') {
    meta.managedFields = inServerOrder(afterUpdate(ctx, entries, mine, delta, manager, subresource));
    return;
  }
  // Apply: the manager owns exactly the fields of its configuration; the others lose what went
  // away (what they lost to a forced apply, applyConfig has taken from them already).
  const kept: ManagedFieldsEntry[] = [];
  for (const e of entries) {
    if (mine(e)) continue;
    const before = e.fieldsV1 ?? {};
    const set = difference(before, delta.removed);
    if (set) kept.push(set === before ? e : { ...e, fieldsV1: set });
  }
  const owned = fieldSetOf(manager.applied ?? obj, defName, part);
  meta.managedFields = inServerOrder([...kept, managedEntry(ctx, manager, owned, subresource)]);
}

/**
 * The entries in the order the server writes them (sortEncodedManagedFields): Apply before
 * Update, then by time to the second, then by manager, then by subresource.
 */
function inServerOrder(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  for (let i = 1; i < entries.length; i++) if (entryOrder(entries[i - 1], entries[i]) > 0) return entries.sort(entryOrder);
  return entries;
}

function entryOrder(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
  const ps = secondsOf(p.time);
  const qs = secondsOf(q.time);
  if (ps !== qs) return ps - qs;
  if (p.manager !== q.manager) return p.manager < q.manager ? -1 : 1;
  const psub = p.subresource ?? '';
  const qsub = q.subresource ?? '';
  return psub < qsub ? -1 : psub > qsub ? 1 : 0;
}

/** An entry's time in whole seconds (0 without one, as Go's nil time). */
function secondsOf(time: string | undefined): number {
  const ms = time ? Date.parse(time) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/**
 * The entries after an Update (structured-merge-diff's Updater): the manager owns what it owned,
 * less what was removed, plus what it added or modified; every other manager loses all of that.
 * A manager left with nothing has no entry. Sets nothing touched are kept as they are.
 */
function afterUpdate(ctx: RequestContext, entries: readonly ManagedFieldsEntry[], mine: (e: ManagedFieldsEntry) => boolean, delta: Delta, manager: Manager, subresource: string | undefined): ManagedFieldsEntry[] {
  const kept: ManagedFieldsEntry[] = [];
  let prev: ManagedFieldsEntry | undefined;
  for (const e of entries) {
    if (mine(e)) {
      prev = e;
      continue;
    }
    const before = e.fieldsV1 ?? {};
    const changed = difference(before, delta.changed);
    const set = changed && difference(changed, delta.removed);
    if (!set) continue;
    kept.push(set === before ? e : { ...e, fieldsV1: set });
  }
  const owned = union(prev?.fieldsV1 ? difference(prev.fieldsV1, delta.removed) : undefined, delta.changed);
  return owned && Object.keys(owned).length ? [...kept, managedEntry(ctx, manager, owned, subresource)] : kept;
}

function managedEntry(ctx: RequestContext, manager: Manager, fieldsV1: Obj, subresource: string | undefined): ManagedFieldsEntry {
  const entry: ManagedFieldsEntry = {
    manager: manager.name,
    operation: manager.operation,
    apiVersion: apiVersionOf(ctx.info.group, ctx.info.version),
    time: ctx.server.clock.rfc3339(),
    fieldsType: 'FieldsV1',
    fieldsV1,
  };
  if (subresource) entry.subresource = subresource;
  return entry;
}
