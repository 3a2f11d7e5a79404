/** Manifests the storage tests share: a 1Gi hostPath volume pv1 and the claim data of the same class. */
export function volumeAndClaim(storageClassName: string): string {
  const cls = JSON.stringify(storageClassName);
  return `apiVersion: v1
kind: PersistentVolume
metadata: {name: pv1}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: ${cls}
  hostPath: {path: /mnt/pv1}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  storageClassName: ${cls}
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}`;
}
