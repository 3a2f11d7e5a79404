/**
 * A JSON patch (RFC 6902) as the API server takes it from a request: unless field validation is
 * Ignore, the body is first decoded strictly as a list of operations (a body that is not one is a
 * 400 "error decoding patch"); an operation that does not apply to the object is a 422 whose
 * message is the generic one (the server passes the library's error to NewGenericServerResponse,
 * which keeps only its status code).
 */
import { errors } from '../errors';
import type { RequestContext } from '../context';
import type { Status } from '../types';
import { applyJsonPatch } from './json-patch';

/** Go's name of the type a JSON value cannot be unmarshalled into ("object", "number"…). */
function goJsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;
}

/** The strict decoding of the body into []handlers.jsonPatchOp, or its error. */
function decodingError(ops: unknown): string | undefined {
  if (ops === null) return undefined;
  if (!Array.isArray(ops)) return `json: cannot unmarshal ${goJsonType(ops)} into Go value of type []handlers.jsonPatchOp`;
  const bad = ops.find((op) => op !== null && (typeof op !== 'object' || Array.isArray(op)));
  return bad === undefined ? undefined : `json: cannot unmarshal ${goJsonType(bad)} into Go value of type handlers.jsonPatchOp`;
}

export function applyJsonPatchRequest(ctx: RequestContext, doc: unknown, ops: unknown): { ok: true; value: unknown } | { ok: false; status: Status } {
  if (ctx.query.fieldValidation !== 'Ignore') {
    const error = decodingError(ops);
    if (error) return { ok: false, status: errors.badRequest(`error decoding patch: ${error}`) };
  }
  if (!Array.isArray(ops)) return { ok: false, status: errors.badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch') };
  const r = applyJsonPatch(doc, ops);
  return r.ok ? r : { ok: false, status: errors.unprocessable() };
}
