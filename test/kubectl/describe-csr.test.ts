/**
 * describe certificatesigningrequest as kubectl 1.33's CertificateSigningRequestDescriber prints it:
 * the expected texts below are the real client's output for the same objects, served by a stub API
 * server with a real PKCS#10 request of the same subject (scripts/golden/describe/check.sh).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const SETUP = `cd /tmp
openssl genrsa -out k.key 2048 2>/dev/null
openssl req -new -key k.key -subj "/CN=jane/O=dev" -out jane.csr
openssl req -new -key k.key -subj "/C=CN/ST=BJ/L=Beijing/O=dev/O=ops/OU=k8s/CN=web" -addext "subjectAltName=DNS:web.local,DNS:web,IP:10.0.0.5" -out web.csr
kubectl create -f - >/dev/null <<Y
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: {name: jane}
spec: {request: $(base64 -w0 jane.csr), signerName: kubernetes.io/kube-apiserver-client, expirationSeconds: 86400, usages: [client auth]}
---
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: {name: web, labels: {team: a}}
spec: {request: $(base64 -w0 web.csr), signerName: example.com/web, usages: [server auth]}
Y
`;

describe('kubectl describe csr', () => {
  it("lists the request's subject and alternative names, and the status extractCSRStatus makes", async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', SETUP);
    const pending = await runScript(world, 'cka01', 'kubectl describe csr jane');
    const created = /CreationTimestamp: +(.*)\n/.exec(pending.stdout)?.[1];
    expect(created).toMatch(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000$/);
    expect(pending.stdout).toBe(
      `Name:                jane\nLabels:              <none>\nAnnotations:         <none>\nCreationTimestamp:   ${created}\nRequesting User:     kubernetes-admin\n` +
        'Signer:              kubernetes.io/kube-apiserver-client\nRequested Duration:  24h\nStatus:              Pending\n' +
        'Subject:\n         Common Name:    jane\n         Serial Number:  \n         Organization:   dev\nEvents:  <none>\n',
    );
    await runScript(world, 'cka01', 'kubectl certificate approve jane; kubectl certificate deny web; sleep 2');
    expect((await runScript(world, 'cka01', 'kubectl describe csr jane | grep Status')).stdout).toBe('Status:              Approved,Issued\n');
    const denied = await runScript(world, 'cka01', 'kubectl describe csr web');
    expect(denied.stdout).toBe(
      `Name:               web\nLabels:             team=a\nAnnotations:        <none>\nCreationTimestamp:  ${created}\nRequesting User:    kubernetes-admin\nSigner:             example.com/web\nStatus:             Denied\n` +
        'Subject:\n  Common Name:          web\n  Serial Number:        \n  Organization:         dev\n                        ops\n  Organizational Unit:  k8s\n  Country:              CN\n  Locality:             Beijing\n  Province:             BJ\n' +
        'Subject Alternative Names:\n         DNS Names:     web.local\n                        web\n         IP Addresses:  10.0.0.5\nEvents:  <none>\n',
    );
  });
});
