/**
 * Turning command arguments into what to fetch: `TYPE NAME…`, `TYPE/NAME…`, `TYPE1,TYPE2`,
 * the `all` category, resolved through the REST mapper; and fetching it through the API.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Connection } from '../client/connection';
import { mapperOf } from '../client/connection';
import { statusText } from '../client/status';
import { fail } from '../errors';
import type { Mapping, RestMapper } from './mapper';

export interface ResourceRequest {
  mapping: Mapping;
  /** Empty: list every object of the type. */
  names: string[];
  /** The word the user typed (for messages). */
  typed: string;
}

const ALL_CATEGORY = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'replicationcontrollers', 'jobs', 'cronjobs', 'horizontalpodautoscalers'];

function expandType(mapper: RestMapper, word: string): Mapping[] {
  if (word === 'all') {
    const fromCategories = mapper.preferred.filter((m) =>
      mapper.doc.resourceLists.some((l) => l.resources.some((r) => r.name === m.resource && r.kind === m.kind && r.categories?.includes('all'))),
    );
    if (fromCategories.length) return fromCategories;
    return ALL_CATEGORY.map((r) => mapper.find(r)).filter((m): m is Mapping => !!m);
  }
  return [mapper.resolve(word)];
}

export function parseResourceArgs(conn: Connection, args: string[]): ResourceRequest[] {
  const mapper = mapperOf(conn);
  if (args.length === 0) return [];
  if (args.some((a) => a.includes('/'))) {
    if (!args.every((a) => a.includes('/'))) {
      throw fail(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    const out: ResourceRequest[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      const typed = a.slice(0, slash);
      const name = a.slice(slash + 1);
      if (!name) throw fail(`arguments in resource/name form must have a single resource and name`);
      const mapping = mapper.resolve(typed);
      const existing = out.find((r) => r.mapping === mapping);
      if (existing) existing.names.push(name);
      else out.push({ mapping, names: [name], typed });
    }
    return out;
  }
  const [types, ...names] = args;
  const out: ResourceRequest[] = [];
  for (const typed of types.split(',').filter(Boolean)) {
    for (const mapping of expandType(mapper, typed)) {
      if (!out.some((r) => r.mapping === mapping)) out.push({ mapping, names: [...names], typed });
    }
  }
  return out;
}

export interface Fetched {
  request: ResourceRequest;
  items: KubeObject[];
  /** Error texts (e.g. NotFound) to print on stderr. */
  errors: string[];
  resourceVersion?: string;
}

export interface FetchOptions {
  namespace?: string;
  allNamespaces: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  ignoreNotFound?: boolean;
  /**
   * Lists in pages of this many (the builder's RequestChunksOf: get and describe send
   * `limit=500` and follow `continue`); unset: one list request with no limit.
   */
  chunkSize?: number;
}

export function withTypeMeta(obj: KubeObject, m: Mapping): KubeObject {
  if (obj.kind && obj.apiVersion) return obj;
  return { apiVersion: m.group ? `${m.group}/${m.version}` : m.version, kind: m.kind, ...obj };
}

export function fetchResources(conn: Connection, requests: ResourceRequest[], opts: FetchOptions): Fetched[] {
  return requests.map((request) => {
    const m = request.mapping;
    const namespace = m.namespaced && !opts.allNamespaces ? opts.namespace : undefined;
    const base = { group: m.group, version: m.version, resource: m.resource };
    const result: Fetched = { request, items: [], errors: [] };
    if (request.names.length === 0) {
      const query: Record<string, string> = {};
      if (opts.labelSelector) query.labelSelector = opts.labelSelector;
      if (opts.fieldSelector) query.fieldSelector = opts.fieldSelector;
      if (opts.chunkSize) query.limit = String(opts.chunkSize);
      for (;;) {
        const res = conn.request<{ items?: KubeObject[]; metadata?: { resourceVersion?: string; continue?: string } }>({
          verb: 'list',
          ...base,
          namespace: m.namespaced && !opts.allNamespaces ? namespace : undefined,
          query: { ...query },
        });
        if (res.code >= 300) {
          result.errors.push(statusText(res.body));
          break;
        }
        const body = res.body as { items?: KubeObject[]; metadata?: { resourceVersion?: string; continue?: string } };
        result.items.push(...(body.items ?? []).map((i) => withTypeMeta(i, m)));
        result.resourceVersion = body.metadata?.resourceVersion;
        if (!opts.chunkSize || !body.metadata?.continue) break;
        query.continue = body.metadata.continue;
      }
      return result;
    }
    for (const name of request.names) {
      const res = conn.request<KubeObject>({ verb: 'get', ...base, namespace: m.namespaced ? opts.namespace : undefined, name });
      if (res.code === 404 && opts.ignoreNotFound) continue;
      if (res.code >= 300) result.errors.push(statusText(res.body));
      else result.items.push(withTypeMeta(res.body as KubeObject, m));
    }
    return result;
  });
}
