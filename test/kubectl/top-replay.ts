/**
 * A transport that answers our kubectl with the API answers the real kubectl read while the
 * goldens were recorded (top-golden/_api-<world>.json). Requests are matched on what they ask
 * (verb, resource, namespace, name, selectors); a request the real client never made fails the
 * test, except a plain list of events, which our describe filters client-side: it gets the union
 * of the recorded event lists of that namespace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routeRawPath } from '../../src/sim/apiserver/rawpath';
import type { ApiRequest, ApiResponse, ApiTransport, DiscoveryDocument, Status } from '../../src/sim/apiserver/types';

interface Recording {
  now: number;
  discovery: DiscoveryDocument;
  responses: Record<string, { code: number; body: unknown }>;
}

/** What a request asks, whatever its paging (limit) or includeObject: how answers are matched. */
export function keyOf(req: Omit<ApiRequest, 'user'>): string {
  const q = req.query ?? {};
  const fields = (q.fieldSelector ?? '').split(',').filter(Boolean).sort().join(',');
  return [req.verb, req.group ?? '', req.resource, req.namespace ?? '', req.name ?? '', req.subresource ?? '', q.labelSelector ?? '', fields].join('|');
}

export function replayTransport(dir: string, world: string): { transport: ApiTransport; now: number; unmatched: string[] } {
  const rec = JSON.parse(readFileSync(join(dir, `_api-${world}.json`), 'utf8')) as Recording;
  const byKey = new Map<string, { code: number; body: unknown }>();
  const events = new Map<string, unknown[]>();
  for (const [path, resp] of Object.entries(rec.responses)) {
    const target = routeRawPath(path, () => rec.discovery);
    if (target.kind !== 'request') continue;
    byKey.set(keyOf(target.request), resp);
    const r = target.request;
    if (r.resource === 'events' && r.verb === 'list' && resp.code === 200) {
      events.set(r.namespace ?? '', [...(events.get(r.namespace ?? '') ?? []), ...((resp.body as { items: unknown[] }).items ?? [])]);
    }
  }
  const unmatched: string[] = [];
  const missing: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not recorded', reason: 'NotFound', code: 404 };
  const transport: ApiTransport = {
    request<T>(req: ApiRequest): ApiResponse<T> {
      const hit = byKey.get(keyOf(req));
      if (hit) return hit as ApiResponse<T>;
      if (req.verb === 'list' && req.resource === 'events' && !req.query?.fieldSelector) {
        return { code: 200, body: { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: events.get(req.namespace ?? '') ?? [] } } as ApiResponse<T>;
      }
      unmatched.push(keyOf(req));
      return { code: 404, body: missing } as ApiResponse<T>;
    },
    watch: () => missing,
    discovery: () => rec.discovery,
  };
  return { transport, now: rec.now, unmatched };
}
