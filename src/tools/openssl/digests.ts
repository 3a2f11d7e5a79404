/** The message digests openssl knows here, by the names it accepts and prints. */
import { md5, sha1, sha256 } from '../../shell/commands/lib/hash';

export interface Digest {
  /** What `dgst` prints before `(file)=`. */
  label: string;
  /** What `x509 -fingerprint` prints before ` Fingerprint=` when the digest is named. */
  name: string;
  hash(bytes: Uint8Array): string;
}

export const DIGESTS: Record<string, Digest> = {
  sha256: { label: 'SHA2-256', name: 'sha256', hash: sha256 },
  sha1: { label: 'SHA1', name: 'sha1', hash: sha1 },
  md5: { label: 'MD5', name: 'md5', hash: md5 },
};

export function isDigestName(name: string): boolean {
  return name in DIGESTS;
}
