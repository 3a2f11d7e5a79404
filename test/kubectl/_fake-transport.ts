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
  const doc = stubDiscovery();
  return {
    request: <T>(req: ApiRequest): ApiResponse<T> => answer(req) as ApiResponse<T>,
    watch: () => notFound,
    discovery: () => doc,
  };
  function answer(req: ApiRequest): ApiResponse {
    {
      if (req.verb === 'list' && req.resource === 'pods') return { code: 200, body: { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: req.namespace === 'empty' ? [] : pods } };
      if (req.verb === 'list' && req.resource === 'nodes') return { code: 200, body: { kind: 'NodeList', apiVersion: 'v1', metadata: {}, items: nodes } };
      return { code: 404, body: notFound };
    }
  }
}
