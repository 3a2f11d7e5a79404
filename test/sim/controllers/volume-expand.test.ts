/**
 * Growing a claim on a v1.33 cluster: the PersistentVolumeClaimResize admission plugin refuses unless
 * the claim is Bound and its class allows expansion (plugin/pkg/admission/storage/persistentvolume/resize/admission.go;
 * real: 'Error from server (Forbidden): persistentvolumeclaims "std" is forbidden: only dynamically provisioned pvc can
 * be resized and the storageclass that provisions the pvc must support resize', exit 1, find_string id 70364517886),
 * and with expansion allowed the expand controller finds no in-tree plugin for a hostPath volume: "Warning
 * ExternalExpanding … volume_expand … waiting for an external controller to expand this PVC", capacity unchanged.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { volumeAndClaim } from './storage-yaml';

const SETUP = `kubectl apply -f - <<'EOF' >/dev/null
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fixed}
provisioner: example.com/nfs
---
${volumeAndClaim('fixed')}
EOF
sleep 3`;
const GROW = `kubectl patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'`;

describe('volume expansion', () => {
  it('a class without allowVolumeExpansion: Forbidden, exit 1, nothing changes', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', SETUP);
    const r = await runScript(world, 'cka01', GROW);
    expect(r).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize\n',
      status: 1,
    });
    expect((await runScript(world, 'cka01', "kubectl get pvc data -o jsonpath='{.spec.resources.requests.storage}'")).stdout).toBe('1Gi');
  });

  it('allowVolumeExpansion: true: accepted, and the claim waits for an external resizer with its old capacity', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `${SETUP}\nkubectl patch sc fixed -p '{"allowVolumeExpansion":true}' >/dev/null`);
    expect((await runScript(world, 'cka01', GROW)).stdout).toBe('persistentvolumeclaim/data patched\n');
    await runScript(world, 'cka01', 'sleep 20');
    const r = await runScript(world, 'cka01', "kubectl get pvc data -o jsonpath='{.spec.resources.requests.storage} {.status.capacity.storage} {.status.conditions}'");
    expect(r.stdout).toBe('2Gi 1Gi ');
    const events = await runScript(world, 'cka01', "kubectl get events --field-selector involvedObject.name=data,reason=ExternalExpanding -o jsonpath='{range .items[*]}{.type} {.source.component} {.message}{end}'");
    expect(events.stdout).toBe('Warning volume_expand waiting for an external controller to expand this PVC');
  });
});
