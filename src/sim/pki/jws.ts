/**
 * The detached JWS that signs cluster-info for bootstrap tokens (k8s.io/cluster-bootstrap/token/jws):
 * HS256 keyed with the token secret, protected header {"alg":"HS256","kid":"<token-id>"}, in
 * compact serialisation with the payload left out ("<header>..<signature>").
 */
import { sha256 } from '../../shell/commands/lib/hash';

const BLOCK = 64;

function bytesOfHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** HMAC-SHA256 (RFC 2104). */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const k = new Uint8Array(BLOCK);
  k.set(key.length > BLOCK ? bytesOfHex(sha256(key)) : key);
  const inner = bytesOfHex(sha256(concat(k.map((b) => b ^ 0x36), message)));
  return bytesOfHex(sha256(concat(k.map((b) => b ^ 0x5c), inner)));
}

/** base64url without padding (RFC 7515). */
export function base64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** ComputeDetachedSignature: the jws-kubeconfig-<id> value for `content` (the cluster-info kubeconfig). */
export function detachedSignature(content: string, tokenId: string, tokenSecret: string): string {
  const header = base64Url(utf8(JSON.stringify({ alg: 'HS256', kid: tokenId })));
  const signature = base64Url(hmacSha256(utf8(tokenSecret), utf8(`${header}.${base64Url(utf8(content))}`)));
  return `${header}..${signature}`;
}

/** DetachedTokenIsValid: does the signature verify `content` with this token? */
export function detachedSignatureIsValid(signature: string, content: string, tokenId: string, tokenSecret: string): boolean {
  return signature === detachedSignature(content, tokenId, tokenSecret);
}
