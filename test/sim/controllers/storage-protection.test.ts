/**
 * Storage object in-use protection as on a v1.33 cluster: the StorageObjectInUseProtection admission
 * plugin puts kubernetes.io/pvc-protection and kubernetes.io/pv-protection on new claims and volumes
 * (real describe: "Finalizers:    [kubernetes.io/pvc-protection]", find_string id 3243239184), the
 * pvc-protection controller keeps a deleted claim Terminating while a scheduled pod names it, even a
 * completed one (pvc_protection_controller.go podUsesPVC/podIsShutDown), and the pv-protection
 * controller keeps a deleted volume Terminating while it is Bound (pv_protection_controller.go isBeingUsed).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { volumeAndClaim } from './storage-yaml';

type World = ReturnType<typeof bootWorld>;

async function sh(world: World, script: string): Promise<string> {
  const r = await runScript(world, 'cka01', script);
  expect(r.stderr).toBe('');
  return r.stdout;
}

const STORAGE = `kubectl apply -f - <<'EOF' >/dev/null
${volumeAndClaim('')}
EOF`;

const POD = (name: string, command: string) => `kubectl apply -f - <<'EOF' >/dev/null
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  restartPolicy: Never
  containers: [{name: c, image: busybox, command: [sh, -c, '${command}'], volumeMounts: [{name: d, mountPath: /d}]}]
  volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]
EOF`;

const exists = async (world: World, what: string) => (await runScript(world, 'cka01', `kubectl get ${what} -o name`)).status === 0;

describe('storage object in-use protection', () => {
  it('new claims and volumes carry their protection finalizer', async () => {
    const world = bootWorld('cluster');
    await sh(world, STORAGE);
    expect(await sh(world, "kubectl get pvc data -o jsonpath='{.metadata.finalizers}'; kubectl get pv pv1 -o jsonpath=' {.metadata.finalizers}'")).toBe('["kubernetes.io/pvc-protection"] ["kubernetes.io/pv-protection"]');
  });

  it('a claim deleted while a pod uses it stays Terminating, also once the pod completed, and goes with the pod', async () => {
    const world = bootWorld('cluster');
    await sh(world, `${STORAGE}\nsleep 2\n${POD('user', 'sleep 20')}\nsleep 10`);
    expect(await sh(world, 'kubectl delete pvc data --wait=false')).toBe('persistentvolumeclaim "data" deleted\n');
    await sh(world, 'sleep 5');
    expect(await sh(world, "kubectl get pvc data -o jsonpath='{.status.phase} {.metadata.finalizers}'")).toBe('Bound ["kubernetes.io/pvc-protection"]');
    expect(await sh(world, "kubectl get pvc data -o jsonpath='{.metadata.deletionTimestamp}'")).not.toBe('');
    await sh(world, 'sleep 30');
    expect(await sh(world, "kubectl get pod user -o jsonpath='{.status.phase}'")).toBe('Succeeded');
    expect(await exists(world, 'pvc/data')).toBe(true);
    await sh(world, 'kubectl delete pod user >/dev/null; sleep 2');
    expect(await exists(world, 'pvc/data')).toBe(false);
    expect(await sh(world, "kubectl get pv pv1 -o jsonpath='{.status.phase}'")).toBe('Released');
  });

  it('a Bound volume deleted stays Terminating until its claim is gone', async () => {
    const world = bootWorld('cluster');
    await sh(world, `${STORAGE}\nsleep 2`);
    await sh(world, 'kubectl delete pv pv1 --wait=false >/dev/null; sleep 5');
    expect(await sh(world, "kubectl get pv pv1 -o jsonpath='{.status.phase} {.metadata.finalizers}'")).toBe('Bound ["kubernetes.io/pv-protection"]');
    await sh(world, 'kubectl delete pvc data >/dev/null; sleep 2');
    expect(await exists(world, 'pv/pv1')).toBe(false);
  });
});
