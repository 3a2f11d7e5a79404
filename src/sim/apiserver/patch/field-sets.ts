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
import { DEDUCED, fieldTypeOf, typeOfDefinition, zeroFieldOf, zeroObject, type FieldType } from './field-types';

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
      return withMembership(below?.set(), member);
    case 'deduced':
      if (!isObj(v)) return LEAF;
      break;
    default:
      if (t.atomic) return LEAF;
  }
  if (isObj(v))
    for (const key in v) {
      const value = hasOwn(v, key) ? v[key] : undefined;
      if (value === undefined) continue;
      const declared = t.k === 'struct' ? fieldTypeOf(t.def, key) : undefined;
      const set = setOf(value, declared ?? childTypeOf(t, key), value === null || (isObj(value) && isEmptyObject(value)) || !declared);
      if (set) (below ??= new Members()).add(fieldKey(key), set);
    }
  return withMembership(below?.set(), member);
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
  const lhs = partView(before === undefined ? zeroObject(def) : before, part) ?? EMPTY;
  const rhs = partView(after, part) ?? EMPTY;
  // the top level and metadata itself are never members (metadata is in the strip set)
  const d = diffMaps(lhs, rhs, typeOfDefinition(def));
  return d ? { changed: d.changed && withoutMetaSelf(d.changed), removed: d.removed && withoutMetaSelf(d.removed) } : NO_CHANGE;
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
      return withSelf(diffLists(la ?? NONE, ra ?? NONE, t), l, r);
    }
    default: {
      if (t.k === 'deduced' ? isOther(l) || isOther(r) : t.atomic) return diffLeaf(l, r);
      const lm = isObj(l) ? l : undefined;
      const rm = isObj(r) ? r : undefined;
      if ((!lm || isEmptyObject(lm)) && (!rm || isEmptyObject(rm))) return diffLeaf(l, r);
      return withSelf(diffMaps(lm, rm, t), l, r);
    }
  }
}

function diffLeaf(l: unknown, r: unknown): Delta | undefined {
  if (l === undefined) return ADDED_LEAF;
  if (r === undefined) return REMOVED_LEAF;
  return deepEqual(l, r) ? undefined : ADDED_LEAF;
}

/** A map or list that was absent before (added with all in it) or is gone (removed) is a member itself. */
function withSelf(d: Delta | undefined, l: unknown, r: unknown): Delta | undefined {
  if (l === undefined) return { changed: d?.changed ? self(d.changed) : LEAF, removed: d?.removed };
  if (r === undefined) return { changed: d?.changed, removed: d?.removed ? self(d.removed) : LEAF };
  return d;
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

  add(key: string, d: Delta | undefined): void {
    if (!d) return;
    if (d.changed) (this.changed ??= new Members()).add(key, d.changed);
    if (d.removed) (this.removed ??= new Members()).add(key, d.removed);
  }

  result(): Delta | undefined {
    if (!this.changed && !this.removed) return undefined;
    return { changed: this.changed?.set(), removed: this.removed?.set() };
  }
}

/**
 * Keys and their sets, kept in order as they come (an insertion sort: a node has a few keys, and
 * Array.prototype.sort allocates a work copy at every call, for every node of every write).
 */
class Members {
  private readonly keys: string[] = [];
  private readonly values: Obj[] = [];

  add(key: string, value: Obj): void {
    let i = this.keys.length;
    this.keys.push(key);
    this.values.push(value);
    for (; i > 0 && this.keys[i - 1] > key; i--) {
      this.keys[i] = this.keys[i - 1];
      this.values[i] = this.values[i - 1];
    }
    this.keys[i] = key;
    this.values[i] = value;
  }

  /** The FieldsV1 set, frozen; undefined when empty. */
  set(): Obj | undefined {
    if (!this.keys.length) return undefined;
    const out: Obj = {};
    for (let i = 0; i < this.keys.length; i++) out[this.keys[i]] = this.values[i];
    return Object.freeze(out);
  }
}

/**
 * The members of two maps or structs. A struct field one side leaves out has, as Go decodes it,
 * its zero value there when Go always writes it (status: {}, reportingComponent: ""), so only
 * what differs from that counts.
 */
function diffMaps(l: Obj | undefined, r: Obj | undefined, t: FieldType): Delta | undefined {
  const gather = new Gather();
  const def = t.k === 'struct' ? t.def : undefined;
  const lm = l ?? EMPTY;
  const rm = r ?? EMPTY;
  for (const key in lm) {
    if (!hasOwn(lm, key)) continue;
    const lv = lm[key];
    const rv = hasOwn(rm, key) && rm[key] !== undefined ? rm[key] : r && def && zeroFieldOf(def, key);
    if (lv !== undefined || rv !== undefined) gather.add(fieldKey(key), diff(lv, rv, childTypeOf(t, key)));
  }
  for (const key in rm) {
    if (!hasOwn(rm, key) || (hasOwn(lm, key) && lm[key] !== undefined) || rm[key] === undefined) continue;
    gather.add(fieldKey(key), diff(l && def && zeroFieldOf(def, key), rm[key], childTypeOf(t, key)));
  }
  return gather.result();
}

function childTypeOf(t: FieldType, key: string): FieldType {
  return (t.k === 'struct' ? fieldTypeOf(t.def, key) : undefined) ?? (t.k === 'map' ? t.elem : DEDUCED);
}

function diffLists(l: readonly unknown[], r: readonly unknown[], t: Extract<FieldType, { k: 'list' }>): Delta | undefined {
  const byKey = new Map<string, [unknown, unknown]>();
  for (const item of l) {
    const key = listItemKey(t, item);
    if (key !== undefined) byKey.set(key, [item, undefined]);
  }
  for (const item of r) {
    const key = listItemKey(t, item);
    if (key === undefined) continue;
    const pair = byKey.get(key);
    if (pair) pair[1] = item;
    else byKey.set(key, [undefined, item]);
  }
  const gather = new Gather();
  for (const [key, [lv, rv]] of byKey) gather.add(key, diff(lv, rv, t.elem));
  return gather.result();
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
