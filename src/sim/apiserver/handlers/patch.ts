/**
 * patch: JSON patch, merge patch, strategic merge patch and server-side apply, on the main
 * resource or the status subresource. The patched object then takes the update path
 * (defaulting, admission, validation, optimistic concurrency).
 */
import { errors, fail, isStatus } from '../errors';
import { apiVersion, qualified, type Handler, type RequestContext } from '../context';
import { clone, storageKey } from '../storage';
import { definitionFor } from '../schema';
import { applyMergePatch } from '../patch/json-patch';
import { applyJsonPatchRequest } from '../patch/json-patch-request';
import { applyStrategicPatch } from '../patch/strategic';
import { applyConfig } from '../patch/apply';
import { undeclaredFieldsError } from '../patch/typed-patch';
import { decodePatchText } from '../patch/patch-body';
import { createObject, updateObject, type UpdateScope } from './write';
import { decodeBody, decoderError } from '../validation/decode';
import { jsonPatchDecodeRefusal, jsonPatchRefusal, strategicDecodeRefusal, strategicDecoderRefusal } from './patch-decode';
import { landingPaths, literalDecodeError, unusualNumbers, withRawNumbers, type Literals } from './patch-literals';
import { withTypeMeta } from './read';
import type { ApiResponse, KubeObject } from '../types';

export const patchHandler: Handler = (ctx) => patchObject(ctx, 'main');

/**
 * The request's patch decoded (a client that sends text sends it as typed), with the number
 * literals of a JSON or merge patch that JSON.parse reads otherwise (3.0, 1e3): the decoder judges those.
 */
export function readPatchBody(ctx: RequestContext, type: string): { body: unknown; literals: Literals } | ApiResponse {
  const text = ctx.req.body;
  if (typeof text !== 'string') return { body: text, literals: new Map() };
  const literals: Literals = type === 'application/json-patch+json' || type === 'application/merge-patch+json' ? unusualNumbers(text) : new Map();
  const decodedText = decodePatchText(ctx, type as Parameters<typeof decodePatchText>[1], text);
  if (!decodedText.ok) return fail(decodedText.status);
  return { body: decodedText.value, literals };
}

export function patchObject(ctx: RequestContext, scope: UpdateScope): ApiResponse {
  const type = ctx.req.patchType ?? 'application/strategic-merge-patch+json';
  const read = readPatchBody(ctx, type);
  if ('code' in read) return read;
  const { body, literals } = read;
  const name = ctx.req.name!;
  const key = storageKey(ctx.info.etcdPrefix, ctx.namespace, name);
  const entry = ctx.server.storage.get(key);

  if (type === 'application/apply-patch+yaml') {
    const manager = ctx.query.fieldManager;
    if (!manager) return fail(errors.badRequest('PATCH, application/apply-patch+yaml requires fieldManager parameter'));
    const gvk = `${ctx.info.group}/${ctx.info.version}, Kind=${ctx.info.kind}`;
    const undeclared = undeclaredFieldsError(body, definitionFor(ctx.info.group, ctx.info.version, ctx.info.kind), gvk);
    if (undeclared) return fail(undeclared);
    const decoded = decodeBody(ctx, body);
    if (isStatus(decoded)) return fail(decoded);
    if (decoded.metadata?.name && decoded.metadata.name !== name)
      return fail(errors.badRequest(`the name of the object (${decoded.metadata.name}) does not match the name on the URL (${name})`));
    if (!entry) {
      if (scope === 'status') return fail(errors.notFound(qualified(ctx), name));
      decoded.metadata = { ...(decoded.metadata ?? {}), name };
      const applied = JSON.parse(JSON.stringify(decoded)) as KubeObject;
      return createObject(ctx, decoded, { name: manager, operation: 'Apply', applied });
    }
    const live = withTypeMeta(ctx, clone(entry));
    const result = applyConfig(ctx, live, decoded, manager, ctx.query.force === 'true', scope);
    if (isStatus(result)) return fail(result);
    return updateObject(ctx, result, scope, { name: manager, operation: 'Apply', applied: decoded });
  }

  if (!entry) return fail(errors.notFound(qualified(ctx), name));
  const live = withTypeMeta(ctx, clone(entry));
  let patched: unknown;
  switch (type) {
    case 'application/json-patch+json': {
      const r = applyJsonPatchRequest(ctx, live, body);
      if (!r.ok) return fail(r.status);
      patched = r.value;
      break;
    }
    case 'application/merge-patch+json':
      if (!body || typeof body !== 'object' || Array.isArray(body))
        return fail(errors.badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}'));
      patched = applyMergePatch(live, body);
      break;
    case 'application/strategic-merge-patch+json': {
      if (ctx.info.custom)
        return fail({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
          reason: 'UnsupportedMediaType',
          code: 415,
        });
      const r = applyStrategicPatch(live, body, definitionFor(ctx.info.group, ctx.info.version, ctx.info.kind), { inPlace: true });
      if (!r.ok) return fail(errors.badRequest(r.error));
      patched = r.value;
      break;
    }
    default:
      return fail(errors.badRequest(`unsupported patch type: ${String(type)}`));
  }
  const defName = ctx.info.custom ? undefined : definitionFor(ctx.info.group, ctx.info.version, ctx.info.kind);
  if (literals.size && defName) {
    const literalError = literalDecodeError(landingPaths(literals, type, body, patched), defName);
    if (literalError) return fail(jsonPatchRefusal(literalError, live, defName, type, withRawNumbers(body, literals)));
  }
  let decoded = decodeBody(ctx, patched, ctx.info.kind, apiVersion(ctx), true);
  if (isStatus(decoded)) {
    if (type !== 'application/strategic-merge-patch+json') return fail(jsonPatchDecodeRefusal(decoded, live, defName, type, withRawNumbers(body, literals)) ?? decoded);
    const refusal = strategicDecodeRefusal(decoded, patched as Record<string, unknown>, defName, body);
    if (refusal) return fail(refusal);
    // The converter took what the JSON decoder did not (a number cut to its field's size): decoded again, converted.
    if (decoderError(decoded) !== undefined) decoded = decodeBody(ctx, patched, ctx.info.kind, apiVersion(ctx), true);
    if (isStatus(decoded)) return fail(strategicDecoderRefusal(decoded, body) ?? decoded);
  }
  const obj = decoded;
  // A patch carries a resourceVersion precondition only when it sets one itself.
  const patchRv = (body as { metadata?: { resourceVersion?: string } } | undefined)?.metadata?.resourceVersion;
  obj.metadata = { ...(obj.metadata ?? {}), resourceVersion: patchRv ?? live.metadata!.resourceVersion };
  return updateObject(ctx, obj, scope);
}
