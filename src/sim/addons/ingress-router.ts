/**
 * How ingress-nginx picks a backend for a request: the Ingresses of its class (spec.ingressClassName,
 * or the legacy kubernetes.io/ingress.class annotation, or none when its class is the default), the
 * rule whose host matches the Host header (exact, or a `*.` wildcard), then the longest matching path
 * (Exact before Prefix). No match: the controller's default backend answers 404.
 */
import type { KubeObject } from '../apiserver/types';

export interface IngressBackend {
  namespace: string;
  service: string;
  /** Port number or name of the Service port. */
  port: number | string;
}

type Rule = { host?: string; http?: { paths?: Array<{ path?: string; pathType?: string; backend?: { service?: { name: string; port?: { number?: number; name?: string } } } }> } };

function hostMatches(ruleHost: string | undefined, host: string): boolean {
  if (!ruleHost) return true;
  if (ruleHost.startsWith('*.')) {
    const suffix = ruleHost.slice(1);
    return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.');
  }
  return ruleHost === host;
}

function pathMatches(path: string, rulePath: string, type: string): number {
  if (type === 'Exact') return path === rulePath ? 10_000 + rulePath.length : -1;
  const p = rulePath.replace(/\/+$/, '');
  if (p === '' || path === p || path.startsWith(`${p}/`)) return p.length;
  return -1;
}

export function routeIngress(ingresses: KubeObject[], ingressClass: string, isDefaultClass: boolean, hostHeader: string, path: string): IngressBackend | undefined {
  const host = hostHeader.replace(/:\d+$/, '').toLowerCase();
  const cleanPath = path.split('?')[0] || '/';
  let best: { score: number; backend: IngressBackend; specificHost: boolean } | undefined;
  for (const ing of ingresses) {
    const spec = (ing.spec ?? {}) as { ingressClassName?: string; rules?: Rule[]; defaultBackend?: { service?: { name: string; port?: { number?: number; name?: string } } } };
    const cls = spec.ingressClassName ?? ing.metadata?.annotations?.['kubernetes.io/ingress.class'];
    if (cls ? cls !== ingressClass : !isDefaultClass) continue;
    const namespace = String(ing.metadata?.namespace ?? 'default');
    for (const rule of spec.rules ?? []) {
      if (!hostMatches(rule.host, host)) continue;
      for (const p of rule.http?.paths ?? []) {
        const svc = p.backend?.service;
        if (!svc) continue;
        const score = pathMatches(cleanPath, p.path ?? '/', p.pathType ?? 'Prefix');
        if (score < 0) continue;
        const specificHost = !!rule.host;
        if (!best || (specificHost && !best.specificHost) || (specificHost === best.specificHost && score > best.score))
          best = { score, specificHost, backend: { namespace, service: svc.name, port: svc.port?.number ?? svc.port?.name ?? 80 } };
      }
    }
    if (!best && spec.defaultBackend?.service) best = { score: 0, specificHost: false, backend: { namespace, service: spec.defaultBackend.service.name, port: spec.defaultBackend.service.port?.number ?? spec.defaultBackend.service.port?.name ?? 80 } };
  }
  return best?.backend;
}

/** The controller's --ingress-class argument (default "nginx"). */
export function controllerClass(pod: KubeObject): string {
  const containers = ((pod.spec as { containers?: Array<{ args?: string[] }> } | undefined)?.containers ?? []);
  for (const c of containers) for (const a of c.args ?? []) if (a.startsWith('--ingress-class=')) return a.slice('--ingress-class='.length);
  return 'nginx';
}

export const INGRESS_NGINX_404 = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
export const INGRESS_NGINX_503 = '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
