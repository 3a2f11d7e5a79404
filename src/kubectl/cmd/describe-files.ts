/**
 * kubectl describe -f: the builder visits the files with ContinueOnError (without Latest: the
 * describer fetches each object by its name itself). A broken document ends its own file; the
 * visit's error comes first, then each describer's error once (describe.go skips a text it has
 * already met); the descriptions are printed as they are made, a blank line between two.
 */
import { continueOnErrorResult, errorText, GoAggregate, type GoError } from '../client/go-errors';
import type { Connection } from '../client/connection';
import type { KubeObject } from '../../sim/apiserver/types';
import type { Invocation } from '../invocation';
import type { Mapping } from '../resource/mapper';
import { visitFileObjects } from '../resource/objects';

/** Each -f object's description in turn, and the command's error (an aggregate) if any. */
export async function describeFiles(
  inv: Invocation,
  conn: Connection,
  namespace: string,
  describe: (mapping: Mapping, object: KubeObject) => string,
): Promise<{ outputs: string[]; error?: GoAggregate; objects: number }> {
  const outer: GoError[] = [];
  const inner: GoError[] = [];
  const found: { mapping: Mapping; namespace?: string; name: string }[] = [];
  for (const visit of await visitFileObjects(inv, conn, namespace, false)) {
    if ('error' in visit) (visit.outer ? outer : inner).push(visit.error);
    else found.push({ mapping: visit.mapping, namespace: visit.namespace, name: visit.object.metadata?.name ?? '' });
  }
  const errors: GoError[] = [];
  const visitError = continueOnErrorResult(outer, inner);
  if (visitError !== undefined) errors.push(visitError);
  const seen = new Set<string>();
  const outputs: string[] = [];
  for (const { mapping, namespace: ns, name } of found) {
    const res = conn.request<KubeObject>({ verb: 'get', group: mapping.group, version: mapping.version, resource: mapping.resource, namespace: ns, name });
    if (res.code >= 300) {
      const error = res.body as GoError;
      if (!seen.has(errorText(error))) errors.push(error);
      seen.add(errorText(error));
      continue;
    }
    outputs.push(describe(mapping, { kind: mapping.kind, ...(res.body as KubeObject) }));
  }
  return { outputs, error: errors.length ? new GoAggregate(errors) : undefined, objects: found.length };
}
