/**
 * Restoring etcd into a running kubeadm cluster: etcdutl builds a new data directory from a
 * snapshot, the etcd manifest's hostPath is switched to it, the kubelet restarts etcd on it and
 * the API shows the snapshot's state; switching back to the old directory brings the newer state back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { run, usePackageNetwork, worldOf } from '../../tools/helpers';

beforeAll(() => usePackageNetwork());

const INSTALL = [
  'ETCD_VER=v3.5.21',
  'curl -fsSL https://github.com/etcd-io/etcd/releases/download/${ETCD_VER}/etcd-${ETCD_VER}-linux-amd64.tar.gz | tar xz -C /tmp',
  'install /tmp/etcd-${ETCD_VER}-linux-amd64/etcdctl /tmp/etcd-${ETCD_VER}-linux-amd64/etcdutl /usr/local/bin/',
  'export ETCDCTL_ENDPOINTS=https://127.0.0.1:2379 ETCDCTL_CACERT=/etc/kubernetes/pki/etcd/ca.crt ETCDCTL_CERT=/etc/kubernetes/pki/etcd/server.crt ETCDCTL_KEY=/etc/kubernetes/pki/etcd/server.key',
  '',
].join('\n');

const switchTo = (dir: string) => `sed -i 's#^\\( *\\)path: /var/lib/etcd[^ ]*$#\\1path: ${dir}#' /etc/kubernetes/manifests/etcd.yaml\nsleep 40\n`;

describe('etcd restore into a running cluster', () => {
  it('the etcd static pod on the restored directory serves the snapshot; the old directory keeps the newer data', async () => {
    const w = worldOf('cluster');
    const save = await run(w, `${INSTALL}kubectl create deployment before-backup --image=nginx >/dev/null\nmkdir -p /var/backups\netcdctl snapshot save /var/backups/snap.db 2>/dev/null\nkubectl create deployment after-backup --image=nginx >/dev/null\nkubectl get deployments -o name`);
    expect(save.stdout).toBe('Snapshot saved at /var/backups/snap.db\ndeployment.apps/after-backup\ndeployment.apps/before-backup\n');

    // Over the live directory: refused, nothing changes.
    const over = await run(w, `${INSTALL}etcdutl snapshot restore /var/backups/snap.db --data-dir /var/lib/etcd; echo rc=$?`);
    expect(over.stderr).toBe('Error: data-dir "/var/lib/etcd" not empty or could not be read\n');
    expect(over.stdout).toBe('rc=1\n');

    const restore = await run(w, `${INSTALL}etcdutl snapshot restore /var/backups/snap.db --data-dir /var/lib/etcd-from-backup 2>/dev/null\n${switchTo('/var/lib/etcd-from-backup')}kubectl get deployments -o name`);
    expect(restore.stdout).toBe('deployment.apps/before-backup\n');

    // Back to the old directory: the state it held when etcd left it.
    const back = await run(w, `${switchTo('/var/lib/etcd')}kubectl get deployments -o name`);
    expect(back.stdout).toBe('deployment.apps/after-backup\ndeployment.apps/before-backup\n');
  }, 60_000);

  it('restores into the same path once the live directory is moved away, etcd stopped meanwhile', async () => {
    const w = worldOf('cluster');
    await run(w, `${INSTALL}kubectl create deployment before-backup --image=nginx >/dev/null\nmkdir -p /var/backups\netcdctl snapshot save /var/backups/snap.db >/dev/null 2>&1\nkubectl create deployment after-backup --image=nginx >/dev/null`);
    const r = await run(
      w,
      `${INSTALL}mv /etc/kubernetes/manifests/etcd.yaml /tmp/\nsleep 20\nmv /var/lib/etcd /var/lib/etcd.old\netcdutl snapshot restore /var/backups/snap.db --data-dir /var/lib/etcd >/dev/null 2>&1; echo rc=$?\nmv /tmp/etcd.yaml /etc/kubernetes/manifests/\nsleep 40\nkubectl get deployments -o name`,
    );
    expect(r.stdout).toBe('rc=0\ndeployment.apps/before-backup\n');
  }, 60_000);
});
