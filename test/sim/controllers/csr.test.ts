import { describe, expect, it } from 'vitest';
import { gvr } from '../../../src/sim/apiserver';
import { decodeCertificate } from '../../../src/sim/pki/cert';
import { simpleCluster } from '../cluster/helpers';

const b64 = (s: string) => btoa(s);

describe('certificate signing', () => {
  it('signs an approved CSR for the subject of its request, and leaves pending ones alone', () => {
    const { cluster, admin } = simpleCluster();
    const request = b64(`-----BEGIN CERTIFICATE REQUEST-----\n${b64(JSON.stringify({ subject: { commonName: 'john', organizations: ['dev'] } }))}\n-----END CERTIFICATE REQUEST-----\n`);
    const r = admin.create(gvr('certificatesigningrequests'), undefined, {
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { name: 'john' },
      spec: { request, signerName: 'kubernetes.io/kube-apiserver-client', expirationSeconds: 86400, usages: ['client auth'] },
    });
    expect(r.code).toBe(201);
    cluster.advance(1_000);
    const pending = admin.get(gvr('certificatesigningrequests'), undefined, 'john').body as { status?: { certificate?: string } };
    expect(pending.status?.certificate).toBeUndefined();
    const csr = admin.get(gvr('certificatesigningrequests'), undefined, 'john').body as Record<string, unknown>;
    const approve = admin.request({
      verb: 'update',
      group: 'certificates.k8s.io',
      version: 'v1',
      resource: 'certificatesigningrequests',
      subresource: 'approval',
      name: 'john',
      body: { ...csr, status: { conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' }] } },
    });
    expect(approve.code).toBe(200);
    cluster.advance(1_000);
    const signed = admin.get(gvr('certificatesigningrequests'), undefined, 'john').body as { status: { certificate: string } };
    const cert = decodeCertificate(atob(signed.status.certificate))!;
    expect(cert.subject).toEqual({ commonName: 'john', organizations: ['dev'] });
    expect(cert.issuer.commonName).toBe('kubernetes');
    expect(cert.notAfter - cert.notBefore).toBe(86400_000 + 5 * 60_000);
  });
});

describe('the token cleaner', () => {
  it('deletes a bootstrap token Secret when it expires', () => {
    const { cluster, admin, clock } = simpleCluster();
    const expiration = clock.rfc3339(clock.now() + 120_000);
    admin.create(gvr('secrets'), 'kube-system', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'bootstrap-token-abcdef' },
      type: 'bootstrap.kubernetes.io/token',
      data: { 'token-id': b64('abcdef'), 'token-secret': b64('0123456789abcdef'), expiration: b64(expiration) },
    });
    cluster.advance(60_000);
    expect(admin.get(gvr('secrets'), 'kube-system', 'bootstrap-token-abcdef').code).toBe(200);
    cluster.advance(61_000);
    expect(admin.get(gvr('secrets'), 'kube-system', 'bootstrap-token-abcdef').code).toBe(404);
  });
});
