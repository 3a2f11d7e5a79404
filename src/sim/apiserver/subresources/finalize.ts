/**
 * namespaces/finalize (the namespace controller removes "kubernetes" from spec.finalizers when the
 * namespace is empty; the namespace is then deleted) and certificatesigningrequests/approval.
 */
import { errors, fail, isStatus, ok } from '../errors';
import { qualified, type Handler } from '../context';
import { clone, storageKey } from '../storage';
import type { KubeObject, Verb } from '../types';
import { decodeBody } from '../validation/decode';
import { getHandler, withTypeMeta } from '../handlers/read';
import { updateObject } from '../handlers/write';
import { patchObject } from '../handlers/patch';

export const finalizeHandlers: Partial<Record<Verb, Handler>> = {
  update: (ctx) => {
    const decoded = decodeBody(ctx, ctx.req.body);
    if (isStatus(decoded)) return fail(decoded);
    const key = storageKey(ctx.info.etcdPrefix, undefined, ctx.req.name!);
    const entry = ctx.server.storage.get(key);
    if (!entry) return fail(errors.notFound(qualified(ctx), ctx.req.name!));
    const ns = clone(entry);
    const finalizers = ((decoded.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).filter((f) => typeof f === 'string');
    ns.spec = { ...(ns.spec as object), finalizers };
    if (!finalizers.length) delete (ns.spec as { finalizers?: string[] }).finalizers;
    if (ns.metadata!.deletionTimestamp && !finalizers.length && !(ns.metadata!.finalizers?.length)) {
      const r = ctx.server.storage.delete(key, entry.modRevision);
      if (!r.ok) return fail(errors.modified(qualified(ctx), ctx.req.name!));
      return ok(withTypeMeta(ctx, r.obj));
    }
    const r = ctx.server.storage.update(key, ns as KubeObject, entry.modRevision);
    if (!r.ok) return fail(errors.modified(qualified(ctx), ctx.req.name!));
    return ok(withTypeMeta(ctx, r.obj));
  },
};

export const approvalHandlers: Partial<Record<Verb, Handler>> = {
  get: getHandler,
  update: (ctx) => {
    const decoded = decodeBody(ctx, ctx.req.body);
    if (isStatus(decoded)) return fail(decoded);
    return updateObject(ctx, decoded, 'status');
  },
  patch: (ctx) => patchObject(ctx, 'status'),
};
