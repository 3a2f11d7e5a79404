/**
 * A joined node's /etc/kubernetes/kubelet.conf is the one its kubelet writes after the TLS
 * bootstrap (pkg/kubelet/certificate/bootstrap writeKubeconfigFromBootstrapping): cluster
 * default-cluster, user default-auth, context default-context in namespace default, the client
 * certificate and key both kubelet-client-current.pem. This is what `cat /etc/kubernetes/kubelet.conf`
 * shows on KodeKloud's and killercoda's node01 in the "kubelet pointed at the wrong port" exercise
 * (pasted in public CKA notes: `server: https://controlplane:6553` under `name: default-cluster`).
 * The control plane's (kubeadm init's) keeps the node's own names.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

describe("a node's kubelet.conf", () => {
  it('on a worker: the TLS bootstrap names; on the control plane: the node names', async () => {
    const world = bootWorld('cluster');
    const worker = await runScript(world, 'cka02', "grep -v 'certificate-authority-data' /etc/kubernetes/kubelet.conf");
    expect(worker.stdout).toBe(`apiVersion: v1
clusters:
- cluster:
    server: https://192.168.6.171:6443
  name: default-cluster
contexts:
- context:
    cluster: default-cluster
    namespace: default
    user: default-auth
  name: default-context
current-context: default-context
kind: Config
preferences: {}
users:
- name: default-auth
  user:
    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem
    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem
`);
    const controlPlane = await runScript(world, 'cka01', "grep -E '^(current-context|- name):' /etc/kubernetes/kubelet.conf");
    expect(controlPlane.stdout).toBe('current-context: system:node:cka01@kubernetes\n- name: system:node:cka01\n');
  });
});
