/** get and list. */
import { errors, fail, ok } from '../errors';
import { apiVersion, qualified, type Handler, type RequestContext } from '../context';
import { clone, storageKey, type CacheEntry } from '../storage';
import {
  checkFieldSelector,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  type FieldRequirement,
  type LabelSelector,
} from '../selectors';
import type { KubeObject } from '../types';
import { convert } from '../conversion';

export const getHandler: Handler = (ctx) => {
  const entry = ctx.server.storage.get(storageKey(ctx.info.etcdPrefix, ctx.namespace, ctx.req.name!));
  if (!entry) return fail(errors.notFound(qualified(ctx), ctx.req.name!));
  // A read-only caller gets the watch cache's (frozen) object itself.
  return ok(withTypeMeta(ctx, ctx.req.readOnly ? entry.obj : clone(entry)));
};

export interface Filters {
  labels: LabelSelector;
  fields: FieldRequirement[];
}

/** Parse labelSelector/fieldSelector of the query; a Status-ready message on error. */
export function parseFilters(ctx: RequestContext): Filters | { error: string } {
  const labels = ctx.query.labelSelector ? parseLabelSelector(ctx.query.labelSelector) : [];
  if ('error' in labels) return labels;
  const fields = ctx.query.fieldSelector ? parseFieldSelector(ctx.query.fieldSelector) : [];
  if ('error' in fields) return fields;
  const unsupported = checkFieldSelector(ctx.info.kind, fields);
  if (unsupported) return { error: unsupported };
  return { labels, fields };
}

export function matches(f: Filters, obj: KubeObject): boolean {
  return (f.labels.length === 0 || matchesLabels(f.labels, obj.metadata?.labels)) && (f.fields.length === 0 || matchesFields(f.fields, obj));
}

/** Entries matching the filters, sorted by key (the order etcd and the watch cache list in). */
export function selectEntries(ctx: RequestContext, f: Filters): CacheEntry[] {
  const ns = ctx.info.namespaced && ctx.namespace ? ctx.namespace : undefined;
  const all = ctx.server.storage.entries(ctx.info.etcdPrefix, ns);
  const picked = f.labels.length || f.fields.length ? all.filter((e) => matches(f, e.obj)) : all;
  return picked.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
}

export const listHandler: Handler = (ctx) => {
  const f = parseFilters(ctx);
  if ('error' in f) return fail(errors.badRequest(f.error));
  let entries = selectEntries(ctx, f);
  const revision = ctx.server.etcd.revision;
  let listRv = revision;
  if (ctx.query.continue) {
    const token = decodeContinue(ctx.query.continue);
    if (!token) return fail(errors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)'));
    const startKey = keyPrefix(ctx) + token.start;
    entries = entries.filter((e) => e.key >= startKey);
    listRv = token.rv;
  }
  const limit = Number(ctx.query.limit ?? 0);
  const metadata: Record<string, unknown> = { resourceVersion: String(listRv) };
  if (limit > 0 && entries.length > limit) {
    const next = entries[limit];
    const token: ContinueToken = { v: 'meta.k8s.io/v1', rv: listRv, start: next.key.slice(keyPrefix(ctx).length) };
    metadata.continue = encodeContinue(token);
    // The real server counts the rest only when no selector filtered the list.
    if (!ctx.query.labelSelector && !ctx.query.fieldSelector) metadata.remainingItemCount = entries.length - limit;
    entries = entries.slice(0, limit);
  }
  // A read-only caller gets the watch cache's decoded objects themselves: no copy of every item.
  const items = ctx.req.readOnly ? entries.map((e) => withTypeMeta(ctx, e.obj)) : entries.map((e) => withTypeMeta(ctx, clone(e)));
  return ok({ kind: `${ctx.info.kind}List`, apiVersion: apiVersion(ctx), metadata, items });
};

function keyPrefix(ctx: RequestContext): string {
  return ctx.info.namespaced && ctx.namespace ? `${ctx.info.etcdPrefix}/${ctx.namespace}/` : `${ctx.info.etcdPrefix}/`;
}

function encodeContinue(t: ContinueToken): string {
  return btoa(unescape(encodeURIComponent(JSON.stringify(t))));
}

function decodeContinue(s: string): ContinueToken | undefined {
  try {
    const t = JSON.parse(decodeURIComponent(escape(atob(s)))) as ContinueToken;
    return t && t.v === 'meta.k8s.io/v1' && typeof t.start === 'string' ? t : undefined;
  } catch {
    return undefined;
  }
}

/** Objects are served in the version asked for (storage holds one version per resource). */
export function withTypeMeta(ctx: RequestContext, obj: KubeObject): KubeObject {
  if (obj.apiVersion === apiVersion(ctx) && obj.kind === ctx.info.kind) return obj;
  return convert(ctx.info, obj, apiVersion(ctx));
}
