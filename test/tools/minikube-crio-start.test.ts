/**
 * minikube start --container-runtime=cri-o (minikube v1.36.0): the order of its start, from
 * pkg/minikube/bootstrapper/kubeadm/kubeadm.go Bootstrapper.init — `kubeadm init` with minikube's
 * kubeadm.yaml, whose criSocket (CRIO.SocketPath, unix:///var/run/crio/crio.sock) the kubelet-start
 * phase writes into the kubelet's flags, so the kubelet starts once and on CRI-O; then applyCNI as
 * soon as kubeadm exits (kindnet, cni.chooseDefault for a runtime other than Docker), before the
 * node is labelled and the add-ons are enabled.
 */
import { describe, expect, it } from 'vitest';
import { freshWorld, run, MINIKUBE_INSTALL } from './helpers';
import { runScript } from '../../src/runtime/session';

const INSTALL = MINIKUBE_INSTALL;

describe('minikube start --container-runtime=cri-o: the start sequence', () => {
  it('the kubelet starts once, on CRI-O, with the control plane; kindnet is created with kubeadm\'s add-ons, before storage-provisioner', async () => {
    const w = freshWorld();
    expect((await run(w, INSTALL)).status).toBe(0);
    expect((await run(w, 'minikube start --container-runtime=cri-o >/dev/null', { user: 'ubuntu' })).status).toBe(0);
    const journal = await runScript(w, 'cka01', "minikube ssh -- sudo journalctl -u kubelet --no-pager | grep -E 'Started kubelet:|Container runtime initialized'", 'ubuntu');
    const lines = journal.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/kuberuntime_manager\.go:\d+\] "Container runtime initialized" containerRuntime="cri-o" version="1\.24\.6" apiVersion="v1"$/);
    // The kubelet's start and the static pods' creation are one moment of kubeadm init.
    const times = await run(w, "kubectl -n kube-system get pods -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.creationTimestamp}{\"\\n\"}{end}'", { user: 'ubuntu' });
    const created = new Map(times.stdout.trimEnd().split('\n').map((l) => l.split(' ') as [string, string]));
    const at = (prefix: string) => Date.parse([...created].find(([n]) => n.startsWith(prefix))![1]);
    const kubeletStart = Date.parse(`2026 ${lines[0].slice(0, 15)} UTC`);
    expect(Math.abs(at('kube-apiserver-') - kubeletStart)).toBeLessThan(60_000);
    // kindnet's DaemonSet comes with kubeadm's own add-ons (kube-proxy), storage-provisioner after.
    expect(Math.abs(at('kindnet-') - at('kube-proxy-'))).toBeLessThan(5_000);
    expect(at('storage-provisioner')).toBeGreaterThan(at('kindnet-'));
  });
});
