/**
 * The errors of kubectl's visitors as Go holds them: a text of kubectl's own, a Status the server
 * answered, or an aggregate (k8s.io/apimachinery/pkg/util/errors) of several. How they print
 * depends on that shape: cmdutil.CheckErr prints one error in its own form ("error: " before a text
 * of kubectl's own, an Invalid Status from its details) and an aggregate one line per error
 * (MultipleErrors); an aggregate inside that aggregate is one line, its Error() text.
 */
import type { Status } from '../../sim/apiserver/types';
import { KubectlError } from '../errors';
import { isStatus, statusText } from './status';

export class GoAggregate {
  constructor(readonly errors: GoError[]) {}
}

export type GoError = string | Status | GoAggregate;

/**
 * Go's Error() of one error: a Status's message; an aggregate's texts without repeats (nested
 * aggregates visited in place), one alone as it is, several as "[a, b]".
 */
export function errorText(e: GoError): string {
  if (typeof e === 'string') return e;
  if (!(e instanceof GoAggregate)) return e.message ?? '';
  if (e.errors.length === 1) return errorText(e.errors[0]);
  const seen: string[] = [];
  const visit = (err: GoError) => {
    if (err instanceof GoAggregate) err.errors.forEach(visit);
    else if (!seen.includes(errorText(err))) seen.push(errorText(err));
  };
  e.errors.forEach(visit);
  return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
}

/** messageForError: StandardErrorMessage of a Status ("Error from server (Reason): …"), else Error(). */
function messageForError(e: GoError): string {
  if (typeof e === 'string' || e instanceof GoAggregate) return errorText(e);
  if (e.reason === 'Unauthorized') return `error: You must be logged in to the server (${e.message ?? ''})`;
  return e.reason ? `Error from server (${e.reason}): ${e.message ?? ''}` : `Error from server: ${e.message ?? ''}`;
}

/** utilerrors.NewAggregate: nothing for no errors. */
export function aggregate(errors: GoError[]): GoAggregate | undefined {
  return errors.length ? new GoAggregate(errors) : undefined;
}

/**
 * What a ContinueOnErrorVisitor returns: the errors of the function it called for each object
 * (outer), then the aggregate of the errors its visitors met reading and mapping (inner); one
 * error as it is, several as an aggregate.
 */
export function continueOnErrorResult(outer: GoError[], inner: GoError[]): GoError | undefined {
  const errs = inner.length ? [...outer, new GoAggregate(inner)] : outer;
  return errs.length <= 1 ? errs[0] : new GoAggregate(errs);
}

/** utilerrors.Reduce(utilerrors.Flatten(…)): the leaves of nested aggregates, one alone as it is. */
export function flattenReduce(err: GoError): GoError {
  const leaves: GoError[] = [];
  const visit = (e: GoError) => (e instanceof GoAggregate ? e.errors.forEach(visit) : leaves.push(e));
  visit(err);
  return leaves.length === 1 ? leaves[0] : new GoAggregate(leaves);
}

/** cmdutil.CheckErr's text for an error: an aggregate of one unwrapped, once. */
export function checkErr(err: GoError): KubectlError {
  const e = err instanceof GoAggregate && err.errors.length === 1 ? err.errors[0] : err;
  if (e instanceof GoAggregate) return new KubectlError(e.errors.map(messageForError).join('\n'));
  if (isStatus(e)) return new KubectlError(statusText(e));
  return new KubectlError(e.startsWith('error: ') ? e : `error: ${e}`);
}
