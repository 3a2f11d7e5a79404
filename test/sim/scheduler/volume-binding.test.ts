/**
 * The scheduler's VolumeBinding plugin over WaitForFirstConsumer claims and volumes with node
 * affinity, as kube-scheduler v1.33 reports it (pkg/scheduler/framework/plugins/volumebinding:
 * binder.go FindPodVolumes' ConflictReasons, volume_binding.go PreFilter/Filter/PreBind), and the
 * persistent-volume controller leaving such claims to the scheduler (FindMatchingVolume:
 * "PV controller does not bind this claim. Scheduler will handle binding unbound volumes").
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

type World = ReturnType<typeof bootWorld>;

async function sh(world: World, script: string): Promise<string> {
  const r = await runScript(world, 'cka01', script);
  expect(r.stderr).toBe('');
  return r.stdout;
}

const apply = (world: World, yaml: string) => sh(world, `kubectl apply -f - <<'EOF' >/dev/null\n${yaml}\nEOF`);

const LOCAL_CLASS = 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: local-storage}\nprovisioner: kubernetes.io/no-provisioner\nvolumeBindingMode: WaitForFirstConsumer';
const localVolume = (node: string) =>
  `apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: local-pv}\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  storageClassName: local-storage\n  local: {path: /mnt/disks/vol1}\n  nodeAffinity:\n    required:\n      nodeSelectorTerms:\n      - matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [${node}]}]`;
const CLAIM = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: local-claim}\nspec:\n  storageClassName: local-storage\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 500Mi}}';
const pod = (name: string, claims: string[], extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n${extra}  containers: [{name: c, image: nginx}]\n  volumes:\n${claims.map((c, i) => `  - {name: v${i}, persistentVolumeClaim: {claimName: ${c}}}`).join('\n')}`;

const failedScheduling = (world: World, name: string) =>
  sh(world, `kubectl get events --field-selector involvedObject.name=${name},reason=FailedScheduling -o jsonpath='{.items[-1:].message}'`);

describe('VolumeBinding with WaitForFirstConsumer', () => {
  it('no volume and a class that cannot provision: the pod stays Pending, didn\'t find available persistent volumes to bind', async () => {
    // Real: "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't find
    // available persistent volumes to bind. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling." (find_string id 41549368016)
    const world = bootWorld('cluster');
    await apply(world, [LOCAL_CLASS, CLAIM, pod('app', ['local-claim'])].join('\n---\n'));
    await sh(world, 'sleep 10');
    expect(await sh(world, "kubectl get pod app -o jsonpath='{.status.phase} {.spec.nodeName}'")).toBe('Pending ');
    expect(await failedScheduling(world, 'app')).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't find available persistent volumes to bind. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('a local volume pinned to cka03: the claim waits for its first consumer, the scheduler picks cka03 and binds the volume there', async () => {
    const world = bootWorld('cluster');
    await apply(world, [LOCAL_CLASS, localVolume('cka03'), CLAIM].join('\n---\n'));
    await sh(world, 'sleep 20');
    expect(await sh(world, "kubectl get pv local-pv -o jsonpath='{.status.phase}'; kubectl get pvc local-claim -o jsonpath=' {.status.phase}'")).toBe('Available Pending');
    await apply(world, pod('app', ['local-claim']));
    await sh(world, 'sleep 5');
    expect(await sh(world, "kubectl get pod app -o jsonpath='{.spec.nodeName}'")).toBe('cka03');
    expect(await sh(world, "kubectl get pvc local-claim -o jsonpath='{.status.phase} {.spec.volumeName}'")).toBe('Bound local-pv');
    // bindAPIUpdate: the scheduler writes the claimRef with bound-by-controller, as the controller does.
    expect(await sh(world, "kubectl get pv local-pv -o jsonpath='{.status.phase} {.spec.claimRef.name} {.metadata.annotations.pv\\.kubernetes\\.io/bound-by-controller}'")).toBe('Bound local-claim yes');
  });

  it('a bound volume pinned to another node than the pod selects: node(s) had volume node affinity conflict', async () => {
    const world = bootWorld('cluster');
    await apply(world, [LOCAL_CLASS, localVolume('cka03'), CLAIM, pod('first', ['local-claim'])].join('\n---\n'));
    await sh(world, 'sleep 5; kubectl delete pod first --now >/dev/null');
    await apply(world, pod('second', ['local-claim'], '  nodeSelector: {kubernetes.io/hostname: cka02}\n'));
    await sh(world, 'sleep 5');
    expect(await failedScheduling(world, 'second')).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('PreFilter looks at every claim before the unbound immediate ones: a missing claim is named first', async () => {
    // podHasPVCs runs over all volumes before GetPodVolumeClaims sorts them (volume_binding.go PreFilter).
    const world = bootWorld('cluster');
    await apply(world, ['apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: unbound}\nspec:\n  storageClassName: ""\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}', pod('app', ['unbound', 'missing'])].join('\n---\n'));
    await sh(world, 'sleep 2');
    expect(await failedScheduling(world, 'app')).toBe('0/3 nodes are available: persistentvolumeclaim "missing" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });

  it('a volume created later for a waiting pod: the pod is retried and scheduled without waiting for the periodic flush', async () => {
    const world = bootWorld('cluster');
    await apply(world, [LOCAL_CLASS, CLAIM, pod('app', ['local-claim'])].join('\n---\n'));
    await sh(world, 'sleep 10');
    await apply(world, localVolume('cka02'));
    await sh(world, 'sleep 15');
    expect(await sh(world, "kubectl get pod app -o jsonpath='{.spec.nodeName}'; kubectl get pvc local-claim -o jsonpath=' {.status.phase}'")).toBe('cka02 Bound');
  });
});
