/**
 * The kubelet's FailedMount for volumes that come from claims, as a v1.33 kubelet reports them:
 * a claim not Bound (desired_state_of_world_populator.go getPVCExtractPV; real: "Warning  FailedMount  76s (x47 over 11m)
 * kubelet  Unable to attach or mount volumes: unmounted volumes=[my-volume], unattached volumes=[], failed to process
 * volumes=[my-volume]: error processing PVC default/pvc-1: PVC is not bound", find_string id 5370877076) and a local
 * volume whose path is missing on the node (local plugin NewMounter; real: "MountVolume.NewMounter initialization failed
 * for volume \"blue-pv-cka\" : path \"/opt/blue-data-cka\" does not exist", find_string id 45290655454).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

type World = ReturnType<typeof bootWorld>;

const apply = (world: World, yaml: string) => runScript(world, 'cka01', `kubectl apply -f - <<'EOF' >/dev/null\n${yaml}\nEOF`);
const mountFailures = async (world: World, pod: string) =>
  (await runScript(world, 'cka01', `kubectl get events --field-selector involvedObject.name=${pod},reason=FailedMount -o jsonpath='{range .items[*]}{.message}{"\\n"}{end}'`)).stdout;

describe('volumes from claims on the kubelet', () => {
  it('a pod placed by nodeName with a claim that is not bound waits with the populator\'s error', async () => {
    const world = bootWorld('cluster');
    await apply(
      world,
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: pvc-1}\nspec:\n  storageClassName: ""\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n---\n' +
        'apiVersion: v1\nkind: Pod\nmetadata: {name: direct}\nspec:\n  nodeName: cka02\n  containers: [{name: c, image: nginx}]\n  volumes: [{name: my-volume, persistentVolumeClaim: {claimName: pvc-1}}]',
    );
    await runScript(world, 'cka01', 'sleep 10');
    expect(await mountFailures(world, 'direct')).toBe(
      'Unable to attach or mount volumes: unmounted volumes=[my-volume], unattached volumes=[], failed to process volumes=[my-volume]: error processing PVC default/pvc-1: PVC is not bound\n',
    );
    expect((await runScript(world, 'cka01', "kubectl get pod direct -o jsonpath='{.status.phase}'")).stdout).toBe('Pending');
  });

  it('a local volume whose directory is missing on its node: NewMounter fails until the directory is made', async () => {
    const world = bootWorld('cluster');
    await apply(
      world,
      'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: local-pv}\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  storageClassName: ""\n  local: {path: /mnt/disks/vol1}\n' +
        '  nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [cka03]}]}]}}\n---\n' +
        'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  storageClassName: ""\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n---\n' +
        'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers: [{name: c, image: nginx}]\n  volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]',
    );
    await runScript(world, 'cka01', 'sleep 10');
    expect(await mountFailures(world, 'app')).toBe('MountVolume.NewMounter initialization failed for volume "local-pv" : path "/mnt/disks/vol1" does not exist\n');
    await runScript(world, 'cka01', 'ssh cka03 mkdir -p /mnt/disks/vol1; sleep 70');
    expect((await runScript(world, 'cka01', "kubectl get pod app -o jsonpath='{.spec.nodeName} {.status.phase}'")).stdout).toBe('cka03 Running');
  });
});
