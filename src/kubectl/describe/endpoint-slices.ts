/**
 * The endpoints a Service port or an Ingress backend reaches, as describe.go's formatEndpointSlices
 * writes them: `<none>` without any slice, '' when the slices hold no ready endpoint for the port,
 * else the first three `address:port` (a headless slice without ports gives bare addresses) and
 * `+ N more...` for the rest.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Obj } from './helpers';

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
