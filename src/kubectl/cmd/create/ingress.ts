/** kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]] --class --default-backend --annotation */
import { fail } from '../../errors';
import { meta, registerGenerator } from './generator';

const RULE_RE = /^(.+?)=([^:]+):([^,]+)(,tls(=(.+))?)?$/;

function backend(svc: string, port: string): Record<string, unknown> {
  return { service: { name: svc, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

registerGenerator({
  path: 'create ingress',
  wrapError: 'failed to create ingress: %v',
  resource: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', namespaced: true },
  build(inv, name, ns) {
    const rules = inv.flags.list('rule');
    const defaultBackend = inv.flags.str('default-backend');
    if (rules.length === 0 && !defaultBackend) {
      throw fail(
        'not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
      );
    }
    const annotations: Record<string, string> = {};
    for (const a of inv.flags.list('annotation')) {
      const eq = a.indexOf('=');
      if (eq <= 0) throw fail(`annotation ${a} is invalid and should be in format key=[value]`);
      annotations[a.slice(0, eq)] = a.slice(eq + 1);
    }
    const sortedAnn: Record<string, string> = {};
    for (const k of Object.keys(annotations).sort()) sortedAnn[k] = annotations[k];
    const spec: Record<string, unknown> = {};
    const cls = inv.flags.str('class');
    if (cls) spec.ingressClassName = cls;
    if (defaultBackend) {
      const m = /^([^:]+):(.+)$/.exec(defaultBackend);
      if (!m) throw fail(`default-backend should be in format servicename:serviceport`);
      spec.defaultBackend = backend(m[1], m[2]);
    }
    const tls: { hosts?: string[]; secretName?: string }[] = [];
    const ruleList: { host?: string; http: { paths: Record<string, unknown>[] } }[] = [];
    for (const rule of rules) {
      const m = RULE_RE.exec(rule);
      if (!m || !m[1].includes('/')) {
        throw fail(`rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
      }
      const slash = m[1].indexOf('/');
      const host = m[1].slice(0, slash);
      let path = m[1].slice(slash);
      let pathType = 'Exact';
      if (path.endsWith('*')) {
        pathType = 'Prefix';
        path = path.slice(0, -1);
      }
      const httpPath = { path, pathType, backend: backend(m[2], m[3]) };
      let existing = ruleList.find((r) => (r.host ?? '') === host);
      if (!existing) {
        existing = host ? { host, http: { paths: [] } } : { http: { paths: [] } };
        ruleList.push(existing);
      }
      existing.http.paths.push(httpPath);
      if (m[4]) {
        const secretName = m[6];
        const entry = tls.find((t) => t.secretName === secretName);
        if (entry) {
          if (host && !entry.hosts?.includes(host)) entry.hosts = [...(entry.hosts ?? []), host];
        } else {
          const t: { hosts?: string[]; secretName?: string } = {};
          if (host) t.hosts = [host];
          if (secretName) t.secretName = secretName;
          tls.push(t);
        }
      }
    }
    if (tls.length) spec.tls = tls;
    if (ruleList.length) spec.rules = ruleList;
    return {
      kind: 'Ingress',
      apiVersion: 'networking.k8s.io/v1',
      metadata: meta(name, ns, { annotations: sortedAnn }),
      spec,
      status: { loadBalancer: {} },
    };
  },
});
