import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificateData, decodeCertificate, encodeCertificate, type Certificate } from '../../../src/sim/pki/cert';

const admin: Certificate = {
  serial: '1a2b',
  subject: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] },
  issuer: { commonName: 'kubernetes', organizations: [] },
  notBefore: Date.UTC(2026, 0, 15),
  notAfter: Date.UTC(2027, 0, 15),
  isCA: false,
  dnsNames: [],
  ipAddresses: [],
  usages: ['client'],
};

describe('simulated certificates', () => {
  it('round-trips through PEM wrapped at 64 columns', () => {
    const pem = encodeCertificate(admin);
    expect(pem.startsWith('-----BEGIN CERTIFICATE-----\n')).toBe(true);
    expect(pem.endsWith('-----END CERTIFICATE-----\n')).toBe(true);
    for (const line of pem.trim().split('\n').slice(1, -1)) expect(line.length).toBeLessThanOrEqual(64);
    expect(decodeCertificate(pem)).toEqual(admin);
  });

  it('kubeconfig data is base64 of the PEM, as in a real admin.conf', () => {
    expect(certificateData(admin).startsWith('LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t')).toBe(true);
    expect(decodeCertificate(atob(certificateData(admin)))).toEqual(admin);
  });

  it('rejects anything else without throwing', () => {
    fc.assert(fc.property(fc.string(), (s) => decodeCertificate(s) === undefined), { numRuns: 300 });
    expect(decodeCertificate('-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n')).toBeUndefined();
  });
});
