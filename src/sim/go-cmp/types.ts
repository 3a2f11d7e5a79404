/**
 * Go types and values as github.com/google/go-cmp sees them through reflect, for the diffs that
 * Go programs print with cmp.Diff (the API server's immutable-field messages).
 *
 * A value is plain data: a struct is an object keyed by Go field name (a missing field holds the
 * zero value), a pointer is null or the value it points at, a slice is null or an array, a map is
 * null or an object (map keys are strings here), integers are bigints.
 */
export type GoValue = null | boolean | bigint | string | GoValue[] | { [key: string]: GoValue };

interface Named {
  /**
   * The type's name as go-cmp prints it, package name first ("core.PersistentVolumeMode"); the
   * predeclared types are named too ("string", "int64"); '' for an unnamed type ([]T, *T, map[K]V).
   */
  name: string;
}

export const STRING: GoType = { kind: 'string', name: 'string' };
export const BOOL: GoType = { kind: 'bool', name: 'bool' };
export const INT64: GoType = { kind: 'int', name: 'int64' };
export const INT32: GoType = { kind: 'int', name: 'int32' };

export type GoType =
  | (Named & { kind: 'bool' | 'int' | 'uint' | 'string'; stringer?: boolean })
  | (Named & { kind: 'ptr'; elem: GoType })
  | (Named & { kind: 'slice'; elem: GoType })
  | (Named & { kind: 'map'; key: GoType; elem: GoType })
  | (Named & {
      kind: 'struct';
      fields: readonly GoField[];
      /** An Equal method: go-cmp compares the values with it and never looks inside. */
      equal?: (x: GoValue, y: GoValue) => boolean;
      /** How the value is read from its JSON form, when not field by field (an UnmarshalJSON method). */
      fromJson?: (v: unknown) => GoValue;
    });

export interface GoField {
  name: string;
  type: GoType;
  /** The field's key in the JSON form (its json tag); none for fields JSON never holds. */
  json?: string;
}

/**
 * A value read from its JSON form (encoding/json's Unmarshal into the Go type): absent keys and
 * nulls give zero values; [] and {} stay non-nil.
 */
export function fromJson(t: GoType, v: unknown): GoValue {
  if (v === undefined || v === null) return zeroOf(t);
  switch (t.kind) {
    case 'bool':
      return v === true;
    case 'int':
    case 'uint':
      return typeof v === 'number' || typeof v === 'string' ? BigInt(Math.trunc(Number(v))) : 0n;
    case 'string':
      return typeof v === 'string' ? v : String(v);
    case 'ptr':
      return fromJson(t.elem, v) ?? zeroOf(t.elem);
    case 'slice':
      return Array.isArray(v) ? v.map((e) => fromJson(t.elem, e)) : null;
    case 'map':
      return typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object).map(([k, e]) => [k, fromJson(t.elem, e)])) : null;
    case 'struct': {
      if (t.fromJson) return t.fromJson(v);
      const o = (typeof v === 'object' && !Array.isArray(v) ? v : {}) as Record<string, unknown>;
      const out: Record<string, GoValue> = {};
      for (const f of t.fields) if (f.json !== undefined) out[f.name] = fromJson(f.type, o[f.json]);
      return out;
    }
  }
}

export const isExported = (name: string): boolean => /^[A-Z]/.test(name);

/** reflect's String() of a type, as go-cmp's value.TypeString prints it (unqualified names). */
export function typeString(t: GoType): string {
  if (t.name) return t.name;
  switch (t.kind) {
    case 'ptr':
      return `*${typeString(t.elem)}`;
    case 'slice':
      return `[]${typeString(t.elem)}`;
    case 'map':
      return `map[${typeString(t.key)}]${typeString(t.elem)}`;
    case 'struct':
      return `struct{${t.fields.map((f) => `${f.name} ${typeString(f.type)}`).join('; ')}}`;
    default:
      return t.kind;
  }
}

/** A struct's field value (the zero value when absent). */
export function field(v: GoValue, t: GoType & { kind: 'struct' }, name: string): GoValue {
  const got = v && typeof v === 'object' && !Array.isArray(v) ? v[name] : undefined;
  if (got !== undefined) return got;
  return zeroOf(t.fields.find((f) => f.name === name)!.type);
}

export function zeroOf(t: GoType): GoValue {
  switch (t.kind) {
    case 'bool':
      return false;
    case 'int':
    case 'uint':
      return 0n;
    case 'string':
      return '';
    case 'struct':
      return {};
    default:
      return null;
  }
}

/** reflect.Value.IsZero. */
export function isZero(v: GoValue, t: GoType): boolean {
  switch (t.kind) {
    case 'bool':
      return v === false;
    case 'int':
    case 'uint':
      return v === 0n;
    case 'string':
      return v === '';
    case 'struct':
      return t.fields.every((f) => isZero(field(v, t, f.name), f.type));
    default:
      return v === null;
  }
}
