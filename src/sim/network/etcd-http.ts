/**
 * What etcd v3.5's HTTP handlers answer on its client listeners (https, a client certificate
 * required with kubeadm's --client-cert-auth) and its metrics listener (kubeadm's
 * --listen-metrics-urls=http://127.0.0.1:2381): `/health` (etcdhttp's Health, `{"health":"true",
 * "reason":""}`, written without a Content-Type so Go sniffs text/plain), `/version`
 * (`{"etcdserver":…,"etcdcluster":…}` as JSON). Anything else is Go's ServeMux 404.
 * Prometheus' /metrics is not modelled and answers as an unknown path.
 */
import type { HttpResponse } from './responses';
import { goAnswer } from './component-responses';

/** The server version of an etcd image tag (3.5.21-0 → 3.5.21) and the cluster version its members agree on (3.5.0). */
export function etcdVersions(imageTag: string): { server: string; cluster: string } {
  const server = /^v?(\d+\.\d+\.\d+)/.exec(imageTag)?.[1] ?? '3.5.21';
  return { server, cluster: `${server.split('.').slice(0, 2).join('.')}.0` };
}

export function etcdAnswer(path: string, imageTag: string, date: string): HttpResponse {
  const clean = path.split('?')[0] || '/';
  if (clean === '/health') return goAnswer(200, '{"health":"true","reason":""}', date, { 'Content-Type': 'text/plain; charset=utf-8' });
  if (clean === '/version') {
    const v = etcdVersions(imageTag);
    return goAnswer(200, `{"etcdserver":"${v.server}","etcdcluster":"${v.cluster}"}`, date, { 'Content-Type': 'application/json' });
  }
  return goAnswer(404, '404 page not found\n', date, { 'X-Content-Type-Options': 'nosniff', 'Content-Type': 'text/plain; charset=utf-8' });
}
