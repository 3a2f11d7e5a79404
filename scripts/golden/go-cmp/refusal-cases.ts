/**
 * The claim-update refusals compared with the real kubectl (kubectl-record.sh records it, and
 * test/sim/apiserver/storage-kubectl.test.ts runs the same through our kubectl): the claim, and
 * each case's merge patch and the edit that makes the same change.
 */
export const SETUP = `cat <<'YAML' | kubectl apply -f - >/dev/null
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv1
spec:
  capacity:
    storage: 2Gi
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  hostPath:
    path: /data
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: c1
  annotations:
    volume.beta.kubernetes.io/storage-class: manual
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  resources:
    requests:
      storage: 1Gi
YAML
sleep 5
`;

/** Each case's merge patch, and the sed expression an editor applies to make the same change. */
export const CASES: Record<string, { patch: unknown; sed: string }> = {
  'access-modes': { patch: { spec: { accessModes: ['ReadWriteMany'] } }, sed: 's/ReadWriteOnce/ReadWriteMany/' },
  'volume-mode': { patch: { spec: { volumeMode: 'Block' } }, sed: 's/volumeMode: Filesystem/volumeMode: Block/' },
  annotation: { patch: { metadata: { annotations: { 'volume.beta.kubernetes.io/storage-class': 'fast' } } }, sed: 's/storage-class: manual/storage-class: fast/' },
};
