/** A transport that only answers discovery (like the recording stub) and 404s everything else. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiRequest, ApiResponse, ApiTransport, DiscoveryDocument, Status } from '../../src/sim/apiserver/types';

export function stubDiscovery(): DiscoveryDocument {
  return JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'kubectl', '_inputs', 'discovery.json'), 'utf8')) as DiscoveryDocument;
}

const notFound: Status = {
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
  message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404,
};

export function discoveryTransport(doc: DiscoveryDocument = stubDiscovery()): ApiTransport {
  return {
    request: () => ({ code: 404, body: notFound }),
    watch: () => notFound,
    discovery: () => doc,
  };
}

/**
 * The discovery stub plus objects whose printed cells equal the invented cells of the recording
 * stub's Table responses (so the recorded `kubectl get` tables test our client-side printers).
 */
export function tableTransport(now: number): ApiTransport {
  const ago = (s: number) => new Date(now - s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const pods = [
    {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'web-5c8bfcc47c-7wxl6', namespace: 'default', creationTimestamp: ago(18), labels: { app: 'web' } },
      spec: { nodeName: 'node01', containers: [{ name: 'nginx', image: 'nginx' }] },
      status: { phase: 'Running', podIP: '10.244.2.5', containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, state: { running: { startedAt: ago(15) } } }] },
    },
    {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'db-0', namespace: 'kube-system', creationTimestamp: ago(252), labels: { app: 'db' } },
      spec: { nodeName: 'node02', containers: [{ name: 'db', image: 'postgres' }] },
      status: {
        phase: 'Running', podIP: '10.244.1.7',
        containerStatuses: [{ name: 'db', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(32) } } }],
      },
    },
  ];
  const node = (name: string, ip: string, version: string, extra: Record<string, unknown>, labels: Record<string, string>) => ({
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, creationTimestamp: ago(12 * 86400), labels },
    spec: extra,
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      addresses: [{ type: 'InternalIP', address: ip }],
      nodeInfo: { kubeletVersion: version, osImage: 'Ubuntu 22.04.4 LTS', kernelVersion: '5.15.0-113-generic', containerRuntimeVersion: 'containerd://1.7.13' },
    },
  });
  const nodes = [
    node('controlplane', '172.30.1.2', 'v1.32.1', {}, { 'node-role.kubernetes.io/control-plane': '' }),
    node('node01', '172.30.2.2', 'v1.31.6', { unschedulable: true }, {}),
  ];
  // One event recorded through events.k8s.io (the scheduler's: no source, no first/last timestamp,
  // no count) and one through core/v1 by a kubelet, seen 14 times.
  const events = [
    {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: 'web-5c8bfcc47c-7wxl6.1826e5f1a2b3c4d5', namespace: 'default', creationTimestamp: ago(18) },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web-5c8bfcc47c-7wxl6', namespace: 'default' },
      action: 'Binding', reason: 'Scheduled', message: 'Successfully assigned default/web-5c8bfcc47c-7wxl6 to node01', type: 'Normal',
      source: {}, firstTimestamp: null, lastTimestamp: null, eventTime: new Date(now - 18_000).toISOString().replace(/Z$/, '000Z'),
      reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-controlplane',
    },
    {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: 'db-0.1826e5f0a1b2c3d4', namespace: 'kube-system', creationTimestamp: ago(252) },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'db-0', namespace: 'kube-system', fieldPath: 'spec.containers{db}' },
      reason: 'BackOff', message: 'Back-off restarting failed container db in pod db-0_kube-system(8f2e1c4a-0b1d-4c5e-9f3a-2d6b7c8e9f01)', type: 'Warning',
      source: { component: 'kubelet', host: 'node02' }, firstTimestamp: ago(252), lastTimestamp: ago(32), count: 14, eventTime: null,
      reportingComponent: 'kubelet', reportingInstance: 'node02',
    },
  ];
  const doc = stubDiscovery();
  return {
    request: <T>(req: ApiRequest): ApiResponse<T> => answer(req) as ApiResponse<T>,
    watch: () => notFound,
    discovery: () => doc,
  };
  function answer(req: ApiRequest): ApiResponse {
    {
      if (req.verb === 'list' && req.resource === 'pods') return { code: 200, body: { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: req.namespace === 'empty' ? [] : pods } };
      if (req.verb === 'list' && req.resource === 'events' && !req.group) return { code: 200, body: { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: events } };
      if (req.verb === 'list' && req.resource === 'nodes') return { code: 200, body: { kind: 'NodeList', apiVersion: 'v1', metadata: {}, items: nodes } };
      return { code: 404, body: notFound };
    }
  }
}
