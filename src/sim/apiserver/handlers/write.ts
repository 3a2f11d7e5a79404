/**
 * create and update, following the kube-apiserver's order:
 * decode (type meta, strict fields, types) → defaulting → mutating admission → validation →
 * validating admission (quota…) → storage (etcd txn with resourceVersion precondition).
 */
import { errors, fail, isStatus, ok, okLazy } from '../errors';
import { apiVersion, dryRun, qualified, type Handler, type RequestContext } from '../context';
import { storageKey, clone } from '../storage';
import { applyDefaults } from '../defaults';
import { admit } from '../admission';
import { validateObject, validateUpdate } from '../validation';
import { canonicalizeQuantities, decodeBody } from '../validation/decode';
import { definitionFor } from '../schema';
import { warningsOnUpdate } from '../validation/pod-warnings';
import { hasGeneration, prepareForCreate, prepareForUpdate, specChanged } from '../strategy';
import { recordManagedFields, type Manager } from '../patch/managed-fields';
import { withTypeMeta } from './read';
import { objectsEqual } from '../equal';
import { convert, storageVersion } from '../conversion';
import { jsonCopy } from '../json-copy';
import type { ApiResponse, KubeObject } from '../types';

export const createHandler: Handler = (ctx) => {
  const decoded = decodeBody(ctx, ctx.req.body);
  if (isStatus(decoded)) return fail(decoded);
  return createObject(ctx, decoded);
};

/** The create path after decoding (also used by apply when the object does not exist yet). */
export function createObject(ctx: RequestContext, obj: KubeObject, manager?: Manager): ApiResponse {
  const meta = (obj.metadata = obj.metadata ?? {});
  if (ctx.info.namespaced) {
    if (meta.namespace && meta.namespace !== ctx.namespace)
      return fail(errors.badRequest('the namespace of the provided object does not match the namespace sent on the request'));
    meta.namespace = ctx.namespace;
  } else {
    delete meta.namespace;
  }
  if (!meta.name && meta.generateName) meta.name = meta.generateName + ctx.server.random.string(5);
  // System fields are the server's: a client cannot choose them.
  meta.uid = ctx.server.random.uuid();
  meta.creationTimestamp = ctx.server.clock.rfc3339();
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  if (hasGeneration(ctx.info)) meta.generation = 1;
  else delete meta.generation;

  applyDefaults(ctx, obj);
  // The field manager sees the object as decoded and defaulted: what mutating admission adds
  // afterwards (a token volume, tolerations, priority) is nobody's.
  recordManagedFields(ctx, obj, undefined, manager ?? { name: managerName(ctx), operation: 'Update' });
  const admitted = admit(ctx, 'CREATE', obj, undefined);
  if (admitted) return fail(admitted);
  prepareForCreate(ctx.info, obj, ctx.user);
  const causes = validateObject(ctx, obj);
  if (causes.length) return fail(errors.invalid(ctx.info.kind, ctx.info.group, meta.name ?? '', causes));
  const quota = admit(ctx, 'CREATE', obj, undefined, 'validate');
  if (quota) return fail(quota);

  const key = storageKey(ctx.info.etcdPrefix, ctx.namespace, meta.name!);
  if (ctx.server.storage.get(key)) return fail(errors.alreadyExists(qualified(ctx), meta.name!));
  canonicalizeQuantitiesOf(ctx, obj);
  if (dryRun(ctx)) {
    ctx.server.beforeStore(ctx, obj, undefined);
    return ok(withTypeMeta(ctx, obj), 201);
  }
  const refused = ctx.server.beforeStore(ctx, obj, undefined);
  if (refused) return fail(refused);
  const stored = toStorage(ctx, obj);
  const r = ctx.server.storage.create(key, stored, { prefix: ctx.info.etcdPrefix, namespace: ctx.info.namespaced ? ctx.namespace ?? '' : '', name: meta.name! });
  if (!r.ok) return fail(errors.alreadyExists(qualified(ctx), meta.name!));
  ctx.server.afterStore(ctx, r.stored, undefined);
  return okLazy(() => withTypeMeta(ctx, ctx.req.readOnly ? r.stored : r.obj), 201);
}

/**
 * What an update may take from the cached object as it is: metadata (merged into a new object)
 * and status (replaced by the stored one where status is a subresource); never spec, which
 * defaulting and the strategies may change in place.
 */
const UPDATE_SHAREABLE: ReadonlySet<string> = new Set(['metadata', 'status']);

/** The object the request names, as the watch cache holds it (frozen), if any. */
export function cachedObject(ctx: RequestContext): KubeObject | undefined {
  if (!ctx.req.name) return undefined;
  return ctx.server.storage.get(storageKey(ctx.info.etcdPrefix, ctx.namespace, ctx.req.name))?.obj;
}

export const updateHandler: Handler = (ctx) => {
  const decoded = decodeBody(ctx, ctx.req.body, ctx.info.kind, apiVersion(ctx), false, undefined, UPDATE_SHAREABLE, cachedObject(ctx));
  if (isStatus(decoded)) return fail(decoded);
  return updateObject(ctx, decoded, 'main');
};

export type UpdateScope = 'main' | 'status';

/** Kinds whose update validation prints quantities as sent (go-cmp diffs of PersistentVolumeClaimSpec, PersistentVolumeSource). */
const KEEPS_QUANTITY_TEXT: ReadonlySet<string> = new Set(['/PersistentVolumeClaim', '/PersistentVolume']);

function keepsQuantityText(ctx: RequestContext): boolean {
  return KEEPS_QUANTITY_TEXT.has(`${ctx.info.group}/${ctx.info.kind}`);
}

/** The object's quantities as Go encodes them again (Quantity.String()). */
function canonicalizeQuantitiesOf(ctx: RequestContext, obj: KubeObject): void {
  canonicalizeQuantities(obj, definitionFor(ctx.info.group, ctx.info.version, ctx.info.kind));
}

/**
 * Replace an object. `scope` 'status' keeps everything but status (the status subresource);
 * 'main' keeps status for resources that have a status subresource.
 */
export function updateObject(
  ctx: RequestContext,
  incoming: KubeObject,
  scope: UpdateScope,
  manager?: Manager,
  /** The subresource the managedFields entry names (status, a CSR's approval; scale: a main update made through /scale). */
  subresource: string | undefined = scope === 'status' ? (ctx.req.subresource ?? 'status') : undefined,
): ApiResponse {
  const name = ctx.req.name!;
  const meta = (incoming.metadata = incoming.metadata ?? {});
  if (meta.name && meta.name !== name)
    return fail(errors.badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`));
  if (ctx.info.namespaced && meta.namespace && meta.namespace !== ctx.namespace)
    return fail(errors.badRequest('the namespace of the provided object does not match the namespace sent on the request'));
  const key = storageKey(ctx.info.etcdPrefix, ctx.namespace, name);
  const entry = ctx.server.storage.get(key);
  if (!entry) return fail(errors.notFound(qualified(ctx), name));
  if (meta.resourceVersion && meta.resourceVersion !== String(entry.modRevision)) return fail(errors.modified(qualified(ctx), name));
  // The stored object is only read on this path, unless parts of it go into the new object that
  // defaulting may change (the status a main update keeps): the watch cache's frozen object then
  // serves without a copy.
  const old = withTypeMeta(ctx, scope === 'status' || !hasStatus(ctx) ? entry.obj : clone(entry));
  const next = mergeForScope(ctx, old, incoming, scope);
  // Go holds quantities as amounts: what follows (the generation, managed fields, validation)
  // sees 0.5 and 500m as the same. A claim's or volume's validator reports Go's cached text of
  // each quantity (how it was sent), so theirs stay as sent until stored.
  if (!keepsQuantityText(ctx)) canonicalizeQuantitiesOf(ctx, next);
  const nm = next.metadata!;
  if (scope === 'main') {
    applyDefaults(ctx, next);
    prepareForUpdate(ctx.info, next, old);
  }
  if (hasGeneration(ctx.info) && scope === 'main' && specChanged(ctx.info, old, next)) nm.generation = (old.metadata?.generation ?? 0) + 1;

  recordManagedFields(ctx, next, old, manager ?? { name: managerName(ctx), operation: 'Update' }, subresource, scope === 'status' ? 'status' : 'main');
  const admitted = admit(ctx, 'UPDATE', next, old);
  if (admitted) return fail(admitted);
  const causes = [...validateObject(ctx, next, scope), ...validateUpdate(ctx, next, old, scope)];
  if (causes.length) return fail(errors.invalid(ctx.info.kind, ctx.info.group, name, causes));
  if (scope === 'main') ctx.warnings?.push(...warningsOnUpdate(ctx.info.group, ctx.info.kind, next, old));
  const quota = admit(ctx, 'UPDATE', next, old, 'validate');
  if (quota) return fail(quota);
  return store(ctx, key, next, old, entry.modRevision);
}

/** Write `next` over `old`; an object whose last finalizer went away while deleting is removed. */
export function store(ctx: RequestContext, key: string, next: KubeObject, old: KubeObject, modRevision: number): ApiResponse {
  const nm = next.metadata!;
  // What is written (and compared with what is stored) is the object as Go encodes it again:
  // the kinds that kept their quantities' text through validation have them made canonical now.
  if (keepsQuantityText(ctx)) canonicalizeQuantitiesOf(ctx, next);
  // `next` and `old` may hold parts of the cache's frozen object: callers get copies.
  if (dryRun(ctx)) return ok(withTypeMeta(ctx, jsonCopy(next)));
  if (nm.deletionTimestamp && !(nm.finalizers?.length) && !pendingGraceful(ctx, next)) {
    const r = ctx.server.storage.delete(key, modRevision);
    if (!r.ok) return fail(errors.modified(qualified(ctx), nm.name!));
    ctx.server.afterDelete(ctx, r.obj);
    return ok(withTypeMeta(ctx, r.obj));
  }
  // Nothing changed: no write, same resourceVersion (the real server skips no-op updates).
  if (sameContent(next, old)) return ok(withTypeMeta(ctx, Object.isFrozen(old) ? jsonCopy(old) : old));
  const refused = ctx.server.beforeStore(ctx, next, old);
  if (refused) return fail(refused);
  const r = ctx.server.storage.update(key, toStorage(ctx, next), modRevision);
  if (!r.ok) return fail(errors.modified(qualified(ctx), nm.name!));
  ctx.server.afterStore(ctx, r.stored, old);
  // A read-only caller (one that keeps the answer unchanged, as a lease holder does) gets the stored object itself.
  return okLazy(() => withTypeMeta(ctx, ctx.req.readOnly ? r.stored : r.obj));
}

/**
 * Deleting objects that must stay without metadata.finalizers: pods waiting for their kubelet
 * (grace > 0), and namespaces whose spec.finalizers (kubernetes) the namespace controller has not
 * yet removed through namespaces/finalize.
 */
function pendingGraceful(ctx: RequestContext, obj: KubeObject): boolean {
  if (ctx.info.group !== '') return false;
  if (ctx.info.resource === 'pods') return (obj.metadata?.deletionGracePeriodSeconds ?? 0) > 0;
  if (ctx.info.resource === 'namespaces') return (((obj.spec as { finalizers?: string[] } | undefined)?.finalizers?.length) ?? 0) > 0;
  return false;
}

function hasStatus(ctx: RequestContext): boolean {
  return ctx.info.subresources.some((s) => s.name === 'status');
}

function mergeForScope(ctx: RequestContext, old: KubeObject, incoming: KubeObject, scope: UpdateScope): KubeObject {
  const om = old.metadata!;
  let next: KubeObject;
  if (scope === 'status') {
    next = { ...old, status: incoming.status };
    if (incoming.status === undefined) delete next.status;
  } else {
    next = { ...incoming, apiVersion: old.apiVersion, kind: old.kind };
    if (hasStatus(ctx)) {
      if (old.status !== undefined) next.status = old.status;
      else delete next.status;
    }
  }
  const im = scope === 'status' ? statusScopeMetadata(ctx, om, incoming) : (incoming.metadata ?? {});
  next.metadata = {
    ...im,
    name: om.name,
    uid: om.uid,
    creationTimestamp: om.creationTimestamp,
    resourceVersion: om.resourceVersion,
  };
  if (ctx.info.namespaced) next.metadata.namespace = om.namespace;
  if (om.generation !== undefined) next.metadata.generation = om.generation;
  else delete next.metadata.generation;
  if (om.deletionTimestamp) {
    next.metadata.deletionTimestamp = om.deletionTimestamp;
    if (om.deletionGracePeriodSeconds !== undefined) next.metadata.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
  } else {
    delete next.metadata.deletionTimestamp;
    delete next.metadata.deletionGracePeriodSeconds;
  }
  if (im.managedFields === undefined && om.managedFields) next.metadata.managedFields = om.managedFields;
  return next;
}

/**
 * The metadata a status update keeps: the stored one, except for Nodes, whose status strategy resets
 * only the spec (nodeStatusStrategy): their labels and annotations come from the body, as flanneld
 * and Calico write their node annotations through nodes/status.
 */
function statusScopeMetadata(ctx: RequestContext, om: KubeObject['metadata'] & object, incoming: KubeObject): KubeObject['metadata'] & object {
  if (ctx.info.group !== '' || ctx.info.resource !== 'nodes') return om;
  const meta = { ...om };
  // A body without them leaves them as stored (the simulation's own writers send partial bodies).
  for (const key of ['labels', 'annotations'] as const) {
    const value = incoming.metadata?.[key];
    if (value !== undefined) meta[key] = value;
  }
  return meta;
}

/** Equal apart from managedFields and resourceVersion (a no-op update writes nothing). */
function sameContent(a: KubeObject, b: KubeObject): boolean {
  return objectsEqual(a, b, NOT_CONTENT) && objectsEqual((a.metadata ?? {}) as Record<string, unknown>, (b.metadata ?? {}) as Record<string, unknown>, NOT_CONTENT_META);
}

const NOT_CONTENT: ReadonlySet<string> = new Set(['metadata']);
const NOT_CONTENT_META: ReadonlySet<string> = new Set(['managedFields', 'resourceVersion']);


/** The object as stored: in the resource's storage version. */
function toStorage(ctx: RequestContext, obj: KubeObject): KubeObject {
  const version = apiVersion(ctx);
  // Already in the storage version with its type meta (most writes): the object itself, whose
  // top level the storage does not change (it keeps a frozen version of its own).
  if (storageVersion(ctx.info) === version && obj.apiVersion === version && obj.kind === ctx.info.kind) return obj;
  return convert(ctx.info, { ...obj, apiVersion: version, kind: ctx.info.kind }, storageVersion(ctx.info));
}

export function managerName(ctx: RequestContext): string {
  return ctx.query.fieldManager ?? defaultManager(ctx);
}

function defaultManager(ctx: RequestContext): string {
  // The real server derives the manager from the User-Agent ("kubectl-create", "kube-controller-manager").
  return ctx.query.userAgent ?? ctx.user.username.replace(/^system:/, '').replace(/:/g, '-');
}

