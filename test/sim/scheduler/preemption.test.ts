import { describe, expect, it } from 'vitest';
import { gvr, type ApiClient, type KubeObject } from '../../../src/sim/apiserver';
import { histogram, pickCandidate, splitByBudget } from '../../../src/sim/scheduler/preemption';
import { events, list, simpleCluster } from '../cluster/helpers';

const priorityClass = (name: string, value: number, preemptionPolicy?: string): KubeObject => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  value,
  ...(preemptionPolicy ? { preemptionPolicy } : {}),
});
const cpuPod = (name: string, cls: string, cpu: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { priorityClassName: cls, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }] },
});
const get = (admin: ApiClient, name: string) => admin.get(gvr('pods'), 'default', name).body as KubeObject & { spec: { nodeName?: string }; status: { phase: string; nominatedNodeName?: string } };
const failures = (admin: ApiClient, name: string) => events(admin, 'default', name).filter((e) => e.reason === 'FailedScheduling').map((e) => e.message);

function fullCluster() {
  const env = simpleCluster();
  const { admin, cluster } = env;
  admin.create(gvr('priorityclasses'), undefined, priorityClass('low', 100));
  admin.create(gvr('priorityclasses'), undefined, priorityClass('high', 1000));
  admin.create(gvr('priorityclasses'), undefined, priorityClass('high-never', 1000, 'Never'));
  admin.create(gvr('pods'), 'default', cpuPod('low-a', 'low', '1200m', { app: 'a' }));
  admin.create(gvr('pods'), 'default', cpuPod('low-b', 'low', '1200m', { app: 'b' }));
  cluster.advance(20_000);
  return env;
}

describe('scheduler preemption', () => {
  it('a higher-priority pod preempts a lower one: Preempted event, nominatedNodeName, then it runs there', () => {
    const { admin, cluster } = fullCluster();
    const nodeOf = { 'low-a': get(admin, 'low-a').spec.nodeName, 'low-b': get(admin, 'low-b').spec.nodeName };
    expect(new Set(Object.values(nodeOf))).toEqual(new Set(['cka02', 'cka03']));
    admin.create(gvr('pods'), 'default', cpuPod('urgent', 'high', '1200m'));
    // Nominated at once; tried again when its victim is gone, after its 1 s back-off from the failed attempt.
    cluster.advance(500);
    const urgent = get(admin, 'urgent');
    const nominated = urgent.status.nominatedNodeName!;
    expect(['cka02', 'cka03']).toContain(nominated);
    expect(failures(admin, 'urgent')[0]).toBe('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.');
    const victim = (['low-a', 'low-b'] as const).find((n) => nodeOf[n] === nominated)!;
    const preempted = events(admin, 'default', victim).find((e) => e.reason === 'Preempted');
    expect(preempted).toEqual({ type: 'Normal', reason: 'Preempted', message: `Preempted by pod ${urgent.metadata!.uid} on node ${nominated}`, source: 'default-scheduler' });
    cluster.advance(60_000);
    expect(list(admin, 'pods', 'default').map((p) => p.metadata!.name).sort()).toEqual(['low-a', 'low-b', 'urgent'].filter((n) => n !== victim));
    const after = get(admin, 'urgent');
    expect(after.spec.nodeName).toBe(nominated);
    expect(after.status.phase).toBe('Running');
  });

  it('preemptionPolicy Never waits instead, with the real reason', () => {
    const { admin, cluster } = fullCluster();
    admin.create(gvr('pods'), 'default', cpuPod('polite', 'high-never', '1200m'));
    cluster.advance(1_000);
    expect(failures(admin, 'polite').pop()).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
    expect(list(admin, 'pods', 'default')).toHaveLength(3);
  });

  it('pods of equal priority are no victims', () => {
    const { admin, cluster } = fullCluster();
    admin.create(gvr('pods'), 'default', cpuPod('peer', 'low', '1200m'));
    cluster.advance(1_000);
    expect(failures(admin, 'peer').pop()).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('prefers the victim whose eviction violates no PodDisruptionBudget', () => {
    const { admin, cluster } = fullCluster();
    admin.create(gvr('poddisruptionbudgets'), 'default', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'keep-a' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'a' } } } });
    cluster.advance(5_000);
    const aNode = get(admin, 'low-a').spec.nodeName;
    admin.create(gvr('pods'), 'default', cpuPod('urgent', 'high', '1200m'));
    cluster.advance(60_000);
    expect(get(admin, 'urgent').spec.nodeName).toBe(aNode === 'cka02' ? 'cka03' : 'cka02');
    expect(get(admin, 'low-a').status.phase).toBe('Running');
  });
});

describe('preemption helpers', () => {
  const p = (name: string, priority: number, labels: Record<string, string> = {}): KubeObject => ({ metadata: { name, namespace: 'default', labels }, spec: { priority } });
  it('counts budget violations as the disruptions run out', () => {
    const pdb: KubeObject = { metadata: { name: 'b', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'x' } } }, status: { disruptionsAllowed: 1 } };
    const { violating, nonViolating } = splitByBudget([p('x1', 1, { app: 'x' }), p('x2', 1, { app: 'x' }), p('y', 1)], [pdb]);
    expect(violating.map((v) => v.metadata!.name)).toEqual(['x2']);
    expect(nonViolating.map((v) => v.metadata!.name)).toEqual(['x1', 'y']);
  });
  it('picks fewest violations, then lowest highest priority, then fewest victims', () => {
    const a = { node: 'a', victims: [p('1', 10)], violations: 1 };
    const b = { node: 'b', victims: [p('2', 50), p('3', 1)], violations: 0 };
    const c = { node: 'c', victims: [p('4', 20)], violations: 0 };
    expect(pickCandidate([a, b, c]).node).toBe('c');
    expect(histogram(['x', 'y', 'x'])).toBe('1 y, 2 x');
  });
});
