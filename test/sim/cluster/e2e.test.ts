import { describe, expect, it } from 'vitest';
import { gvr } from '../../../src/sim/apiserver';
import { deployment, events, list, simpleCluster } from './helpers';

describe('a Deployment end to end', () => {
  it('runs 3 nginx pods on the workers, with the events of every component', () => {
    const { cluster, admin } = simpleCluster();
    const nodes = list(admin, 'nodes');
    expect(nodes.map((n) => n.metadata!.name)).toEqual(['cka01', 'cka02', 'cka03']);
    expect(events(admin, 'default', 'cka02').map((e) => `${e.reason} ${e.source}: ${e.message}`)).toEqual([
      'Starting kubelet: Starting kubelet.',
      'NodeHasSufficientMemory kubelet: Node cka02 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure kubelet: Node cka02 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID kubelet: Node cka02 status is now: NodeHasSufficientPID',
      'NodeAllocatableEnforced kubelet: Updated Node Allocatable limit across pods',
      'RegisteredNode node-controller: Node cka02 event: Registered Node cka02 in Controller',
    ]);
    const r = admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 3));
    expect(r.code).toBe(201);
    cluster.advance(30_000);
    const pods = list(admin, 'pods', 'default');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata!.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect((p.spec as { nodeName: string }).nodeName).not.toBe('cka01');
      const st = p.status as { phase: string; podIP: string; containerStatuses: { ready: boolean; state: { running?: unknown } }[] };
      expect(st.phase).toBe('Running');
      expect(st.podIP).toMatch(/^10\.244\.[12]\.\d+$/);
      expect(st.containerStatuses[0].ready).toBe(true);
      expect(st.containerStatuses[0].state.running).toBeDefined();
    }
    const d = admin.get(gvr('deployments'), 'default', 'web').body as { status: Record<string, unknown>; metadata: { annotations: Record<string, string> } };
    expect(d.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 });
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    const rsName = list(admin, 'replicasets', 'default')[0].metadata!.name!;
    const dEvents = events(admin, 'default', 'web');
    expect(dEvents).toContainEqual({ reason: 'ScalingReplicaSet', message: `Scaled up replica set ${rsName} from 0 to 3`, type: 'Normal', source: 'deployment-controller' });
    const podName = pods[0].metadata!.name!;
    const pEvents = events(admin, 'default', podName).map((e) => `${e.type} ${e.reason} ${e.source}: ${e.message}`);
    expect(pEvents[0]).toBe(`Normal Scheduled default-scheduler: Successfully assigned default/${podName} to ${(pods[0].spec as { nodeName: string }).nodeName}`);
    // The scheduler records through events.k8s.io/v1: read as core/v1 it has no source and no first/last timestamps.
    const scheduled = list(admin, 'events', 'default').find((e) => e.reason === 'Scheduled' && (e.involvedObject as { name: string }).name === podName)!;
    expect(scheduled).toMatchObject({ action: 'Binding', source: {}, firstTimestamp: null, lastTimestamp: null, reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-cka01' });
    expect(scheduled.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(scheduled).not.toHaveProperty('count');
    expect(pEvents).toContain('Normal Pulling kubelet: Pulling image "nginx"');
    expect(pEvents.some((e) => /^Normal Pulled kubelet: Successfully pulled image "nginx" in \d/.test(e))).toBe(true);
    expect(pEvents).toContain('Normal Created kubelet: Created container: nginx');
    expect(pEvents).toContain('Normal Started kubelet: Started container nginx');
  });
});
