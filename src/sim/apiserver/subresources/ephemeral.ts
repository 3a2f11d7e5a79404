/** pods/ephemeralcontainers (`kubectl debug`): only spec.ephemeralContainers may change, and only by adding. */
import { errors, fail, isStatus } from '../errors';
import { qualified, type Handler, type RequestContext } from '../context';
import { clone, storageKey } from '../storage';
import { applyMergePatch } from '../patch/json-patch';
import { applyJsonPatchRequest } from '../patch/json-patch-request';
import { applyStrategicPatch } from '../patch/strategic';
import { getHandler } from '../handlers/read';
import { store } from '../handlers/write';
import { decodeBody } from '../validation/decode';
import { defaultContainer } from '../defaults/pod';
import type { KubeObject, Verb } from '../types';

type Obj = Record<string, unknown>;

function setEphemeral(ctx: RequestContext, wanted: unknown): ReturnType<Handler> {
  const key = storageKey(ctx.info.etcdPrefix, ctx.namespace, ctx.req.name!);
  const entry = ctx.server.storage.get(key);
  if (!entry) return fail(errors.notFound(qualified(ctx), ctx.req.name!));
  const old = clone(entry);
  const list = Array.isArray(wanted) ? (wanted as Obj[]) : [];
  const before = ((old.spec as Obj).ephemeralContainers as Obj[] | undefined) ?? [];
  for (const b of before) {
    const still = list.find((c) => c.name === b.name);
    if (!still)
      return fail(errors.invalid('Pod', '', ctx.req.name!, [{ reason: 'FieldValueForbidden', field: 'spec.ephemeralContainers', message: 'Forbidden: existing ephemeral containers "' + String(b.name) + '" may not be removed' }]));
  }
  // Names are unique across containers, init containers and ephemeral containers.
  const taken = new Set([...(((old.spec as Obj).containers as Obj[] | undefined) ?? []), ...(((old.spec as Obj).initContainers as Obj[] | undefined) ?? [])].map((c) => String(c.name)));
  for (const [i, c] of list.entries()) {
    if (taken.has(String(c.name)))
      return fail(errors.invalid('Pod', '', ctx.req.name!, [{ reason: 'FieldValueDuplicate', field: `spec.ephemeralContainers[${i}].name`, message: `Duplicate value: "${String(c.name)}"` }]));
    taken.add(String(c.name));
  }
  for (const c of list) defaultContainer(c);
  const next: KubeObject = { ...old, spec: { ...(old.spec as Obj), ephemeralContainers: list } };
  return store(ctx, key, next, old, entry.modRevision);
}

export const ephemeralHandlers: Partial<Record<Verb, Handler>> = {
  get: getHandler,
  update: (ctx) => {
    const decoded = decodeBody(ctx, ctx.req.body);
    if (isStatus(decoded)) return fail(decoded);
    return setEphemeral(ctx, (decoded.spec as Obj | undefined)?.ephemeralContainers);
  },
  patch: (ctx) => {
    const entry = ctx.server.storage.get(storageKey(ctx.info.etcdPrefix, ctx.namespace, ctx.req.name!));
    if (!entry) return fail(errors.notFound(qualified(ctx), ctx.req.name!));
    const live = clone(entry);
    let patched: unknown;
    if (ctx.req.patchType === 'application/json-patch+json') {
      const r = applyJsonPatchRequest(ctx, live, ctx.req.body);
      if (!r.ok) return fail(r.status);
      patched = r.value;
    } else if (ctx.req.patchType === 'application/merge-patch+json') {
      patched = applyMergePatch(live, ctx.req.body);
    } else {
      const r = applyStrategicPatch(live, ctx.req.body, 'core.v1.Pod');
      if (!r.ok) return fail(errors.badRequest(r.error));
      patched = r.value;
    }
    return setEphemeral(ctx, ((patched as KubeObject).spec as Obj | undefined)?.ephemeralContainers);
  },
};
