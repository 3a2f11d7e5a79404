/**
 * kubectl verifies the API server's certificate as client-go does (crypto/x509): the host it dials
 * must be in the certificate (kubeadm's names the node, kubernetes.*, the Service address and the
 * advertise address — not 127.0.0.1 or localhost), a CA other than the cluster's fails with
 * "signed by unknown authority", an expired serving certificate with its dates; the failure comes
 * after discovery's five tries as "Unable to connect to the server".
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const tries = (url: string, error: string) =>
  new RegExp(`^(E\\d{4} [\\d:.]+ +4242 memcache\\.go:265\\] "Unhandled Error" err="couldn't get current server API group list: Get \\\\"${url.replace(/[.]/g, '\\.')}/api\\?timeout=32s\\\\": ${error.replace(/[.()]/g, '\\$&')}"\\n){5}Unable to connect to the server: ${error.replace(/[.()]/g, '\\$&')}\\n$`);

describe("kubectl and the API server's certificate", () => {
  it('trusts only a certificate for the name it dials, from the CA it knows, valid now', async () => {
    const world = bootWorld('cluster');
    const run = (s: string) => runScript(world, 'cka01', s);
    const loopback = await run('kubectl --server=https://127.0.0.1:6443 get nodes');
    expect(loopback.stderr).toMatch(tries('https://127.0.0.1:6443', 'tls: failed to verify certificate: x509: certificate is valid for 10.96.0.1, 192.168.6.171, not 127.0.0.1'));
    expect(loopback.status).toBe(1);
    expect((await run('kubectl --server=https://localhost:6443 get nodes')).stderr).toMatch(
      tries('https://localhost:6443', 'tls: failed to verify certificate: x509: certificate is valid for cka01, kubernetes, kubernetes.default, kubernetes.default.svc, kubernetes.default.svc.cluster.local, not localhost'),
    );
    // the node's name (127.0.1.1 in its /etc/hosts) is in the certificate; so is the Service address
    expect((await run('kubectl --server=https://cka01:6443 get nodes -o name')).stdout).toBe('node/cka01\nnode/cka02\nnode/cka03\n');
    expect((await run('kubectl --server=https://10.96.0.1 get nodes -o name')).stdout).toBe('node/cka01\nnode/cka02\nnode/cka03\n');
    expect((await run('kubectl --server=https://127.0.0.1:6443 --tls-server-name=kubernetes get nodes -o name')).stdout).toBe('node/cka01\nnode/cka02\nnode/cka03\n');
    expect((await run('kubectl --server=https://127.0.0.1:6443 --insecure-skip-tls-verify get nodes -o name')).stdout).toBe('node/cka01\nnode/cka02\nnode/cka03\n');
    expect((await run('kubectl --certificate-authority=/etc/kubernetes/pki/etcd/ca.crt get nodes')).stderr).toMatch(
      tries('https://192.168.6.171:6443', 'tls: failed to verify certificate: x509: certificate signed by unknown authority'),
    );
    expect(await run('kubectl --server=https://127.0.0.1:6443 version')).toMatchObject({
      stdout: 'Client Version: v1.33.4\nKustomize Version: v5.6.0\n',
      stderr: 'Unable to connect to the server: tls: failed to verify certificate: x509: certificate is valid for 10.96.0.1, 192.168.6.171, not 127.0.0.1\n',
    });
  });
});
