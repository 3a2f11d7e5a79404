/**
 * The persistent-volume controller's events for claims that find no volume, as kube-controller-manager
 * v1.33 records them (pkg/controller/volume/persistentvolume/pv_controller.go, syncUnboundClaim,
 * provisionClaim, emitEventForUnboundDelayBindingClaim), repeated at every periodic sync
 * (--pvclaimbinder-sync-period=15s), so that describe shows "(x5 over 60s)" as on a real cluster.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

type World = ReturnType<typeof bootWorld>;

const claim = (name: string, cls?: string) =>
  ['apiVersion: v1', 'kind: PersistentVolumeClaim', `metadata: {name: ${name}}`, 'spec:', '  accessModes: [ReadWriteOnce]', '  resources: {requests: {storage: 1Gi}}', ...(cls === undefined ? [] : [`  storageClassName: "${cls}"`])].join('\n');

async function apply(world: World, ...docs: string[]): Promise<void> {
  const r = await runScript(world, 'cka01', `kubectl apply -f - <<'EOF'\n${docs.join('\n---\n')}\nEOF`);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

/** type, reason, count and message of the events about one object, oldest first. */
async function eventsOf(world: World, name: string): Promise<string[]> {
  const r = await runScript(world, 'cka01', `kubectl get events --field-selector involvedObject.name=${name} --sort-by=.firstTimestamp -o jsonpath='{range .items[*]}{.type} {.reason} x{.count} {.message}{"\\n"}{end}'`);
  return r.stdout.split('\n').filter(Boolean);
}

describe('persistent-volume controller events of a claim that finds no volume', () => {
  it('a class that does not exist: Warning ProvisioningFailed with the lister error, again every 15 s', async () => {
    // provisionClaim → findProvisionablePlugin → classLister.Get error (pv_controller.go, provisionClaim);
    // real: "Warning  ProvisioningFailed  storageclass.storage.k8s.io \"efs-sc\" not found" (find_string id 71513467816).
    const world = bootWorld('cluster');
    await apply(world, claim('fast-claim', 'fast'));
    await runScript(world, 'cka01', 'sleep 60');
    expect(await eventsOf(world, 'fast-claim')).toEqual(['Warning ProvisioningFailed x5 storageclass.storage.k8s.io "fast" not found']);
  });

  it('a kubernetes.io/no-provisioner class with Immediate binding: no volume plugin matched name', async () => {
    // FindProvisionablePluginByName fails and the name starts with kubernetes.io/; real:
    // "Warning  ProvisioningFailed  1s (x4 over 31s)  persistentvolume-controller  no volume plugin matched name: kubernetes.io/no-provisioner" (find_string id 61501340966).
    const world = bootWorld('cluster');
    await apply(world, 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: manual}\nprovisioner: kubernetes.io/no-provisioner', claim('manual-claim', 'manual'));
    await runScript(world, 'cka01', 'sleep 31');
    const events = await eventsOf(world, 'manual-claim');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatch(/^Warning ProvisioningFailed x[34] no volume plugin matched name: kubernetes\.io\/no-provisioner$/);
  });

  it('storageClassName "" and unset without a default class: Normal FailedBinding, no storage class is set', async () => {
    const world = bootWorld('cluster');
    await apply(world, claim('empty-class', ''), claim('no-class'));
    await runScript(world, 'cka01', 'sleep 60');
    expect(await eventsOf(world, 'empty-class')).toEqual(['Normal FailedBinding x5 no persistent volumes available for this claim and no storage class is set']);
    expect(await eventsOf(world, 'no-class')).toEqual(['Normal FailedBinding x5 no persistent volumes available for this claim and no storage class is set']);
  });

  it('a claim without a class gets the default class created after it (retroactive assignment); one with "" does not', async () => {
    // assignDefaultStorageClass runs at the next sync of the unbound claim.
    const world = bootWorld('cluster');
    await apply(world, claim('empty-class', ''), claim('no-class'));
    await apply(world, 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: standard\n  annotations: {storageclass.kubernetes.io/is-default-class: "true"}\nprovisioner: example.com/nfs');
    await runScript(world, 'cka01', 'sleep 16');
    const r = await runScript(world, 'cka01', "kubectl get pvc -o jsonpath='{range .items[*]}{.metadata.name}={.spec.storageClassName} {end}'");
    expect(r.stdout).toBe('empty-class= no-class=standard ');
    const events = await eventsOf(world, 'no-class');
    expect(events[0]).toMatch(/^Normal FailedBinding x\d+ no persistent volumes available for this claim and no storage class is set$/);
    expect(events[1]).toMatch(/^Normal ExternalProvisioning x\d+ Waiting for a volume to be created either by the external provisioner 'example\.com\/nfs' or manually by the system administrator\. If volume creation is delayed, please verify that the provisioner is running and correctly registered\.$/);
  });

  it('WaitForFirstConsumer until a pod uses the claim, then WaitForPodScheduled naming the pod while it is not scheduled', async () => {
    // emitEventForUnboundDelayBindingClaim: findNonScheduledPodsByPVC → "waiting for pod %s to be scheduled".
    const world = bootWorld('cluster');
    await apply(world, 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: local-storage}\nprovisioner: kubernetes.io/no-provisioner\nvolumeBindingMode: WaitForFirstConsumer', claim('local-claim', 'local-storage'));
    await runScript(world, 'cka01', 'sleep 30');
    expect(await eventsOf(world, 'local-claim')).toEqual([expect.stringMatching(/^Normal WaitForFirstConsumer x[23] waiting for first consumer to be created before binding$/)]);
    await apply(world, 'apiVersion: v1\nkind: Pod\nmetadata: {name: user}\nspec:\n  containers: [{name: c, image: nginx}]\n  volumes: [{name: d, persistentVolumeClaim: {claimName: local-claim}}]');
    await runScript(world, 'cka01', 'sleep 30');
    const events = await eventsOf(world, 'local-claim');
    expect(events[1]).toMatch(/^Normal WaitForPodScheduled x2 waiting for pod user to be scheduled$/);
  });

  it('a volume created after the claim is found at the next periodic sync, not at once', async () => {
    // The volume informer's handlers enqueue only the volume (pv_controller_base.go NewController); the claim is
    // synced again by the 15 s resync.
    const world = bootWorld('cluster');
    await apply(world, claim('late', ''));
    await runScript(world, 'cka01', 'sleep 1');
    await apply(world, 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv1}\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  hostPath: {path: /mnt/pv1}');
    const phase = async () => (await runScript(world, 'cka01', "kubectl get pvc late -o jsonpath='{.status.phase}'")).stdout;
    expect(await phase()).toBe('Pending');
    await runScript(world, 'cka01', 'sleep 15');
    expect(await phase()).toBe('Bound');
  });
});
