/** kubectl create service clusterip|nodeport|loadbalancer|externalname NAME [--tcp=port[:target]] */
import { fail } from '../../errors';
import type { Invocation } from '../../invocation';
import { meta, registerGenerator } from './generator';

function parsePorts(specs: string[]): Record<string, unknown>[] {
  return specs.map((spec) => {
    const [portStr, targetStr] = spec.includes(':') ? spec.split(':', 2) : [spec, undefined];
    if (!/^\d+$/.test(portStr) || Number(portStr) > 65535) throw fail(`strconv.ParseUint: parsing "${portStr}": invalid syntax`);
    const port = Number(portStr);
    let target: number | string = port;
    if (targetStr !== undefined) target = /^\d+$/.test(targetStr) ? Number(targetStr) : targetStr;
    const name = targetStr === undefined ? portStr : `${portStr}-${targetStr}`;
    return { name, protocol: 'TCP', port, targetPort: target };
  });
}

function build(inv: Invocation, name: string, namespace: string | undefined, type: string) {
  const tcp = inv.flags.list('tcp');
  const clusterIP = inv.flags.str('clusterip');
  if (type !== 'ExternalName' && tcp.length === 0 && clusterIP !== 'None') {
    throw fail('at least one tcp port specifier must be provided');
  }
  const ports = parsePorts(tcp);
  const nodePort = type === 'NodePort' ? inv.flags.int('node-port') : 0;
  if (nodePort > 0) for (const p of ports) p.nodePort = nodePort;
  // ServicePort field order: name, protocol, appProtocol, port, targetPort, nodePort
  const orderedPorts = ports.map((p) => {
    const o: Record<string, unknown> = { name: p.name, protocol: p.protocol, port: p.port, targetPort: p.targetPort };
    if (p.nodePort) o.nodePort = p.nodePort;
    return o;
  });
  const spec: Record<string, unknown> = {};
  if (orderedPorts.length) spec.ports = orderedPorts;
  spec.selector = { app: name };
  if (clusterIP) spec.clusterIP = clusterIP;
  spec.type = type;
  if (type === 'ExternalName') spec.externalName = inv.flags.str('external-name');
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: meta(name, namespace, { labels: { app: name } }),
    spec,
    status: { loadBalancer: {} },
  };
}

const resource = { group: '', version: 'v1', resource: 'services', namespaced: true };
for (const [sub, type] of [
  ['clusterip', 'ClusterIP'],
  ['nodeport', 'NodePort'],
  ['loadbalancer', 'LoadBalancer'],
  ['externalname', 'ExternalName'],
] as const) {
  registerGenerator({
    path: `create service ${sub}`,
    resource,
    wrapError: `failed to create ${type} service: %v`,
    required: type === 'ExternalName' ? ['external-name'] : [],
    build: (inv, name, ns) => build(inv, name, ns, type),
  });
}
