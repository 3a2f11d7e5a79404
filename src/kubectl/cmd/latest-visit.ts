/**
 * The visit of a builder with ContinueOnError and Latest (rollout's subcommands): every object named
 * by arguments or -f is fetched again from the server (RetrieveLatest, a nameless object left as
 * the file has it); the errors of reading the files and of fetching are the visitors' own, met in
 * visit order and returned last as one aggregate, after those of the function called for each
 * object (ContinueOnErrorVisitor).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Connection } from '../client/connection';
import { continueOnErrorResult, type GoError } from '../client/go-errors';
import { KubectlError } from '../errors';
import type { Invocation } from '../invocation';
import { type FileErrors, fetchTargetResult, resolveTargets, type Target } from '../resource/targets';

export interface LatestObject {
  target: Target;
  live: KubeObject;
}

/** The objects found (fetched again) and the visitors' own errors, in visit order. */
export interface LatestVisit {
  objects: LatestObject[];
  inner: GoError[];
}

/** Go's Error() text of a command error thrown as a KubectlError ("error: " is CheckErr's, not the error's). */
export function goErrorOf(e: KubectlError): GoError {
  return e.text.replace(/^error: /, '');
}

/**
 * The visitors' own errors of a gathered -f visit, taken in visit order: those met before a target
 * (innerBefore) as it comes, the rest at the end.
 */
export class VisitorErrors {
  readonly errors: GoError[] = [];
  private taken = 0;
  constructor(private readonly fileErrors: FileErrors | undefined) {}

  /** The errors met before this target, then the target's own (a failed fetch), if any. */
  before(t: Target, own?: GoError): void {
    this.upTo(t.innerBefore ?? 0);
    if (own !== undefined) this.errors.push(own);
  }

  /** Every error left: the end of the visit. */
  end(): GoError[] {
    this.upTo(this.fileErrors?.inner.length ?? 0);
    return this.errors;
  }

  private upTo(n: number): void {
    while (this.fileErrors && this.taken < n) this.errors.push(this.fileErrors.inner[this.taken++]);
  }
}

/** Resolves and fetches the targets; a nameless -f object is kept as read (RetrieveLatest skips it). */
export async function visitLatest(inv: Invocation, conn: Connection, args: string[], opts: { typedScheme?: boolean } = {}): Promise<LatestVisit> {
  const { targets, errors, fileErrors } = await resolveTargets(inv, conn, { args, gather: true, typedScheme: opts.typedScheme });
  if (errors.length) throw new KubectlError(errors.join('\n'));
  const inner = new VisitorErrors(fileErrors);
  const objects: LatestObject[] = [];
  for (const target of targets) {
    if (!target.name && target.object) {
      inner.before(target);
      objects.push({ target, live: target.object });
      continue;
    }
    const got = fetchTargetResult(conn, target);
    inner.before(target, 'failure' in got ? (got.failure as GoError) : undefined);
    if (!('failure' in got)) objects.push({ target, live: got.object });
  }
  return { objects, inner: inner.end() };
}

/**
 * r.Visit(fn) of such a builder: fn for each object found, its errors (a KubectlError) gathered;
 * the result is ContinueOnErrorVisitor's (undefined when nothing failed).
 */
export function visitEach(visit: LatestVisit, fn: (o: LatestObject) => void): GoError | undefined {
  const outer: GoError[] = [];
  for (const o of visit.objects) {
    try {
      fn(o);
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      outer.push(goErrorOf(e));
    }
  }
  return continueOnErrorResult(outer, visit.inner);
}

/** r.Infos()'s error: the visitors' own, aggregated (ContinueOnError), undefined when none. */
export function infosError(visit: LatestVisit): GoError | undefined {
  return continueOnErrorResult([], visit.inner);
}
