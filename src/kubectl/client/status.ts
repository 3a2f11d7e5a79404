/** Turning an API Status into kubectl's error text: `Error from server (NotFound): …`. */
import type { Status } from '../../sim/apiserver/types';
import { KubectlError } from '../errors';

export function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as Status).kind === 'Status';
}

/**
 * kubectl's CheckErr prints Invalid errors from their details, without the "Error from server"
 * prefix: one cause on the same line, several as a bulleted list.
 */
function invalidText(body: Status): string {
  const d = body.details ?? {};
  const head = d.kind || d.name ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid';
  const causes = (d.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? '')));
  if (causes.length === 0) return head;
  if (causes.length === 1) return `${head}: ${causes[0]}`;
  return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
}

export function statusText(body: unknown): string {
  if (!isStatus(body)) return 'Error from server: an error on the server ("unknown") has prevented the request from succeeding';
  if (body.reason === 'Invalid' && body.code === 422) return invalidText(body);
  const reason = body.reason && body.reason !== 'Unknown' ? ` (${body.reason})` : '';
  return `Error from server${reason}: ${body.message ?? ''}`;
}

export function statusError(body: unknown): KubectlError {
  return new KubectlError(statusText(body));
}
