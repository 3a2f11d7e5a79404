/** The Ingress describer, after describe.go (backends resolved to their endpoints). */
import type { KubeObject } from '../../sim/apiserver/types';
import type { DescribeContext } from './describers';
import { formatEndpointSlices } from './endpoint-slices';
import { describeEvents, printAnnotations, printLabels, type Obj } from './helpers';
import { PrefixWriter } from './tabwriter';

function backend(ns: string, b: Obj | undefined, ctx: DescribeContext): string {
  if (!b?.service) return b?.resource ? `APIGroup: ${b.resource.apiGroup ?? '<none>'}, Kind: ${b.resource.kind}, Name: ${b.resource.name}` : '';
  const name = b.service.name;
  const number = b.service.port?.number;
  const portName = b.service.port?.name ?? '';
  const label = `${name}:${number ? String(number) : portName}`;
  const slices = ctx.related('endpointslices', 'discovery.k8s.io', ns, `kubernetes.io/service-name=${name}`);
  const svc = ctx.one('services', '', ns, name);
  if (!svc) return `${label} (<error: services "${name}" not found>)`;
  // The last service port the backend names (describe.go loops over them all).
  let spName = '';
  for (const p of ((svc.spec as Obj)?.ports ?? []) as Obj[]) {
    if ((number && number === p.port) || (!number && portName && portName === p.name)) spName = p.name ?? '';
  }
  return `${label} (${formatEndpointSlices(slices, spName)})`;
}

export function describeIngress(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  const ns = o.metadata?.namespace ?? 'default';
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  w.write(0, `Namespace:\t${ns}\n`);
  const addrs = ((((o.status as Obj)?.loadBalancer?.ingress ?? []) as Obj[]).map((i) => i.ip || i.hostname)).filter(Boolean);
  w.write(0, `Address:\t${addrs.join(',')}\n`);
  w.write(0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
  const def = spec.defaultBackend ? backend(ns, spec.defaultBackend, ctx) : '<default>';
  w.write(0, `Default backend:\t${def}\n`);
  if ((spec.tls ?? []).length) {
    w.write(0, 'TLS:\n');
    for (const t of spec.tls as Obj[]) {
      w.write(1, t.secretName ? `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n` : `SNI routes ${(t.hosts ?? []).join(',')}\n`);
    }
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of (spec.rules ?? []) as Obj[]) {
    if (!rule.http) continue;
    count++;
    w.write(1, `${rule.host || '*'}\t\n`);
    for (const p of (rule.http.paths ?? []) as Obj[]) w.write(2, `\t${p.path ?? ''} \t${backend(ns, p.backend, ctx)}\n`);
  }
  if (count === 0) w.write(1, `*\t*\t${def}\n`);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
}
