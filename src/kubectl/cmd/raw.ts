/** kubectl get --raw PATH: health endpoints, discovery and resource paths of the API server. */
import type { ApiRequest } from '../../sim/apiserver/types';
import { parseQueryString, proxyPath } from '../../sim/apiserver/rawpath';
import { connect } from '../client/connection';
import { statusText, unstructuredErrorText } from '../client/status';
import { KubectlError } from '../errors';
import type { Invocation } from '../invocation';
import { toCompactJson } from '../printers/json';
import { wireForm } from '../../sim/apiserver/wire-form';

const CHECKS = [
  'ping', 'log', 'etcd', 'etcd-readiness', 'informer-sync', 'poststarthook/start-apiserver-admission-initializer', 'poststarthook/generic-apiserver-start-informers',
  'poststarthook/priority-and-fairness-config-consumer', 'poststarthook/priority-and-fairness-filter', 'poststarthook/storage-object-count-tracker-hook',
  'poststarthook/start-apiextensions-informers', 'poststarthook/start-apiextensions-controllers', 'poststarthook/crd-informer-synced',
  'poststarthook/start-system-namespaces-controller', 'poststarthook/bootstrap-controller', 'poststarthook/rbac/bootstrap-roles',
  'poststarthook/scheduling/bootstrap-system-priority-classes', 'poststarthook/start-cluster-authentication-info-controller',
  'poststarthook/aggregator-reload-proxy-client-cert', 'poststarthook/apiservice-registration-controller', 'poststarthook/apiservice-discovery-controller',
  'shutdown',
];

/** /api/v1/namespaces/NS/pods/NAME and /apis/GROUP/VERSION/… as an ApiRequest. */
function parsePath(path: string): ApiRequest | undefined {
  const [base, qs = ''] = path.split('?');
  const parts = base.split('/').filter(Boolean);
  let group = '';
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') [version, ...rest] = parts.slice(1);
  else if (parts[0] === 'apis') [group, version, ...rest] = parts.slice(1);
  else return undefined;
  if (!version || rest.length === 0) return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  const req: ApiRequest = { verb: name ? 'get' : 'list', group, version, resource, namespace, name, subresource };
  // A proxy subresource carries the rest of the path (and the query) on to the server behind it.
  if (subresource === 'proxy') {
    req.path = proxyPath(rest.slice(3), base.length > 1 && base.endsWith('/'));
    req.query = parseQueryString(qs);
  }
  return req;
}

export function getRaw(inv: Invocation, path: string): number {
  const conn = connect(inv);
  const base = path.split('?')[0];
  if (['/healthz', '/livez', '/readyz'].includes(base)) {
    let text = 'ok';
    if (path.includes('verbose')) {
      const checks = base === '/livez' ? CHECKS.filter((c) => c !== 'etcd-readiness' && c !== 'informer-sync' && c !== 'shutdown') : CHECKS;
      text = `${checks.map((c) => `[+]${c} ok`).join('\n')}\n${base.slice(1)} check passed\n`;
    }
    conn.exchanges.raw(path, { code: 200, body: text, contentType: 'text/plain; charset=utf-8' });
    inv.out(text);
    return 0;
  }
  if (base === '/version') {
    // The server's own answer, as its versionHandler writes it (json.MarshalIndent, no newline after).
    const res = conn.raw('/version');
    if (res && res.code < 300) {
      inv.out(JSON.stringify(res.body, null, 2));
      return 0;
    }
    if (res) throw new KubectlError(statusText(res.body));
  }
  const doc = conn.transport.discovery();
  const logged = (body: unknown) => conn.exchanges.raw(path, { code: 200, body });
  if (base === '/api') {
    logged({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '192.168.6.171:6443' }] });
    inv.out(toCompactJson({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '192.168.6.171:6443' }] }, false) + '\n');
    return 0;
  }
  if (base === '/apis') {
    logged({ kind: 'APIGroupList', apiVersion: 'v1', groups: doc.groups.filter((g) => g.name !== '') });
    inv.out(toCompactJson({ kind: 'APIGroupList', apiVersion: 'v1', groups: doc.groups.filter((g) => g.name !== '') }, false) + '\n');
    return 0;
  }
  const list = doc.resourceLists.find((l) => `/api/${l.groupVersion}` === base || `/apis/${l.groupVersion}` === base);
  if (list) {
    logged(list);
    inv.out(toCompactJson(list, false) + '\n');
    return 0;
  }
  const req = parsePath(path);
  if (!req) throw new KubectlError('Error from server (NotFound): the server could not find the requested resource');
  const res = conn.request(req);
  // The body of another server passed through (a kubelet's, by nodes/proxy): its bytes as they are.
  if (res.contentType !== undefined && typeof res.body === 'string') {
    if (res.code >= 300) throw new KubectlError(unstructuredErrorText(res.code, res.body, res.contentType));
    inv.out(res.body);
    return 0;
  }
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  // The bytes the server sent: its wire form, compact.
  inv.out(toCompactJson(wireForm(res.body), false) + '\n');
  return 0;
}
