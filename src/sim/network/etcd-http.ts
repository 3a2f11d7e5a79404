/**
 * What etcd v3.5's HTTP handlers answer on its client listeners (https, a client certificate
 * required with kubeadm's --client-cert-auth) and its metrics listener (kubeadm's
 * --listen-metrics-urls=http://127.0.0.1:2381): `/health` (etcdhttp's Health, `{"health":"true",
 * "reason":""}`, written without a Content-Type so Go sniffs text/plain), `/version`
 * (`{"etcdserver":…,"etcdcluster":…}` as JSON). Anything else is Go's ServeMux 404.
 * Prometheus' /metrics is not modelled and answers as an unknown path.
 */
import type { HttpResponse } from './responses';

function answer(status: number, statusText: string, body: string, type: string, date: string, extra: Record<string, string> = {}): HttpResponse {
  return { status, statusText, headers: { ...extra, 'Content-Type': type, Date: date, 'Content-Length': String(new TextEncoder().encode(body).length) }, body };
}

/** The server version of an etcd image tag (3.5.21-0 → 3.5.21) and the cluster version its members agree on (3.5.0). */
export function etcdVersions(imageTag: string): { server: string; cluster: string } {
  const server = /^v?(\d+\.\d+\.\d+)/.exec(imageTag)?.[1] ?? '3.5.21';
  return { server, cluster: `${server.split('.').slice(0, 2).join('.')}.0` };
}

export function etcdAnswer(path: string, imageTag: string, date: string): HttpResponse {
  const clean = path.split('?')[0] || '/';
  if (clean === '/health') return answer(200, 'OK', '{"health":"true","reason":""}', 'text/plain; charset=utf-8', date);
  if (clean === '/version') {
    const v = etcdVersions(imageTag);
    return answer(200, 'OK', `{"etcdserver":"${v.server}","etcdcluster":"${v.cluster}"}`, 'application/json', date);
  }
  return answer(404, 'Not Found', '404 page not found\n', 'text/plain; charset=utf-8', date, { 'X-Content-Type-Options': 'nosniff' });
}
