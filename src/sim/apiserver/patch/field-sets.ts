/**
 * Field sets as structured-merge-diff builds them for the field manager, typed by the schema
 * (field-types.ts). A set's members are paths; in FieldsV1 a member that also has members below
 * it carries '.', one with nothing below is {}.
 *
 * - fieldSetOf: the set of an object (TypedValue.ToFieldSet), what an applier owns: scalars, list
 *   items, atomic values, map keys that are not struct fields, null or empty values. A struct
 *   field holding a non-empty struct is not a member itself.
 * - compareObjects: what changed from one object to another (TypedValue.Compare): a value absent
 *   before is added with everything in it (so a new map, pointer struct or list item gets its
 *   '.'), a leaf that differs is modified, a value gone is removed. A create compares with the
 *   zero object of its type, whose value structs (spec, strategy, source) exist already.
 *
 * The API server's strip set (apiVersion, kind, metadata itself and its system fields) is left
 * out of both; status belongs to the status part only, as the status subresource resets it.
 * Sets are built frozen: never changed once made, they are shared by the versions of an object
 * that keep them, and the storage's freezing walk passes over them.
 */
import { deepEqual } from '../equal';
import { omit } from '../../omit';
import { LEAF } from './shared-leaves';
import { fieldKey, itemKey } from './field-keys';
import { DEDUCED, structFieldsOf, typeOfDefinition, zeroObject, type FieldType, type StructFields } from './field-types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** metadata fields no manager owns (the field manager's strip set, and what only the server sets). */
const SYSTEM_META: ReadonlySet<string> = new Set(['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink', 'namespace', 'name']);

export type Part = 'main' | 'status';

/** The object as the field manager sees it: the part's top-level fields, metadata without its system fields. */
function partView(obj: unknown, part: Part): Obj | undefined {
  if (!isObj(obj)) return undefined;
  const out: Obj = {};
  for (const k in obj) {
    if (!hasOwn(obj, k) || obj[k] === undefined || k === 'apiVersion' || k === 'kind') continue;
    if ((part === 'status') !== (k === 'status')) continue;
    if (k === 'metadata' && isObj(obj.metadata)) {
      const meta: Obj = {};
      for (const mk in obj.metadata) if (hasOwn(obj.metadata, mk) && !SYSTEM_META.has(mk)) meta[mk] = obj.metadata[mk];
      out.metadata = meta;
    } else out[k] = obj[k];
  }
  return out;
}

// ------------------------------------------------------------------ ToFieldSet

/** The FieldsV1 set of an object's part (what an applier of exactly this object owns). */
export function fieldSetOf(obj: unknown, def: string | undefined, part: Part = 'main'): Obj {
  const view = partView(obj, part);
  const set = view && setOf(view, typeOfDefinition(def), false);
  // metadata itself is never owned (an applied configuration with only a name owns nothing there)
  return (set && withoutMetaSelf(set)) ?? LEAF;
}

/**
 * ToFieldSet of one value: its set of members below, with its own membership when `member` (the
 * parent's rule: a list item, a null or empty value, a map key that is no struct field) or when
 * its type makes it one value (a scalar, an atomic list, struct or map). Undefined: nothing.
 */
function setOf(v: unknown, t: FieldType, member: boolean): Obj | undefined {
  let below: Members | undefined;
  switch (t.k) {
    case 'scalar':
      return LEAF;
    case 'list':
      if (t.rel === 'atomic') return LEAF;
      if (Array.isArray(v))
        for (const item of v) {
          const key = listItemKey(t, item);
          if (key !== undefined) (below ??= new Members()).add(key, setOf(item, t.elem, true)!);
        }
      return withMembership(below?.set(false), member);
    case 'deduced':
      if (!isObj(v)) return LEAF;
      break;
    default:
      if (t.atomic) return LEAF;
  }
  if (isObj(v)) {
    const fields = t.k === 'struct' ? structFieldsOf(t.def) : undefined;
    for (const key in v) {
      const value = hasOwn(v, key) ? v[key] : undefined;
      if (value === undefined) continue;
      const declared = fields?.types.get(key);
      const set = setOf(value, declared ?? childTypeOf(t, undefined, key), value === null || (isObj(value) && isEmptyObject(value)) || !declared);
      if (set) (below ??= new Members()).add(fieldKey(key), set);
    }
  }
  return withMembership(below?.set(false), member);
}

function withMembership(below: Obj | undefined, member: boolean): Obj | undefined {
  if (!member) return below;
  return below ? self(below) : LEAF;
}

// ------------------------------------------------------------------ Compare

/**
 * What a write changed, as two FieldsV1 sets: the paths added or modified, and the paths removed
 * (undefined: none).
 */
export interface Delta {
  changed?: Obj;
  removed?: Obj;
}

const ADDED_LEAF: Delta = Object.freeze({ changed: LEAF });
const REMOVED_LEAF: Delta = Object.freeze({ removed: LEAF });
const NO_CHANGE: Delta = Object.freeze({});

/**
 * What changed from `before` to `after` (a part of them). `before` undefined: a create, compared
 * with the zero object of `def`. The very same value on both sides (parts a write left alone) is
 * skipped whole.
 */
export function compareObjects(before: unknown, after: unknown, def: string | undefined, part: Part = 'main'): Delta {
  const lhs = (before === undefined ? zeroView(def, part) : partView(before, part)) ?? EMPTY;
  const rhs = partView(after, part) ?? EMPTY;
  // the top level and metadata itself are never members (metadata is in the strip set)
  const d = diffMaps(lhs, rhs, typeOfDefinition(def));
  return d ? { changed: d.changed && withoutMetaSelf(d.changed), removed: d.removed && withoutMetaSelf(d.removed) } : NO_CHANGE;
}

/** By part, then definition ('' for none): the definition names are the schema's own strings, hashed once. */
const zeroViews: Record<Part, Map<string, Obj | undefined>> = { main: new Map(), status: new Map() };

/** The part of a definition's zero object the field manager sees (what every create compares with), made once. */
function zeroView(def: string | undefined, part: Part): Obj | undefined {
  const views = zeroViews[part];
  const name = def ?? '';
  let view = views.get(name);
  if (view === undefined && !views.has(name)) views.set(name, (view = partView(zeroObject(def), part)));
  return view;
}

/** The set without metadata's own membership (a '.' beside fields in it, or a leaf: empty metadata added). */
function withoutMetaSelf(set: Obj): Obj | undefined {
  const meta = set['f:metadata'] as Obj | undefined;
  if (!meta || !isMember(meta)) return set;
  const inner = withoutSelf(meta);
  const out = { ...set };
  if (inner) out['f:metadata'] = inner;
  else delete out['f:metadata'];
  return hasChildKey(out) ? out : undefined;
}

/** SMD's compare of one value (TypedValue.Compare): undefined when nothing changed. */
function diff(l: unknown, r: unknown, t: FieldType): Delta | undefined {
  if (l === r && l !== undefined) return undefined;
  switch (t.k) {
    case 'scalar':
      return diffLeaf(l, r);
    case 'list': {
      const la = Array.isArray(l) ? l : undefined;
      const ra = Array.isArray(r) ? r : undefined;
      // Empty and null on both sides: a leaf, so that [] and null stay apart.
      if (t.rel === 'atomic' || (!la?.length && !ra?.length)) return diffLeaf(l, r);
      return diffLists(la ?? NONE, ra ?? NONE, t, l === undefined, r === undefined);
    }
    default: {
      if (t.k === 'deduced' ? isOther(l) || isOther(r) : t.atomic) return diffLeaf(l, r);
      const lm = isObj(l) ? l : undefined;
      const rm = isObj(r) ? r : undefined;
      if ((!lm || isEmptyObject(lm)) && (!rm || isEmptyObject(rm))) return diffLeaf(l, r);
      return diffMaps(lm, rm, t, l === undefined, r === undefined);
    }
  }
}

function diffLeaf(l: unknown, r: unknown): Delta | undefined {
  if (l === undefined) return ADDED_LEAF;
  if (r === undefined) return REMOVED_LEAF;
  return deepEqual(l, r) ? undefined : ADDED_LEAF;
}

/** The set with its own '.' (first, as SMD writes it). */
function self(set: Obj): Obj {
  return set === LEAF || hasOwn(set, '.') ? set : Object.freeze({ '.': LEAF, ...set });
}

/** A deduced value that is neither an object nor null (a scalar or a list: one value). */
function isOther(v: unknown): boolean {
  return v !== undefined && v !== null && !isObj(v);
}

/** The children's deltas gathered into the node's two sets, keys sorted. */
class Gather {
  private changed: Members | undefined;
  private removed: Members | undefined;

  add(key: string, d: Delta): void {
    if (d.changed) (this.changed ??= new Members()).add(key, d.changed);
    if (d.removed) (this.removed ??= new Members()).add(key, d.removed);
  }

  /**
   * The node's delta. A map or list that was absent before (`added`: added with all in it) or is
   * gone (`gone`: removed) is a member itself, with its '.' (first, as SMD writes it).
   */
  result(added: boolean, gone: boolean): Delta | undefined {
    if (added) return { changed: this.changed?.set(true) ?? LEAF, removed: this.removed?.set(false) };
    if (gone) return { changed: this.changed?.set(false), removed: this.removed?.set(true) ?? LEAF };
    if (!this.changed && !this.removed) return undefined;
    return { changed: this.changed?.set(false), removed: this.removed?.set(false) };
  }
}

/** The delta of a node whose children did not change (no Gather was needed). */
function unchangedBelow(added: boolean, gone: boolean): Delta | undefined {
  return added ? ADDED_LEAF : gone ? REMOVED_LEAF : undefined;
}

/**
 * Keys and their sets, kept in order as they come (an insertion sort: a node has a few keys, and
 * Array.prototype.sort allocates a work copy at every call, for every node of every write), in
 * one array of key, set, key, set… (one allocation per node, which every write makes many of).
 */
class Members {
  private readonly items: (string | Obj)[] = [];

  add(key: string, value: Obj): void {
    const a = this.items;
    let i = a.length;
    a.push(key, value);
    for (; i > 0 && (a[i - 2] as string) > key; i -= 2) {
      a[i] = a[i - 2];
      a[i + 1] = a[i - 1];
    }
    a[i] = key;
    a[i + 1] = value;
  }

  /** The FieldsV1 set, frozen, with its own '.' when `member`; undefined when empty. */
  set(member: boolean): Obj | undefined {
    const a = this.items;
    if (!a.length) return undefined;
    const out: Obj = {};
    if (member) out['.'] = LEAF;
    for (let i = 0; i < a.length; i += 2) out[a[i] as string] = a[i + 1];
    return Object.freeze(out);
  }
}

/**
 * The members of two maps or structs. A struct field one side leaves out has, as Go decodes it,
 * its zero value there when Go always writes it (status: {}, reportingComponent: ""), so only
 * what differs from that counts.
 */
function diffMaps(l: Obj | undefined, r: Obj | undefined, t: FieldType, added = false, gone = false): Delta | undefined {
  let gather: Gather | undefined;
  const fields = t.k === 'struct' ? structFieldsOf(t.def) : undefined;
  const lm = l ?? EMPTY;
  const rm = r ?? EMPTY;
  for (const key in lm) {
    if (!hasOwn(lm, key)) continue;
    const lv = lm[key];
    const rv = hasOwn(rm, key) && rm[key] !== undefined ? rm[key] : r && fields ? fields.zeros.get(key) : undefined;
    if (lv === undefined && rv === undefined) continue;
    const d = diff(lv, rv, childTypeOf(t, fields, key));
    if (d) (gather ??= new Gather()).add(fieldKey(key), d);
  }
  for (const key in rm) {
    if (!hasOwn(rm, key) || (hasOwn(lm, key) && lm[key] !== undefined) || rm[key] === undefined) continue;
    const d = diff(l && fields ? fields.zeros.get(key) : undefined, rm[key], childTypeOf(t, fields, key));
    if (d) (gather ??= new Gather()).add(fieldKey(key), d);
  }
  return gather ? gather.result(added, gone) : unchangedBelow(added, gone);
}

/** The type of a child of a node of type `t` (`fields`: t's when a struct). */
function childTypeOf(t: FieldType, fields: StructFields | undefined, key: string): FieldType {
  return fields?.types.get(key) ?? (t.k === 'map' ? t.elem : DEDUCED);
}

function diffLists(l: readonly unknown[], r: readonly unknown[], t: Extract<FieldType, { k: 'list' }>, added: boolean, gone: boolean): Delta | undefined {
  let gather: Gather | undefined;
  // Items are matched by key with a scan (lists are short); of items with the same key (an invalid
  // list) the last one counts on each side.
  const rightKeys: (string | undefined)[] = [];
  for (const item of r) rightKeys.push(listItemKey(t, item));
  const seen = new Set<string>();
  for (let i = l.length - 1; i >= 0; i--) {
    const key = listItemKey(t, l[i]);
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    const j = rightKeys.lastIndexOf(key);
    const d = diff(l[i], j >= 0 ? r[j] : undefined, t.elem);
    if (d) (gather ??= new Gather()).add(key, d);
  }
  for (let j = r.length - 1; j >= 0; j--) {
    const key = rightKeys[j];
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    const d = diff(undefined, r[j], t.elem);
    if (d) (gather ??= new Gather()).add(key, d);
  }
  return gather ? gather.result(added, gone) : unchangedBelow(added, gone);
}

/** The FieldsV1 key of a list item: k:{…} by the list's map keys, v:… for a set; undefined when it has none. */
function listItemKey(t: Extract<FieldType, { k: 'list' }>, item: unknown): string | undefined {
  if (t.rel === 'set') return `v:${JSON.stringify(item)}`;
  return isObj(item) ? itemKey(t.keys, item) : undefined;
}

// ------------------------------------------------------------------ sets in FieldsV1 form

/** Is a node of a FieldsV1 set a member itself? (A node with nothing below it always is.) */
function isMember(set: Obj): boolean {
  return hasOwn(set, '.') || !hasChildKey(set);
}

/** `set` without the members of `remove`. The same object when none of them is in it; undefined when nothing is left. */
export function difference(set: Obj, remove: Obj | undefined): Obj | undefined {
  if (!remove) return set;
  let out: Obj | undefined;
  for (const key in remove) {
    if (key === '.' || !hasOwn(remove, key) || !hasOwn(set, key)) continue;
    const sub = set[key] as Obj;
    const rm = remove[key] as Obj;
    let next: Obj | undefined = hasChildKey(rm) ? difference(sub, rm) : sub;
    if (next && isMember(rm)) next = withoutSelf(next);
    if (next === sub) continue;
    out ??= { ...set };
    if (next) out[key] = next;
    else delete out[key];
  }
  if (!out) return set;
  if (hasChildKey(out)) return out;
  // A member whose members below all went stays a member (a leaf).
  return hasOwn(out, '.') ? LEAF : undefined;
}

/** The node without its own membership: a leaf goes, a set loses its '.'. */
function withoutSelf(set: Obj): Obj | undefined {
  if (!hasOwn(set, '.')) return hasChildKey(set) ? set : undefined;
  const rest = omit(set, '.');
  return hasChildKey(rest) ? rest : undefined;
}

/** `set` with the members of `add`. The same object when it has them all. */
export function union(set: Obj | undefined, add: Obj | undefined): Obj | undefined {
  if (!add) return set;
  if (!set) return add;
  let out: Obj | undefined;
  for (const key in add) {
    if (key === '.' || !hasOwn(add, key)) continue;
    const a = add[key] as Obj;
    const sub = hasOwn(set, key) ? (set[key] as Obj) : undefined;
    let next: Obj | undefined = sub === undefined ? a : hasChildKey(a) ? union(sub, a) : sub;
    // A member added (or a leaf that now has members below it) keeps its own membership as '.'.
    if (sub !== undefined && (isMember(a) || isMember(sub)) && next !== undefined && !isMember(next)) next = self(next);
    if (next === sub) continue;
    out ??= { ...set };
    out[key] = next;
  }
  return out ? inOrder(out) : set;
}

/** A set's keys in SMD's order: '.' first, then the paths below sorted. */
function inOrder(set: Obj): Obj {
  const out: Obj = {};
  if (hasOwn(set, '.')) out['.'] = LEAF;
  for (const k of Object.keys(set).filter((k) => k !== '.').sort()) out[k] = set[k];
  return Object.freeze(out);
}

function hasChildKey(o: Obj): boolean {
  for (const k in o) if (k !== '.' && hasOwn(o, k)) return true;
  return false;
}

function isEmptyObject(o: Obj): boolean {
  for (const k in o) if (hasOwn(o, k) && o[k] !== undefined) return false;
  return true;
}

const EMPTY: Obj = Object.freeze({});
const NONE: readonly unknown[] = Object.freeze([]);
