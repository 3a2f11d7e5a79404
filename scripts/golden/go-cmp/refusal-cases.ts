/**
 * The claim-update refusals (422 Invalid, and one 403 from an admission plugin) compared with the real kubectl (kubectl-record.sh records it, and
 * test/sim/apiserver/storage-kubectl.test.ts runs the same through our kubectl): the claim, and
 * each case's merge patch and the edit that makes the same change.
 */
/** The hostPath volume of 2Gi in class manual that the claims bind to. */
export const VOLUME = `apiVersion: v1
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
`;

/** A claim of 1Gi in class manual; `metadata` adds lines under its name. */
export const claim = (name: string, metadata = '') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
${metadata}spec:
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  resources:
    requests:
      storage: 1Gi
`;

export const SETUP = `cat <<'YAML' | kubectl apply -f - >/dev/null
${VOLUME}---
${claim('c1', '  annotations:\n    volume.beta.kubernetes.io/storage-class: manual\n')}YAML
sleep 5
`;

/** Each case's merge patch, and the sed expression an editor applies to make the same change. */
export const CASES: Record<string, { patch: unknown; sed: string }> = {
  'access-modes': { patch: { spec: { accessModes: ['ReadWriteMany'] } }, sed: 's/ReadWriteOnce/ReadWriteMany/' },
  'volume-mode': { patch: { spec: { volumeMode: 'Block' } }, sed: 's/volumeMode: Filesystem/volumeMode: Block/' },
  annotation: { patch: { metadata: { annotations: { 'volume.beta.kubernetes.io/storage-class': 'fast' } } }, sed: 's/storage-class: manual/storage-class: fast/' },
  // Valid, but the PersistentVolumeClaimResize admission refuses it (403): edit gives up at once.
  resize: { patch: { spec: { resources: { requests: { storage: '3Gi' } } } }, sed: 's/storage: 1Gi/storage: 3Gi/' },
};
