import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import { fitErrorMessage } from '../../../src/sim/scheduler/scheduler';
import { deployment, events, list, simpleCluster } from '../cluster/helpers';

const pod = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } });

const lastFailure = (admin: ReturnType<typeof simpleCluster>['admin'], name: string) =>
  events(admin, 'default', name).filter((e) => e.reason === 'FailedScheduling').pop()?.message;

describe('the scheduler', () => {
  it('explains insufficient memory and the control-plane taint as v1.33 does', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', pod('big', { containers: [{ name: 'c', image: 'nginx', resources: { requests: { memory: '10Gi' } } }] }));
    cluster.advance(1_000);
    expect(lastFailure(admin, 'big')).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    const p = admin.get(gvr('pods'), 'default', 'big').body as { status: { phase: string; conditions: { type: string; status: string; reason: string }[] } };
    expect(p.status.phase).toBe('Pending');
    expect(p.status.conditions[0]).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' });
  });

  it('retries an unschedulable pod when a node gains the label it selects', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', pod('ssd', { nodeSelector: { disk: 'ssd' } }));
    cluster.advance(1_000);
    expect(lastFailure(admin, 'ssd')).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    admin.patch(gvr('nodes'), undefined, 'cka03', { metadata: { labels: { disk: 'ssd' } } });
    cluster.advance(15_000);
    const p = admin.get(gvr('pods'), 'default', 'ssd').body as { spec: { nodeName: string }; status: { phase: string } };
    expect(p.spec.nodeName).toBe('cka03');
    expect(p.status.phase).toBe('Running');
  });

  it('tolerations and nodeName: a pod with nodeName bypasses the scheduler', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', pod('pinned', { nodeName: 'cka01' }));
    admin.create(gvr('pods'), 'default', pod('tolerant', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }], nodeSelector: { 'kubernetes.io/hostname': 'cka01' } }));
    cluster.advance(10_000);
    expect(events(admin, 'default', 'pinned').some((e) => e.reason === 'Scheduled')).toBe(false);
    for (const n of ['pinned', 'tolerant']) expect((admin.get(gvr('pods'), 'default', n).body as { status: { phase: string } }).status.phase).toBe('Running');
  });

  it('spreads the replicas of a Deployment over the workers', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 4));
    cluster.advance(20_000);
    const nodes = list(admin, 'pods', 'default').map((p) => (p.spec as { nodeName: string }).nodeName).sort();
    expect(nodes).toEqual(['cka02', 'cka02', 'cka03', 'cka03']);
  });

  it('refuses a second pod on the same hostPort', () => {
    const { cluster, admin } = simpleCluster();
    const withPort = (name: string) => pod(name, { nodeSelector: { 'kubernetes.io/hostname': 'cka02' }, containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] });
    admin.create(gvr('pods'), 'default', withPort('a'));
    cluster.advance(1_000);
    admin.create(gvr('pods'), 'default', withPort('b'));
    cluster.advance(1_000);
    expect(lastFailure(admin, 'b')).toBe(
      "0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it('formats a histogram sorted like FitError', () => {
    expect(fitErrorMessage(2, [{ reasons: ['Insufficient cpu', 'Insufficient memory'], unresolvable: false }, { reasons: ['Insufficient cpu'], unresolvable: false }])).toBe(
      '0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
  });
});

describe('inter-pod affinity', () => {
  it('required anti-affinity keeps replicas on different nodes, and a third has nowhere to go', () => {
    const { cluster, admin } = simpleCluster();
    const d = deployment('spread', 'nginx', 3);
    (d.spec as any).template.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'spread' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    admin.create(gvr('deployments'), 'default', d);
    cluster.advance(20_000);
    const pods = list(admin, 'pods', 'default');
    const placed = pods.filter((p) => (p.spec as { nodeName?: string }).nodeName).map((p) => (p.spec as { nodeName: string }).nodeName).sort();
    expect(placed).toEqual(['cka02', 'cka03']);
    const pending = pods.find((p) => !(p.spec as { nodeName?: string }).nodeName)!;
    expect(lastFailure(admin, pending.metadata!.name!)).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
  });
});
