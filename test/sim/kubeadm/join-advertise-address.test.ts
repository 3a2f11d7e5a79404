/**
 * `kubeadm join --control-plane` with an advertise address the machine does not hold: the new
 * etcd member (a learner) cannot start, kubeadm gives up promoting it after two minutes, and the
 * existing control plane keeps its quorum and its API.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorld, run, usePackageNetwork } from '../../tools/helpers';
import { PREPARE_NODE } from './prepare';

beforeAll(() => usePackageNetwork());

const HOSTS = "printf '%s\\n' '192.168.6.171 cka01 k8s-api.cka.lab' '192.168.6.172 cka02' '192.168.6.173 cka03' >> /etc/hosts\n";

describe('kubeadm join --control-plane --apiserver-advertise-address (not on the machine)', () => {
  it('fails at the etcd promotion; the cluster keeps serving; after reset the right address joins', async () => {
    const w = freshWorld();
    for (const host of ['cka01', 'cka02']) await run(w, HOSTS + PREPARE_NODE, { host });
    const init = await run(w, 'kubeadm init --control-plane-endpoint=k8s-api.cka.lab:6443 --upload-certs --pod-network-cidr=10.244.0.0/16');
    const cp = /kubeadm join (\S+) --token (\S+) \\\n\t--discovery-token-ca-cert-hash (\S+) \\\n\t--control-plane --certificate-key (\S+)/.exec(init.stdout)!;
    const join = `kubeadm join ${cp[1]} --token ${cp[2]} --discovery-token-ca-cert-hash ${cp[3]} --control-plane --certificate-key ${cp[4]}`;
    const bad = await run(w, `${join} --apiserver-advertise-address=10.0.0.9`, { host: 'cka02' });
    expect(bad.stdout).toContain('[etcd] Announced new etcd member joining to the existing etcd cluster\n[etcd] Creating static Pod manifest for "etcd"\n');
    expect(bad.stdout).not.toContain('This node has joined the cluster');
    const warnings = bad.stderr.split('\n').filter((l) => l.startsWith('{'));
    expect(warnings).toHaveLength(240);
    expect(JSON.parse(warnings[0])).toMatchObject({ level: 'warn', logger: 'etcd-client', caller: 'v3@v3.5.21/retry_interceptor.go:63', msg: 'retrying of unary invoker failed', attempt: 0, error: 'rpc error: code = FailedPrecondition desc = etcdserver: can only promote a learner member which is in sync with leader' });
    expect(bad.stderr.endsWith('error execution phase control-plane-join/etcd: error creating local etcd static pod manifest file: etcdserver: can only promote a learner member which is in sync with leader\nTo see the stack trace of this error execute with --v=5 or higher\n')).toBe(true);

    const etcd = await run(w, 'crictl ps -a 2>/dev/null | grep -c "Exited.*etcd"', { host: 'cka02' });
    expect(Number(etcd.stdout)).toBeGreaterThan(1);
    const api = await run(w, 'kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes -o name');
    expect(api.stderr).toBe('');
    expect(api.stdout).toContain('node/cka01\n');

    await run(w, 'kubeadm reset -f >/dev/null 2>&1', { host: 'cka02' });
    const good = await run(w, `${join} --apiserver-advertise-address=192.168.6.172`, { host: 'cka02' });
    expect(good.stderr).toBe('');
    expect(good.stdout).toContain('This node has joined the cluster and a new control plane instance was created:');
    const both = await run(w, 'kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes -o name');
    expect(both.stdout).toBe('node/cka01\nnode/cka02\n');
  }, 120_000);
});
