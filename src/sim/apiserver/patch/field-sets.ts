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
 */
import { deepEqual } from '../equal';
import { omit } from '../../omit';
import { LEAF } from './shared-leaves';
import { fieldKey, itemKey } from './field-keys';
import { DEDUCED, fieldTypeOf, typeOfDefinition, zeroObject, type FieldType } from './field-types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** metadata fields no manager owns (the field manager's strip set, and what only the server sets). */
export const SYSTEM_META: ReadonlySet<string> = new Set(['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink', 'namespace', 'name']);

export type Part = 'main' | 'status';

/** A set being built: whether the path is a member, and the paths below it. */
export class SetNode {
  member = false;
  /** ADDED | MODIFIED | REMOVED, for comparisons. */
  flags = 0;
  children: Map<string, SetNode> | undefined;

  child(key: string): SetNode {
    this.children ??= new Map();
    let c = this.children.get(key);
    if (!c) this.children.set(key, (c = new SetNode()));
    return c;
  }

  /** Nothing in it (a node to drop from its parent). */
  get empty(): boolean {
    return !this.member && !this.flags && !this.children?.size;
  }
}

export const ADDED = 1;
export const MODIFIED = 2;
export const REMOVED = 4;

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
  const root = new SetNode();
  const view = partView(obj, part);
  if (view) walkToSet(view, typeOfDefinition(def), root);
  return toFieldsV1(root, true);
}

function walkToSet(v: unknown, t: FieldType, node: SetNode): void {
  switch (t.k) {
    case 'scalar':
      node.member = true;
      return;
    case 'list': {
      if (t.rel === 'atomic') {
        node.member = true;
        return;
      }
      if (!Array.isArray(v)) return;
      for (const item of v) {
        const key = listItemKey(t, item);
        if (key === undefined) continue;
        const child = node.child(key);
        walkToSet(item, t.elem, child);
        child.member = true;
      }
      return;
    }
    case 'deduced':
      if (!isObj(v)) {
        node.member = true;
        return;
      }
      break;
    case 'struct':
      if (t.atomic) {
        node.member = true;
        return;
      }
      break;
    case 'map':
      break;
  }
  if (!isObj(v)) return;
  for (const key in v) {
    if (!hasOwn(v, key)) continue;
    const value = v[key];
    if (value === undefined) continue;
    const declared = t.k === 'struct' ? fieldTypeOf(t.def, key) : undefined;
    const childType = declared ?? (t.k === 'map' ? t.elem : DEDUCED);
    const child = node.child(fieldKey(key));
    walkToSet(value, childType, child);
    if (value === null || (isObj(value) && isEmptyObject(value)) || !declared) child.member = true;
  }
}

// ------------------------------------------------------------------ Compare

/**
 * What changed from `before` to `after` (a part of them), as a tree whose nodes carry ADDED,
 * MODIFIED or REMOVED. `before` undefined: a create, compared with the zero object of `def`.
 * The very same value on both sides (parts a write left alone) is skipped whole.
 */
export function compareObjects(before: unknown, after: unknown, def: string | undefined, part: Part = 'main'): SetNode {
  const root = new SetNode();
  const lhs = partView(before === undefined ? zeroObject(def) : before, part) ?? {};
  const rhs = partView(after, part) ?? {};
  compareMaps(lhs, rhs, typeOfDefinition(def), root);
  // metadata itself is never owned (only what is in it)
  const meta = root.children?.get('f:metadata');
  if (meta) {
    meta.flags = 0;
    if (meta.empty) root.children!.delete('f:metadata');
  }
  return root;
}

function compareValues(l: unknown, r: unknown, t: FieldType, node: SetNode): void {
  if (l === r && l !== undefined) return;
  let leaf = false;
  const doLeaf = () => {
    leaf = true;
    if (l === undefined) node.flags |= ADDED;
    else if (r === undefined) node.flags |= REMOVED;
    else if (!deepEqual(l, r)) node.flags |= MODIFIED;
  };
  switch (t.k) {
    case 'scalar':
      doLeaf();
      break;
    case 'list': {
      const la = Array.isArray(l) ? l : undefined;
      const ra = Array.isArray(r) ? r : undefined;
      if (t.rel === 'atomic' || (!la?.length && !ra?.length)) doLeaf();
      else compareLists(la ?? [], ra ?? [], t, node);
      break;
    }
    case 'struct':
    case 'map':
    case 'deduced': {
      if ((t.k === 'struct' && t.atomic) || (t.k === 'deduced' && (isOther(l) || isOther(r)))) {
        doLeaf();
        break;
      }
      const lm = isObj(l) ? l : undefined;
      const rm = isObj(r) ? r : undefined;
      if ((!lm || isEmptyObject(lm)) && (!rm || isEmptyObject(rm))) doLeaf();
      else compareMaps(lm ?? EMPTY, rm ?? EMPTY, t, node);
      break;
    }
  }
  if (!leaf) {
    if (l === undefined) node.flags |= ADDED;
    else if (r === undefined) node.flags |= REMOVED;
  }
}

/** A deduced value that is neither an object nor null (a scalar or a list: one value). */
function isOther(v: unknown): boolean {
  return v !== undefined && v !== null && !isObj(v);
}

function compareMaps(l: Obj, r: Obj, t: FieldType, node: SetNode): void {
  for (const key in l) {
    if (!hasOwn(l, key)) continue;
    const rv = hasOwn(r, key) ? r[key] : undefined;
    compareMember(key, l[key], rv, t, node);
  }
  for (const key in r) {
    if (!hasOwn(r, key) || hasOwn(l, key)) continue;
    compareMember(key, undefined, r[key], t, node);
  }
}

function compareMember(key: string, lv: unknown, rv: unknown, t: FieldType, node: SetNode): void {
  if (lv === undefined && rv === undefined) return;
  const childType = (t.k === 'struct' ? fieldTypeOf(t.def, key) : undefined) ?? (t.k === 'map' ? t.elem : DEDUCED);
  const key1 = fieldKey(key);
  const child = node.child(key1);
  compareValues(lv, rv, childType, child);
  if (child.empty) node.children!.delete(key1);
}

function compareLists(l: unknown[], r: unknown[], t: Extract<FieldType, { k: 'list' }>, node: SetNode): void {
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
  for (const [key, [lv, rv]] of byKey) {
    const child = node.child(key);
    compareValues(lv, rv, t.elem, child);
    if (child.empty) node.children!.delete(key);
  }
}

/** The FieldsV1 key of a list item: k:{…} by the list's map keys, v:… for a set; undefined when it has none. */
function listItemKey(t: Extract<FieldType, { k: 'list' }>, item: unknown): string | undefined {
  if (t.rel === 'set') return `v:${JSON.stringify(item)}`;
  return isObj(item) ? itemKey(t.keys, item) : undefined;
}

// ------------------------------------------------------------------ sets in FieldsV1 form

/** A tree's members as a FieldsV1 set, keys in SMD's order ('.' first, then sorted). */
function toFieldsV1(node: SetNode, root = false): Obj {
  const out: Obj = {};
  const keys = node.children ? [...node.children.keys()].filter((k) => has(node.children!.get(k)!, 0)).sort() : [];
  if (!keys.length) return LEAF;
  if (node.member && !root) out['.'] = LEAF;
  for (const k of keys) out[k] = toFieldsV1(node.children!.get(k)!);
  return out;
}

/** Does the tree hold a member (or a node with one of `flags`)? */
function has(node: SetNode, flags: number): boolean {
  if (flags ? node.flags & flags : node.member) return true;
  if (node.children) for (const c of node.children.values()) if (has(c, flags)) return true;
  return false;
}

/** Is `key`'s node in a FieldsV1 set a member itself? (A node with nothing below it always is.) */
function isMember(set: Obj): boolean {
  if (hasOwn(set, '.')) return true;
  for (const k in set) if (hasOwn(set, k)) return false;
  return true;
}

/**
 * `set` without the nodes of `cmp` carrying `flags` (their paths only: a removed map drops its
 * own membership, members below it are dropped when they are named too). The same object when
 * nothing goes; undefined when nothing is left.
 */
export function withoutFlagged(set: Obj, cmp: SetNode, flags: number): Obj | undefined {
  if (!cmp.children) return set;
  let out: Obj | undefined;
  for (const [key, c] of cmp.children) {
    if (!hasOwn(set, key)) continue;
    const sub = set[key] as Obj;
    let next: Obj | undefined = sub;
    if (c.children) next = withoutFlagged(sub, c, flags);
    if (c.flags & flags && next) next = withoutSelf(next);
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

/** `set` with the nodes of `cmp` carrying `flags` as members. The same object when it has them all. */
export function withFlagged(set: Obj | undefined, cmp: SetNode, flags: number, root = true): Obj | undefined {
  let out: Obj | undefined;
  const base = set ?? EMPTY;
  if (cmp.children)
    for (const [key, c] of cmp.children) {
      if (!has(c, flags)) continue;
      const sub = hasOwn(base, key) ? (base[key] as Obj) : undefined;
      let next = sub;
      if (c.children) next = withFlagged(sub, c, flags, false);
      if (c.flags & flags) next = withSelf(next);
      if (next === sub) continue;
      out ??= { ...base };
      out[key] = next;
    }
  if (!out) return set;
  // A leaf that got members below it keeps its own membership as '.'.
  const self = !root && set !== undefined && isMember(set);
  return inOrder(out, self);
}

/** A set's keys in SMD's order: '.' first, then the paths below sorted. */
function inOrder(set: Obj, self: boolean): Obj {
  const out: Obj = {};
  if (self || hasOwn(set, '.')) out['.'] = LEAF;
  for (const k of Object.keys(set).filter((k) => k !== '.').sort()) out[k] = set[k];
  return out;
}

/** The node as a member: a new leaf, or '.' added to a set without it. */
function withSelf(set: Obj | undefined): Obj {
  if (!set) return LEAF;
  if (isMember(set)) return set;
  return { '.': LEAF, ...set };
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
