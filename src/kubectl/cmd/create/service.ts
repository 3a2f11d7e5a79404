/** kubectl create service clusterip|nodeport|loadbalancer|externalname NAME [--tcp=port[:target]] */
import { fail } from '../../errors';
import type { Invocation } from '../../invocation';
import { meta, registerGenerator } from './generator';

/** utilsnet.ParsePort(s, true): strconv.ParseUint(s, 10, 16). */
function parsePort(text: string): number {
  if (!/^\d+$/.test(text)) throw fail(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
  if (Number(text) > 65535) throw fail(`strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`);
  return Number(text);
}

/** validation.IsValidPortName's messages, in its order. */
function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.length > 0 && (name.startsWith('-') || name.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** The target after ":": a number (strconv.Atoi) must be a valid port, anything else a valid port name. */
function parseTarget(text: string): number | string {
  if (/^[+-]?\d+$/.test(text) && Math.abs(Number(text)) < 2 ** 63) {
    const n = Number(text);
    if (n < 1 || n > 65535) throw fail('must be between 1 and 65535, inclusive');
    return n;
  }
  const errs = portNameErrors(text);
  if (errs.length) throw fail(errs.join(','));
  return text;
}

/** create_service.go's parsePorts for each --tcp value: port[:target]. */
function parsePorts(specs: string[]): Record<string, unknown>[] {
  return specs.map((spec) => {
    const [portStr, targetStr] = spec.includes(':') ? spec.split(':', 2) : [spec, undefined];
    const port = parsePort(portStr);
    const target = targetStr === undefined ? port : parseTarget(targetStr);
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
