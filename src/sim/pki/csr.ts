/**
 * Simulated PKCS#10 certificate requests (`openssl req -new` output, the `spec.request` of a
 * CertificateSigningRequest after base64). The body carries the subject, in the order given to
 * `-subj`, and the public key.
 */
import type { CertExtension, DistinguishedName } from './cert';
import type { PublicKey } from './key';
import { armour, parseTagged, unarmour } from './pem';

export interface CertificateRequest {
  subject: DistinguishedName;
  publicKey: PublicKey;
  /** Requested extensions (`req_extensions` of the config). */
  extensions?: CertExtension[];
}

const MAGIC = 'cka-lab-csr/1';

export function encodeRequest(req: CertificateRequest): string {
  return armour('CERTIFICATE REQUEST', JSON.stringify({ m: MAGIC, subject: req.subject, publicKey: req.publicKey, ...(req.extensions ? { extensions: req.extensions } : {}) }));
}

export function decodeRequest(pem: string): CertificateRequest | undefined {
  const block = unarmour(pem, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);
  const data = block && parseTagged<CertificateRequest>(block.body, MAGIC);
  if (!data || !data.subject || typeof data.subject.commonName !== 'string' || !data.publicKey) return undefined;
  return { subject: data.subject, publicKey: data.publicKey, ...(data.extensions ? { extensions: data.extensions } : {}) };
}
