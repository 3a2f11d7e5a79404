/**
 * delete and deletecollection with the generic registry's rules:
 * - an object with finalizers (or a propagationPolicy that adds one) gets a deletionTimestamp and
 *   stays until its finalizers are removed (the garbage collector, namespace controller… do that);
 * - pods are deleted gracefully: bound, non-terminal pods keep a deletionTimestamp and
 *   deletionGracePeriodSeconds until the kubelet deletes them with gracePeriodSeconds=0;
 * - otherwise the object is removed at once.
 */
import { errors, fail, ok } from '../errors';
import { dryRun, qualified, type Handler, type RequestContext } from '../context';
import { clone, storageKey } from '../storage';
import { returnsDeletedObject } from '../strategy';
import { admit } from '../admission';
import { parseFilters, selectEntries, withTypeMeta } from './read';
import { apiVersionOf } from '../registry/registry';
import type { ApiResponse, KubeObject, Status } from '../types';

const POLICIES = ['Foreground', 'Background', 'Orphan'];

interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: string;
  preconditions?: { uid?: string; resourceVersion?: string };
}

function deleteOptions(ctx: RequestContext): DeleteOptions | Status {
  const body = (ctx.req.body && typeof ctx.req.body === 'object' ? ctx.req.body : {}) as DeleteOptions & { orphanDependents?: boolean };
  const opts: DeleteOptions = { ...body };
  if (ctx.query.gracePeriodSeconds !== undefined) opts.gracePeriodSeconds = Number(ctx.query.gracePeriodSeconds);
  if (ctx.query.propagationPolicy !== undefined) opts.propagationPolicy = ctx.query.propagationPolicy;
  if (body.orphanDependents === true && !opts.propagationPolicy) opts.propagationPolicy = 'Orphan';
  if (opts.propagationPolicy !== undefined && !POLICIES.includes(opts.propagationPolicy))
    return errors.invalid('DeleteOptions', '', '', [
      {
        reason: 'FieldValueNotSupported',
        field: 'propagationPolicy',
        message: `Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"`,
      },
    ]);
  if (opts.gracePeriodSeconds !== undefined && (!Number.isFinite(opts.gracePeriodSeconds) || opts.gracePeriodSeconds < 0))
    opts.gracePeriodSeconds = 1; // the real server turns a negative grace period into the minimum of 1s
  return opts;
}

export const deleteHandler: Handler = (ctx) => {
  const opts = deleteOptions(ctx);
  if ('kind' in opts) return fail(opts);
  return deleteOne(ctx, ctx.req.name!, opts);
};

function deleteOne(ctx: RequestContext, name: string, opts: DeleteOptions): ApiResponse {
  const key = storageKey(ctx.info.etcdPrefix, ctx.namespace, name);
  const entry = ctx.server.storage.get(key);
  if (!entry) return fail(errors.notFound(qualified(ctx), name));
  // Mutating admission of a delete (NodeRestriction: a kubelet deletes only its own pods).
  const denied = admit(ctx, 'DELETE', entry.obj, entry.obj);
  if (denied) return fail(denied);
  const obj = clone(entry);
  const meta = obj.metadata!;
  if (opts.preconditions?.uid && opts.preconditions.uid !== meta.uid)
    return fail(
      errors.conflict(qualified(ctx), name, `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${meta.uid}`),
    );
  if (opts.preconditions?.resourceVersion && opts.preconditions.resourceVersion !== meta.resourceVersion)
    return fail(
      errors.conflict(
        qualified(ctx),
        name,
        `Precondition failed: ResourceVersion in precondition: ${opts.preconditions.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion}`,
      ),
    );

  const refusal = ctx.server.beforeDelete(ctx, obj);
  if (refusal) return fail(refusal);

  const finalizers = [...(meta.finalizers ?? [])];
  const policy = opts.propagationPolicy ?? defaultPolicy(ctx);
  if (!meta.deletionTimestamp) {
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
  }
  const grace = gracePeriod(ctx, obj, opts);
  const namespaceFinalizing = ctx.info.group === '' && ctx.info.resource === 'namespaces' && ((obj.spec as { finalizers?: string[] })?.finalizers?.length ?? 0) > 0;

  if (finalizers.length || grace > 0 || namespaceFinalizing) {
    // Graceful or finalized deletion: mark, do not remove.
    const now = ctx.server.clock.now();
    const due = ctx.server.clock.rfc3339(now + grace * 1000);
    if (meta.deletionTimestamp) {
      // A second delete may only shorten the grace period.
      if (grace >= (meta.deletionGracePeriodSeconds ?? 0) && !(finalizers.length !== (meta.finalizers?.length ?? 0))) {
        return ok(withTypeMeta(ctx, obj));
      }
      if (grace < (meta.deletionGracePeriodSeconds ?? 0)) {
        meta.deletionTimestamp = due;
        meta.deletionGracePeriodSeconds = grace;
      }
    } else {
      meta.deletionTimestamp = due;
      meta.deletionGracePeriodSeconds = grace;
    }
    if (finalizers.length) meta.finalizers = finalizers;
    if (namespaceFinalizing) (obj.status = { ...(obj.status as object), phase: 'Terminating' });
    if (dryRun(ctx)) return ok(withTypeMeta(ctx, obj));
    if (grace === 0 && !finalizers.length && !namespaceFinalizing) return removeNow(ctx, key, obj, entry.modRevision);
    const r = ctx.server.storage.update(key, obj, entry.modRevision);
    if (!r.ok) return fail(errors.modified(qualified(ctx), name));
    ctx.server.afterStore(ctx, r.obj, clone(entry));
    return ok(withTypeMeta(ctx, r.obj), 200);
  }
  if (dryRun(ctx)) return deletedResponse(ctx, obj);
  return removeNow(ctx, key, obj, entry.modRevision);
}

function removeNow(ctx: RequestContext, key: string, obj: KubeObject, modRevision: number): ApiResponse {
  const r = ctx.server.storage.delete(key, modRevision);
  if (!r.ok) return fail(errors.modified(qualified(ctx), obj.metadata!.name!));
  ctx.server.afterDelete(ctx, r.obj);
  return deletedResponse(ctx, r.obj);
}

function deletedResponse(ctx: RequestContext, obj: KubeObject): ApiResponse {
  if (returnsDeletedObject(ctx.info)) return ok(withTypeMeta(ctx, obj));
  return ok({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: obj.metadata!.name, ...(ctx.info.group ? { group: ctx.info.group } : {}), kind: ctx.info.resource, uid: obj.metadata!.uid },
  });
}

/** Orphan for the legacy controllers of extensions/v1beta1 only; Background everywhere else. */
function defaultPolicy(_ctx: RequestContext): string {
  return 'Background';
}

/** The grace period the pod strategy allows; 0 for every other resource. */
function gracePeriod(ctx: RequestContext, obj: KubeObject, opts: DeleteOptions): number {
  if (!(ctx.info.group === '' && ctx.info.resource === 'pods')) return 0;
  const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (obj.status as { phase?: string } | undefined)?.phase;
  if (!spec.nodeName) return 0; // never scheduled: nothing to stop
  if (phase === 'Succeeded' || phase === 'Failed') return 0;
  return opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
}

export const deleteCollectionHandler: Handler = (ctx) => {
  const opts = deleteOptions(ctx);
  if ('kind' in opts) return fail(opts);
  const f = parseFilters(ctx);
  if ('error' in f) return fail(errors.badRequest(f.error));
  const items: KubeObject[] = [];
  for (const e of selectEntries(ctx, f)) {
    const nsCtx = { ...ctx, namespace: e.namespace };
    const r = deleteOne(nsCtx, e.name, opts);
    if (r.code < 300 && (r.body as KubeObject).kind !== 'Status') items.push(r.body as KubeObject);
    else if (r.code < 300) items.push(withTypeMeta(ctx, clone(e)));
  }
  return ok({
    kind: `${ctx.info.kind}List`,
    apiVersion: apiVersionOf(ctx.info.group, ctx.info.version),
    metadata: { resourceVersion: String(ctx.server.etcd.revision) },
    items,
  });
};
