/**
 * GET by URL path (`kubectl get --raw /api/v1/namespaces/default/pods?labelSelector=app%3Dweb`):
 * discovery documents (/api, /apis, /api/v1, /apis/apps/v1) and resource paths are turned into
 * the same requests a client would send; anything else is a non-resource path.
 */
import type { ApiRequest, DiscoveryDocument, Query } from './types';

export type RawTarget =
  | { kind: 'request'; request: Omit<ApiRequest, 'user'> }
  | { kind: 'discovery'; body: unknown }
  | { kind: 'nonresource' };

export function routeRawPath(path: string, discovery: () => DiscoveryDocument): RawTarget {
  const [p, qs = ''] = path.split('?');
  const query = parseQueryString(qs);
  const trailingSlash = p.length > 1 && p.endsWith('/');
  const segs = p.replace(/\/+$/, '').split('/').slice(1);
  if (segs[0] === 'api' && segs.length === 1) {
    return { kind: 'discovery', body: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '' }] } };
  }
  if (segs[0] === 'apis' && segs.length === 1) {
    const groups = discovery().groups.filter((g) => g.name !== '');
    return { kind: 'discovery', body: { kind: 'APIGroupList', apiVersion: 'v1', groups } };
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 2) {
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 3) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else if (segs[0] === 'apis' && segs.length === 2) {
    const g = discovery().groups.find((x) => x.name === segs[1]);
    return g ? { kind: 'discovery', body: { kind: 'APIGroup', apiVersion: 'v1', ...g } } : { kind: 'nonresource' };
  } else {
    return { kind: 'nonresource' };
  }
  if (rest.length === 0) {
    const gv = group ? `${group}/${version}` : version;
    const list = discovery().resourceLists.find((l) => l.groupVersion === gv);
    return list ? { kind: 'discovery', body: list } : { kind: 'nonresource' };
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  const request: Omit<ApiRequest, 'user'> = { verb: name ? 'get' : 'list', group, version, resource, namespace, name, subresource, query };
  if (subresource === 'proxy') request.path = proxyPath(rest.slice(3), trailingSlash);
  if (query.watch === 'true' || query.watch === '1') request.verb = 'watch';
  return { kind: 'request', request };
}

/** What follows `proxy/` in a proxy URL, its trailing slash kept (the proxy forwards it). */
export function proxyPath(segments: string[], trailingSlash: boolean): string {
  const path = segments.join('/');
  return trailingSlash && path ? `${path}/` : path;
}

/** A URL's query string as the server reads it (`a=1&b&c=x%20y`): the last value of each key, '' without one. */
export function parseQueryString(qs: string): Query {
  const query: Query = {};
  for (const pair of qs.split('&').filter(Boolean)) {
    const i = pair.indexOf('=');
    const k = decodeURIComponent(i < 0 ? pair : pair.slice(0, i));
    query[k] = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, ' '));
  }
  return query;
}
