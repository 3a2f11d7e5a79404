/** Turning an API Status into kubectl's error text: `Error from server (NotFound): …`. */
import type { Status } from '../../sim/apiserver/types';
import { KubectlError } from '../errors';
import { goQuote } from '../../sim/go-quote';

export function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as Status).kind === 'Status';
}

/**
 * kubectl's CheckErr prints Invalid errors from their details, without the "Error from server"
 * prefix: one cause on the same line, several as a bulleted list.
 */
function invalidText(body: Status): string {
  const text = invalidLines(body);
  // MultilineError ends its text with a newline of its own: after a cause that ends with one
  // (a go-cmp diff), a blank line follows.
  return text.endsWith('\n') ? `${text}\n` : text;
}

function invalidLines(body: Status): string {
  const d = body.details;
  // Without details, or with neither kind, name nor causes, the server's message says what is wrong.
  if (!d) return body.message ? `The request is invalid: ${body.message}` : 'The request is invalid';
  let head = d.kind || d.name ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid';
  const causes = (d.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? '')));
  if (!d.kind && !d.name && causes.length === 0 && body.message) head += `: ${body.message}`;
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

/** client-go's text for a 401 (the server refused the credentials). */
export const UNAUTHORIZED_TEXT = 'the server has asked for the client to provide credentials';

/** errors.NewGenericServerResponse's reason and message for the status codes it names (apimachinery errors.go). */
const GENERIC_RESPONSES: Record<number, { reason: string; message: string }> = {
  409: { reason: 'Conflict', message: 'the server reported a conflict' },
  404: { reason: 'NotFound', message: 'the server could not find the requested resource' },
  400: { reason: 'BadRequest', message: 'the server rejected our request for an unknown reason' },
  401: { reason: 'Unauthorized', message: UNAUTHORIZED_TEXT },
  405: { reason: 'MethodNotAllowed', message: 'the server does not allow this method on the requested resource' },
  422: { reason: 'Invalid', message: 'the server rejected our request due to an error in our request' },
  503: { reason: 'ServiceUnavailable', message: 'the server is currently unable to handle the request' },
  504: { reason: 'Timeout', message: 'the server was unable to return a response in the time allotted, but may still be processing the request' },
  429: { reason: 'TooManyRequests', message: 'the server has received too many requests and has asked us to try again later' },
};

/** errors.NewGenericServerResponse's reason and message for a status code: the table, 403 with the server's words, else by class. */
function genericServerResponse(code: number, serverMessage: string): { reason: string; message: string } {
  const known = GENERIC_RESPONSES[code];
  if (known) return known;
  if (code === 403) return { reason: 'Forbidden', message: serverMessage };
  if (code >= 500) return { reason: 'InternalError', message: `an error on the server (${goQuote(serverMessage)}) has prevented the request from succeeding` };
  return { reason: '', message: `the server responded with the status code ${code} but did not return more information` };
}

/**
 * kubectl's error for a failed response whose body is not a Status (client-go
 * transformUnstructuredResponseError): a text body's trimmed text is the server's message, any
 * other body "unknown"; the status code picks the reason and the words.
 */
export function unstructuredErrorText(code: number, body: string, contentType: string): string {
  if (/^application\/json\b/.test(contentType)) {
    try {
      const parsed = JSON.parse(body) as unknown;
      if (isStatus(parsed) && parsed.status) return statusText(parsed);
    } catch {
      /* not JSON: an unstructured body */
    }
  }
  const text = contentType === '' || /^text\//.test(contentType);
  const { reason, message } = genericServerResponse(code, text ? body.trim() : 'unknown');
  return reason ? `Error from server (${reason}): ${message}` : `Error from server: ${message}`;
}
