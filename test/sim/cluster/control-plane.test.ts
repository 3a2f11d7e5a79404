import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/sim/create-world';
import { clusterOf } from '../../../src/sim/cluster/attach';
import { ApiClient, gvr, type KubeObject } from '../../../src/sim/apiserver';
import { events } from './helpers';

const MANIFESTS = '/etc/kubernetes/manifests';
const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

describe('the static-pod control plane', () => {
  const world = createWorld('cluster', { seed: 11 });
  const cluster = clusterOf(world)!;
  const cka01 = world.machines.get('cka01')!;
  const admin = new ApiClient(cluster.apiServer);

  it('without the scheduler manifest, new pods stay Pending with no scheduling events', () => {
    cka01.rootFs.rename(`${MANIFESTS}/kube-scheduler.yaml`, '/root/kube-scheduler.yaml');
    world.clock.advance(25_000);
    expect(cluster.scheduler.isRunning).toBe(false);
    expect(admin.get(gvr('pods'), 'kube-system', 'kube-scheduler-cka01').code).toBe(404);
    admin.create(gvr('pods'), 'default', pod('waiting'));
    world.clock.advance(30_000);
    const p = admin.get(gvr('pods'), 'default', 'waiting').body as { spec: { nodeName?: string }; status: { phase: string } };
    expect(p.status.phase).toBe('Pending');
    expect(p.spec.nodeName).toBeUndefined();
    expect(events(admin, 'default', 'waiting')).toEqual([]);
    cka01.rootFs.rename('/root/kube-scheduler.yaml', `${MANIFESTS}/kube-scheduler.yaml`);
    world.clock.advance(25_000);
    expect(cluster.scheduler.isRunning).toBe(true);
    expect((admin.get(gvr('pods'), 'default', 'waiting').body as { status: { phase: string } }).status.phase).toBe('Running');
    expect(admin.get(gvr('pods'), 'kube-system', 'kube-scheduler-cka01').code).toBe(200);
  });

  it('without the API server manifest, clients are refused; with it back, the cluster answers again', () => {
    cka01.rootFs.rename(`${MANIFESTS}/kube-apiserver.yaml`, '/root/kube-apiserver.yaml');
    world.clock.advance(25_000);
    expect(cluster.apiReachable()).toBe(false);
    expect(cluster.connect('https://192.168.6.171:6443', 'cka01')).toBeNull();
    expect(cluster.controllerManager.isRunning).toBe(false);
    cka01.rootFs.rename('/root/kube-apiserver.yaml', `${MANIFESTS}/kube-apiserver.yaml`);
    world.clock.advance(25_000);
    expect(cluster.connect('https://192.168.6.171:6443', 'cka01')).not.toBeNull();
    expect(cluster.controllerManager.isRunning).toBe(true);
  });

  it('a manifest with a broken image leaves the component down', () => {
    const path = `${MANIFESTS}/kube-controller-manager.yaml`;
    const good = cka01.rootFs.readFile(path);
    cka01.rootFs.writeFile(path, good.replace(/image: registry.k8s.io\/kube-controller-manager:v[\d.]+/, 'image: registry.k8s.io/kube-controller-manager:v1.33.99'));
    world.clock.advance(40_000);
    expect(cluster.controllerManager.isRunning).toBe(false);
    const mirror = admin.get(gvr('pods'), 'kube-system', 'kube-controller-manager-cka01').body as { status: { containerStatuses: { state: { waiting?: { reason: string } } }[] } };
    expect(['ErrImagePull', 'ImagePullBackOff']).toContain(mirror.status.containerStatuses[0].state.waiting?.reason);
    cka01.rootFs.writeFile(path, good);
    world.clock.advance(40_000);
    expect(cluster.controllerManager.isRunning).toBe(true);
  });
});
