import { describe, expect, it } from 'vitest';
import { run, worldOf } from '../../tools/helpers';
import { clusterOf } from '../../../src/sim/cluster/attach';

describe('kubeadm certs check-expiration', () => {
  it('reads the certificates of the control plane', async () => {
    const w = worldOf('cluster');
    const r = await run(w, 'kubeadm certs check-expiration');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('[check-expiration] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...');
    expect(lines[3]).toMatch(/^CERTIFICATE {16}EXPIRES {18}RESIDUAL TIME {3}CERTIFICATE AUTHORITY {3}EXTERNALLY MANAGED/);
    expect(r.stdout).toMatch(/\napiserver {18}\w{3} \d\d, \d{4} \d\d:\d\d UTC {3}36[45]d {12}ca /);
    expect(r.stdout).toMatch(/\nca {22}\w{3} \d\d, \d{4} \d\d:\d\d UTC {3}9y /);
    // tabwriter: the header's last cell unpadded, a row's "no" as %-8v prints it.
    expect(lines[3].endsWith('EXTERNALLY MANAGED')).toBe(true);
    expect(lines[4].endsWith('   no      ')).toBe(true);
  });

  it('marks a missing certificate !MISSING! in the table (the column widens), missing: true in JSON', async () => {
    const w = worldOf('cluster');
    await run(w, 'rm /etc/kubernetes/pki/front-proxy-client.crt');
    const r = await run(w, 'kubeadm certs check-expiration');
    expect(r.stdout).toMatch(/\n!MISSING! front-proxy-client +\n/);
    expect(r.stdout).toMatch(/\napiserver {22}\w{3} /);
    const json = await run(w, 'kubeadm certs check-expiration -o json');
    const info = JSON.parse(json.stdout);
    expect(info.certificates.find((c: { name: string }) => c.name === 'front-proxy-client')).toEqual({ name: 'front-proxy-client', expirationDate: null, residualTime: 0, externallyManaged: false, missing: true });
  });

  it('-o json and -o yaml: a CertificateExpirationInfo, without the ConfigMap lines', async () => {
    const w = worldOf('cluster');
    const json = await run(w, 'kubeadm certs check-expiration -o json');
    expect(json.stdout.startsWith('{\n    "kind": "CertificateExpirationInfo",\n    "apiVersion": "output.kubeadm.k8s.io/v1alpha3",\n    "certificates": [\n        {\n            "name": "admin.conf",\n            "expirationDate": "')).toBe(true);
    const info = JSON.parse(json.stdout);
    expect(info.certificates.map((c: { name: string }) => c.name)).toHaveLength(11);
    expect(info.certificateAuthorities.map((c: { name: string }) => c.name)).toEqual(['ca', 'etcd-ca', 'front-proxy-ca']);
    expect(info.certificates[1]).toMatchObject({ name: 'apiserver', externallyManaged: false, caName: 'ca', missing: false });
    expect(info.certificates[1].residualTime).toBeGreaterThan(364 * 86400);
    const yaml = await run(w, 'kubeadm certs check-expiration -o yaml');
    expect(yaml.stdout).toMatch(/^apiVersion: output\.kubeadm\.k8s\.io\/v1alpha3\ncertificateAuthorities:\n- expirationDate: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n  externallyManaged: false\n  missing: false\n  name: ca\n  residualTime: \d+\n/);
    expect(yaml.stdout.endsWith('kind: CertificateExpirationInfo\n')).toBe(true);
  });
});

describe('kubeadm reset', () => {
  it('refuses without an answer, then with -f stops the kubelet and removes the files, with the reminders', async () => {
    const w = worldOf('cluster');
    let r = await run(w, 'kubeadm reset < /dev/null; echo rc=$?', { host: 'cka03' });
    expect(r.stdout).toBe('[reset] Are you sure you want to proceed? [y/N]: \nrc=1\n');
    expect(r.stderr).toContain("[reset] WARNING: Changes made to this host by 'kubeadm init' or 'kubeadm join' will be reverted.");
    expect(r.stderr).toContain('error execution phase preflight: aborted reset operation\n');
    r = await run(w, 'kubeadm reset -f; ls /etc/kubernetes/pki /var/lib/kubelet | wc -l; systemctl is-active kubelet', { host: 'cka03' });
    expect(r.stdout).toContain('[reset] Stopping the kubelet service\n');
    // --force skips the warning along with the question.
    expect(r.stderr).not.toContain('WARNING');
    // A worker has no admin.conf (no configuration from the cluster) and no etcd manifest: kubeadm warns,
    // falls back to the default data directory and reports it cleaned.
    expect(r.stdout.startsWith('[preflight] Running pre-flight checks\n[reset] Deleted contents of the etcd data directory: /var/lib/etcd\n[reset] Stopping the kubelet service\n')).toBe(true);
    expect(r.stderr).toMatch(/^W\d{4} [\d:.]+ +\d+ removeetcdmember\.go:106\] \[reset\] No kubeadm config, using etcd pod spec to get data directory\n$/);
    expect(r.stdout.endsWith(
      '\nThe reset process does not perform cleanup of CNI plugin configuration,\nnetwork filtering rules and kubeconfig files.\n\n' +
        'For information on how to perform this cleanup manually, please see:\n    https://k8s.io/docs/reference/setup-tools/kubeadm/kubeadm-reset/\n\n3\ninactive\n',
    )).toBe(true);
    expect(clusterOf(w)!.kubelets.get('cka03')!.running).toBe(false);
  });

  it('on the control plane reads the kubeadm-config ConfigMap first and needs no fallback', async () => {
    const w = worldOf('cluster');
    const r = await run(w, 'kubeadm reset -f');
    expect(r.stdout.startsWith(
      '[reset] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n' +
        "[reset] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.\n" +
        '[preflight] Running pre-flight checks\n[reset] Deleted contents of the etcd data directory: /var/lib/etcd\n',
    )).toBe(true);
    expect(r.stderr).toBe('');
  });
});
