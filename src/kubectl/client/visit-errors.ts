/**
 * The errors of a command that visits several objects (create -f, apply -f), printed as CheckErr
 * prints them: one error alone in its own form (an Invalid one from its details: "The ConfigMap
 * "x" is invalid: …"), several each as StandardErrorMessage ("Error from server (Invalid): error
 * when creating "f.yaml": The ConfigMap …"). AddSourceToErr puts the file into a Status's message.
 */
import type { Status } from '../../sim/apiserver/types';
import type { KubectlError } from '../errors';
import { aggregate, checkErr, GoAggregate, type GoError } from './go-errors';
import { isStatus } from './status';

/** cmdutil.AddSourceToErr: the Status with "error when VERB "SOURCE": " before its message. */
export function withSource(status: Status, verb: string, source: string): Status {
  return source ? { ...status, message: `error when ${verb} ${JSON.stringify(source)}: ${status.message ?? ''}` } : status;
}

export class VisitErrors {
  private readonly items: GoError[] = [];

  /** A Status the server answered, with the file it came from and the verb of its message. */
  add(error: unknown, verb?: string, source?: string): void {
    if (isStatus(error)) this.items.push(verb && source ? withSource(error, verb, source) : error);
    else this.goError(String(error));
  }

  /** An error of kubectl's own (Go's Error() text): alone, CheckErr prefixes it with "error: ". */
  goError(text: string): void {
    this.items.push(text);
  }

  /** An error already in Go's shape (an aggregate of a visitor's errors, say); nothing for none. */
  push(error: GoError | undefined): void {
    if (error !== undefined) this.items.push(error);
  }

  /** The visitors' own errors (reading, mapping -f), kept apart: ContinueOnErrorVisitor puts them last. */
  private readonly visitErrors: GoError[] = [];

  /** An error met visiting -f: a builder helper's (outer) in turn with the command's own, a visitor's kept apart. */
  met(visit: { error: GoError; outer?: boolean }): void {
    if (visit.outer) this.items.push(visit.error);
    else this.visitErrors.push(visit.error);
  }

  /** The end of a ContinueOnErrorVisitor's visit: the visitors' errors, one aggregate after the others. */
  endVisit(): void {
    this.push(aggregate(this.visitErrors.splice(0)));
  }

  get length(): number {
    return this.items.length;
  }

  /** The errors as the command returns them: one as it is, several as an aggregate. */
  toError(): KubectlError {
    return checkErr(this.items.length === 1 ? this.items[0] : new GoAggregate(this.items));
  }
}
