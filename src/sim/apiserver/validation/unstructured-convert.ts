/**
 * runtime.DefaultUnstructuredConverter.FromUnstructured (apimachinery runtime/converter.go), as the
 * patch handler decodes a strategically merged object into its Go type. It is not the JSON
 * decoder and fails otherwise: it converts between Go kinds by reflection, so a whole number
 * goes into an int32 cut to 32 bits (3000000000 becomes -1294967296, for validation to refuse), a
 * fraction fails 'cannot convert float64 to int32', a string where a number belongs is an
 * 'unrecognized type: int32', and a value where a struct, slice or map belongs 'cannot restore
 * struct from: string'. Fields are converted in the Go struct's order; the first error ends it.
 */
import { definition, fieldType, SCALAR_DEFS } from '../schema';
import goFieldOrder from '../generated/go-field-order.json';
import { isQuantityText, QUANTITY_FORMAT_ERROR } from './decode';

const ORDER = goFieldOrder as Record<string, string[]>;

type Obj = Record<string, unknown>;

/**
 * The Go kind of an unstructured value as the patch map and the object converted to a map hold
 * them: whole numbers are int64 (kjson preserves them), other numbers float64.
 */
function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'slice';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? 'int64' : 'float64';
    default:
      return 'map';
  }
}

/** The Go type of a schema primitive. */
const GO_PRIMITIVE: Record<string, string> = { string: 'string', boolean: 'bool', int32: 'int32', int64: 'int64', integer: 'int', number: 'float64' };

const INTEGERS: ReadonlySet<string> = new Set(['int32', 'int64', 'int']);

/**
 * A whole number as Go's reflect Convert leaves it in a Go integer of the type: an int32 keeps the
 * low 32 bits; a float64 past an int64 converts (on amd64) to the smallest int64 first.
 */
function converted(n: number, goType: string): number {
  const whole = Math.abs(n) >= 2 ** 63 ? -(2n ** 63n) : BigInt(Math.trunc(n));
  return Number(goType === 'int32' ? BigInt.asIntN(32, whole) : whole);
}

/**
 * Converts `obj` as FromUnstructured decodes it into the definition's type: numbers an integer
 * field holds as Go would are changed in place; returns the first error, if any.
 */
export function fromUnstructuredError(obj: Obj, defName: string): string | undefined {
  return convertStruct(obj, defName);
}

function convertStruct(obj: Obj, defName: string): string | undefined {
  const props = definition(defName)?.p;
  if (!props) return undefined; // free form (RawExtension, FieldsV1…): their UnmarshalJSON takes any JSON
  const order = ORDER[defName]?.map((f) => (f.endsWith('?') ? f.slice(0, -1) : f)) ?? Object.keys(props);
  for (const name of order) {
    const spec = props[name];
    if (!spec || !Object.prototype.hasOwnProperty.call(obj, name)) continue;
    const r = convertValue(obj[name], fieldType(spec));
    if (isError(r)) return r.error;
    if (r !== obj[name]) obj[name] = r;
  }
  return undefined;
}

/** The value converted (a number possibly changed), or its error. */
function convertValue(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return v; // an invalid reflect.Value: the zero value
  if (type.startsWith('[]')) {
    if (!Array.isArray(v)) return new Failed(`cannot restore slice from ${kindOf(v)}`);
    for (let i = 0; i < v.length; i++) {
      const r = convertValue(v[i], type.slice(2));
      if (isError(r)) return r;
      if (r !== v[i]) v[i] = r;
    }
    return v;
  }
  if (type.startsWith('{}')) {
    if (kindOf(v) !== 'map') return new Failed(`cannot restore map from ${kindOf(v)}`);
    const m = v as Obj;
    for (const k of Object.keys(m)) {
      const r = convertValue(m[k], type.slice(2));
      if (isError(r)) return r;
      if (r !== m[k]) m[k] = r;
    }
    return v;
  }
  if (type.startsWith('#')) {
    const def = type.slice(1);
    const scalar = SCALAR_DEFS[def];
    if (scalar) return convertScalar(v, scalar);
    if (!definition(def)?.p) return v;
    if (kindOf(v) !== 'map') return new Failed(`cannot restore struct from: ${kindOf(v)}`);
    const err = convertStruct(v as Obj, def);
    return err ? new Failed(err) : v;
  }
  const goType = GO_PRIMITIVE[type];
  return goType ? convertPrimitive(v, goType) : v; // 'object': interface{}, any value
}

/** A conversion's error, told apart from any value the object may hold. */
class Failed {
  constructor(readonly error: string) {}
}

function isError(r: unknown): r is Failed {
  return r instanceof Failed;
}

/**
 * fromUnstructured's simple types: the same kind is assigned; an integer goes into any integer or
 * float; a whole float64 into an integer; a kind Go cannot convert to the field's (a string to an
 * int32) is an unrecognized type; one it can but JSON does not (an int64 to a string) 'cannot convert'.
 */
function convertPrimitive(v: unknown, goType: string): unknown {
  const kind = kindOf(v);
  if (kind === goType) return v;
  if (kind === 'int64') {
    if (INTEGERS.has(goType)) return converted(v as number, goType);
    if (goType === 'float64') return v;
    if (goType === 'string') return new Failed('cannot convert int64 to string');
  }
  if (kind === 'float64') {
    if (goType === 'float64') return v;
    if (INTEGERS.has(goType)) return Number.isInteger(v) ? converted(v as number, goType) : new Failed(`cannot convert float64 to ${goType}`);
  }
  return new Failed(`unrecognized type: ${goType}`);
}

/** The UnmarshalJSON of the types that have one, given the value's JSON. */
function convertScalar(v: unknown, scalar: string): unknown {
  const kind = kindOf(v);
  switch (scalar) {
    case 'Quantity':
      return (kind === 'string' || kind === 'int64' || kind === 'float64') && isQuantityText(String(v)) ? v : new Failed(QUANTITY_FORMAT_ERROR);
    case 'IntOrString':
      // A number goes into IntVal, an int32, through encoding/json.
      if (kind === 'string') return v;
      if (kind === 'int64' && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 31) return v;
      return new Failed(`json: cannot unmarshal ${jsonKind(v)} into Go value of type int32`);
    default:
      // Time and MicroTime decode a JSON string first.
      return kind === 'string' ? v : new Failed(`json: cannot unmarshal ${jsonKind(v, false)} into Go value of type string`);
  }
}

/** UnmarshalTypeError's value: the JSON type, a number into an integer with its text. */
function jsonKind(v: unknown, intoInteger = true): string {
  if (typeof v === 'number') return intoInteger ? `number ${String(v)}` : 'number';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'boolean' ? 'bool' : typeof v === 'string' ? 'string' : 'object';
}
