/**
 * The objects a mutating verb acts on: `TYPE NAME…`, `TYPE/NAME…`, `-f FILE`, or a whole type
 * with `-l`/`--all`, each with its mapping and namespace.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Connection } from '../client/connection';
import { namespaceOf } from '../client/connection';
import { statusText } from '../client/status';
import { raw } from '../errors';
import type { Invocation } from '../invocation';
import { fetchResources, parseResourceArgs } from './builder';
import type { Mapping } from './mapper';
import { type FileObject, fileObjects, visitFileObjects } from './objects';
import type { GoError } from '../client/go-errors';
import { hasFileSource } from './kustomize-source';

export interface Target {
  mapping: Mapping;
  name: string;
  namespace?: string;
  /** The object from the file (-f) or the server list (-l/--all). */
  object?: KubeObject;
  /** The file it came from (-f). */
  source?: string;
  /** With gathered -f errors: how many of the visitors' own errors came before it. */
  innerBefore?: number;
  /**
   * With gathered -f errors: the builder's refusal of an object of another namespace than -n
   * (RequireNamespace), met in turn with the command's own errors.
   */
  refused?: GoError;
}

export const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export interface TargetOptions {
  args?: string[];
  /** Whether a bare TYPE (no names) means "all of them" without -l/--all (delete/describe do not). */
  bareTypeListsAll?: boolean;
  emptyMessage?: string;
  /**
   * Whether the errors of reading -f are gathered (ContinueOnError: a broken file does not stop the
   * others) rather than thrown at the first one.
   */
  gather?: boolean;
  /**
   * Whether the builder decodes -f with kubectl's typed scheme (WithScheme: rollout, expose): a kind
   * the scheme lacks fails to decode, before any mapping.
   */
  typedScheme?: boolean;
}

/** The errors met visiting -f: the builder's helpers' (outer) and the visitors' own (inner, aggregated at the end). */
export interface FileErrors {
  outer: GoError[];
  inner: GoError[];
}

export async function resolveTargets(inv: Invocation, conn: Connection, opts: TargetOptions = {}): Promise<{ targets: Target[]; errors: string[]; fileErrors?: FileErrors }> {
  const args = opts.args ?? inv.flags.args;
  const namespace = namespaceOf(inv);
  const errors: string[] = [];
  if (hasFileSource(inv)) {
    const asTarget = (o: FileObject): Target => ({ mapping: o.mapping, name: o.object.metadata?.name ?? '', namespace: o.namespace, object: o.object, source: o.source });
    if (!opts.gather) return { targets: (await fileObjects(inv, conn, namespace)).map(asTarget), errors };
    const targets: Target[] = [];
    const fileErrors: FileErrors = { outer: [], inner: [] };
    for (const visit of await visitFileObjects(inv, conn, namespace, false, opts.typedScheme)) {
      if (!('error' in visit)) targets.push({ ...asTarget(visit), innerBefore: fileErrors.inner.length });
      else if (visit.refused) targets.push({ ...asTarget(visit.refused), innerBefore: fileErrors.inner.length, refused: visit.error });
      else (visit.outer ? fileErrors.outer : fileErrors.inner).push(visit.error);
    }
    return { targets, errors, fileErrors };
  }
  if (args.length === 0) throw raw(opts.emptyMessage ?? NO_RESOURCES);
  const requests = parseResourceArgs(conn, args);
  const allNamespaces = inv.flags.has('all-namespaces') && inv.flags.bool('all-namespaces');
  const targets: Target[] = [];
  for (const req of requests) {
    if (req.names.length) {
      for (const name of req.names) targets.push({ mapping: req.mapping, name, namespace: req.mapping.namespaced ? namespace : undefined });
      continue;
    }
    const selector = inv.flags.has('selector') ? inv.flags.str('selector') : '';
    // the resource builder's selector is a label or a field selector (FieldSelectorParam)
    const fieldSelector = inv.flags.has('field-selector') ? inv.flags.str('field-selector') : '';
    const all = inv.flags.has('all') && inv.flags.bool('all');
    if (!selector && !fieldSelector && !all && !opts.bareTypeListsAll) {
      throw raw(`error: resource(s) were provided, but no name was specified`);
    }
    const [fetched] = fetchResources(conn, [req], { namespace, allNamespaces, labelSelector: selector || undefined, fieldSelector: fieldSelector || undefined });
    errors.push(...fetched.errors);
    for (const item of fetched.items) {
      targets.push({ mapping: req.mapping, name: item.metadata?.name ?? '', namespace: item.metadata?.namespace, object: item });
    }
  }
  return { targets, errors };
}

/** GET the live object of a target; a Status error text on failure. */
export function fetchTarget(conn: Connection, t: Target): KubeObject | string {
  const r = fetchTargetResult(conn, t);
  return 'failure' in r ? statusText(r.failure) : r.object;
}

/** The target as the server has it, or what the server answered instead (a Status). */
export function fetchTargetResult(conn: Connection, t: Target): { object: KubeObject } | { failure: unknown } {
  const res = conn.request<KubeObject>({
    verb: 'get', group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name,
  });
  if (res.code >= 300) return { failure: res.body };
  return { object: withTypeMetaOf(t, res.body as KubeObject) };
}

function withTypeMetaOf(t: Target, obj: KubeObject): KubeObject {
  if (!obj.kind) return { apiVersion: t.mapping.group ? `${t.mapping.group}/${t.mapping.version}` : t.mapping.version, kind: t.mapping.kind, ...obj };
  return obj;
}
