import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { gvr, type ApiClient, type KubeObject } from '../../../src/sim/apiserver';
import { installLocalPathProvisioner, localPathStorageManifest } from '../../../src/sim/addons/local-path-storage';
import { events, list, simpleCluster } from '../cluster/helpers';

const claim: KubeObject = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '128Mi' } } },
};
const user: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'user' },
  spec: {
    containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'], volumeMounts: [{ name: 'd', mountPath: '/data' }] }],
    volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }],
  },
};
type Claim = KubeObject & { spec: { volumeName?: string }; status: { phase: string } };
const getClaim = (admin: ApiClient) => admin.get(gvr('persistentvolumeclaims'), 'default', 'data').body as Claim;
const getPod = (admin: ApiClient) => admin.get(gvr('pods'), 'default', 'user').body as KubeObject & { spec: { nodeName?: string }; status: { phase: string } };

describe('local-path-storage manifest', () => {
  it('is the v0.0.31 release manifest: namespace, RBAC, Deployment, StorageClass, ConfigMap', () => {
    const docs = parseAllDocuments(localPathStorageManifest()).map((d) => d.toJS() as KubeObject);
    expect(docs.map((d) => `${d.kind}/${d.metadata!.name}`)).toEqual([
      'Namespace/local-path-storage',
      'ServiceAccount/local-path-provisioner-service-account',
      'Role/local-path-provisioner-role',
      'ClusterRole/local-path-provisioner-role',
      'RoleBinding/local-path-provisioner-bind',
      'ClusterRoleBinding/local-path-provisioner-bind',
      'Deployment/local-path-provisioner',
      'StorageClass/local-path',
      'ConfigMap/local-path-config',
    ]);
    const sc = docs.find((d) => d.kind === 'StorageClass')!;
    expect(sc).toMatchObject({ provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Delete' });
    expect(JSON.stringify(docs.find((d) => d.kind === 'Deployment'))).toContain('rancher/local-path-provisioner:v0.0.31');
  });
});

describe('local-path dynamic provisioning', () => {
  it('waits for the first consumer, provisions pvc-<uid> on the pod\'s node, binds, runs; Delete removes the volume', () => {
    const { cluster, admin } = simpleCluster();
    expect(installLocalPathProvisioner(admin)).toBe(9);
    cluster.advance(60_000);
    const provisioner = list(admin, 'pods', 'local-path-storage');
    expect(provisioner.map((p) => (p.status as { phase: string }).phase)).toEqual(['Running']);

    admin.create(gvr('persistentvolumeclaims'), 'default', claim);
    cluster.advance(5_000);
    expect(getClaim(admin).status.phase).toBe('Pending');
    expect(events(admin, 'default', 'data')).toContainEqual({ type: 'Normal', reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding', source: 'persistentvolume-controller' });
    expect(list(admin, 'persistentvolumes')).toHaveLength(0);

    admin.create(gvr('pods'), 'default', user);
    cluster.advance(30_000);
    const bound = getClaim(admin);
    const uid = bound.metadata!.uid!;
    expect(bound.status.phase).toBe('Bound');
    expect(bound.spec.volumeName).toBe(`pvc-${uid}`);
    const pod = getPod(admin);
    expect(pod.status.phase).toBe('Running');
    const node = pod.spec.nodeName!;
    expect(bound.metadata!.annotations).toMatchObject({ 'volume.kubernetes.io/selected-node': node, 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path' });
    const pv = admin.get(gvr('persistentvolumes'), undefined, `pvc-${uid}`).body as KubeObject;
    // The provisioner pre-binds its volume, so the controller adds no bound-by-controller (GetBindVolumeToClaim);
    // a real local-path PV shows only these two annotations (find_string "Annotations:       local.path.provisioner/selected", id 8907443260).
    expect(pv.metadata!.annotations).toEqual({ 'local.path.provisioner/selected-node': node, 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' });
    expect(pv.spec).toMatchObject({
      hostPath: { path: `/opt/local-path-provisioner/pvc-${uid}_default_data`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'local-path',
      capacity: { storage: '128Mi' },
    });
    const reasons = events(admin, 'default', 'data').map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']));
    const succeeded = events(admin, 'default', 'data').find((e) => e.reason === 'ProvisioningSucceeded')!;
    expect(succeeded.message).toBe(`Successfully provisioned volume pvc-${uid}`);
    expect(succeeded.source).toMatch(new RegExp(`^rancher\\.io/local-path_${provisioner[0].metadata!.name}_[0-9a-f-]{36}$`));

    admin.delete(gvr('pods'), 'default', 'user');
    cluster.advance(60_000);
    admin.delete(gvr('persistentvolumeclaims'), 'default', 'data');
    cluster.advance(10_000);
    expect(list(admin, 'persistentvolumes')).toHaveLength(0);
  });

  it('without the provisioner running the claim stays Pending with ExternalProvisioning, and the pod waits', () => {
    const { cluster, admin } = simpleCluster();
    admin.create(gvr('storageclasses'), undefined, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local-path' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Delete' });
    admin.create(gvr('persistentvolumeclaims'), 'default', claim);
    admin.create(gvr('pods'), 'default', user);
    cluster.advance(60_000);
    expect(getClaim(admin).status.phase).toBe('Pending');
    expect(getPod(admin).spec.nodeName).toBeUndefined();
    expect(events(admin, 'default', 'data').find((e) => e.reason === 'ExternalProvisioning')?.message).toBe(
      "Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(list(admin, 'persistentvolumes')).toHaveLength(0);
  });

  it('in the real order and timing: ExternalProvisioning (x2), Provisioning, the helper pod\'s 3 s, ProvisioningSucceeded, then the pod is bound at PreBind\'s next 1 s poll', () => {
    // Real local-path: "ExternalProvisioning 5s (x2 over 5s) … Provisioning 5s … ProvisioningSucceeded 2s" (find_string id 71565125622);
    // the provisioner acts once the PV controller annotated the claim for it (sig-storage-lib-external-provisioner shouldProvision),
    // and VolumeBinding's PreBind polls its claims every second.
    const { cluster, admin } = simpleCluster();
    installLocalPathProvisioner(admin);
    cluster.advance(60_000);
    admin.create(gvr('persistentvolumeclaims'), 'default', claim);
    cluster.advance(5_000);
    admin.create(gvr('pods'), 'default', user);
    const created = Date.parse(getPod(admin).metadata!.creationTimestamp!);
    cluster.advance(10_000);
    type Ev = { reason: string; count?: number; firstTimestamp?: string; eventTime?: string; involvedObject: { name: string } };
    const at = (e: Ev) => Date.parse(String(e.firstTimestamp ?? e.eventTime));
    const evs = list(admin, 'events', 'default') as unknown as Ev[];
    const of = (name: string, reason: string) => evs.find((e) => e.involvedObject.name === name && e.reason === reason)!;
    expect(of('data', 'ExternalProvisioning').count).toBe(2);
    expect(at(of('data', 'ExternalProvisioning'))).toBe(created);
    expect(at(of('data', 'Provisioning'))).toBe(created);
    expect(at(of('data', 'ProvisioningSucceeded'))).toBe(created + 3_000);
    expect(at(of('user', 'Scheduled'))).toBe(created + 3_000);
  });
});
