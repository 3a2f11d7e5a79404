/**
 * The CKA task "create a user with a certificate", end to end on a running cluster, as a learner
 * types it: key and CSR with openssl, a CertificateSigningRequest, approval, the issued certificate
 * in a kubeconfig user, and kubectl acting as that user (its groups from the certificate's O).
 * Also the older way: signing the request by hand with the cluster CA.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../../src/sim/world';
import { run, worldOf } from './helpers';

const CSR_YAML = `cat <<EOF | kubectl apply -f -
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: jane
spec:
  request: $(cat jane.csr | base64 | tr -d '\\n')
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages:
  - client auth
EOF`;

describe('a user from a CSR (openssl + certificates.k8s.io)', () => {
  let world: World;
  beforeAll(async () => {
    world = worldOf('cluster');
    const made = await run(world, 'cd /root\nopenssl genrsa -out jane.key 2048\nopenssl req -new -key jane.key -subj "/CN=jane/O=dev" -out jane.csr');
    expect(made).toEqual({ stdout: '', stderr: '', status: 0 });
  });

  it('the request holds the subject given to -subj', async () => {
    const r = await run(world, 'cd /root && openssl req -in jane.csr -noout -subject && head -1 jane.csr && stat -c %a jane.key');
    expect(r.stdout).toBe('subject=CN = jane, O = dev\n-----BEGIN CERTIFICATE REQUEST-----\n600\n');
  });

  it('is signed by the cluster once approved, and kubectl then acts as jane in group dev', async () => {
    const created = await run(world, `cd /root\n${CSR_YAML}`);
    expect(created.stdout).toBe('certificatesigningrequest.certificates.k8s.io/jane created\n');
    const approved = await run(world, 'kubectl certificate approve jane && kubectl get csr jane --no-headers | awk \'{print $NF}\'');
    expect(approved.stdout).toBe('certificatesigningrequest.certificates.k8s.io/jane approved\nApproved,Issued\n');

    const cert = await run(world, "cd /root\nkubectl get csr jane -o jsonpath='{.status.certificate}' | base64 -d > jane.crt\nopenssl x509 -in jane.crt -noout -subject -issuer");
    expect(cert.stdout).toBe('subject=O = dev, CN = jane\nissuer=CN = kubernetes\n');
    // The issued certificate pairs with jane's key.
    const pair = await run(world, 'cd /root\n[ "$(openssl x509 -noout -modulus -in jane.crt)" = "$(openssl rsa -noout -modulus -in jane.key)" ] && echo pair');
    expect(pair.stdout).toBe('pair\n');

    const creds = await run(world, 'cd /root\nkubectl config set-credentials jane --client-key=jane.key --client-certificate=jane.crt --embed-certs');
    expect(creds.stdout).toBe('User "jane" set.\n');
    const before = await run(world, 'kubectl --user=jane auth can-i list pods; kubectl --user=jane get pods');
    expect(before.stdout).toBe('no\n');
    expect(before.stderr).toBe('Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n');

    await run(world, 'kubectl create role pod-reader --verb=get,list --resource=pods && kubectl create rolebinding dev-read --role=pod-reader --group=dev');
    const after = await run(world, 'kubectl --user=jane auth can-i list pods; kubectl --user=jane auth can-i delete pods; kubectl --user=jane get pods');
    expect(after.stdout).toBe('yes\nno\n');
    expect(after.stderr).toBe('No resources found in default namespace.\n');
  });

  it('can be signed by hand with the cluster CA (openssl x509 -req)', async () => {
    const r = await run(world, 'cd /root\nopenssl x509 -req -in jane.csr -CA /etc/kubernetes/pki/ca.crt -CAkey /etc/kubernetes/pki/ca.key -CAcreateserial -out jane-manual.crt -days 365');
    expect(r).toEqual({ stdout: '', stderr: 'Certificate request self-signature ok\nsubject=CN = jane, O = dev\n', status: 0 });
    const serial = await run(world, 'cd /root\nopenssl x509 -in jane-manual.crt -noout -serial -issuer | sed s/serial=.*/serial=S/; test "$(openssl x509 -in jane-manual.crt -noout -serial)" = "serial=$(cat /etc/kubernetes/pki/ca.srl)" && echo srl');
    expect(serial.stdout).toBe('serial=S\nissuer=CN = kubernetes\nsrl\n');
    const dates = await run(world, 'cd /root\nopenssl x509 -in jane-manual.crt -noout -checkend 31535000; openssl x509 -in jane-manual.crt -noout -checkend 31537000; echo $?');
    expect(dates.stdout).toBe('Certificate will not expire\nCertificate will expire\n1\n');
    // A certificate signed by the cluster CA is accepted by the API server like the issued one.
    const kube = await run(world, 'cd /root\nkubectl config set-credentials jm --client-key=jane.key --client-certificate=jane-manual.crt --embed-certs >/dev/null; kubectl --user=jm auth can-i list pods');
    expect(kube.stdout).toBe('yes\n');
  });
});
