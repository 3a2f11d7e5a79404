/**
 * The pod-template-hash of Deployments and the controller-revision hashes of DaemonSets and
 * StatefulSets: FNV-32a over the template, plus the collision count, printed in decimal and
 * passed through rand.SafeEncodeString (each digit mapped into the name alphabet), as
 * k8s.io/kubernetes/pkg/controller.ComputeHash does. The real hash feeds Go's struct dump to
 * FNV; here a canonical JSON of the same template feeds it, so values differ but have the same
 * shape and stability (same template → same name).
 */
import { K8S_NAME_ALPHABET } from '../../random';
import { canonical } from './objects';

export function fnv32a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193);
    const hi = s.charCodeAt(i) >> 8;
    if (hi) {
      h ^= hi;
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: every byte → alphanums[byte % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += K8S_NAME_ALPHABET[s.charCodeAt(i) % K8S_NAME_ALPHABET.length];
  return out;
}

export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(canonical(template));
  if (collisionCount !== undefined && collisionCount !== null) {
    // The real code writes the count as 4 little-endian bytes into the same hasher.
    const c = collisionCount >>> 0;
    h = fnv32a(String.fromCharCode(c & 0xff, (c >> 8) & 0xff, (c >> 16) & 0xff, (c >> 24) & 0xff), h);
  }
  return safeEncodeString(String(h));
}
