/**
 * The errors of a command that visits several objects (create -f, apply -f), printed as CheckErr
 * prints them: one error alone in its own form (an Invalid one from its details: "The ConfigMap
 * "x" is invalid: …"), several each as StandardErrorMessage ("Error from server (Invalid): error
 * when creating "f.yaml": The ConfigMap …"). AddSourceToErr puts the file into a Status's message.
 */
import type { Status } from '../../sim/apiserver/types';
import { KubectlError } from '../errors';
import { isStatus, statusText } from './status';

/** cmdutil.AddSourceToErr: the Status with "error when VERB "SOURCE": " before its message. */
export function withSource(status: Status, verb: string, source: string): Status {
  return source ? { ...status, message: `error when ${verb} ${JSON.stringify(source)}: ${status.message ?? ''}` } : status;
}

/** StandardErrorMessage of a Status: its message after the reason, whatever the reason. */
function standardMessage(status: Status): string {
  if (status.reason === 'Unauthorized') return `error: You must be logged in to the server (${status.message ?? ''})`;
  return status.reason ? `Error from server (${status.reason}): ${status.message ?? ''}` : `Error from server: ${status.message ?? ''}`;
}

export class VisitErrors {
  private readonly items: (Status | string)[] = [];

  /** A Status the server answered, with the file it came from and the verb of its message. */
  add(error: unknown, verb?: string, source?: string): void {
    if (isStatus(error)) this.items.push(verb && source ? withSource(error, verb, source) : error);
    else this.goError(String(error));
  }

  /** An error of kubectl's own (Go's Error() text): alone, CheckErr prefixes it with "error: ". */
  goError(text: string): void {
    this.items.push(text);
  }

  get length(): number {
    return this.items.length;
  }

  toError(): KubectlError {
    if (this.items.length === 1) {
      const [only] = this.items;
      return new KubectlError(typeof only !== 'string' ? statusText(only) : only.startsWith('error: ') ? only : `error: ${only}`);
    }
    return new KubectlError(this.items.map((e) => (typeof e === 'string' ? e : standardMessage(e))).join('\n'));
  }
}
