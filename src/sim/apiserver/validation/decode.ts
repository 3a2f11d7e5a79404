/**
 * Decoding a request body the way the kube-apiserver's JSON decoder does: the body must be an
 * object of the endpoint's group/version/kind (missing apiVersion/kind are taken from the
 * endpoint), field types must fit the Go types (first mismatch fails, as encoding/json does),
 * and unknown fields fail with fieldValidation=Strict (what kubectl sends by default), are
 * dropped with a warning with Warn (the server's default), or dropped silently with Ignore.
 */
import { errors } from '../errors';
import { apiVersion, type RequestContext } from '../context';
import { definition, definitionFor, fieldType, SCALAR_DEFS } from '../schema';
import type { KubeObject, Status } from '../types';
import { pruneAndDefault, schemaFor } from './crd-schema';
import { isJsonFaithful, jsonCopy } from '../json-copy';
import { canonicalQuantity } from './internal-quantity';

/**
 * `owned`: the body is a fresh object of the caller's that may be changed in place (no defensive copy).
 * `keep`: the top-level fields the handler uses (besides apiVersion, kind and metadata); the rest
 * is still checked (type errors, unknown-field warnings) but neither copied nor returned, as the
 * status subresource ignores everything but status.
 */
export function decodeBody(
  ctx: RequestContext,
  body: unknown,
  kind = ctx.info.kind,
  gv = apiVersion(ctx),
  owned = false,
  keep?: ReadonlySet<string>,
  shareable?: ReadonlySet<string>,
  /** The object as the cache holds it now (frozen): its very parts, sent back, are taken as they are. */
  current?: KubeObject,
): KubeObject | Status {
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return errors.badRequest(`couldn't get version/kind; json parse error: invalid character looking for beginning of value`);
    }
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    const shown = JSON.stringify(body) ?? 'null';
    return errors.badRequest(`Object 'Kind' is missing in '${shown}'`);
  }
  // Top-level field names (a handful at most): arrays, made for every request.
  const checkedOnly: string[] = [];
  const trusted: string[] = [];
  // Custom resources are pruned and defaulted in place: they are always copied whole.
  const perField = (keep || shareable) && !ctx.info.custom;
  // Parts of the cached object count only when it is in the request's version and kind.
  const cached = current && current.apiVersion === gv && current.kind === kind ? current : undefined;
  const obj = (owned ? body : perField ? copyKept(body as Record<string, unknown>, keep, checkedOnly, trusted, cached, shareable) : jsonCopy(body)) as KubeObject;
  if (obj.apiVersion === undefined || obj.apiVersion === '') obj.apiVersion = gv;
  if (obj.kind === undefined || obj.kind === '') obj.kind = kind;
  if (obj.apiVersion !== gv) {
    return errors.badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${gv})`);
  }
  if (obj.kind !== kind) {
    return errors.badRequest(`${String(obj.kind)} in version "${ctx.info.version}" cannot be handled as a ${kind}: no kind "${String(obj.kind)}" is registered for version "${gv}" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"`);
  }
  if (obj.metadata !== undefined && (obj.metadata === null || typeof obj.metadata !== 'object' || Array.isArray(obj.metadata))) {
    return decodeFailure(`${kind} in version "${ctx.info.version}" cannot be handled as a ${kind}: `, `json: cannot unmarshal ${jsonType(obj.metadata)} into Go struct field ${kind}.metadata of type v1.ObjectMeta`);
  }
  const unknown: string[] = [];
  if (ctx.info.custom) {
    pruneAndDefault(obj, schemaFor(ctx), '', unknown);
    if (unknown.length && fieldValidation(ctx) === 'Strict')
      return decodeFailure(`${kind} in version "${ctx.info.version}" cannot be handled as a ${kind}: `, strictDecodingError(unknown));
    warnUnknown(ctx, unknown);
    return obj;
  }
  const defName = definitionFor(ctx.info.group, ctx.info.version, kind);
  const typeError = defName ? walk(obj as Record<string, unknown>, defName, new FieldPath(), unknown, true, checkedOnly, trusted) : undefined;
  for (const k of checkedOnly) delete (obj as Record<string, unknown>)[k];
  if (!defName) return obj;
  const prefix = `${kind} in version "${ctx.info.version}" cannot be handled as a ${kind}: `;
  if (typeError) return decodeFailure(prefix, typeError);
  if (unknown.length && fieldValidation(ctx) === 'Strict') return decodeFailure(prefix, strictDecodingError(unknown));
  warnUnknown(ctx, unknown);
  return obj;
}

/** The decoder's own errors behind the refusals decodeBody words as create and update do. */
const decoderErrors = new WeakMap<Status, string>();

/**
 * The decoder's error behind a refusal of decodeBody ('json: cannot unmarshal …', 'strict decoding
 * error: …'), without the words create and update put before it: the patch handler words it its own way.
 */
export function decoderError(refusal: Status): string | undefined {
  return decoderErrors.get(refusal);
}

function decodeFailure(prefix: string, goError: string): Status {
  const refusal = errors.badRequest(prefix + goError);
  decoderErrors.set(refusal, goError);
  return refusal;
}

/** runtime.NewStrictDecodingError's text for the unknown fields' paths. */
export function strictDecodingError(unknown: readonly string[]): string {
  return 'strict decoding error: ' + unknown.map((u) => `unknown field "${u}"`).join(', ');
}

/**
 * Go's error unmarshalling a manifest's metadata into ObjectMeta, or undefined: what kubectl's
 * metadata-validating decoder checks before it takes a file's object (unknown fields pass).
 */
export function objectMetaTypeError(metadata: unknown): string | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  if (typeof metadata !== 'object' || Array.isArray(metadata)) return `json: cannot unmarshal ${jsonType(metadata)} into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta`;
  // Any kind's walk reaches ObjectMeta through its metadata field; nothing is removed.
  return walk({ metadata }, 'core.v1.ConfigMap', new FieldPath(), [], false);
}

/** Strict, Warn (the server's default when the client sends nothing) or Ignore. */
function fieldValidation(ctx: RequestContext): string {
  return ctx.query.fieldValidation ?? 'Warn';
}

function warnUnknown(ctx: RequestContext, unknown: string[]): void {
  if (fieldValidation(ctx) !== 'Warn') return;
  for (const u of unknown) ctx.warnings?.push(`unknown field "${u}"`);
}

const TOP_LEVEL_OK = new Set(['apiVersion', 'kind']);

/**
 * A field type string of the schema ('[]#io.k8s…Container', '{}string', 'int32', '#…Quantity')
 * parsed once: the walk below runs for every field of every request body.
 */
type Compiled =
  | { k: 'list' | 'map'; type: string; inner: Compiled }
  | { k: 'scalar'; type: string; scalar: string }
  | { k: 'def'; type: string; name: string; struct?: Struct | null }
  | { k: 'prim'; type: string };

/**
 * A definition with properties, its fields' types compiled: the walk finds a field's type with one
 * lookup instead of the schema's property test, spec and type string each time.
 */
interface Struct {
  /** The struct name in messages: the definition's last segment ('io.k8s.api.core.v1.Pod' → 'Pod'). */
  name: string;
  fields: Map<string, Compiled>;
}

const compiledTypes = new Map<string, Compiled>();

function compile(type: string): Compiled {
  let c = compiledTypes.get(type);
  if (c) return c;
  if (type.startsWith('[]')) c = { k: 'list', type, inner: compile(type.slice(2)) };
  else if (type.startsWith('{}')) c = { k: 'map', type, inner: compile(type.slice(2)) };
  else if (type.startsWith('#')) {
    const name = type.slice(1);
    const scalar = SCALAR_DEFS[name];
    c = scalar ? { k: 'scalar', type, scalar } : { k: 'def', type, name };
  } else c = { k: 'prim', type };
  compiledTypes.set(type, c);
  return c;
}

const structs = new Map<string, Struct | null>();

/** The compiled struct of a definition; null for a free-form one (RawExtension, JSON, FieldsV1…) or an unknown name. */
function structOf(defName: string): Struct | null {
  let st = structs.get(defName);
  if (st !== undefined) return st;
  const props = definition(defName)?.p;
  st = null;
  if (props) {
    const fields = new Map<string, Compiled>();
    for (const [key, spec] of Object.entries(props)) fields.set(key, compile(fieldType(spec)));
    st = { name: defName.split('.').pop()!, fields };
  }
  structs.set(defName, st);
  return st;
}

/**
 * The body with its `keep` fields (all when not given; and type and object meta) copied as
 * jsonCopy copies, and the others left as they are, to be checked only (named in `checkedOnly`).
 * Values JSON would change (undefined, Dates…) are copied all the same, so the check sees what
 * decoding would. A field that is the very part of the cached object (`cached`) is taken as it is
 * (named in `trusted`) where `shareable` allows it (all fields when not given): the handler reads
 * it and never changes it in place.
 */
function copyKept(body: Record<string, unknown>, keep: ReadonlySet<string> | undefined, checkedOnly: string[], trusted: string[], cached: KubeObject | undefined, shareable?: ReadonlySet<string>): Record<string, unknown> {
  if (Object.getPrototypeOf(body) !== Object.prototype || Object.prototype.hasOwnProperty.call(body, '__proto__') || typeof body.toJSON === 'function') return jsonCopy(body);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(body)) {
    const v = body[k];
    // A part of the cached object itself (frozen, checked when stored): neither copied nor checked.
    if (cached && k !== 'apiVersion' && k !== 'kind' && (!shareable || shareable.has(k)) && v !== null && typeof v === 'object' && v === (cached as Record<string, unknown>)[k]) {
      out[k] = v;
      trusted.push(k);
      continue;
    }
    if (!keep || keep.has(k) || k === 'apiVersion' || k === 'kind' || k === 'metadata' || !isJsonFaithful(v)) {
      const copied = jsonCopy({ [k]: v });
      if (Object.prototype.hasOwnProperty.call(copied, k)) out[k] = copied[k];
    } else {
      out[k] = v;
      checkedOnly.push(k);
    }
  }
  return out;
}

/**
 * Where the walk is, as Go's decoder names it in messages (spec.containers[0].image for an unknown
 * field, spec.containers.image for a type error): kept as a stack of steps and written out only
 * for a message, since nearly every field checked is fine.
 */
class FieldPath {
  private readonly steps: (string | number)[] = [];
  /** For each step: a field (.name) or a list index / map key ([x]). */
  private readonly bracketed: boolean[] = [];

  get empty(): boolean {
    return this.steps.length === 0;
  }

  push(step: string | number, bracketed: boolean): void {
    this.steps.push(step);
    this.bracketed.push(bracketed);
  }

  pop(): void {
    this.steps.pop();
    this.bracketed.pop();
  }

  /**
   * encoding/json's UnmarshalTypeError.Field: the struct fields' names only, joined by dots (its
   * errorContext pushes no list index and no map key): spec.template.spec.containers.ports.containerPort.
   */
  fieldStack(): string {
    let out = '';
    for (let i = 0; i < this.steps.length; i++) if (!this.bracketed[i]) out += out ? `.${this.steps[i]}` : String(this.steps[i]);
    return out;
  }

  toString(): string {
    let out = '';
    for (let i = 0; i < this.steps.length; i++) out += this.bracketed[i] ? `[${this.steps[i]}]` : i === 0 ? String(this.steps[i]) : `.${this.steps[i]}`;
    return out;
  }
}

/**
 * Check obj against a definition; removes unknown fields (recording their paths) unless `mutate`
 * is false; returns the first type error. Top-level fields in `checkedOnly` are never changed.
 */
function walk(obj: Record<string, unknown>, defName: string, path: FieldPath, unknown: string[], mutate = true, checkedOnly?: readonly string[], trusted?: readonly string[]): string | undefined {
  const struct = structOf(defName);
  return struct ? walkStruct(obj, struct, path, unknown, mutate, checkedOnly, trusted) : undefined;
}

function walkStruct(obj: Record<string, unknown>, struct: Struct, path: FieldPath, unknown: string[], mutate: boolean, checkedOnly?: readonly string[], trusted?: readonly string[]): string | undefined {
  const fields = struct.fields;
  // A key deleted during the walk (unknown fields) is not visited again by for…in; no key is added.
  for (const key in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, key) || trusted?.includes(key)) continue;
    const type = fields.get(key);
    if (!type) {
      if (path.empty && TOP_LEVEL_OK.has(key)) continue;
      path.push(key, false);
      unknown.push(String(path));
      path.pop();
      if (mutate) delete obj[key];
      continue;
    }
    path.push(key, false);
    const err = checkValue(obj[key], type, path, unknown, struct.name, mutate && !checkedOnly?.includes(key));
    path.pop();
    if (err) return err;
  }
  return undefined;
}

function mismatch(value: unknown, type: string, structName: string, path: FieldPath): string {
  return `json: cannot unmarshal ${jsonType(value)} into Go struct field ${structName}.${path.fieldStack()} of type ${goType(type)}`;
}

function checkValue(value: unknown, type: Compiled, path: FieldPath, unknown: string[], structName: string, mutate: boolean): string | undefined {
  if (value === null) return undefined; // JSON null decodes to the zero value
  switch (type.k) {
    case 'list': {
      if (!Array.isArray(value)) return mismatch(value, type.type, structName, path);
      for (let i = 0; i < value.length; i++) {
        path.push(i, true);
        const err = checkValue(value[i], type.inner, path, unknown, structName, mutate);
        path.pop();
        if (err) return err;
      }
      return undefined;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return mismatch(value, type.type, structName, path);
      const m = value as Record<string, unknown>;
      for (const k in m) {
        if (!Object.prototype.hasOwnProperty.call(m, k)) continue;
        path.push(k, true);
        const err = checkValue(m[k], type.inner, path, unknown, structName, mutate);
        path.pop();
        if (err) return err;
      }
      return undefined;
    }
    case 'scalar':
      if (type.scalar === 'IntOrString') {
        if (typeof value === 'number') {
          if (Number.isInteger(value) && value <= INT32_MAX && value >= INT32_MIN) return undefined;
          // Its UnmarshalJSON decodes a number into IntVal, an int32, and fails as for one.
          return numberMismatch(value, 'int32', structName, path);
        }
        if (typeof value === 'string') return undefined;
        return `json: cannot unmarshal ${jsonType(value)} into Go struct field ${structName}.${path.fieldStack()} of type intstr.IntOrString`;
      }
      if (type.scalar === 'Quantity') {
        // Go's decoder parses it (ParseQuantity): text it cannot read fails the request.
        if ((typeof value === 'number' || typeof value === 'string') && quantityText(String(value)) !== undefined) return undefined;
        return QUANTITY_FORMAT_ERROR;
      }
      if (type.scalar === 'Time' || type.scalar === 'MicroTime') {
        if (typeof value === 'string') return undefined;
        return `json: cannot unmarshal ${jsonType(value)} into Go struct field ${structName}.${path.fieldStack()} of type string`;
      }
      return checkDefinition(value, structOf(type.type.slice(1)), type.type, path, unknown, structName, mutate);
    case 'def':
      return checkDefinition(value, type.struct === undefined ? (type.struct = structOf(type.name)) : type.struct, type.type, path, unknown, structName, mutate);
    case 'prim':
      return checkPrimitive(value, type.type, path, structName);
  }
}

/** resource.ErrFormatWrong: what ParseQuantity answers text it cannot read. */
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`;

/** Whether ParseQuantity reads the text. */
export function isQuantityText(text: string): boolean {
  return quantityText(text) !== undefined;
}

function checkDefinition(value: unknown, struct: Struct | null, type: string, path: FieldPath, unknown: string[], structName: string, mutate: boolean): string | undefined {
  if (!struct) return undefined; // free-form (RawExtension, JSON, FieldsV1…)
  if (typeof value !== 'object' || Array.isArray(value)) return mismatch(value, type, structName, path);
  return walkStruct(value as Record<string, unknown>, struct, path, unknown, mutate);
}

const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;
const INT64_MAX = 2 ** 63;
const INT64_MIN = -(2 ** 63);

/** encoding/json's UnmarshalTypeError for a number a Go integer cannot hold: it names the number. */
function numberMismatch(value: number, type: string, structName: string, path: FieldPath): string {
  return `json: cannot unmarshal number ${value} into Go struct field ${structName}.${path.fieldStack()} of type ${goType(type)}`;
}

function checkPrimitive(value: unknown, type: string, path: FieldPath, structName: string): string | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : mismatch(value, type, structName, path);
    case 'boolean':
      return typeof value === 'boolean' ? undefined : mismatch(value, type, structName, path);
    case 'int32':
      if (typeof value !== 'number') return mismatch(value, type, structName, path);
      // strconv.ParseInt then OverflowInt: a fraction or a number past the type's bounds fails alike.
      if (!Number.isInteger(value) || value > INT32_MAX || value < INT32_MIN) return numberMismatch(value, type, structName, path);
      return undefined;
    case 'int64':
    case 'integer':
      if (typeof value !== 'number') return mismatch(value, type, structName, path);
      // 2^63 itself passes: JavaScript reads 9223372036854775807, the largest int64, as 2^63.
      if (!Number.isInteger(value) || value > INT64_MAX || value < INT64_MIN) return numberMismatch(value, type, structName, path);
      return undefined;
    case 'number':
    case 'float64':
      return typeof value === 'number' ? undefined : mismatch(value, type, structName, path);
    default:
      return undefined; // 'object': free form
  }
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'object';
  }
}

function goType(t: string): string {
  if (t.startsWith('[]')) return '[]' + goType(t.slice(2));
  if (t.startsWith('{}')) return 'map[string]' + goType(t.slice(2));
  if (t.startsWith('#')) {
    const parts = t.slice(1).split('.');
    return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
  }
  return { boolean: 'bool', integer: 'int', number: 'float64', object: 'map[string]interface {}' }[t] ?? t;
}

// ------------------------------------------------------------------ quantities as stored

/** Canonical texts of the quantities seen (a handful of distinct values: cpu: 500m, memory: 1Gi…). */
const canonicalTexts = new Map<string, string>();

/** Quantity.String() of a quantity's text (undefined: not a quantity), remembered. */
function quantityText(text: string): string | undefined {
  let canonical = canonicalTexts.get(text);
  if (canonical === undefined) {
    canonical = canonicalQuantity(text);
    if (canonical === undefined) return undefined;
    if (canonicalTexts.size >= 4096) canonicalTexts.clear();
    canonicalTexts.set(text, canonical);
  }
  return canonical;
}

/** Per compiled type: can a Quantity be found below it? (Most of an object cannot hold one: the walk skips it.) */
const holdsQuantity = new Map<Compiled, boolean>();

function reachesQuantity(type: Compiled, seen?: Set<Compiled>): boolean {
  const known = holdsQuantity.get(type);
  if (known !== undefined) return known;
  const top = seen === undefined;
  const path = seen ?? new Set<Compiled>();
  if (path.has(type)) return false;
  path.add(type);
  let found = false;
  if (type.k === 'list' || type.k === 'map') found = reachesQuantity(type.inner, path);
  else if (type.k === 'scalar') found = type.scalar === 'Quantity';
  else if (type.k === 'def') {
    const st = type.struct === undefined ? (type.struct = structOf(type.name)) : type.struct;
    if (st) for (const t of st.fields.values()) if (reachesQuantity(t, path)) found = true;
  }
  // A type found to hold one does; one that does not is settled only by the outermost call (a
  // type inside a cycle still being explored may yet lead to one).
  if (found || top) holdsQuantity.set(type, found);
  return found;
}

/**
 * The object's quantities as the server writes them back: Go decodes each (ParseQuantity) and
 * encodes it again (Quantity.String()), so `cpu: 0.5` is stored as 500m and `memory: 1024Mi` as
 * 1Gi. Frozen parts (taken from the watch cache) are stored texts already and are left alone.
 */
export function canonicalizeQuantities(obj: KubeObject, defName: string | undefined): void {
  if (!defName) return;
  const top = compile(`#${defName}`);
  if (reachesQuantity(top)) canonicalizeIn(obj, top);
}

function canonicalizeIn(value: unknown, type: Compiled): unknown {
  if (value === null || value === undefined) return value;
  switch (type.k) {
    case 'scalar':
      if (type.scalar !== 'Quantity') return value;
      return quantityText(String(value)) ?? value;
    case 'list':
      if (!Array.isArray(value) || Object.isFrozen(value) || !reachesQuantity(type.inner)) return value;
      for (let i = 0; i < value.length; i++) {
        const next = canonicalizeIn(value[i], type.inner);
        if (next !== value[i]) value[i] = next;
      }
      return value;
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value) || Object.isFrozen(value) || !reachesQuantity(type.inner)) return value;
      const m = value as Record<string, unknown>;
      for (const k in m) {
        if (!Object.prototype.hasOwnProperty.call(m, k)) continue;
        const next = canonicalizeIn(m[k], type.inner);
        if (next !== m[k]) m[k] = next;
      }
      return value;
    }
    case 'def': {
      const st = type.struct === undefined ? (type.struct = structOf(type.name)) : type.struct;
      if (!st || typeof value !== 'object' || Array.isArray(value) || Object.isFrozen(value)) return value;
      const o = value as Record<string, unknown>;
      for (const k in o) {
        if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
        const t = st.fields.get(k);
        if (!t || !reachesQuantity(t)) continue;
        const next = canonicalizeIn(o[k], t);
        if (next !== o[k]) o[k] = next;
      }
      return value;
    }
    default:
      return value;
  }
}
