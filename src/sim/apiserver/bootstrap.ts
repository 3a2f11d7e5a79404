/**
 * What a starting kube-apiserver creates by itself (its post-start hooks): the system
 * namespaces, the `kubernetes` Service (first IP of the service CIDR, port 443 → 6443) with its
 * Endpoints and EndpointSlice, the
 * system priority classes, the default RBAC policy and the APIServices of the built-in groups.
 */
import type { ApiServer } from './server';
import { bootstrapPolicy } from './rbac/bootstrap';
import { bootstrapAPIServices } from './apiservices';
import type { KubeObject } from './types';
import { numberToIp, serviceClusterIPRange, setServiceClusterIPRange } from './service-cidr';

export interface BootstrapOptions {
  /** The control plane's advertise address (endpoints of the kubernetes Service). */
  advertiseAddress?: string;
  securePort?: number;
  /** --service-cluster-ip-range (10.96.0.0/12): the `kubernetes` Service takes its first address. */
  serviceClusterIPRange?: string;
}

export function bootstrapSystemObjects(server: ApiServer, options: BootstrapOptions = {}): void {
  const create = (group: string, resource: string, body: KubeObject, namespace?: string) =>
    server.request({ verb: 'create', group, version: 'v1', resource, namespace, body, query: { fieldManager: 'kube-apiserver' } });
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    create('', 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  const port = options.securePort ?? 6443;
  if (options.serviceClusterIPRange) setServiceClusterIPRange(server, options.serviceClusterIPRange);
  const range = serviceClusterIPRange(server);
  create(
    '',
    'services',
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: numberToIp(range.base + 1), ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: port }], type: 'ClusterIP', sessionAffinity: 'None' },
    },
    'default',
  );
  if (options.advertiseAddress) {
    create(
      '',
      'endpoints',
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'kubernetes', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
        subsets: [{ addresses: [{ ip: options.advertiseAddress }], ports: [{ name: 'https', port, protocol: 'TCP' }] }],
      },
      'default',
    );
    // The endpoint reconciler writes the same address as an EndpointSlice (endpointsadapter.go),
    // which is what kube-proxy reads.
    server.request({
      verb: 'create',
      group: 'discovery.k8s.io',
      version: 'v1',
      resource: 'endpointslices',
      namespace: 'default',
      query: { fieldManager: 'kube-apiserver' },
      body: {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'kubernetes', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: [options.advertiseAddress], conditions: { ready: true } }],
        ports: [{ name: 'https', port, protocol: 'TCP' }],
      },
    });
  }
  const pcs: [string, number, string][] = [
    ['system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'],
    ['system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
  ];
  for (const [name, value, description] of pcs) {
    create('scheduling.k8s.io', 'priorityclasses', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description });
  }
  bootstrapPolicy(server);
  bootstrapAPIServices(server);
}
