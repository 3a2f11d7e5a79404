/**
 * A request's URL as client-go builds it: the resource path, then the query with its keys sorted
 * and escaped as Go's url.Values.Encode does. The verbose log (round_trippers.go) prints it, and
 * the writes audit records requests by it.
 */
import type { ApiRequest } from '../../sim/apiserver/types';

export const METHOD_OF_VERB: Record<string, string> = { get: 'GET', list: 'GET', watch: 'GET', create: 'POST', update: 'PUT', patch: 'PATCH', delete: 'DELETE', deletecollection: 'DELETE' };

/** Keys of ApiRequest.query that are not query parameters: the User-Agent's program travels there in-process. */
const NOT_PARAMETERS = new Set(['userAgent']);

/** Go's url.QueryEscape: everything but letters, digits and -_.~ is %XX, a space is '+'. */
export function goQueryEscape(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The encoded query of a request (no '?'), '' when it has none. */
export function requestQuery(r: Pick<ApiRequest, 'query'>): string {
  return Object.entries(r.query ?? {})
    .filter((e): e is [string, string] => e[1] !== undefined && !NOT_PARAMETERS.has(e[0]))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${goQueryEscape(k)}=${goQueryEscape(v)}`)
    .join('&');
}

/** The path of a request to the resource API: /api/v1/namespaces/default/pods/web/status. */
export function requestPath(r: Omit<ApiRequest, 'user'>): string {
  let path = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  if (r.namespace) path += `/namespaces/${r.namespace}`;
  path += `/${[r.resource, r.name, r.subresource].filter(Boolean).join('/')}`;
  if (r.subresource === 'proxy' && r.path !== undefined) path += `/${r.path}`;
  return path;
}

/** Path and query: what follows the server in the request's URL. */
export function requestTarget(r: Omit<ApiRequest, 'user'>): string {
  const query = requestQuery(r);
  return `${requestPath(r)}${query ? `?${query}` : ''}`;
}

/** A request's method and URL path with its query (and a PATCH's media type), as the writes audit records it. */
export function requestLine(r: Omit<ApiRequest, 'user'>): string {
  const media = r.verb === 'patch' ? ` ${r.patchType ?? ''}` : '';
  return `${METHOD_OF_VERB[r.verb]} ${requestTarget(r)}${media}`;
}
