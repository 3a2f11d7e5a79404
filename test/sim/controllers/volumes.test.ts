import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import { events, simpleCluster } from '../cluster/helpers';

const pv = (name: string, size: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name },
  spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/mnt/${name}` }, ...extra },
});
const pvc = (name: string, size: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, storageClassName: '', ...extra },
});
const phase = (o: KubeObject) => (o.status as { phase: string }).phase;

describe('persistent volume binding', () => {
  it('binds a claim to the smallest fitting volume and keeps bigger ones Available', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('persistentvolumes'), undefined, pv('big', '10Gi'));
    admin.create(gvr('persistentvolumes'), undefined, pv('small', '2Gi'));
    admin.create(gvr('persistentvolumes'), undefined, pv('tiny', '500Mi'));
    cluster.advance(1_000);
    admin.create(gvr('persistentvolumeclaims'), 'default', pvc('data', '1Gi'));
    cluster.advance(1_000);
    const claim = admin.get(gvr('persistentvolumeclaims'), 'default', 'data').body as KubeObject;
    expect(phase(claim)).toBe('Bound');
    expect((claim.spec as { volumeName: string }).volumeName).toBe('small');
    expect(claim.status).toMatchObject({ capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'] });
    expect(phase(admin.get(gvr('persistentvolumes'), undefined, 'small').body as KubeObject)).toBe('Bound');
    expect(phase(admin.get(gvr('persistentvolumes'), undefined, 'big').body as KubeObject)).toBe('Available');
  });

  it('leaves an unsatisfiable claim Pending with FailedBinding, then binds when a volume appears; a pod using it runs', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('persistentvolumeclaims'), 'default', pvc('data', '1Gi'));
    admin.create(gvr('pods'), 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'user' }, spec: { containers: [{ name: 'c', image: 'nginx', volumeMounts: [{ name: 'd', mountPath: '/data' }] }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } });
    cluster.advance(2_000);
    expect(events(admin, 'default', 'data').map((e) => e.message)).toContain('no persistent volumes available for this claim and no storage class is set');
    expect(phase(admin.get(gvr('pods'), 'default', 'user').body as KubeObject)).toBe('Pending');
    admin.create(gvr('persistentvolumes'), undefined, pv('vol', '1Gi'));
    cluster.advance(20_000);
    expect(phase(admin.get(gvr('persistentvolumeclaims'), 'default', 'data').body as KubeObject)).toBe('Bound');
    expect(phase(admin.get(gvr('pods'), 'default', 'user').body as KubeObject)).toBe('Running');
  });

  it('applies the reclaim policy when the claim is deleted: Retain → Released, Delete → deleted only where a plugin can delete', () => {
    // pv_controller.go reclaimVolume/deleteVolumeOperation; the hostPath deleter (pkg/volume/hostpath/host_path.go)
    // removes only /tmp/.+ paths. Real: "Warning  VolumeFailedDelete  10m  persistentvolume-controller  host_path deleter
    // only supports /tmp/.+ but received provided /kube" with the PV Failed (find_string id 31246347528).
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('persistentvolumes'), undefined, pv('keep', '1Gi'));
    admin.create(gvr('persistentvolumes'), undefined, pv('drop', '1Gi', { persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'x', hostPath: { path: '/tmp/drop' } }));
    admin.create(gvr('persistentvolumes'), undefined, pv('stuck', '1Gi', { persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'y' }));
    admin.create(gvr('persistentvolumes'), undefined, pv('local', '1Gi', { persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'z', hostPath: undefined, local: { path: '/mnt/disks/1' } }));
    admin.create(gvr('persistentvolumeclaims'), 'default', pvc('a', '1Gi'));
    admin.create(gvr('persistentvolumeclaims'), 'default', pvc('b', '1Gi', { storageClassName: 'x' }));
    admin.create(gvr('persistentvolumeclaims'), 'default', pvc('c', '1Gi', { storageClassName: 'y' }));
    admin.create(gvr('persistentvolumeclaims'), 'default', pvc('d', '1Gi', { storageClassName: 'z' }));
    cluster.advance(2_000);
    for (const name of ['a', 'b', 'c', 'd']) admin.delete(gvr('persistentvolumeclaims'), 'default', name);
    cluster.advance(2_000);
    expect(phase(admin.get(gvr('persistentvolumes'), undefined, 'keep').body as KubeObject)).toBe('Released');
    expect(admin.get(gvr('persistentvolumes'), undefined, 'drop').code).toBe(404);
    const stuck = admin.get(gvr('persistentvolumes'), undefined, 'stuck').body as KubeObject;
    expect(stuck.status).toMatchObject({ phase: 'Failed', message: 'host_path deleter only supports /tmp/.+ but received provided /mnt/stuck' });
    const local = admin.get(gvr('persistentvolumes'), undefined, 'local').body as KubeObject;
    expect(local.status).toMatchObject({ phase: 'Failed', message: 'error getting deleter volume plugin for volume "local": no deletable volume plugin matched' });
    cluster.advance(60_000); // retried at every periodic sync, reported once
    expect(events(admin, 'default', 'stuck')).toEqual([{ type: 'Warning', reason: 'VolumeFailedDelete', message: 'host_path deleter only supports /tmp/.+ but received provided /mnt/stuck', source: 'persistentvolume-controller' }]);
  });

  it('Recycle: a hostPath volume is scrubbed and Available again, a local volume cannot be recycled', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('persistentvolumes'), undefined, pv('scrub', '1Gi', { persistentVolumeReclaimPolicy: 'Recycle' }));
    admin.create(gvr('persistentvolumes'), undefined, pv('local', '1Gi', { persistentVolumeReclaimPolicy: 'Recycle', storageClassName: 'z', hostPath: undefined, local: { path: '/mnt/disks/1' } }));
    admin.create(gvr('persistentvolumeclaims'), 'default', pvc('a', '1Gi'));
    admin.create(gvr('persistentvolumeclaims'), 'default', pvc('d', '1Gi', { storageClassName: 'z' }));
    cluster.advance(2_000);
    for (const name of ['a', 'd']) admin.delete(gvr('persistentvolumeclaims'), 'default', name);
    cluster.advance(2_000);
    const scrub = admin.get(gvr('persistentvolumes'), undefined, 'scrub').body as KubeObject;
    expect(phase(scrub)).toBe('Available');
    expect((scrub.spec as { claimRef?: unknown }).claimRef).toBeUndefined();
    expect(events(admin, 'default', 'scrub').map((e) => e.reason)).toEqual(['RecyclerPod', 'VolumeRecycled']);
    expect((admin.get(gvr('persistentvolumes'), undefined, 'local').body as KubeObject).status).toMatchObject({ phase: 'Failed', message: 'No recycler plugin found for the volume!' });
  });
});
