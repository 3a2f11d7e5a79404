/**
 * The types structured-merge-diff walks, from the v1.33 schema: how each field is compared and
 * owned. A struct marked atomic (LabelSelector, ObjectReference, OwnerReference…) and a list of
 * list-type atomic are one value; a list of type map is keyed by its map keys, one of type set by
 * its values; a free-form object (no schema: custom resources, RawExtension) is deduced from the
 * value, maps granular and lists atomic, as SMD's deduced type does.
 */
import { definition, fieldType, type FieldSpec } from '../schema';
import goZero from '../generated/go-zero.json';

export type FieldType =
  | { k: 'scalar' }
  | { k: 'deduced' }
  | { k: 'struct'; def: string; atomic: boolean }
  | { k: 'map'; elem: FieldType; atomic: boolean }
  | { k: 'list'; elem: FieldType; rel: 'atomic' | 'set' | 'map'; keys: readonly string[] };

export const SCALAR: FieldType = { k: 'scalar' };
export const DEDUCED: FieldType = { k: 'deduced' };

const byTypeString = new Map<string, FieldType>();
const bySpec = new WeakMap<object, FieldType>();

/** The type of a field from its schema spec (remembered: the schema does not change). */
export function typeOfSpec(spec: FieldSpec): FieldType {
  if (typeof spec === 'string') {
    let t = byTypeString.get(spec);
    if (!t) byTypeString.set(spec, (t = typeOfString(spec, undefined)));
    return t;
  }
  let t = bySpec.get(spec);
  if (!t) bySpec.set(spec, (t = typeOfString(fieldType(spec), spec)));
  return t;
}

function typeOfString(t: string, spec: Exclude<FieldSpec, string> | undefined): FieldType {
  if (t.startsWith('[]')) {
    const elem = typeOfString(t.slice(2), undefined);
    const lt = spec?.lt;
    if (lt === 'map') return { k: 'list', elem, rel: 'map', keys: spec?.lk ?? (spec?.k ? [spec.k] : []) };
    if (lt === 'set') return { k: 'list', elem, rel: 'set', keys: [] };
    return { k: 'list', elem, rel: 'atomic', keys: [] };
  }
  // A field's own x-kubernetes-map-type overrides its type's (Service.spec.selector is one value,
  // a PersistentVolume's claimRef is granular though ObjectReference is atomic).
  if (t.startsWith('{}')) return { k: 'map', elem: typeOfString(t.slice(2), undefined), atomic: spec?.mt === 'atomic' };
  if (t.startsWith('#')) {
    const def = typeOfDefinition(t.slice(1));
    return def.k === 'struct' && spec?.mt ? { ...def, atomic: spec.mt === 'atomic' } : def;
  }
  return t === 'object' ? DEDUCED : SCALAR;
}

const byDefinition = new Map<string, FieldType>();

/** The type of a definition: a struct with its fields, or a scalar (Quantity, Time…), or free form. */
export function typeOfDefinition(name: string | undefined): FieldType {
  if (!name) return DEDUCED;
  let t = byDefinition.get(name);
  if (t) return t;
  const def = definition(name);
  if (def?.p) t = { k: 'struct', def: name, atomic: def.a === 1 };
  else t = !def || def.t === 'object' ? DEDUCED : SCALAR;
  byDefinition.set(name, t);
  return t;
}

/** A struct's fields: each one's type, and the Go zero of those Go writes though the JSON leaves them out. */
export interface StructFields {
  types: Map<string, FieldType>;
  zeros: Map<string, unknown>;
}

const structFields = new Map<string, StructFields>();

/** The fields of a struct, typed once (the walks ask for them at every node of every write). */
export function structFieldsOf(def: string): StructFields {
  let fields = structFields.get(def);
  if (!fields) {
    const types = new Map<string, FieldType>();
    for (const [name, spec] of Object.entries(definition(def)?.p ?? {})) types.set(name, typeOfSpec(spec));
    const zeros = new Map<string, unknown>();
    for (const [name, zero] of Object.entries(ZERO[def] ?? {})) zeros.set(name, typeof zero === 'string' && zero.startsWith('#') ? zeroObject(zero.slice(1)) : zero);
    structFields.set(def, (fields = { types, zeros }));
  }
  return fields;
}

/** The type of a struct's field (undefined: not a field of it). */
export function fieldTypeOf(def: string, field: string): FieldType | undefined {
  return structFieldsOf(def).types.get(field);
}

type Obj = Record<string, unknown>;
const ZERO = goZero as Record<string, Record<string, unknown>>;
const zeroObjects = new Map<string, Obj>();

/**
 * A zero Go object of a definition as JSON (what `&Deployment{}` encodes to): structs held by
 * value are there with their own zero fields, fields without omitempty at their zero value
 * (null, "", 0), everything else absent. Unknown definitions (custom resources) are empty.
 * Frozen: shared by every create of the kind.
 */
export function zeroObject(def: string | undefined): Obj {
  if (!def) return EMPTY;
  let z = zeroObjects.get(def);
  if (z) return z;
  z = {};
  for (const [field, value] of Object.entries(ZERO[def] ?? {})) z[field] = typeof value === 'string' && value.startsWith('#') ? zeroObject(value.slice(1)) : value;
  Object.freeze(z);
  zeroObjects.set(def, z);
  return z;
}

const EMPTY: Obj = Object.freeze({});

/**
 * The value a field of `def` has in Go when the JSON leaves it out: its zero when Go writes it
 * anyway (a struct held by value, a field without omitempty), else undefined (absent).
 */
export function zeroFieldOf(def: string, field: string): unknown {
  return structFieldsOf(def).zeros.get(field);
}

/**
 * Give `obj` (in place, and return it) the fields a Go object of `def` always has when encoded and it lacks:
 * eventTime: null, reportingComponent: "", source: {}… (what the API server's answers show even
 * when the client never sent them). Structs held by value get theirs in turn.
 */
export function fillGoZeros<T extends object>(obj: T, def: string): T {
  const zeros = ZERO[def];
  if (!zeros) return obj;
  const o = obj as Obj;
  for (const field in zeros) {
    const zero = zeros[field];
    const v = o[field];
    if (typeof zero === 'string' && zero.startsWith('#')) {
      if (v === undefined) o[field] = JSON.parse(JSON.stringify(zeroObject(zero.slice(1)))) as Obj;
      else if (v && typeof v === 'object' && !Array.isArray(v) && !Object.isFrozen(v)) fillGoZeros(v as Obj, zero.slice(1));
    } else if (v === undefined) o[field] = zero;
  }
  return obj;
}
