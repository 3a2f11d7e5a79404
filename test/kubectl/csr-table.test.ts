/** kubectl get csr: REQUESTEDDURATION as HumanDuration prints spec.expirationSeconds (86400 → 24h). */
import { describe, expect, it } from 'vitest';
import { certificatesigningrequests } from '../../src/kubectl/printers/columns/other';

describe('CertificateSigningRequest table', () => {
  const csr = (expirationSeconds?: number) => ({ metadata: { name: 'jane', creationTimestamp: '2026-01-15T08:00:00Z' }, spec: { signerName: 'kubernetes.io/kube-apiserver-client', username: 'kubernetes-admin', ...(expirationSeconds ? { expirationSeconds } : {}) }, status: {} });
  const duration = (s?: number) => certificatesigningrequests.cells(csr(s), Date.parse('2026-01-15T08:00:05Z'))[4];
  it('prints the requested duration as HumanDuration', () => {
    expect(duration(86400)).toBe('24h');
    expect(duration(600)).toBe('10m');
    expect(duration(3600 * 3)).toBe('3h');
    expect(duration(86400 * 365)).toBe('365d');
    expect(duration(undefined)).toBe('<none>');
  });
});

describe('humanDuration (apimachinery HumanDuration)', () => {
  it('truncates to whole seconds as int(d.Seconds()) does', async () => {
    const { humanDuration } = await import('../../src/kubectl/printers/duration');
    expect(humanDuration(1_999)).toBe('1s');
    expect(humanDuration(119_900)).toBe('119s');
    expect(humanDuration(599_900)).toBe('9m59s');
    expect(humanDuration(-1_500)).toBe('0s');
    expect(humanDuration(-2_500)).toBe('<invalid>');
  });
});
