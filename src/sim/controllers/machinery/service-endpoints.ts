/** What Service endpoints are: the pods a Service selects, with their IPs, readiness and ports. */
import type { KubeObject } from '../../apiserver/types';
import { isPodReady, spec, status, type Obj } from './objects';
import type { Informer } from './informer';

export interface EndpointTarget {
  pod: KubeObject;
  ip: string;
  ready: boolean;
  terminating: boolean;
  nodeName?: string;
}

export interface ResolvedPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

function selects(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return Object.entries(selector).every(([k, v]) => l[k] === v);
}

/** Pods the Service selects that have an IP (terminal pods excluded). */
export function serviceTargets(svc: KubeObject, podsInNamespace: KubeObject[]): EndpointTarget[] {
  const selector = spec(svc).selector as Record<string, string> | undefined;
  if (!selector || !Object.keys(selector).length) return [];
  const out: EndpointTarget[] = [];
  for (const p of podsInNamespace) {
    const phase = status(p).phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const ip = status(p).podIP as string | undefined;
    if (!ip || !selects(selector, p.metadata?.labels)) continue;
    const terminating = !!p.metadata?.deletionTimestamp;
    out.push({ pod: p, ip, ready: isPodReady(p) && !terminating, terminating, nodeName: spec(p).nodeName });
  }
  return out.sort((a, b) => ipCompare(a.ip, b.ip));
}

function ipCompare(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** The endpoint ports of a Service port for one pod: targetPort as a number or a container port name. */
export function resolvePorts(svc: KubeObject, pod: KubeObject): ResolvedPort[] | undefined {
  const out: ResolvedPort[] = [];
  for (const sp of (spec(svc).ports ?? []) as Obj[]) {
    const target = sp.targetPort ?? sp.port;
    let port: number | undefined;
    if (typeof target === 'number') port = target;
    else if (/^\d+$/.test(String(target))) port = Number(target);
    else
      for (const c of (spec(pod).containers ?? []) as Obj[])
        for (const cp of (c.ports ?? []) as Obj[]) if (cp.name === target && (cp.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) port = Number(cp.containerPort);
    if (port === undefined) return undefined;
    const rp: ResolvedPort = { port, protocol: sp.protocol ?? 'TCP' };
    if (sp.name) rp.name = sp.name;
    if (sp.appProtocol) rp.appProtocol = sp.appProtocol;
    out.push(rp);
  }
  return out;
}

/** Services in a namespace that select a pod (for pod events). */
export function servicesFor(pod: KubeObject, services: Informer): KubeObject[] {
  return services.byIndex('namespace', pod.metadata?.namespace ?? '').filter((s) => {
    const sel = spec(s).selector as Record<string, string> | undefined;
    return !!sel && Object.keys(sel).length > 0 && selects(sel, pod.metadata?.labels);
  });
}
