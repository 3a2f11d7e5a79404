/**
 * kubectl get -f: the builder visits the files with ContinueOnError and Latest, so each object read
 * is fetched from the server as it is visited; a broken document ends its file only, and the
 * errors of reading, mapping and fetching are gathered in the order met (one aggregate).
 */
import { continueOnErrorResult, flattenReduce, GoAggregate, type GoError } from '../client/go-errors';
import type { Connection } from '../client/connection';
import type { KubeObject } from '../../sim/apiserver/types';
import type { Invocation } from '../invocation';
import { type Fetched, withTypeMeta } from '../resource/builder';
import { visitFileObjects } from '../resource/objects';

/** The objects of -f as the server has them (consecutive ones of a type together, one table), and the error of the visit. */
export async function fetchFileObjects(inv: Invocation, conn: Connection, namespace: string): Promise<{ fetched: Fetched[]; error?: { error: GoError; printNothing?: boolean } }> {
  const fetched: Fetched[] = [];
  const outer: GoError[] = [];
  const inner: GoError[] = [];
  for (const visit of await visitFileObjects(inv, conn, namespace, false)) {
    // Latest: an object of another namespace than -n is fetched (in its own) before RequireNamespace refuses it.
    if ('error' in visit && !visit.refused) {
      (visit.outer ? outer : inner).push(visit.error);
      continue;
    }
    const { mapping, namespace: ns, object } = 'error' in visit ? visit.refused! : visit;
    const name = object.metadata?.name ?? '';
    const res = conn.request<KubeObject>({ verb: 'get', group: mapping.group, version: mapping.version, resource: mapping.resource, namespace: ns, name });
    if (res.code >= 300) {
      // --ignore-not-found: the result filters NotFound out of its errors (Result.IgnoreErrors).
      if (res.code !== 404 || !inv.flags.bool('ignore-not-found')) inner.push(res.body as GoError);
      continue;
    }
    if ('error' in visit) {
      outer.push(visit.error);
      continue;
    }
    const last = fetched.at(-1);
    const item = withTypeMeta(res.body as KubeObject, mapping);
    if (last && last.request.mapping.resource === mapping.resource && last.request.mapping.group === mapping.group) {
      last.request.names.push(name);
      last.items.push(item);
    } else fetched.push({ request: { mapping, names: [name], typed: mapping.resource }, items: [item], errors: [] });
  }
  return { fetched, error: getError(inv, continueOnErrorResult(outer, inner)) };
}

/**
 * What get makes of the visit's error: a human-readable printer gathers it in an aggregate of its
 * own; printGeneric (any other -o) flattens it, or with a single file (not a directory, not stdin)
 * returns it as it is before printing anything.
 */
function getError(inv: Invocation, visitError: GoError | undefined): { error: GoError; printNothing?: boolean } | undefined {
  if (visitError === undefined) return undefined;
  const output = inv.flags.str('output');
  if (output === '' || output === 'wide') return { error: new GoAggregate([visitError]) };
  const files = inv.flags.list('filename');
  const singleItemImplied = files.length === 1 && files[0] !== '-' && inv.ctx.fs.stat(files[0])?.type !== 'dir' && !inv.flags.str('kustomize');
  return singleItemImplied ? { error: visitError, printNothing: true } : { error: flattenReduce(visitError) };
}
