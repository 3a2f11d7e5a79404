/**
 * What the cluster's own HTTPS servers answer a client without credentials (curl -k):
 * - the API server (anonymous auth on, as kubeadm leaves it): what system:anonymous may see —
 *   /healthz, /livez, /readyz, /version — and a Status for the rest, as JSON indented the way the
 *   API server indents it for curl (its pretty-printing for curl, Wget and browsers);
 * - the kubelet on 10250: no anonymous access (kubeadm's `authentication.anonymous.enabled: false`),
 *   so `Unauthorized` whatever the path;
 * - the kubelet's health endpoint on 127.0.0.1:10248 (plain HTTP): `ok` on /healthz;
 * - the scheduler and controller manager (10259, 10257): /healthz, /livez, /readyz are always
 *   allowed (their --authorization-always-allow-paths), anything else needs credentials.
 */
import type { ApiResponse } from '../apiserver/types';
import type { HttpResponse } from './responses';
import { goJsonIndent } from '../go-json';
import { wireForm } from '../apiserver/wire-form';

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error', 503: 'Service Unavailable' };

/**
 * A Go server's answer: the status line's reason, the headers its handler set (in the order given),
 * then the Date and Content-Length net/http adds. Shared by the cluster's own servers.
 */
export function goAnswer(status: number, body: string, date: string, headers: Record<string, string>): HttpResponse {
  return {
    status,
    statusText: STATUS_TEXT[status] ?? '',
    headers: { ...headers, Date: date, 'Content-Length': String(new TextEncoder().encode(body).length) },
    body,
  };
}

function answer(status: number, body: string, type: string, date: string, extra: Record<string, string> = {}): HttpResponse {
  return goAnswer(status, body, date, { ...extra, 'Content-Type': type });
}

/** A Status as the API server serialises it (metav1.Status's field order): `details` always present, before `code`. */
function statusBody(body: Record<string, unknown>): Record<string, unknown> {
  if (body.kind !== 'Status') return body;
  const { code, details, ...rest } = body;
  return { ...rest, details: details ?? {}, code };
}

/** The API server's answer (ApiServer.raw for system:anonymous) as an HTTP response. */
export function apiServerAnswer(r: ApiResponse<unknown>, date: string): HttpResponse {
  const headers = { 'Cache-Control': 'no-cache, private', 'X-Content-Type-Options': 'nosniff' };
  if (typeof r.body === 'string') return answer(r.code, r.body, 'text/plain; charset=utf-8', date, headers);
  return answer(r.code, `${goJsonIndent(wireForm(statusBody(r.body as Record<string, unknown>)), '  ')}\n`, 'application/json', date, headers);
}

/**
 * The API server's answer to credentials it does not accept (a client certificate from another CA
 * or expired, an unknown bearer token): apierrors.NewUnauthorized, a Status without details.
 */
export function unauthorizedAnswer(date: string): HttpResponse {
  const body = `${JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }, null, 2)}\n`;
  return answer(401, body, 'application/json', date, { 'Cache-Control': 'no-cache, private' });
}

const forbidden = (path: string) =>
  `${JSON.stringify(statusBody({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `forbidden: User "system:anonymous" cannot get path "${path}"`, reason: 'Forbidden', code: 403 }), null, 2)}\n`;

/** The answer of one of the node's own servers (kind as ClusterNetwork names it) to GET path. */
export function componentAnswer(kind: string, path: string, date: string): HttpResponse | undefined {
  const clean = path.split('?')[0] || '/';
  const health = /^\/(healthz|livez|readyz)$/.test(clean);
  switch (kind) {
    case 'kubelet':
      return answer(401, 'Unauthorized', 'text/plain; charset=utf-8', date);
    case 'healthz':
      return clean === '/healthz' ? answer(200, 'ok', 'text/plain; charset=utf-8', date) : answer(404, '404 page not found\n', 'text/plain; charset=utf-8', date, { 'X-Content-Type-Options': 'nosniff' });
    case 'component':
      return health ? answer(200, 'ok', 'text/plain; charset=utf-8', date, { 'X-Content-Type-Options': 'nosniff' }) : answer(403, forbidden(clean), 'application/json', date, { 'X-Content-Type-Options': 'nosniff' });
    default:
      return undefined;
  }
}
