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
import { goAnswer } from './component-responses';

const SUBRESOURCE_BY_PATH: Array<[string, string]> = [['/stats', 'stats'], ['/metrics', 'metrics'], ['/logs', 'log'], ['/spec', 'spec'], ['/checkpoint', 'checkpoint']];

/** The node subresource the kubelet's authorizer asks about for a request path. */
export function kubeletSubresource(path: string): string {
  const found = SUBRESOURCE_BY_PATH.find(([p]) => path === p || path.startsWith(`${p}/`));
  return found ? found[1] : 'proxy';
}

const TEXT = 'text/plain; charset=utf-8';

/** The kubelet of `nodeName` answering GET `path` for `user` (undefined: no credentials it accepts). */
export function kubeletHttpsAnswer(api: ApiServer, nodeName: string, path: string, user: UserInfo | undefined, date: string): HttpResponse {
  if (!user) return goAnswer(401, 'Unauthorized', date, { 'Content-Type': TEXT });
  const [clean, queryText = ''] = path.split('?');
  const subresource = kubeletSubresource(clean || '/');
  const review = api.request({
    verb: 'create', group: 'authorization.k8s.io', version: 'v1', resource: 'subjectaccessreviews',
    body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: user.username, groups: user.groups, resourceAttributes: { verb: 'get', resource: 'nodes', subresource, name: nodeName } } },
  });
  const allowed = review.code < 300 && (review.body as { status?: { allowed?: boolean } }).status?.allowed === true;
  if (!allowed) return goAnswer(403, `Forbidden (user=${user.username}, verb=get, resource=nodes, subresource=${subresource})`, date, { 'Content-Type': TEXT });
  const serve = api.kubeletHttpProviders.get(nodeName);
  if (!serve) return goAnswer(404, '404 page not found\n', date, { 'Content-Type': TEXT });
  const query = Object.fromEntries(new URLSearchParams(queryText));
  const r = serve(clean, query);
  return goAnswer(r.code, r.body, date, { 'Content-Type': r.contentType });
}
