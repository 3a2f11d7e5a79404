/** The scale subresource (autoscaling/v1 Scale) of deployments, replicasets, statefulsets, replicationcontrollers and custom resources. */
import { errors, fail, ok } from '../errors';
import { qualified, type Handler, type RequestContext } from '../context';
import { clone, storageKey } from '../storage';
import { applyMergePatch } from '../patch/json-patch';
import { applyJsonPatchRequest } from '../patch/json-patch-request';
import { updateObject } from '../handlers/write';
import { jsonPatchRefusal } from '../handlers/patch-decode';
import { readPatchBody } from '../handlers/patch';
import { landingPaths, literalDecodeError, withRawNumbers } from '../handlers/patch-literals';
import { definitionFor } from '../schema';
import type { KubeObject, Verb } from '../types';

type Obj = Record<string, unknown>;

/** metav1.LabelSelector → the string form Scale.status.selector carries. */
export function selectorString(sel: unknown): string {
  if (!sel || typeof sel !== 'object') return '';
  const s = sel as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  const parts: string[] = [];
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.sort().join(',');
}

function toScale(obj: KubeObject): KubeObject {
  const spec = (obj.spec ?? {}) as Obj;
  const status = (obj.status ?? {}) as Obj;
  const m = obj.metadata!;
  const sel = spec.selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: (spec.replicas as number | undefined) ?? 0 },
    status: {
      replicas: (status.replicas as number | undefined) ?? 0,
      selector: typeof sel === 'object' && sel && !('matchLabels' in sel || 'matchExpressions' in sel) ? Object.entries(sel as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',') : selectorString(sel),
    },
  };
}

function current(ctx: RequestContext): KubeObject | undefined {
  const e = ctx.server.storage.get(storageKey(ctx.info.etcdPrefix, ctx.namespace, ctx.req.name!));
  return e ? clone(e) : undefined;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * What encoding/json says decoding `replicas` into ScaleSpec.Replicas (an int32), or undefined when
 * it fits: a number is named by its text, anything else by its JSON type.
 */
function replicasDecodeError(replicas: unknown): string | undefined {
  if (typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= INT32_MIN && replicas <= INT32_MAX) return undefined;
  const what = typeof replicas === 'number' ? `number ${replicas}` : replicas === null ? undefined : Array.isArray(replicas) ? 'array' : typeof replicas === 'object' ? 'object' : typeof replicas;
  // null decodes as "leave it": zero for a new Scale
  if (what === undefined) return undefined;
  return `json: cannot unmarshal ${what} into Go struct field ScaleSpec.spec.replicas of type int32`;
}

function setReplicas(ctx: RequestContext, obj: KubeObject, scale: unknown): ReturnType<Handler> {
  const s = (scale ?? {}) as { spec?: { replicas?: unknown }; metadata?: { resourceVersion?: string } };
  const decodeError = replicasDecodeError(s.spec?.replicas);
  if (decodeError) return fail(errors.badRequest(`Scale in version "v1" cannot be handled as a Scale: ${decodeError}`));
  const replicas = (s.spec?.replicas as number | null | undefined) ?? 0;
  if (replicas < 0)
    return fail(errors.invalid('Scale', 'autoscaling', ctx.req.name!, [{ reason: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${replicas}: must be greater than or equal to 0` }]));
  if (s.metadata?.resourceVersion && s.metadata.resourceVersion !== obj.metadata!.resourceVersion) return fail(errors.modified(qualified(ctx), ctx.req.name!));
  const next: KubeObject = { ...obj, spec: { ...(obj.spec as Obj), replicas } };
  const mainCtx = { ...ctx, req: { ...ctx.req, subresource: undefined } };
  const r = updateObject(mainCtx, next, 'main', undefined, 'scale');
  if (r.code >= 300) return r;
  return ok(toScale(r.body as KubeObject));
}

export const scaleHandlers: Partial<Record<Verb, Handler>> = {
  get: (ctx) => {
    const obj = current(ctx);
    return obj ? ok(toScale(obj)) : fail(errors.notFound(qualified(ctx), ctx.req.name!));
  },
  update: (ctx) => {
    const obj = current(ctx);
    if (!obj) return fail(errors.notFound(qualified(ctx), ctx.req.name!));
    return setReplicas(ctx, obj, ctx.req.body);
  },
  patch: (ctx) => {
    const obj = current(ctx);
    if (!obj) return fail(errors.notFound(qualified(ctx), ctx.req.name!));
    const type = ctx.req.patchType ?? 'application/strategic-merge-patch+json';
    const read = readPatchBody(ctx, type);
    if ('code' in read) return read;
    const { body, literals } = read;
    const scale = toScale(obj);
    let patched: unknown;
    if (type === 'application/json-patch+json') {
      const r = applyJsonPatchRequest(ctx, scale, body);
      if (!r.ok) return fail(r.status);
      patched = r.value;
    } else {
      patched = applyMergePatch(scale, body);
    }
    // A patched Scale that does not decode is the patch handler's 422, not the update's 400.
    const defName = definitionFor('autoscaling', 'v1', 'Scale');
    const literalError = literals.size && defName ? literalDecodeError(landingPaths(literals, type, body, patched), defName) : undefined;
    if (literalError) return fail(jsonPatchRefusal(literalError, scale, defName, type, withRawNumbers(body, literals)));
    const p = patched as KubeObject;
    const decodeError = replicasDecodeError((p.spec as Obj | undefined)?.replicas);
    if (decodeError) return fail(jsonPatchRefusal(decodeError, scale, defName, type, body));
    if (p.metadata) p.metadata.resourceVersion = (body as KubeObject | undefined)?.metadata?.resourceVersion;
    return setReplicas(ctx, obj, p);
  },
};
