/**
 * metadata.managedFields as the real server records them: one entry per (manager, operation,
 * subresource) with the set of fields that manager owns, in FieldsV1 form
 * ({"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{…}}}}).
 *
 * - create: the creating manager owns every field of the object;
 * - update/patch (operation Update): the manager takes the fields it changed (others lose them),
 *   fields that disappeared leave every set;
 * - apply (operation Apply): the manager owns exactly the fields of its applied configuration.
 *
 * Internally sets are handled as leaf paths in the notation of apply conflict messages:
 * .spec.replicas, .spec.template.spec.containers[name="web"].image, .metadata.finalizers["x"].
 */
import type { RequestContext } from '../context';
import { apiVersionOf } from '../registry/registry';
import { fieldAt, definitionFor, fieldType, type FieldSpec } from '../schema';
import type { KubeObject } from '../types';
import { deepEqual } from '../equal';
import { isJsonFaithful } from '../json-copy';
import { ITEM_LEAF, LEAF } from './shared-leaves';
import { noteOf, setNote } from '../storage';

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

const SYSTEM_META = new Set(['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink', 'namespace', 'name']);

/** The FieldsV1 set of an object (what a manager that wrote all of it owns); status only with `part: 'status'`. */
export function fieldsOf(obj: unknown, defName: string | undefined, top = true, part: 'main' | 'status' = 'main'): Obj {
  const out: Obj = {};
  if (isObj(obj)) addFieldsOf(out, obj, defName, top, part);
  return out;
}

/**
 * The fields of obj added to `out`. Sets are built in place, key by key in the object's order:
 * this runs for every field of every written object, so it spares the intermediate objects
 * and arrays a spread or Object.entries would make.
 */
function addFieldsOf(out: Obj, obj: Obj, defName: string | undefined, top: boolean, part: 'main' | 'status'): void {
  for (const k in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, k)) continue;
    const v = obj[k];
    if (v === undefined) continue;
    if (top && (k === 'apiVersion' || k === 'kind')) continue;
    if (top && (part === 'status') !== (k === 'status')) continue;
    if (top && k === 'metadata') {
      const m: Obj = {};
      let any = false;
      const meta = v as Obj;
      for (const mk in meta) {
        if (!Object.prototype.hasOwnProperty.call(meta, mk)) continue;
        const mv = meta[mk];
        if (SYSTEM_META.has(mk) || mv === undefined) continue;
        any = true;
        if (Array.isArray(mv)) {
          if (mk === 'finalizers') {
            const set: Obj = { '.': LEAF };
            for (const x of mv) set[`v:${JSON.stringify(x)}`] = LEAF;
            m[fieldKey(mk)] = set;
          } else {
            const f = childField('meta.v1.ObjectMeta', mk);
            m[fieldKey(mk)] = fieldsOfValue(mv, f?.spec, f?.def);
          }
        } else m[fieldKey(mk)] = isObj(mv) ? keysSet(mv) : LEAF;
      }
      if (any) out['f:metadata'] = m;
      continue;
    }
    const f = defName ? childField(defName, k) : undefined;
    out[fieldKey(k)] = fieldsOfValue(v, f?.spec, f?.def);
  }
}

/**
 * 'name' → 'f:name', remembered: every write builds the keys of its whole set, and a key made by
 * concatenation must be flattened and internalised again each time it names a property.
 */
const fieldKeys = new Map<string, string>();

function fieldKey(name: string): string {
  let key = fieldKeys.get(name);
  if (key === undefined) {
    // Label and annotation keys land here too: keep the memory bounded.
    if (fieldKeys.size >= MAX_CACHED_PATHS) fieldKeys.clear();
    fieldKeys.set(name, (key = `f:${name}`));
  }
  return key;
}

/** k:{"name":"web"} keys of items with one string key (most keyed lists), remembered per key field. */
const singleItemKeys = new Map<string, Map<string, string>>();

/** The FieldsV1 key of a keyed list's item: k: and its key fields as JSON. */
function itemKey(keys: readonly string[], item: Obj): string {
  if (keys.length === 1 && typeof item[keys[0]] === 'string') {
    const field = keys[0];
    const value = item[field] as string;
    let byValue = singleItemKeys.get(field);
    if (!byValue) singleItemKeys.set(field, (byValue = new Map()));
    let key = byValue.get(value);
    if (key === undefined) {
      if (byValue.size >= MAX_CACHED_PATHS) byValue.clear();
      byValue.set(value, (key = `k:${JSON.stringify({ [field]: value })}`));
    }
    return key;
  }
  const id: Obj = {};
  for (const k of keys) if (item[k] !== undefined) id[k] = item[k];
  return `k:${JSON.stringify(id)}`;
}

/** A map's set: the map itself ('.') and each of its keys. */
function keysSet(v: Obj): Obj {
  const o: Obj = { '.': LEAF };
  for (const x in v) if (Object.prototype.hasOwnProperty.call(v, x)) o[fieldKey(x)] = LEAF;
  return o;
}

/** fieldAt(defName, [key]), remembered: the schema does not change while the server runs. */
const childFields = new Map<string, Map<string, { spec: FieldSpec; def?: string } | null>>();

function childField(defName: string, key: string): { spec: FieldSpec; def?: string } | undefined {
  let byKey = childFields.get(defName);
  if (!byKey) childFields.set(defName, (byKey = new Map()));
  let f = byKey.get(key);
  if (f === undefined) {
    // Keys of free-form maps reach here too (labels, annotations): keep the memory bounded.
    if (byKey.size >= 2_000) byKey.clear();
    byKey.set(key, (f = fieldAt(defName, [key]) ?? null));
  }
  return f ?? undefined;
}

function fieldsOfValue(v: unknown, spec: FieldSpec | undefined, def: string | undefined): Obj {
  if (Array.isArray(v)) {
    const keys = spec && typeof spec !== 'string' ? (spec.lk ?? (spec.k ? [spec.k] : undefined)) : undefined;
    const t = spec ? fieldType(spec) : '';
    if (keys && t.startsWith('[]#')) {
      const o: Obj = {};
      for (const item of v) {
        if (!isObj(item)) continue;
        const set: Obj = { '.': LEAF };
        addFieldsOf(set, item, def, false, 'main');
        o[itemKey(keys, item)] = set;
      }
      return o;
    }
    if (spec && typeof spec !== 'string' && spec.lt === 'set') {
      const o: Obj = {};
      for (const x of v) o[`v:${JSON.stringify(x)}`] = LEAF;
      return o;
    }
    return LEAF;
  }
  if (isObj(v) && def) {
    const set: Obj = { '.': LEAF };
    addFieldsOf(set, v, def, false, 'main');
    return set;
  }
  if (isObj(v)) return keysSet(v);
  return LEAF;
}

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

/** Turn leaf paths back into a FieldsV1 set (items and maps get their "." marker). */
export function pathsToFields(paths: Iterable<string>): Obj {
  const root: Obj = {};
  for (const p of paths) {
    let cur = root;
    const keys = fieldKeysOf(p);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      let next = cur[key];
      if (i === keys.length - 1) {
        if (!isObj(next)) cur[key] = leafFor(key);
        break;
      }
      // A shared leaf that gets members becomes a set of its own.
      if (!isObj(next) || next === LEAF || next === ITEM_LEAF) cur[key] = next = setFor(key);
      cur = next as Obj;
    }
  }
  return root;
}

/**
 * Paths are parsed again and again (every update compares and rebuilds the sets of each manager),
 * and the same few hundred paths recur: their parsed forms are kept, up to a bound.
 */
const MAX_CACHED_PATHS = 20_000;
const fieldKeyCache = new Map<string, string[]>();
const segmentCache = new Map<string, Segment[]>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX_CACHED_PATHS) cache.clear();
  cache.set(key, value);
  return value;
}

/** The FieldsV1 keys along a leaf path: f:name, k:{"name":"web"}, v:"x". */
function fieldKeysOf(path: string): string[] {
  const cached = fieldKeyCache.get(path);
  if (cached) return cached;
  const keys: string[] = [];
  for (const m of path.matchAll(/\.([^.[\]]+)|\[([^\]]+)\]/g)) {
    if (m[1] !== undefined) keys.push(`f:${m[1]}`);
    else if (m[2].includes('=') && !m[2].startsWith('"')) {
      const id: Obj = {};
      for (const pair of splitPairs(m[2])) id[pair[0]] = pair[1];
      keys.push(`k:${JSON.stringify(id)}`);
    } else keys.push(`v:${m[2]}`);
  }
  return remember(fieldKeyCache, path, keys);
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

/**
 * The FieldsV1 set of a written object, per definition and part, noted on it (storage's writer
 * note): the storage carries it onto the frozen version it keeps, so that an update compares the
 * fields of the object it writes with those of the stored one without computing the latter again.
 */
interface NotedFields {
  def: string | undefined;
  part: 'main' | 'status';
  fields: Obj;
}

function notedFields(obj: KubeObject): NotedFields | undefined {
  const note = noteOf(obj);
  return note && typeof note === 'object' && 'fields' in note ? (note as NotedFields) : undefined;
}

export function recordManagedFields(ctx: RequestContext, obj: KubeObject, old: KubeObject | undefined, manager: Manager, subresource?: string): void {
  const meta = obj.metadata!;
  const defName = definitionFor(ctx.info.group, ctx.info.version, ctx.info.kind);
  const part = subresource === 'status' ? 'status' : 'main';
  const sub = subresource === 'status' ? 'status' : '';
  const source = Array.isArray(meta.managedFields) ? meta.managedFields : Array.isArray(old?.metadata?.managedFields) ? old!.metadata!.managedFields! : [];
  const entries = source as ManagedFieldsEntry[];
  const newFields = fieldsOf(obj, defName, true, part);
  const noted: NotedFields = { def: defName, part, fields: newFields };
  setNote(obj, noted);
  if (!old && manager.operation === 'Update' && entries.length === 0) {
    // A create with no managedFields sent: its manager owns every field, nobody else has any.
    meta.managedFields = [managedEntry(ctx, manager, newFields, subresource)];
    return;
  }
  const oldNoted = old && Object.isFrozen(old) ? notedFields(old) : undefined;
  const oldFields = old ? (oldNoted && oldNoted.def === defName && oldNoted.part === part ? oldNoted.fields : fieldsOf(old, defName, true, part)) : undefined;
  const mine = (e: ManagedFieldsEntry) => e.manager === manager.name && e.operation === manager.operation && (e.subresource ?? '') === sub;
  // Only entries the server kept hold the invariant the shortcut needs (an entry's fields are
  // fields of the object); a client may send any managedFields of its own.
  const oldEntries = old?.metadata?.managedFields;
  if (old && oldFields && manager.operation === 'Update' && (source === oldEntries || deepEqual(source, oldEntries))) {
    const prev = entries.find(mine);
    const walk = { taken: 0 };
    if (prev && withinOwnFields(newFields, oldFields, obj, old, prev.fieldsV1 ?? {}, walk)) {
      // The object has the stored one's fields: the new version shares its set (one less copy kept).
      noted.fields = oldFields;
      // The common update (a lease renewal, a status update): the manager changed only fields it
      // already owned and nothing went away. It keeps its set as it was; others lose what it took.
      const kept = othersAfterUpdate(entries, mine, sub, walk.taken > 0, newFields, oldFields, obj, old);
      meta.managedFields = [...kept, managedEntry(ctx, manager, rebuiltSet(prev.fieldsV1 ?? {}), subresource)];
      return;
    }
  }
  let owned: string[];
  let drop: Set<string>;
  if (manager.operation === 'Apply' || !old || !oldFields) {
    const newLeaves = leafPaths(newFields);
    const newSet = new Set(newLeaves);
    const removed = oldFields ? leafPaths(oldFields).filter((p) => !newSet.has(p)) : [];
    const taken = manager.operation === 'Apply' ? [] : newLeaves;
    owned = manager.operation === 'Apply' && manager.applied ? leafPaths(fieldsOf(manager.applied, defName, true, part)) : newLeaves;
    drop = new Set([...taken, ...removed]);
  } else {
    // Update: the manager takes the leaves that are new or changed and keeps what it had; the
    // others lose what it took and what went away. Computed on the sets as trees (no paths).
    const prev = entries.find(mine);
    const walk = { taken: 0 };
    const ownedSet = ownedAfterUpdate(newFields, oldFields, obj, old, prev?.fieldsV1, walk);
    const anyDrop = walk.taken > 0 || anyMissing(oldFields, newFields, old, obj);
    const kept = othersAfterUpdate(entries, mine, sub, anyDrop, newFields, oldFields, obj, old);
    meta.managedFields = ownedSet ? [...kept, managedEntry(ctx, manager, ownedSet, subresource)] : kept;
    return;
  }
  const kept = keepOthers(entries, mine, sub, drop);
  if (!owned.length && manager.operation === 'Update' && old) {
    meta.managedFields = kept;
    return;
  }
  const fieldsV1 = manager.operation === 'Apply' && manager.applied ? fieldsOf(manager.applied, defName, true, part) : !old ? newFields : pathsToFields(owned);
  meta.managedFields = [...kept, managedEntry(ctx, manager, fieldsV1, subresource)];
}

/** A new set under `key` as pathsToFields makes it: a list item's starts with its '.' marker. */
function setFor(key: string): Obj {
  return key.charCodeAt(0) === 107 /* k */ ? { '.': LEAF } : {};
}

/** The same for a member with nothing below it: the shared frozen leaves. */
function leafFor(key: string): Obj {
  return key.charCodeAt(0) === 107 /* k */ ? ITEM_LEAF : LEAF;
}

/** pathsToFields(leafPaths(set)), built by walking the set. */
function rebuiltTree(set: Obj, key: string): Obj {
  const out = setFor(key);
  for (const k in set) {
    if (k === '.' || !Object.prototype.hasOwnProperty.call(set, k)) continue;
    const v = set[k] as Obj;
    out[k] = hasChild(v) ? rebuiltTree(v, k) : leafFor(k);
  }
  return out;
}

/**
 * The manager's set after an Update, as pathsToFields would build it: the leaves of `now` (the
 * set of object `a`) that it owned before (`own`) or takes now (new, or changed from `b`, whose
 * set is `before`). `walk.taken` counts the leaves taken. Undefined when it owns none.
 */
function ownedAfterUpdate(now: Obj, before: Obj | undefined, a: unknown, b: unknown, own: Obj | undefined, walk: { taken: number }, key = ''): Obj | undefined {
  let out: Obj | undefined;
  for (const k in now) {
    if (k === '.' || !Object.prototype.hasOwnProperty.call(now, k)) continue;
    const n = now[k] as Obj;
    const o = before && Object.prototype.hasOwnProperty.call(before, k) ? (before[k] as Obj) : undefined;
    const p = own && Object.prototype.hasOwnProperty.call(own, k) ? (own[k] as Obj) : undefined;
    const av = childValue(a, k);
    const bv = childValue(b, k);
    let child: Obj | undefined;
    if (!hasChild(n)) {
      const taken = !o || hasChild(o) || !sameJson(av, bv);
      if (taken) walk.taken++;
      if (taken || (p && !hasChild(p))) child = leafFor(k);
    } else if (o && hasChild(o) && av === bv && av !== undefined) {
      // The very same subtree in both objects: nothing taken here, the manager keeps what it had.
      if (p && hasChild(p)) child = leavesWithin(p, n, k);
    } else {
      child = ownedAfterUpdate(n, o && hasChild(o) ? o : undefined, av, bv, p && hasChild(p) ? p : undefined, walk, k);
    }
    if (child) (out ??= setFor(key))[k] = child;
  }
  return out;
}

/** The leaves of `own` that are leaves of `now`, as pathsToFields builds them under `key`; undefined when none. */
function leavesWithin(own: Obj, now: Obj, key: string): Obj | undefined {
  let out: Obj | undefined;
  for (const k in own) {
    if (k === '.' || !Object.prototype.hasOwnProperty.call(own, k) || !Object.prototype.hasOwnProperty.call(now, k)) continue;
    const p = own[k] as Obj;
    const n = now[k] as Obj;
    const pLeaf = !hasChild(p);
    let child: Obj | undefined;
    if (pLeaf) child = hasChild(n) ? undefined : leafFor(k);
    else child = hasChild(n) ? leavesWithin(p, n, k) : undefined;
    if (child) (out ??= setFor(key))[k] = child;
  }
  return out;
}

/**
 * The other managers' entries after an Update that took or removed fields (`anyDrop`): those of
 * its subresource lose them (rebuilt as pathsToFields would), an entry left with none goes.
 */
function othersAfterUpdate(
  entries: readonly ManagedFieldsEntry[],
  mine: (e: ManagedFieldsEntry) => boolean,
  sub: string,
  anyDrop: boolean,
  now: Obj,
  before: Obj,
  a: unknown,
  b: unknown,
): ManagedFieldsEntry[] {
  const kept: ManagedFieldsEntry[] = [];
  for (const e of entries) {
    if (mine(e)) continue;
    if ((e.subresource ?? '') !== sub || !anyDrop) {
      kept.push(e);
      continue;
    }
    const left = keptAfterUpdate(e.fieldsV1 ?? {}, now, before, a, b);
    if (left) kept.push({ ...e, fieldsV1: left });
  }
  return kept;
}

/**
 * Another manager's set after an Update, as pathsToFields would build it: its leaves but those
 * the update took (leaves of `now` new or changed from `b`) or removed (leaves of `before` that
 * `now` lacks). Undefined when none is left.
 */
function keptAfterUpdate(set: Obj, now: Obj | undefined, before: Obj | undefined, a: unknown, b: unknown, key = ''): Obj | undefined {
  let out: Obj | undefined;
  for (const k in set) {
    if (k === '.' || !Object.prototype.hasOwnProperty.call(set, k)) continue;
    const e = set[k] as Obj;
    const n = now && Object.prototype.hasOwnProperty.call(now, k) ? (now[k] as Obj) : undefined;
    const o = before && Object.prototype.hasOwnProperty.call(before, k) ? (before[k] as Obj) : undefined;
    const av = childValue(a, k);
    const bv = childValue(b, k);
    let child: Obj | undefined;
    if (!hasChild(e)) {
      const inNow = !!n && !hasChild(n);
      const inBefore = !!o && !hasChild(o);
      const taken = inNow && (!inBefore || !sameJson(av, bv));
      const removed = inBefore && !inNow;
      if (!taken && !removed) child = leafFor(k);
    } else if (n && o && hasChild(n) && hasChild(o) && av === bv && av !== undefined) {
      child = rebuiltTree(e, k); // the very same subtree: nothing taken or removed below
    } else {
      child = keptAfterUpdate(e, n && hasChild(n) ? n : undefined, o && hasChild(o) ? o : undefined, av, bv, k);
    }
    if (child) (out ??= setFor(key))[k] = child;
  }
  return out;
}

/** Has `before` (the set of `b`) a leaf that is not a leaf of `now` (the set of `a`)? */
function anyMissing(before: Obj, now: Obj | undefined, b: unknown, a: unknown): boolean {
  for (const k in before) {
    if (k === '.' || !Object.prototype.hasOwnProperty.call(before, k)) continue;
    const o = before[k] as Obj;
    const n = now && Object.prototype.hasOwnProperty.call(now, k) ? (now[k] as Obj) : undefined;
    if (!hasChild(o)) {
      if (!n || hasChild(n)) return true;
      continue;
    }
    const bv = childValue(b, k);
    const av = childValue(a, k);
    if (n && av === bv && bv !== undefined) continue;
    if (anyMissing(o, n && hasChild(n) ? n : undefined, bv, av)) return true;
  }
  return false;
}

/**
 * pathsToFields(leafPaths(set)): the set as an update writes it back (the '.' of a struct a
 * create wrote is not kept). Remembered for stored sets, and a rebuilt set is its own rebuild.
 */
const rebuiltSets = new WeakMap<Obj, Obj>();

function rebuiltSet(set: Obj): Obj {
  let rebuilt = rebuiltSets.get(set);
  if (!rebuilt) {
    rebuilt = rebuiltTree(set, '');
    if (Object.isFrozen(set)) rebuiltSets.set(set, rebuilt);
    rebuiltSets.set(rebuilt, rebuilt);
  }
  return rebuilt;
}

/** The other managers' entries, without the fields in `drop` (an entry left with none goes). */
function keepOthers(entries: readonly ManagedFieldsEntry[], mine: (e: ManagedFieldsEntry) => boolean, sub: string, drop: ReadonlySet<string>): ManagedFieldsEntry[] {
  const kept: ManagedFieldsEntry[] = [];
  for (const e of entries) {
    if (mine(e)) continue;
    if ((e.subresource ?? '') !== sub || !drop.size) {
      kept.push(e);
      continue;
    }
    const all = leavesOfSet(e.fieldsV1 ?? {});
    const paths = all.filter((p) => !drop.has(p));
    if (!paths.length) continue;
    kept.push({ ...e, fieldsV1: pathsToFields(paths) });
  }
  return kept;
}

/**
 * Walks the new and old sets with the new and old objects (and the manager's own set): true when
 * no field of the old object went away and every leaf that is new or changed is one the manager
 * already owns; those leaves are counted in `walk.taken`. An unchanged subtree (the very same
 * object: the cache shares them between versions) is skipped whole.
 */
function withinOwnFields(now: Obj, before: Obj, a: unknown, b: unknown, own: Obj | undefined, walk: { taken: number }): boolean {
  for (const k in before) {
    if (k !== '.' && Object.prototype.hasOwnProperty.call(before, k) && !Object.prototype.hasOwnProperty.call(now, k)) return false;
  }
  for (const k in now) {
    if (k === '.' || !Object.prototype.hasOwnProperty.call(now, k)) continue;
    const n = now[k] as Obj;
    const o = Object.prototype.hasOwnProperty.call(before, k) ? (before[k] as Obj) : undefined;
    const mineHere = own && Object.prototype.hasOwnProperty.call(own, k) ? (own[k] as Obj) : undefined;
    const av = childValue(a, k);
    const bv = childValue(b, k);
    const nLeaf = !hasChild(n);
    if (!o || nLeaf !== !hasChild(o)) return false; // a field appeared or changed its shape
    if (nLeaf) {
      if (sameJson(av, bv)) continue;
      if (!mineHere || hasChild(mineHere)) return false;
      walk.taken++;
      continue;
    }
    if (av === bv && av !== undefined) continue;
    if (!withinOwnFields(n, o, av, bv, mineHere, walk)) return false;
  }
  return true;
}

/** Leaf paths of a manager's stored set: the same entry comes back with every update of the object. */
const leavesOfSets = new WeakMap<Obj, string[]>();

function leavesOfSet(fields: Obj): string[] {
  let leaves = leavesOfSets.get(fields);
  if (!leaves) {
    leaves = leafPaths(fields);
    if (Object.isFrozen(fields)) leavesOfSets.set(fields, leaves);
  }
  return leaves;
}

/** The value under one FieldsV1 key, as valueAt follows a path segment. */
function childValue(v: unknown, key: string): unknown {
  if (key.startsWith('f:')) return isObj(v) ? v[fieldNameOf(key)] : undefined;
  return stepInto(v, setKeySegment(key));
}

/** 'f:name' → 'name', remembered (the same few hundred keys recur in every update). */
const fieldNames = new Map<string, string>();

function fieldNameOf(key: string): string {
  let name = fieldNames.get(key);
  if (name === undefined) {
    if (fieldNames.size >= MAX_CACHED_PATHS) fieldNames.clear();
    fieldNames.set(key, (name = key.slice(2)));
  }
  return name;
}

const setKeySegments = new Map<string, Segment>();

/** The segment of a list item's or set member's FieldsV1 key (k:… or v:…), parsed once. */
function setKeySegment(key: string): Segment {
  let seg = setKeySegments.get(key);
  if (!seg) {
    const parsed = segmentsOf(segmentOfKey(key))[0];
    seg = parsed && !('field' in parsed) ? parsed : { member: undefined, memberJson: undefined };
    if (setKeySegments.size >= MAX_CACHED_PATHS) setKeySegments.clear();
    setKeySegments.set(key, seg);
  }
  return seg;
}

/**
 * JSON.stringify(a) === JSON.stringify(b), without the text when both are scalars or both are
 * JSON-faithful (what the server decoded or checked): then the same keys in the same order with
 * the same values is the same text.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return (JSON.stringify(a) ?? 'undefined') === (JSON.stringify(b) ?? 'undefined');
  if (isJsonFaithful(a, true) && isJsonFaithful(b, true)) return sameFaithful(a, b);
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameFaithful(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameFaithful(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameFaithful((a as Obj)[ka[i]], (b as Obj)[kb[i]])) return false;
  }
  return true;
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
