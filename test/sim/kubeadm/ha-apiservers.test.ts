/**
 * Every control-plane node of a kubeadm HA cluster serves the API at its own address: a client
 * pointed at cka02 keeps working while cka01's kube-apiserver is down, and nothing answers on a
 * worker's address.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorld, run, usePackageNetwork } from '../../tools/helpers';
import { PREPARE_NODE } from './prepare';

beforeAll(() => usePackageNetwork());

const HOSTS = "printf '%s\\n' '192.168.6.171 cka01 k8s-api.cka.lab' '192.168.6.172 cka02' '192.168.6.173 cka03' >> /etc/hosts\n";
const KUBECTL = 'kubectl --kubeconfig /etc/kubernetes/admin.conf';

describe('API servers of an HA control plane', () => {
  it('answers at each control plane running kube-apiserver, and only there', async () => {
    const w = freshWorld();
    for (const host of ['cka01', 'cka02', 'cka03']) await run(w, HOSTS + PREPARE_NODE, { host });
    const init = await run(w, 'kubeadm init --control-plane-endpoint=k8s-api.cka.lab:6443 --upload-certs --pod-network-cidr=10.244.0.0/16');
    const cp = /kubeadm join k8s-api\.cka\.lab:6443 --token (\S+) \\\n\t--discovery-token-ca-cert-hash (sha256:[0-9a-f]{64}) \\\n\t--control-plane --certificate-key ([0-9a-f]{64})/.exec(init.stdout)!;
    expect(cp).not.toBeNull();
    const joined = await run(w, `kubeadm join k8s-api.cka.lab:6443 --token ${cp[1]} --discovery-token-ca-cert-hash ${cp[2]} --control-plane --certificate-key ${cp[3]} >/dev/null; echo rc=$?`, { host: 'cka02' });
    expect(joined.stdout).toBe('rc=0\n');
    w.clock.advance(30_000);

    const viaCka02 = `${KUBECTL} --server https://192.168.6.172:6443 get nodes -o name`;
    expect((await run(w, viaCka02, { host: 'cka02' })).stdout).toBe('node/cka01\nnode/cka02\n');
    // From cka02 itself, its own API server on localhost: it answers, but its certificate does not name 127.0.0.1.
    expect((await run(w, `${KUBECTL} --server https://127.0.0.1:6443 get nodes -o name`, { host: 'cka02' })).stderr).toMatch(/\nUnable to connect to the server: tls: failed to verify certificate: x509: certificate is valid for 10\.96\.0\.1, 192\.168\.6\.172, not 127\.0\.0\.1\n$/);
    expect((await run(w, `${KUBECTL} --server https://127.0.0.1:6443 --tls-server-name=cka02 get nodes -o name`, { host: 'cka02' })).stdout).toBe('node/cka01\nnode/cka02\n');

    // cka01's API server stops (its manifest moved away): cka02's still answers.
    await run(w, 'mv /etc/kubernetes/manifests/kube-apiserver.yaml /root/');
    w.clock.advance(30_000);
    const down = await run(w, `${KUBECTL} --server https://192.168.6.171:6443 get nodes -o name`, { host: 'cka02' });
    expect(down.stderr).toMatch(/dial tcp 192\.168\.6\.171:6443: connect: connection refused"\nThe connection to the server 192\.168\.6\.171:6443 was refused - did you specify the right host or port\?\n$/);
    expect((await run(w, viaCka02, { host: 'cka02' })).stdout).toBe('node/cka01\nnode/cka02\n');

    // Nothing listens on 6443 on a machine without an API server.
    const worker = await run(w, `${KUBECTL} --server https://192.168.6.173:6443 get nodes -o name`, { host: 'cka02' });
    expect(worker.stderr).toMatch(/\nThe connection to the server 192\.168\.6\.173:6443 was refused - did you specify the right host or port\?\n$/);
  }, 90_000);
});
