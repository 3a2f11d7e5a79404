import { describe, expect, it } from 'vitest';
import { gvr } from '../../../src/sim/apiserver';
import { deployment, events, list, simpleCluster } from './helpers';

const ready = (n: object) => (((n as { status?: unknown }).status as { conditions: { type: string; status: string; reason: string; message: string }[] }).conditions.find((c) => c.type === 'Ready'))!;

describe('a stopped kubelet', () => {
  it('makes its node Unknown after the grace period, taints it, and evicts its pods after 300 s', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 4));
    cluster.advance(30_000);
    const before = list(admin, 'pods', 'default');
    const onCka02 = before.filter((p) => (p.spec as { nodeName: string }).nodeName === 'cka02').map((p) => p.metadata!.name);
    expect(onCka02.length).toBeGreaterThan(0);

    cluster.kubelets.get('cka02')!.stop();
    cluster.advance(40_000);
    expect(ready(admin.get(gvr('nodes'), undefined, 'cka02').body as object).status).toBe('True');
    cluster.advance(15_000);
    const node = admin.get(gvr('nodes'), undefined, 'cka02').body as { spec: { taints: { key: string; effect: string }[] } };
    expect(ready(node)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(node.spec.taints.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(events(admin, 'default', 'cka02').map((e) => e.message)).toContain('Node cka02 status is now: NodeNotReady');

    // Pods tolerate unreachable for 300 s (DefaultTolerationSeconds), then are marked for deletion.
    cluster.advance(240_000);
    expect(list(admin, 'pods', 'default').filter((p) => p.metadata!.deletionTimestamp)).toHaveLength(0);
    cluster.advance(70_000);
    const after = list(admin, 'pods', 'default');
    const terminating = after.filter((p) => p.metadata!.deletionTimestamp).map((p) => p.metadata!.name);
    expect(terminating.sort()).toEqual([...onCka02].sort());
    const running = after.filter((p) => !p.metadata!.deletionTimestamp);
    expect(running).toHaveLength(4);
    expect(running.every((p) => (p.spec as { nodeName: string }).nodeName === 'cka03')).toBe(true);
    expect(events(admin, 'default', onCka02[0]!).map((e) => e.reason)).toContain('TaintManagerEviction');
  });

  it('starting it again makes the node Ready and removes the taints', () => {
    const { cluster, admin } = simpleCluster();
    cluster.kubelets.get('cka03')!.stop();
    cluster.advance(60_000);
    expect(ready(admin.get(gvr('nodes'), undefined, 'cka03').body as object).status).toBe('Unknown');
    cluster.kubelets.get('cka03')!.start();
    cluster.advance(11_000);
    const node = admin.get(gvr('nodes'), undefined, 'cka03').body as { spec: { taints?: unknown[] } };
    expect(ready(node).status).toBe('True');
    expect(node.spec.taints).toBeUndefined();
  });
});
