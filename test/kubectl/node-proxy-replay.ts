/**
 * A transport that answers our kubectl with the answers the real kubectl read while the nodes/proxy
 * goldens were recorded (node-proxy-golden/_api.json). A request is matched on its URL as kubectl
 * sent it (resource, name, subresource, the proxied path and query) and the impersonated user; a
 * request the real client never made fails the test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routeRawPath } from '../../src/sim/apiserver/rawpath';
import type { ApiRequest, ApiResponse, ApiTransport, Query, Status } from '../../src/sim/apiserver/types';

export interface RecordedAnswer {
  url: string;
  /** The impersonated user ('' for the kubeconfig's own). */
  user: string;
  code: number;
  contentType: string;
  body: string;
  /** A kubelet's answer passed through (its bytes), rather than the API server's own Status. */
  proxied: boolean;
}

function keyOf(req: Omit<ApiRequest, 'user'>, user: string): string {
  const q: Query = req.query ?? {};
  const query = Object.keys(q).sort().map((k) => `${k}=${q[k] ?? ''}`).join('&');
  return [user, req.verb, req.group ?? '', req.resource, req.namespace ?? '', req.name ?? '', req.subresource ?? '', req.path ?? '', query].join('|');
}

export function replayTransport(dir: string): { transport: ApiTransport; unmatched: string[] } {
  const answers = JSON.parse(readFileSync(join(dir, '_api.json'), 'utf8')) as RecordedAnswer[];
  const byKey = new Map<string, ApiResponse>();
  for (const a of answers) {
    const target = routeRawPath(a.url, () => ({ groups: [], resourceLists: [] }));
    if (target.kind !== 'request') continue;
    byKey.set(keyOf(target.request, a.user), a.proxied ? { code: a.code, body: a.body, contentType: a.contentType } : { code: a.code, body: JSON.parse(a.body) as Status });
  }
  const unmatched: string[] = [];
  const missing: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not recorded', reason: 'NotFound', code: 404 };
  const transport: ApiTransport = {
    request<T>(req: ApiRequest): ApiResponse<T> {
      const key = keyOf(req, req.user?.username ?? '');
      const hit = byKey.get(key);
      if (hit) return hit as ApiResponse<T>;
      unmatched.push(key);
      return { code: 404, body: missing } as ApiResponse<T>;
    },
    watch: () => missing,
    discovery: () => ({ groups: [], resourceLists: [] }),
  };
  return { transport, unmatched };
}
