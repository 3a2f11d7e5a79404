import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import { simpleCluster } from '../cluster/helpers';

describe('resource limits', () => {
  it('a container over its memory limit is OOMKilled', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'memory-demo' },
      spec: { containers: [{ name: 'memory-demo-ctr', image: 'polinux/stress', resources: { limits: { memory: '100Mi' }, requests: { memory: '50Mi' } }, command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'] }] },
    });
    cluster.advance(8_000);
    const cs = ((admin.get(gvr('pods'), 'default', 'memory-demo').body as KubeObject).status as { containerStatuses: { lastState: { terminated?: { reason: string; exitCode: number } } }[] }).containerStatuses[0];
    expect(cs.lastState.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
  });
});

describe('kubelet admission', () => {
  it('rejects a pod bound by nodeName that asks for more CPU than the node has', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('pods'), 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'greedy' }, spec: { nodeName: 'cka02', containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '4' } } }] } });
    cluster.advance(2_000);
    const p = admin.get(gvr('pods'), 'default', 'greedy').body as { status: { phase: string; reason: string; message: string } };
    expect(p.status).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu', message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 4000, used: 0, capacity: 2000" });
  });
});
