/**
 * Service defaulting (SetDefaults_Service) and the allocation of cluster IPs and node ports,
 * which the service REST storage does on create. Cluster IPs come from the service range (10.96.0.0/12
 * unless the API server was started with another --service-cluster-ip-range): 10.96.0.1
 * is the `kubernetes` service's (the first address), and like the real allocator random picks
 * come from above the static band (the low 256 addresses stay for explicit requests such as
 * kube-dns's 10.96.0.10).
 */
import type { RequestContext } from '../context';
import type { KubeObject } from '../types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export const SERVICE_CIDR = { base: ipToInt('10.96.0.0'), size: 1 << 20 };
const STATIC_BAND = 256;
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}
export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function defaultService(svc: KubeObject, _ctx: RequestContext): void {
  if (!isObj(svc.spec)) svc.spec = {};
  const s = svc.spec as Obj;
  if (s.type === undefined) s.type = 'ClusterIP';
  if (s.sessionAffinity === undefined) s.sessionAffinity = 'None';
  const ports = Array.isArray(s.ports) ? s.ports.filter(isObj) : [];
  for (const p of ports) {
    if (p.protocol === undefined) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (s.type === 'ExternalName') return;
  if (s.internalTrafficPolicy === undefined) s.internalTrafficPolicy = 'Cluster';
  if ((s.type === 'NodePort' || s.type === 'LoadBalancer') && s.externalTrafficPolicy === undefined) s.externalTrafficPolicy = 'Cluster';
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === undefined) s.allocateLoadBalancerNodePorts = true;
  if (!isObj(svc.status)) svc.status = { loadBalancer: {} };
}

/** Allocate clusterIP(s) and node ports on create. Returns an error cause when a requested value is taken. */
export function allocateServiceAddresses(
  svc: KubeObject,
  existing: KubeObject[],
  pick: (n: number) => number,
  range: { base: number; size: number } = SERVICE_CIDR,
): { field: string; message: string } | undefined {
  const s = svc.spec as Obj;
  if (!isObj(s) || s.type === 'ExternalName') return undefined;
  const usedIps = new Set<string>();
  const usedPorts = new Set<number>();
  for (const e of existing) {
    const es = (e.spec ?? {}) as Obj;
    if (typeof es.clusterIP === 'string') usedIps.add(es.clusterIP);
    for (const p of Array.isArray(es.ports) ? es.ports.filter(isObj) : []) if (typeof p.nodePort === 'number') usedPorts.add(p.nodePort);
  }
  const requested = typeof s.clusterIP === 'string' && s.clusterIP !== '' ? s.clusterIP : undefined;
  if (requested === 'None') {
    s.clusterIPs = ['None'];
  } else if (requested) {
    if (usedIps.has(requested))
      return { field: 'spec.clusterIPs', message: `Invalid value: []string{"${requested}"}: failed to allocate IP ${requested}: provided IP is already allocated` };
    s.clusterIPs = [requested];
  } else {
    let ip = '';
    for (let tries = 0; tries < 1000 && (!ip || usedIps.has(ip)); tries++) {
      // Small ranges have no static band worth keeping: pick from the whole of it (never the network or broadcast address).
      const band = range.size > 4 * STATIC_BAND ? STATIC_BAND : 1;
      ip = intToIp(range.base + band + pick(range.size - band - 1));
    }
    s.clusterIP = ip;
    s.clusterIPs = [ip];
  }
  if (s.ipFamilies === undefined) s.ipFamilies = ['IPv4'];
  if (s.ipFamilyPolicy === undefined) s.ipFamilyPolicy = 'SingleStack';
  if (s.type === 'NodePort' || (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts !== false)) {
    const ports = Array.isArray(s.ports) ? s.ports.filter(isObj) : [];
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i];
      if (typeof p.nodePort === 'number' && p.nodePort !== 0) {
        if (usedPorts.has(p.nodePort))
          return { field: `spec.ports[${i}].nodePort`, message: `Invalid value: ${p.nodePort}: provided port is already allocated` };
        usedPorts.add(p.nodePort);
        continue;
      }
      let port = 0;
      for (let tries = 0; tries < 10000 && (!port || usedPorts.has(port)); tries++) {
        port = NODE_PORT_RANGE.min + pick(NODE_PORT_RANGE.max - NODE_PORT_RANGE.min + 1);
      }
      p.nodePort = port;
      usedPorts.add(port);
    }
  }
  return undefined;
}
