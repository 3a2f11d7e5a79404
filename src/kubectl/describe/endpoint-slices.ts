/**
 * EndpointSlices in describe: the EndpointSlice describer (describe.go's describeEndpointSliceV1),
 * and the endpoints a Service port or an Ingress backend reaches, as describe.go's formatEndpointSlices
 * writes them: `<none>` without any slice, '' when the slices hold no ready endpoint for the port,
 * else the first three `address:port` (a headless slice without ports gives bare addresses) and
 * `+ N more...` for the rest.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { DescribeContext } from './describers';
import { describeEvents, printAnnotations, printLabels, type Obj } from './helpers';
import { PrefixWriter } from './tabwriter';

const SHOWN = 3;

/** An endpoint whose Ready condition is unknown counts as ready (discovery/v1 types.go). */
const isReady = (e: Obj) => e.conditions?.ready !== false;

export function formatEndpointSlices(slices: KubeObject[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const found: string[] = [];
  for (const s of slices as Obj[]) {
    const endpoints = ((s.endpoints ?? []) as Obj[]).filter(isReady);
    const ports = (s.ports ?? []) as Obj[];
    if (ports.length === 0) {
      for (const e of endpoints) found.push(String(e.addresses[0]));
      continue;
    }
    for (const p of ports.filter((x) => (x.name ?? '') === portName)) {
      for (const e of endpoints) found.push(hostPort(String(e.addresses[0]), p.port));
    }
  }
  const text = found.slice(0, SHOWN).join(',');
  return found.length > SHOWN ? `${text} + ${found.length - SHOWN} more...` : text;
}

/** Go's net.JoinHostPort: an IPv6 address in brackets. */
function hostPort(address: string, port: unknown): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** Unset optional fields print `<unset>`; the Ports and Endpoints lines without a tab are as the real ones. */
export function describeEndpointSlice(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const s = o as Obj;
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `AddressType:\t${s.addressType ?? ''}\n`);
  const ports = (s.ports ?? []) as Obj[];
  if (ports.length === 0) {
    w.write(0, 'Ports: <unset>\n');
  } else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of ports) w.write(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`);
  }
  const endpoints = (s.endpoints ?? []) as Obj[];
  if (endpoints.length === 0) {
    w.write(0, 'Endpoints: <none>\n');
  } else {
    w.write(0, 'Endpoints:\n');
    for (const e of endpoints) {
      w.write(1, `- Addresses:\t${((e.addresses ?? []) as string[]).join(', ') || '<none>'}\n`);
      w.write(2, 'Conditions:\n');
      w.write(3, `Ready:\t${typeof e.conditions?.ready === 'boolean' ? String(e.conditions.ready) : '<unset>'}\n`);
      w.write(2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  describeEvents(w, ctx.events, ctx.now);
  return w.toString();
}
