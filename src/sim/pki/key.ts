/**
 * Simulated RSA keys. A key is named by an id; its public half (what a certificate or a request
 * carries) is `{ bits, id }`. The "DER" form of a public key is a short ASCII string, so it passes
 * through the shell's text pipes unchanged and `openssl dgst -sha256` over it gives the same hash
 * that kubeadm pins in `--discovery-token-ca-cert-hash` (both call publicKeyHash).
 */
import { sha256 } from '../../shell/commands/lib/hash';
import { armour, parseTagged, unarmour } from './pem';

export interface PublicKey {
  bits: number;
  id: string;
}

export type PrivateKey = PublicKey;

const KEY_MAGIC = 'cka-lab-rsa-key/1';
const PUB_MAGIC = 'cka-lab-rsa-pub/1';
const PRIVATE_LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];

/** PKCS#8 PEM, as OpenSSL 3 `genrsa` writes it. */
export function encodePrivateKey(key: PrivateKey): string {
  return armour('PRIVATE KEY', JSON.stringify({ m: KEY_MAGIC, bits: key.bits, id: key.id }));
}

/** Any private key PEM: ours, or the opaque ones the cluster files hold (named by their text). */
export function decodePrivateKey(pem: string): PrivateKey | undefined {
  const block = unarmour(pem, PRIVATE_LABELS);
  if (!block) return undefined;
  const ours = parseTagged<PrivateKey>(block.body, KEY_MAGIC);
  if (ours && typeof ours.bits === 'number' && typeof ours.id === 'string') return { bits: ours.bits, id: ours.id };
  return { bits: 2048, id: sha256(new TextEncoder().encode(block.body)).slice(0, 32) };
}

export function encodePublicKey(key: PublicKey): string {
  return armour('PUBLIC KEY', JSON.stringify({ m: PUB_MAGIC, bits: key.bits, id: key.id }));
}

export function decodePublicKey(pem: string): PublicKey | undefined {
  const block = unarmour(pem, ['PUBLIC KEY']);
  const data = block && parseTagged<PublicKey>(block.body, PUB_MAGIC);
  return data && typeof data.id === 'string' ? { bits: Number(data.bits) || 2048, id: data.id } : undefined;
}

/** The SubjectPublicKeyInfo "DER" bytes (ASCII, see above). */
export function publicKeyDer(key: PublicKey): string {
  return `cka-lab SubjectPublicKeyInfo rsaEncryption ${key.bits} ${key.id}`;
}

/** sha256 of the SubjectPublicKeyInfo: the CA hash kubeadm pins. */
export function publicKeyHash(key: PublicKey): string {
  return sha256(new TextEncoder().encode(publicKeyDer(key)));
}

/** Deterministic bytes from a seed (sha256 in counter mode): stands for modulus and signature bytes. */
export function derivedBytes(seed: string, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; out.length < count; i++) {
    const hex = sha256(new TextEncoder().encode(`${seed}#${i}`));
    for (let j = 0; j < hex.length && out.length < count; j += 2) out.push(parseInt(hex.slice(j, j + 2), 16));
  }
  return out;
}

/** The modulus as openssl prints it: a leading 00 then bits/8 bytes with the top bit set. */
export function modulusBytes(key: PublicKey): number[] {
  const bytes = derivedBytes(`modulus:${key.id}`, key.bits / 8);
  bytes[0] |= 0x80;
  bytes[bytes.length - 1] |= 1;
  return [0, ...bytes];
}
