/** `kubeadm certs renew`: a year from now for the named certificates, seen by check-expiration. */
import { describe, expect, it } from 'vitest';
import { run, worldOf } from '../../tools/helpers';

describe('kubeadm certs renew', () => {
  it('renews one certificate, then all, with the real messages', async () => {
    const w = worldOf('cluster');
    const before = await run(w, 'kubeadm certs check-expiration | grep -E "^(apiserver|admin.conf) "');
    const one = await run(w, 'sleep 7200; kubeadm certs renew apiserver; kubeadm certs check-expiration | grep -E "^(apiserver|admin.conf) " | awk \'{print $1, $5}\'');
    expect(before.stdout).toMatch(/^admin\.conf +Jan 15, 2027 08:00 UTC +364d +ca +no +\napiserver +Jan 15, 2027 08:00 UTC/);
    expect(one.stdout).toMatch(
      new RegExp(
        '^\\[renew\\] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"\\.\\.\\.\\n' +
          "\\[renew\\] Use 'kubeadm init phase upload-config --config your-config\\.yaml' to re-upload it\\.\\n\\n" +
          'certificate for serving the Kubernetes API renewed\\nadmin\\.conf 08:00\\napiserver 10:0\\d\\n$',
      ),
    );
    const all = await run(w, 'kubeadm certs renew all | tail -n +4; kubeadm certs check-expiration | grep -c "10:0[0-9] UTC"');
    expect(all.stdout).toBe(
      [
        'certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself renewed',
        'certificate for serving the Kubernetes API renewed',
        'certificate the apiserver uses to access etcd renewed',
        'certificate for the API server to connect to kubelet renewed',
        'certificate embedded in the kubeconfig file for the controller manager to use renewed',
        'certificate for liveness probes to healthcheck etcd renewed',
        'certificate for etcd nodes to communicate with each other renewed',
        'certificate for serving etcd renewed',
        'certificate for the front proxy client renewed',
        'certificate embedded in the kubeconfig file for the scheduler manager to use renewed',
        'certificate embedded in the kubeconfig file for the super-admin renewed',
        '',
        'Done renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.',
        '11',
        '',
      ].join('\n'),
    );
    const bad = await run(w, 'kubeadm certs renew bogus; echo rc=$?');
    expect(bad.stderr).toBe('unknown command "bogus" for "kubeadm certs renew"\nTo see the stack trace of this error execute with --v=5 or higher\n');
  }, 60_000);
});
