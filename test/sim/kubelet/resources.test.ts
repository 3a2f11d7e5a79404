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
