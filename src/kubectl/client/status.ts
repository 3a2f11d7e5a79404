/** Turning an API Status into kubectl's error text: `Error from server (NotFound): …`. */
import type { Status } from '../../sim/apiserver/types';
import { KubectlError } from '../errors';

export function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as Status).kind === 'Status';
}

export function statusText(body: unknown): string {
  if (!isStatus(body)) return 'Error from server: an error on the server ("unknown") has prevented the request from succeeding';
  const reason = body.reason && body.reason !== 'Unknown' ? ` (${body.reason})` : '';
  return `Error from server${reason}: ${body.message ?? ''}`;
}

export function statusError(body: unknown): KubectlError {
  return new KubectlError(statusText(body));
}
