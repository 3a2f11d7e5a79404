/**
 * etcd's --data-dir is a path in its container: kubeadm's etcd-data volume mounts the node's
 * /var/lib/etcd there. Changing only the flag (--data-dir=/var/lib/etcd-x, the half-done etcd
 * restore) puts the member's data in the container's own layer: a new, empty cluster. The API
 * server answers again, with nothing of kubeadm's in it, so admin.conf's user (group
 * kubeadm:cluster-admins, whose ClusterRoleBinding kubeadm init created) is refused:
 *
 *   Error from server (Forbidden): nodes is forbidden: User "kubernetes-admin" cannot list resource "nodes" in API group "" at the cluster scope
 *
 * (a kind cluster whose etcd dataDir lived in the node container's tmpfs, after a restart; its
 * write-up: "컨테이너 재시작 한 번에 클러스터가 사라졌다", and the same Forbidden from clusters
 * whose etcd came back empty). super-admin.conf (system:masters) still sees the empty cluster.
 * Putting the flag back serves the node's /var/lib/etcd again, with everything in it.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

const MANIFEST = '/etc/kubernetes/manifests/etcd.yaml';

describe('etcd with a --data-dir outside its data volume', () => {
  it('starts an empty cluster (kubernetes-admin is Forbidden); the flag back, the cluster is back', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `kubectl create deployment keepme --image=nginx >/dev/null; sed -i 's#--data-dir=/var/lib/etcd$#--data-dir=/var/lib/etcd-x#' ${MANIFEST}`);
    const empty = await runScript(world, 'cka01', 'sleep 90; kubectl get nodes; echo rc=$?; kubectl --kubeconfig /etc/kubernetes/super-admin.conf get deployments -A; kubectl --kubeconfig /etc/kubernetes/super-admin.conf get ns -o name');
    expect(empty.stderr).toBe('Error from server (Forbidden): nodes is forbidden: User "kubernetes-admin" cannot list resource "nodes" in API group "" at the cluster scope\nNo resources found\n');
    expect(empty.stdout).toBe('rc=1\nnamespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n');

    await runScript(world, 'cka01', `sed -i 's#--data-dir=/var/lib/etcd-x#--data-dir=/var/lib/etcd#' ${MANIFEST}`);
    const back = await runScript(world, 'cka01', 'sleep 90; kubectl get deployment keepme -o name');
    expect(back.stdout).toBe('deployment.apps/keepme\n');
  }, 60_000);
});
