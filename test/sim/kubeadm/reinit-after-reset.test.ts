/**
 * `kubeadm reset` on the control plane deletes the contents of /var/lib/etcd: `kubeadm init` again
 * starts a new, empty etcd member, so the new cluster has only what a new API server and kubeadm
 * create. Nodes that were not reset keep the old cluster's CA in their kubelet.conf and cannot join
 * the new one (x509: unknown authority) until they are reset and joined again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';

type Result = { stdout: string; stderr: string; status: number };

describe('kubeadm init after kubeadm reset on the control plane', () => {
  let world: World;
  let after: Result;

  beforeAll(async () => {
    world = bootWorld('cluster', 1);
    const before = await runScript(world, 'cka01', 'kubectl create deployment web --image=nginx --replicas=2 && kubectl create ns team-a');
    expect(before.status).toBe(0);
    const init = await runScript(world, 'cka01', 'kubeadm reset -f >/dev/null 2>&1\nkubeadm init --pod-network-cidr=10.244.0.0/16 >/dev/null 2>&1; echo init=$?\ncp /etc/kubernetes/admin.conf $HOME/.kube/config\nsleep 30');
    expect(init.stdout).toBe('init=0\n');
    after = await runScript(world, 'cka01', 'kubectl get nodes -o name\nkubectl get ns -o name\nkubectl get deploy -A -o name\nkubectl get svc kubernetes -o name');
  }, 300_000);

  it('starts a new etcd member: only the new cluster objects, the old deployment and namespace gone', () => {
    expect(after.status).toBe(0);
    expect(after.stdout).toBe(
      ['node/cka01', 'namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system', 'deployment.apps/coredns', 'service/kubernetes', ''].join('\n'),
    );
  });

  it('keeps a worker that still trusts the old CA out, and takes it back once reset and joined again', async () => {
    const r = await runScript(world, 'cka01', 'J=$(kubeadm token create --print-join-command)\nssh cka02 "kubeadm reset -f >/dev/null 2>&1; $J >/dev/null 2>&1; echo join=\\$?"\nsleep 20\nkubectl get nodes -o name');
    expect(r.stdout).toBe('join=0\nnode/cka01\nnode/cka02\n');
  }, 120_000);
});
