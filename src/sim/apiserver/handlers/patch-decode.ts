/**
 * What kube-apiserver's patch handler (endpoints/handlers/patch.go) answers when the patched object
 * does not decode into its Go type: not the 400 of create and update but a 422 NewInvalid without
 * kind or name, whose one cause is on the field "patch". The value it shows depends on the patch:
 * - a JSON or merge patch: the patched object's JSON as evanphx/json-patch wrote it, then the JSON
 *   decoder's error (runtime.DecodeInto);
 * - a strategic merge patch: Go's %+v of the patch map, then the unstructured converter's error
 *   (FromUnstructuredWithValidation, unstructured-convert.ts), which is not the JSON decoder's.
 */
import { errors } from '../errors';
import { decoderError } from '../validation/decode';
import { fromUnstructuredError } from '../validation/unstructured-convert';
import { goJson, goJsonString } from '../../go-json';
import { goTyped } from '../../go-typed';
import { RawNumber } from './patch-literals';
import type { KubeObject, Status } from '../types';

type Obj = Record<string, unknown>;

/** A JSON object (not a list, not a number kept as its literal). */
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RawNumber);

/** encoding/json's bytes of a value whose numbers may be literals as sent; object keys sorted where `sortKeys`. */
function encode(v: unknown, sortKeys: boolean): string {
  if (v instanceof RawNumber) return v.literal;
  if (Array.isArray(v)) return `[${v.map((x) => encode(x, sortKeys)).join(',')}]`;
  if (!isObj(v)) return goJson(v);
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (sortKeys) keys.sort(byteOrder);
  return `{${keys.map((k) => `${goJsonString(k)}:${encode(v[k], sortKeys)}`).join(',')}}`;
}

/**
 * The 422 for a JSON or merge patch whose result `decodeBody` refused, or undefined when the
 * refusal was not the decoder's (the request's kind or version, say).
 */
export function jsonPatchDecodeRefusal(refusal: Status, live: KubeObject, defName: string | undefined, patchType: string, patch: unknown): Status | undefined {
  const goError = decoderError(refusal);
  return goError === undefined ? undefined : jsonPatchRefusal(goError, live, defName, patchType, patch);
}

/** The 422 for a JSON or merge patch whose result the JSON decoder refuses with `goError` (numbers in `patch` may be RawNumber). */
export function jsonPatchRefusal(goError: string, live: KubeObject, defName: string | undefined, patchType: string, patch: unknown): Status {
  const current = defName ? goTyped(live, defName) : live;
  const text = patchType === 'application/json-patch+json' ? jsonPatchedText(current, patch as JsonOp[]) : mergedText(current, patch);
  return errors.invalidPatch(text, goError);
}

/**
 * A strategic merge patch whose result `decodeBody` refused: the converter's error as a 422, or
 * undefined when the converter takes the object (it cuts a number to its integer field's size,
 * which the JSON decoder refuses): the caller decodes the object, now converted, again.
 */
export function strategicDecodeRefusal(refusal: Status, patched: Obj, defName: string | undefined, patch: unknown): Status | undefined {
  const goError = decoderError(refusal);
  if (goError === undefined) return undefined;
  const converterError = defName ? fromUnstructuredError(patched, defName) : undefined;
  if (converterError) return errors.invalidPatch(goPatchMap(patch), converterError);
  // The converter lists unknown fields sorted (the JSON decoder in the order met).
  const strict = 'strict decoding error: ';
  if (goError.startsWith(strict)) return errors.invalidPatch(goPatchMap(patch), strict + goError.slice(strict.length).split(', ').sort().join(', '));
  return undefined;
}

/** The 422 for a refusal of a strategically merged object that the converter took. */
export function strategicDecoderRefusal(refusal: Status, patch: unknown): Status | undefined {
  const goError = decoderError(refusal);
  return goError === undefined ? undefined : errors.invalidPatch(goPatchMap(patch), goError);
}

// ------------------------------------------------------------------ Go's %+v of the patch map

/**
 * fmt's %+v of the map kjson decoded the patch into: map[k:v …] with sorted keys, strings bare,
 * lists as [a b], whole numbers as int64, other numbers as float64 (%g, shortest).
 */
export function goPatchMap(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goPatchMap).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Obj;
    return `map[${Object.keys(o).sort(byteOrder).map((k) => `${k}:${goPatchMap(o[k])}`).join(' ')}]`;
  }
  if (typeof v === 'number') return goNumber(v);
  return String(v);
}

function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  // strconv.FormatFloat(f, 'g', -1, 64): an exponent below -4 or from 6 up (the shortest digits' precision is taken as 6).
  const [mantissa, e] = n.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ------------------------------------------------------------------ evanphx/json-patch's output

/**
 * MergePatch's bytes: the object unmarshalled into maps only where the patch reaches (written with
 * sorted keys), the rest kept as the raw JSON Go encoded (struct field order); what the patch adds
 * unmarshalled to prune its nulls (sorted too), numbers as sent.
 */
export function mergedText(cur: unknown, patch: unknown): string {
  if (isObj(cur) && isObj(patch)) {
    const members = new Map<string, string>();
    for (const k of Object.keys(cur)) if (cur[k] !== undefined) members.set(k, encode(cur[k], false));
    for (const k of Object.keys(patch)) {
      const p = patch[k];
      if (p === null) members.delete(k);
      else if (p !== undefined) members.set(k, cur[k] === undefined || cur[k] === null ? encode(pruneNulls(p), true) : mergedText(cur[k], p));
    }
    return `{${[...members.keys()].sort(byteOrder).map((k) => `${goJsonString(k)}:${members.get(k)}`).join(',')}}`;
  }
  // merge(): a current value that is no object gives way to the patch, nulls pruned (its objects,
  // unmarshalled to prune them, written sorted); an object gives way to a patch that is none, as sent.
  return isObj(cur) ? encode(patch, false) : encode(pruneNulls(patch), true);
}

function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === null ? x : pruneNulls(x)));
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const k of Object.keys(v)) if (v[k] !== null) out[k] = pruneNulls(v[k]);
  return out;
}

interface JsonOp {
  op?: string;
  path?: string;
  from?: string;
  value?: unknown;
}

function pointer(path: unknown): string[] | undefined {
  if (typeof path !== 'string' || (path !== '' && !path.startsWith('/'))) return undefined;
  return path === '' ? [] : path.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Patch.Apply's bytes: the containers an operation walks through are unmarshalled into maps
 * (written with sorted keys), the rest kept as Go encoded it; values an operation puts are written
 * as sent (their keys in the order sent, numbers as their literals).
 */
export function jsonPatchedText(current: unknown, ops: JsonOp[]): string {
  const walked = new Set<string>(['']);
  let doc: unknown = copyOf(current);
  for (const op of ops) {
    const path = pointer(op.path);
    const from = pointer(op.from);
    if (!path) continue;
    for (const parts of [path, from]) for (let i = 1; parts && i < parts.length; i++) walked.add(parts.slice(0, i).join('/'));
    doc = applyOp(doc, op, path, from);
  }
  const render = (v: unknown, at: string): string => {
    if (Array.isArray(v)) return `[${v.map((x, i) => render(x, `${at}/${i}`)).join(',')}]`;
    if (!isObj(v)) return encode(v, false);
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    if (walked.has(at.slice(1))) keys.sort(byteOrder);
    return `{${keys.map((k) => `${goJsonString(k)}:${render(v[k], `${at}/${k}`)}`).join(',')}}`;
  };
  return render(doc, '');
}

/** A deep copy that keeps numbers held as literals. */
function copyOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyOf);
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copyOf(x)]));
  return v;
}

/** One operation, done as the simulated server did it already (it applied): only the result's shape matters here. */
function applyOp(doc: unknown, op: JsonOp, path: string[], from: string[] | undefined): unknown {
  const at = (parts: string[]): { parent: unknown; key: string } => {
    let parent: unknown = doc;
    for (const p of parts.slice(0, -1)) parent = Array.isArray(parent) ? parent[Number(p)] : (parent as Obj)[p];
    return { parent, key: parts[parts.length - 1] };
  };
  const get = (parts: string[]): unknown => {
    if (parts.length === 0) return doc;
    const { parent, key } = at(parts);
    return Array.isArray(parent) ? parent[Number(key)] : (parent as Obj)[key];
  };
  const remove = (parts: string[]): void => {
    const { parent, key } = at(parts);
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete (parent as Obj)[key];
  };
  const set = (parts: string[], value: unknown, insert: boolean): void => {
    if (parts.length === 0) {
      doc = value;
      return;
    }
    const { parent, key } = at(parts);
    if (!Array.isArray(parent)) (parent as Obj)[key] = value;
    else if (key === '-') parent.push(value);
    else if (insert) parent.splice(Number(key), 0, value);
    else parent[Number(key)] = value;
  };
  switch (op.op) {
    case 'add':
    case 'replace':
      set(path, copyOf(op.value ?? null), op.op === 'add');
      break;
    case 'remove':
      remove(path);
      break;
    case 'move':
    case 'copy': {
      if (!from) break;
      const value = get(from);
      if (op.op === 'move') remove(from);
      set(path, copyOf(value ?? null), true);
      break;
    }
  }
  return doc;
}
