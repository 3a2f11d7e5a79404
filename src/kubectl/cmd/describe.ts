/** kubectl describe (TYPE [NAME_PREFIX] | TYPE/NAME | -f FILE | -l SEL) */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, mapperOf, namespaceOf, type Connection } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, raw } from '../errors';
import type { Invocation } from '../invocation';
import { describerFor, type DescribeContext } from '../describe/describers';
import { describeGeneric } from '../describe/generic';
import { fetchResources, parseResourceArgs } from '../resource/builder';
import type { Mapping } from '../resource/mapper';
import { register } from './registry';
import { describeFiles } from './describe-files';
import { checkErr } from '../client/go-errors';
import { hasFileSource } from '../resource/kustomize-source';

const NO_TYPE = 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.';

/** Describers read the rest through the generated clientset, in chunks of 500 (their ChunkSize). */
const CHUNK_SIZE = 500;

/** Lists describers make without a limit (a service's or an ingress's EndpointSlices). */
const UNCHUNKED = new Set(['endpointslices']);

function listOf(conn: Connection, resource: string, group: string, namespace?: string, labelSelector?: string, fieldSelector?: string): KubeObject[] {
  const m = mapperOf(conn).preferred.find((x) => x.resource === resource && x.group === group);
  if (!m) return [];
  const query: Record<string, string> = {};
  if (labelSelector) query.labelSelector = labelSelector;
  if (fieldSelector) query.fieldSelector = fieldSelector;
  if (!UNCHUNKED.has(resource)) query.limit = String(CHUNK_SIZE);
  const items: KubeObject[] = [];
  return conn.typed(() => {
    for (;;) {
      const res = conn.request<{ items?: KubeObject[]; metadata?: { continue?: string } }>({ verb: 'list', group, version: m.version, resource, namespace, query: { ...query } });
      if (res.code >= 300) return items;
      const body = res.body as { items?: KubeObject[]; metadata?: { continue?: string } };
      items.push(...(body.items ?? []));
      if (!query.limit || !body.metadata?.continue) return items;
      query.continue = body.metadata.continue;
    }
  });
}

function oneOf(conn: Connection, resource: string, group: string, namespace: string | undefined, name: string): KubeObject | undefined {
  const m = mapperOf(conn).preferred.find((x) => x.resource === resource && x.group === group);
  if (!m) return undefined;
  const res = conn.typed(() => conn.request<KubeObject>({ verb: 'get', group, version: m.version, resource, namespace, name }));
  return res.code < 300 ? (res.body as KubeObject) : undefined;
}

/**
 * client-go's events Search, as describe calls it: the object's events by field selector (name,
 * namespace, kind and uid of the involved object), in its namespace (all of them for a
 * cluster-scoped object). The pod describer leaves the kind out and searches a mirror pod by the
 * UID of its static pod; the node describer searches twice, as controllers name a node by its UID
 * and the kubelet by its name.
 */
function eventsFor(conn: Connection, obj: KubeObject): KubeObject[] {
  const name = obj.metadata?.name ?? '';
  const ns = obj.metadata?.namespace ?? '';
  const search = (uid: string | undefined) => {
    const fields = [`involvedObject.name=${name}`, `involvedObject.namespace=${ns}`];
    if (obj.kind && obj.kind !== 'Pod') fields.push(`involvedObject.kind=${obj.kind}`);
    if (uid) fields.push(`involvedObject.uid=${uid}`);
    return listOf(conn, 'events', '', ns || undefined, undefined, fields.join(','));
  };
  const mirrorOf = obj.kind === 'Pod' ? obj.metadata?.annotations?.['kubernetes.io/config.mirror'] : undefined;
  const found = search(mirrorOf ?? obj.metadata?.uid);
  return obj.kind === 'Node' ? [...found, ...search(name)] : found;
}

const EVENTS_FIRST = new Set(['deployments', 'persistentvolumeclaims']);

/** Events are searched only for describers that print them (secrets, roles, quotas… print none and ask for none). */
export function describeObject(conn: Connection, mapping: Mapping, found: KubeObject, now: number, showEvents: boolean): string {
  const describer = describerFor(mapping.resource);
  // Every describer starts by reading its object again: through the generated clientset, or the
  // dynamic client for the generic one.
  const read = () => conn.request<KubeObject>({ verb: 'get', group: mapping.group, version: mapping.version, resource: mapping.resource, namespace: found.metadata?.namespace, name: found.metadata?.name });
  const again = describer ? conn.typed(read) : read();
  const obj = again.code < 300 ? { kind: found.kind, ...(again.body as KubeObject) } : found;
  let events: KubeObject[] | undefined;
  let searched = false;
  const ctx: DescribeContext = {
    now,
    get events() {
      if (showEvents && !searched) events = eventsFor(conn, obj);
      searched = true;
      return events;
    },
    related: (r, g, ns, ls, fs) => listOf(conn, r, g, ns, ls, fs),
    one: (r, g, ns, name) => oneOf(conn, r, g, ns, name),
  };
  // The deployment and claim describers search the events before they list anything else.
  if (EVENTS_FIRST.has(mapping.resource)) void ctx.events;
  return describer ? describer(obj, ctx) : describeGeneric(obj, now, ctx.events);
}

async function describe(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  if (args.length === 0 && inv.flags.list('filename').length === 0) throw raw(NO_TYPE);
  const conn = connect(inv);
  const namespace = namespaceOf(inv);
  const allNamespaces = inv.flags.bool('all-namespaces');
  const requests = parseResourceArgs(conn, args);
  const errors: string[] = [];
  const outputs: string[] = [];
  const now = inv.ctx.clock.now();
  const showEvents = inv.flags.bool('show-events');
  if (hasFileSource(inv)) {
    const { outputs: described, error, objects } = await describeFiles(inv, conn, namespace, (mapping, obj) => describeObject(conn, mapping, obj, now, showEvents));
    inv.out(described.join('\n\n'));
    if (error) throw checkErr(error);
    if (objects === 0) inv.err(`No resources found in ${namespace} namespace.\n`);
    return 0;
  }
  for (const req of requests) {
    if (req.names.length) {
      for (const name of req.names) {
        const res = conn.request<KubeObject>({
          verb: 'get', group: req.mapping.group, version: req.mapping.version, resource: req.mapping.resource,
          namespace: req.mapping.namespaced ? namespace : undefined, name,
        });
        if (res.code === 404) {
          // describe TYPE PREFIX: objects whose names start with the prefix
          const [fetched] = fetchResources(conn, [{ ...req, names: [] }], { namespace, allNamespaces: false, chunkSize: inv.flags.int('chunk-size') });
          const matches = fetched.items.filter((i) => i.metadata?.name?.startsWith(name));
          if (matches.length === 0) errors.push(statusText(res.body));
          for (const m of matches) outputs.push(describeObject(conn, req.mapping, m, now, showEvents));
          continue;
        }
        if (res.code >= 300) {
          errors.push(statusText(res.body));
          continue;
        }
        const obj = res.body as KubeObject;
        outputs.push(describeObject(conn, req.mapping, { kind: req.mapping.kind, ...obj }, now, showEvents));
      }
    } else {
      const [fetched] = fetchResources(conn, [req], {
        namespace, allNamespaces, labelSelector: inv.flags.str('selector') || undefined, chunkSize: inv.flags.int('chunk-size'),
      });
      errors.push(...fetched.errors);
      for (const item of fetched.items) outputs.push(describeObject(conn, req.mapping, item, now, showEvents));
      if (fetched.items.length === 0 && fetched.errors.length === 0) {
        inv.err(req.mapping.namespaced && !allNamespaces ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n');
      }
    }
  }
  inv.out(outputs.join('\n\n'));
  if (errors.length) throw new KubectlError(errors.join('\n'));
  return 0;
}

register('describe', describe);
