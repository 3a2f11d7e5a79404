/**
 * The kubelet's HTTPS server on 10250 as a client on the network reaches it (curl with a client
 * certificate or a bearer token): kubeadm turns anonymous access off, so a request without
 * credentials it accepts is `Unauthorized`; an authenticated one is authorized with a
 * SubjectAccessReview (its webhook authorizer, pkg/kubelet/server/auth.go) for `get` on the node's
 * subresource its path names — stats, metrics, log (for /logs), spec, checkpoint, otherwise proxy —
 * and refused with the kubelet's own Forbidden sentence; what it may see is what nodes/proxy serves.
 */
import type { ApiServer } from '../apiserver/server';
import type { UserInfo } from '../apiserver/types';
import type { HttpResponse } from './responses';

const SUBRESOURCE_BY_PATH: Array<[string, string]> = [['/stats', 'stats'], ['/metrics', 'metrics'], ['/logs', 'log'], ['/spec', 'spec'], ['/checkpoint', 'checkpoint']];

/** The node subresource the kubelet's authorizer asks about for a request path. */
export function kubeletSubresource(path: string): string {
  const found = SUBRESOURCE_BY_PATH.find(([p]) => path === p || path.startsWith(`${p}/`));
  return found ? found[1] : 'proxy';
}

function answer(status: number, statusText: string, body: string, type: string, date: string): HttpResponse {
  return { status, statusText, headers: { 'Content-Type': type, Date: date, 'Content-Length': String(new TextEncoder().encode(body).length) }, body };
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error' };

/** The kubelet of `nodeName` answering GET `path` for `user` (undefined: no credentials it accepts). */
export function kubeletHttpsAnswer(api: ApiServer, nodeName: string, path: string, user: UserInfo | undefined, date: string): HttpResponse {
  if (!user) return answer(401, 'Unauthorized', 'Unauthorized', 'text/plain; charset=utf-8', date);
  const [clean, queryText = ''] = path.split('?');
  const subresource = kubeletSubresource(clean || '/');
  const review = api.request({
    verb: 'create', group: 'authorization.k8s.io', version: 'v1', resource: 'subjectaccessreviews',
    body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: user.username, groups: user.groups, resourceAttributes: { verb: 'get', resource: 'nodes', subresource, name: nodeName } } },
  });
  const allowed = review.code < 300 && (review.body as { status?: { allowed?: boolean } }).status?.allowed === true;
  if (!allowed) return answer(403, 'Forbidden', `Forbidden (user=${user.username}, verb=get, resource=nodes, subresource=${subresource})`, 'text/plain; charset=utf-8', date);
  const serve = api.kubeletHttpProviders.get(nodeName);
  if (!serve) return answer(404, 'Not Found', '404 page not found\n', 'text/plain; charset=utf-8', date);
  const query = Object.fromEntries(new URLSearchParams(queryText));
  const r = serve(clean, query);
  return answer(r.code, STATUS_TEXT[r.code] ?? '', r.body, r.contentType, date);
}
