/**
 * Tables around metrics: HPA TARGETS (printers.go formatHPAMetrics), APIService (kube-aggregator's
 * NAME/SERVICE/AVAILABLE/AGE) and metrics-server's NodeMetrics/PodMetrics tables (pkg/api/table.go).
 */
import { describe, expect, it } from 'vitest';
import { tableFor } from '../../src/kubectl/printers/columns';
import type { KubeObject } from '../../src/sim/apiserver/types';

const NOW = Date.parse('2026-01-15T08:10:00Z');
const hpa = (metrics: unknown[], currentMetrics: unknown[] | null): KubeObject => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-15T08:00:00Z' },
  spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, metrics },
  status: { currentReplicas: 2, desiredReplicas: 2, currentMetrics },
});
const cpu = (u: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: u } } });
const mem = (v: string) => ({ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: v } } });

describe('kubectl get hpa TARGETS', () => {
  const targets = (o: KubeObject) => tableFor('horizontalpodautoscalers').cells(o, NOW)[2];
  it('shows unknown until the controller measured', () => {
    expect(targets(hpa([cpu(50)], null))).toBe('cpu: <unknown>/50%');
    expect(targets(hpa([mem('100Mi')], null))).toBe('memory: <unknown>/100Mi');
  });
  it('matches statuses to metrics by index', () => {
    const cur = [
      { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 45, averageValue: '90m' } } },
      { type: 'Resource', resource: { name: 'memory', current: { averageValue: '3233792' } } },
    ];
    expect(targets(hpa([cpu(50), mem('100Mi')], cur))).toBe('cpu: 45%/50%, memory: 3233792/100Mi');
  });
  it('shows two metrics and counts the rest', () => {
    expect(targets(hpa([cpu(50), mem('1Gi'), cpu(70), mem('2Gi')], null))).toBe('cpu: <unknown>/50%, memory: <unknown>/1Gi + 2 more...');
  });
});

describe('kubectl get apiservices', () => {
  const row = (o: KubeObject) => tableFor('apiservices').cells(o, NOW);
  it('names the Service and the reason it is unavailable', () => {
    expect(tableFor('apiservices').columns.map((c) => c.name)).toEqual(['Name', 'Service', 'Available', 'Age']);
    expect(
      row({
        metadata: { name: 'v1beta1.metrics.k8s.io', creationTimestamp: '2026-01-15T08:08:00Z' },
        spec: { service: { namespace: 'kube-system', name: 'metrics-server' } },
        status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints' }] },
      }),
    ).toEqual(['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'False (MissingEndpoints)', '2m']);
    expect(row({ metadata: { name: 'v1.apps', creationTimestamp: '2026-01-15T08:00:00Z' }, spec: {}, status: { conditions: [{ type: 'Available', status: 'True', reason: 'Local' }] } })).toEqual([
      'v1.apps', 'Local', 'True', '10m',
    ]);
  });
});

describe('kubectl get podmetrics / nodemetrics', () => {
  it('uses metrics-server tables, distinct from pods and nodes', () => {
    const t = tableFor('pods', 'metrics.k8s.io');
    expect(t.columns.map((c) => c.name)).toEqual(['Name', 'CPU', 'Memory', 'Window']);
    expect(tableFor('pods').columns[0].name).toBe('Name');
    expect(tableFor('pods').columns.map((c) => c.name)).toContain('Status');
    const pm = { metadata: { name: 'p' }, window: '15s', containers: [{ name: 'a', usage: { cpu: '1500000n', memory: '1024Ki' } }, { name: 'b', usage: { cpu: '500000n', memory: '1Mi' } }] } as unknown as KubeObject;
    expect(t.cells(pm, NOW)).toEqual(['p', '2m', '2Mi', '15s']);
    const nm = { metadata: { name: 'cka01' }, window: '15s', usage: { cpu: '129787802n', memory: '1315384Ki' } } as unknown as KubeObject;
    expect(tableFor('nodes', 'metrics.k8s.io').cells(nm, NOW)).toEqual(['cka01', '129787802n', '1315384Ki', '15s']);
  });
});

describe('kubectl get hpa TARGETS for every metric type', () => {
  it('formats container, pods, object and external metrics', () => {
    const o = hpa(
      [
        { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } },
        { type: 'Pods', pods: { metric: { name: 'jobs' }, target: { type: 'AverageValue', averageValue: '10' } } },
      ],
      [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', current: { averageUtilization: 12, averageValue: '12m' } } }, { type: '' }],
    );
    expect(tableFor('horizontalpodautoscalers').cells(o, NOW)[2]).toBe('cpu: 12%/60%, <unknown>/10');
    const ext = hpa([{ type: 'External', external: { metric: { name: 'q' }, target: { type: 'AverageValue', averageValue: '30' } } }, { type: 'Object', object: { metric: { name: 'rps' }, target: { type: 'Value', value: '2k' } } }], null);
    expect(tableFor('horizontalpodautoscalers').cells(ext, NOW)[2]).toBe('<unknown>/30 (avg), <unknown>/2k');
  });
});
